@testable import App
import Foundation
import SQLKit
import Vapor

/// Every roll-up row as one line of text, sorted, so two states compare as arrays.
func rollupRows(_ app: Application) async throws -> [String] {
    let sql = app.db.sql
    var rows: [String] = []
    for table in [DailyRollups.repTable, DailyRollups.sourceTable] {
        let columns = table == DailyRollups.repTable ? DailyRollups.repColumns : DailyRollups.sourceColumns
        for row in try await sql.raw("SELECT * FROM \(ident: table)").all() {
            let key = try (try? row.decode(column: "rep_id", as: UUID.self).uuidString) ?? row.decode(column: "source", as: String.self)
            let values = try columns.map { "\($0)=\(try row.decode(column: $0, as: Int.self))" }
            rows.append("\(table) \(try row.decode(column: "day", as: String.self)) \(key) " + values.joined(separator: " "))
        }
    }
    return rows.sorted()
}

/// The roll-up rows a rebuild from scratch counts (replacing the kept ones).
func rollupRowsAfterRebuild(_ app: Application) async throws -> [String] {
    try await DailyRollups(sql: app.db.sql, now: app.clock.now()).rebuild()
    return try await rollupRows(app)
}
