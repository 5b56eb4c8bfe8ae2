import Foundation
import SalesPulseCore
import SQLKit

/// What a sales report is asked for: the period, what it is compared with, and the region,
/// team, rep, product category, source and segment filters of the dashboards.
struct SalesReportRequest: Sendable {
    static let parameterNames: Set<String> = ["period", "compare"]

    /// As typed: "2026-10" or "last-month"; kept so a saved report stays relative.
    let periodText: String
    let compareText: String?
    let period: ReportPeriod
    let comparison: ReportPeriod
    /// The dimension filters with the period's dates.
    let filter: AnalyticsFilter

    var comparisonFilter: AnalyticsFilter {
        var filter = filter
        filter.from = comparison.from
        filter.to = comparison.to
        return filter
    }

    /// `period` defaults to last month; `extra` names further parameters the caller reads.
    init(parameters: [String: String], today: CalendarDay, extra: Set<String> = []) throws {
        let reason = "A report's dates come from its period and comparison; leave out from and to."
        var dimensions = parameters
        for name in Self.parameterNames { dimensions[name] = nil }
        var filter = try AnalyticsFilter.undated(dimensions, today: today, extra: extra, reason: reason)
        periodText = parameters["period"].flatMap { $0.isEmpty ? nil : $0 } ?? "last-month"
        compareText = parameters["compare"].flatMap { $0.isEmpty ? nil : $0 }
        do {
            period = try ReportPeriod.parse(periodText, today: today)
        } catch ReportPeriod.ParseError.period(let message) {
            throw DomainError.invalid(field: "period", message)
        }
        do {
            comparison = try period.comparison(compareText)
        } catch ReportPeriod.ParseError.comparison(let message) {
            throw DomainError.invalid(field: "compare", message)
        }
        filter.from = period.from
        filter.to = period.to
        self.filter = filter
    }

    /// A report over periods already worked out (the insights' last three months).
    init(filter: AnalyticsFilter, period: ReportPeriod, comparison: ReportPeriod) {
        periodText = period.from.monthText
        compareText = comparison.from.monthText
        self.period = period
        self.comparison = comparison
        var filter = filter
        filter.from = period.from
        filter.to = period.to
        self.filter = filter
    }

    /// The parameters that ask for this report again: for links, downloads and saving.
    var queryItems: [(String, String)] {
        [("period", periodText)] + (compareText.map { [("compare", $0)] } ?? []) + filter.queryItems.dropFirst(2)
    }

    /// "North · Hardware · team East", or "Everything you can see" without filters.
    func scopeText(db: any SQLDatabase) async throws -> String {
        var parts: [String] = []
        for (table, id, prefix) in [
            ("regions", filter.regionID, ""), ("teams", filter.teamID, "team "), ("users", filter.repID, ""),
            ("product_categories", filter.productCategoryID, ""), ("segments", filter.segmentID, ""),
        ] {
            guard let id else { continue }
            let row = try await db.raw(
                "SELECT \(ident: "name") FROM \(ident: table) WHERE \(ident: "id") = \(bind: id)"
            ).first()
            if let name = try row?.decode(column: "name", as: String.self) { parts.append(prefix + name) }
        }
        if let source = filter.source { parts.append(LeadSourceAdvice.label(source.rawValue) + " leads") }
        return parts.isEmpty ? "Everything you can see" : parts.joined(separator: " · ")
    }
}
