import Foundation
import SalesPulseCore
import SQLKit

/// Enrolments made in the filter's days, per source of the lead they came from: enrolments of
/// the people in scope, from leads of the filter's region, segment and source, whenever those
/// leads arrived. The enrolments list shows the same rows (`DrillDown.enrolments`).
struct EnrolmentSourceQuery: Sendable {
    let sql: AnalyticsSQL
    let scope: FactScope

    func counts() async throws -> [String: Int] {
        let conditions: [SQLQueryString] =
            [
                "\(ident: "enrolments").\(ident: "created_at") >= \(bind: scope.filter.startInstant)",
                "\(ident: "enrolments").\(ident: "created_at") < \(bind: scope.filter.endInstant)",
            ] + scope.ownership("enrolments", "owner_id") + leadDimensions
        var result: [String: Int] = [:]
        for row in try await sql.rows(
            """
            SELECT \(ident: "leads").\(ident: "source") AS \(ident: "source"), COUNT(*) AS \(ident: "n") FROM \(ident: "enrolments")
            JOIN \(ident: "leads") ON \(ident: "leads").\(ident: "id") = \(ident: "enrolments").\(ident: "lead_id")\(conditions.whereClause)
            GROUP BY \(ident: "leads").\(ident: "source")
            """)
        {
            result[try row.decode(column: "source", as: String.self)] = try row.decode(column: "n", as: Int.self)
        }
        return result
    }

    private var leadDimensions: [SQLQueryString] {
        var conditions: [SQLQueryString] = []
        if let region = scope.filter.regionID {
            conditions.append("\(ident: "leads").\(ident: "region_id") = \(bind: region)")
        }
        if let segment = scope.filter.segmentID {
            conditions.append("\(ident: "leads").\(ident: "segment_id") = \(bind: segment)")
        }
        if let source = scope.filter.source {
            conditions.append("\(ident: "leads").\(ident: "source") = \(bind: source.rawValue)")
        }
        return conditions
    }
}
