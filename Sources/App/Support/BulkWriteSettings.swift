import SQLKit

extension SQLDatabase {
    /// For a connection about to write many rows: on SQLite a page cache that holds the
    /// indexes a large table's inserts touch (the default 2 MB makes every insert read pages
    /// back from the file once a table passes a few hundred thousand rows) and statement
    /// journals in memory rather than in temporary files. Both last as long as the connection.
    func prepareForBulkWrites() async throws {
        guard dialect.name == "sqlite" else { return }
        try await raw("PRAGMA cache_size = -65536").run()
        try await raw("PRAGMA temp_store = MEMORY").run()
    }
}
