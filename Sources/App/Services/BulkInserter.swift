import Foundation
import SQLKit

/// Multi-row INSERTs for loading many rows at once (demo and benchmark data), bypassing the
/// per-record rules and audit that interactive writes go through.
final class BulkInserter {
    let table: String
    let columns: [String]
    private var rows: [[any SQLExpression]] = []
    private let rowsPerStatement: Int
    private(set) var inserted = 0

    /// Both databases cap bound parameters per statement (SQLite 32766, PostgreSQL 65535).
    init(table: String, columns: [String]) {
        self.table = table
        self.columns = columns
        rowsPerStatement = max(1, min(1000, 30_000 / columns.count))
    }

    /// Buffers a row; nothing is written until `flush`, so callers can write parents first.
    func add(_ values: [FieldValue]) {
        precondition(values.count == columns.count, "\(table): \(values.count) values for \(columns.count) columns")
        rows.append(values.map(\.sql))
    }

    func flush(on sql: any SQLDatabase) async throws {
        var start = 0
        while start < rows.count {
            let end = min(start + rowsPerStatement, rows.count)
            let insert = sql.insert(into: table).columns(columns)
            for row in rows[start..<end] { insert.values(row) }
            try await insert.run()
            start = end
        }
        inserted += rows.count
        rows.removeAll(keepingCapacity: true)
    }
}
