/// How many rows one INSERT may carry: SQLite takes up to 32,766 bound values in a statement and
/// PostgreSQL 65,535, so rows go in chunks that stay under both.
enum MultiRowInsert {
    static let maxBinds = 30_000
    static let maxRows = 1_000

    static func rowsPerStatement(columns: Int) -> Int {
        max(1, min(maxRows, maxBinds / max(columns, 1)))
    }

    static func chunks<Row>(_ rows: [Row], columns: Int) -> [ArraySlice<Row>] {
        let size = rowsPerStatement(columns: columns)
        return stride(from: 0, to: rows.count, by: size).map { rows[$0..<min($0 + size, rows.count)] }
    }
}
