import Foundation
import SalesPulseCore
import Vapor

/// /insights: the findings in words, each linking to the records it counts.
struct InsightsPagesController: RouteCollection {
    struct Statement: Encodable { let text: String; let href: String }
    struct Section: Encodable { let id: String; let title: String; let statements: [Statement] }
    struct Page: Encodable {
        let title: String
        let nav: Navigation
        let selects: [DashboardPage.Select]
        let intro: String
        let sections: [Section]
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("insights", use: page)
    }

    @Sendable func page(req: Request) async throws -> View {
        let report = try await InsightsReport.make(req: req)
        let filter = try AnalyticsFilter(
            parameters: try req.query.decode([String: String].self), today: CalendarDay(containing: req.now))
        return try await req.view.render(
            "insights",
            Page(
                title: "Insights", nav: try req.navigation(),
                selects: try await DashboardPage.selects(filter, actor: try await req.actor(), db: req.db.sql),
                intro:
                    "The last three full months, \(report.periodText), against the three before and the same months a year earlier. Every line opens the records behind it.",
                sections: report.sections.map { section in
                    Section(
                        id: section.id, title: section.title,
                        statements: section.statements.map { Statement(text: $0.text, href: $0.href) })
                }))
    }
}
