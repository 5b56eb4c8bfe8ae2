import Foundation
import SalesPulseCore
import Vapor

/// The insights in words, grouped as the page shows them and the API returns them.
struct InsightsReport: Sendable {
    struct Section: Sendable {
        let id: String
        let title: String
        let statements: [InsightStatement]
    }

    let periodText: String
    let sections: [Section]

    static func make(req: Request) async throws -> InsightsReport {
        let today = CalendarDay(containing: req.now)
        let filter = try AnalyticsFilter.undated(
            try req.query.decode([String: String].self), today: today,
            reason: "Insights always compare the last three full months; leave out from and to.")
        let query = InsightsQuery(service: try await AnalyticsService(req: req), base: filter, today: today)
        let (recent, previous, lastYear) = query.periods
        let trends = try await query.trends()
        let revenueChange = trends.first { $0.metric == .revenue }.map { $0.recentValue - $0.previousValue } ?? 0
        let service = query.service
        // One pass over what moved revenue serves both the findings and the sections below.
        let movements = try await SalesReport.movements(service: service, current: recent, previous: previous)
        var sections = [
            Section(
                id: "trends", title: "How the figures moved",
                statements: trends.map { InsightWords.trend($0, previous: previous, lastYear: lastYear) })
        ]
        let findings = try await SalesReportFindings(
            service: service, database: req.db,
            request: SalesReportRequest(
                filter: filter,
                period: ReportPeriod(from: recent.from, to: recent.to, label: InsightWords.period(recent)),
                comparison: ReportPeriod(from: previous.from, to: previous.to, label: InsightWords.period(previous))),
            movements: movements
        ).all(unusualWeeks: false)
        for (id, title, items) in [
            ("risks", "Risks", findings.risks), ("recommendations", "Recommendations", findings.recommendations),
        ] {
            sections.append(
                Section(
                    id: id, title: title,
                    statements: items.map {
                        InsightStatement(kind: String(id.dropLast()), text: $0.text, href: $0.href ?? "", figures: [:])
                    }))
        }
        for grouping in InsightsQuery.contributionGroupings {
            guard let movement = movements.first(where: { $0.grouping == grouping }) else { continue }
            sections.append(
                Section(
                    id: "by-\(grouping.rawValue)", title: "\(movement.title) that moved revenue most",
                    statements: movement.rows.prefix(InsightsQuery.contributionsShown).map {
                        InsightWords.contribution($0, total: revenueChange, previous: previous)
                    }))
        }
        sections.append(
            Section(
                id: "seasons", title: "Seasons",
                statements: try await query.seasonality().compactMap { InsightWords.seasonal($0, base: filter) }))
        sections.append(
            Section(
                id: "unusual", title: "Unusual weeks in the last year",
                statements: try await query.unusualWeeks().map { InsightWords.unusual($0, base: filter) }))
        sections.append(
            Section(
                id: "unusual-days", title: "Unusual days in the last thirteen weeks",
                statements: try await query.unusualDays().map { InsightWords.unusual($0, base: filter) }))
        return InsightsReport(periodText: InsightWords.period(recent), sections: sections)
    }

    var json: [String: Any] {
        [
            "period": periodText,
            "sections": sections.map { section -> [String: Any] in
                [
                    "id": section.id, "title": section.title,
                    "items": section.statements.map {
                        ["kind": $0.kind, "text": $0.text, "href": $0.href, "figures": $0.figures] as [String: Any]
                    },
                ]
            },
        ]
    }
}
