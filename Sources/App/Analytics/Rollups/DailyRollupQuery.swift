import Foundation
import SalesPulseCore
import SQLKit

/// Reads the daily roll-ups for a date range, within what the viewer may see.
struct DailyRollupQuery: Sendable {
    enum Kind: String, CaseIterable, Sendable { case rep, source }

    let sql: any SQLDatabase
    let scope: FactScope

    /// Rows in day order; per rep, the viewer's own or team's reps only.
    func rows(_ kind: Kind) async throws -> [[String: Any]] {
        let filter = scope.filter
        var conditions = inRange()
        let table: String, key: String, columns: [String]
        switch kind {
        case .rep:
            (table, key, columns) = (DailyRollups.repTable, "rep_id", DailyRollups.repColumns)
            conditions += scope.ownership(table, "rep_id")
        case .source:
            guard scope.visibleOwners == nil else {
                throw DomainError.forbidden("Lead-source roll-ups cover the whole company; ask an admin.")
            }
            (table, key, columns) = (DailyRollups.sourceTable, "source", DailyRollups.sourceColumns)
            if let source = filter.source { conditions.append("\(ident: "source") = \(bind: source.rawValue)") }
        }
        let keyColumn: SQLQueryString = kind == .rep ? "CAST(\(ident: key) AS TEXT)" : "\(ident: key)"
        let rows = try await sql.raw(
            "SELECT \(ident: "day"), \(keyColumn) AS \(ident: "key"), \(idents: columns, joinedBy: ", ") FROM \(ident: table)\(conditions.whereClause) ORDER BY \(ident: "day"), \(ident: "key")"
        ).all()
        return try rows.map { row in
            var item: [String: Any] = ["day": try row.decode(column: "day", as: String.self)]
            let keyText = try row.decode(column: "key", as: String.self)
            item[kind == .rep ? "repId" : "source"] =
                kind == .rep ? (UUID(uuidString: keyText)?.uuidString ?? keyText) : keyText
            var values: [String: Int] = [:]
            for column in columns {
                let value = try row.decode(column: column, as: Int.self)
                values[column] = value
                item[Self.camelCase(column)] = column == "revenue" ? Double(value) / 100 : value as Any
            }
            if kind == .rep { item["averageResponseMinutes"] = Self.averageResponseMinutes(values) ?? NSNull() }
            return item
        }
    }

    /// Minutes from a lead's creation to its first activity, over the leads that had one.
    static func averageResponseMinutes(_ values: [String: Int]) -> Double? {
        let responded = values["responded_leads"] ?? 0
        return responded > 0 ? Double(values["response_minutes"] ?? 0) / Double(responded) : nil
    }

    /// The filter's days.
    private func inRange() -> [SQLQueryString] {
        ["\(ident: "day") >= \(bind: scope.filter.from.text)", "\(ident: "day") <= \(bind: scope.filter.to.text)"]
    }

    static func camelCase(_ column: String) -> String {
        let words = column.split(separator: "_")
        return String(words[0]) + words.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    /// Per rep, the roll-up columns summed over the filter's days.
    func repTotals() async throws -> [UUID: [String: Int]] {
        let table = DailyRollups.repTable
        let conditions = inRange() + scope.ownership(table, "rep_id")
        let sums = DailyRollups.repColumns.map { "CAST(SUM(\(ident: $0)) AS BIGINT) AS \(ident: $0)" as SQLQueryString }
            .joined(separator: ", ")
        var totals: [UUID: [String: Int]] = [:]
        for row in try await sql.raw(
            "SELECT CAST(\(ident: "rep_id") AS TEXT) AS \(ident: "rep"), \(sums) FROM \(ident: table)\(conditions.whereClause) GROUP BY \(ident: "rep_id")"
        ).all() {
            guard let rep = UUID(uuidString: try row.decode(column: "rep", as: String.self)) else { continue }
            var values: [String: Int] = [:]
            for column in DailyRollups.repColumns { values[column] = try row.decode(column: column, as: Int.self) }
            totals[rep] = values
        }
        return totals
    }
}
