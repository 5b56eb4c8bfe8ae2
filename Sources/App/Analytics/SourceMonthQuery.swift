import Foundation
import SalesPulseCore
import SQLKit

/// Leads and conversions per source and month, for the conversion heatmap.
struct SourceMonthQuery: Sendable {
    struct Cell: Sendable, Equatable {
        var leads = 0
        var converted = 0
        var rate: Double? { leads > 0 ? Double(converted) / Double(leads) * 100 : nil }
    }

    let sql: AnalyticsSQL
    let scope: FactScope

    /// cells[source][month "YYYY-MM"]
    func cells() async throws -> [String: [String: Cell]] {
        let day = sql.dayNumber("leads", "created_at")
        let converted = AnalyticsSQL.count(
            when: "\(ident: "leads").\(ident: "status") = \(bind: LeadStatus.converted.rawValue)")
        var result: [String: [String: Cell]] = [:]
        for row in try await sql.rows(
            "SELECT \(ident: "leads").\(ident: "source") AS \(ident: "source"), \(day) AS \(ident: "day"), COUNT(*) AS \(ident: "n"), \(converted) AS \(ident: "converted") FROM \(ident: "leads")\(scope.leads().whereClause) GROUP BY \(ident: "leads").\(ident: "source"), \(day)"
        ) {
            let source = try row.decode(column: "source", as: String.self)
            let month = CalendarDay(number: try row.decode(column: "day", as: Int.self)).monthText
            result[source, default: [:]][month, default: Cell()].leads += try row.decode(column: "n", as: Int.self)
            result[source, default: [:]][month, default: Cell()].converted += try row.decode(
                column: "converted", as: Int.self)
        }
        return result
    }
}
