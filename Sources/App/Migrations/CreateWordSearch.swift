import Fluent
import SQLKit

/// The word-search index of `WordSearch`: FTS5 trigram tables kept by triggers on SQLite,
/// trigram GIN indexes on PostgreSQL.
struct CreateWordSearch: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = database.sql
        if sql.dialect.name == "sqlite" {
            for table in WordSearch.columns.keys.sorted() { try await Self.createSQLiteIndex(table, on: sql) }
            return
        }
        // pg_trgm is a trusted extension: a database owner may create it. It lives in public so
        // that every schema of the database shares one copy.
        do {
            try await sql.raw("CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public").run()
        } catch {
            // Another schema's migration may have created it at the same moment.
            database.logger.info("pg_trgm: \(String(reflecting: error))")
        }
        for table in WordSearch.columns.keys.sorted() {
            try await sql.raw(
                """
                CREATE INDEX \(ident: "\(table)_words_idx") ON \(ident: table)
                USING gin ((lower(\(unsafeRaw: WordSearch.body(table)))) public.gin_trgm_ops)
                """
            ).run()
        }
    }

    func revert(on database: any Database) async throws {
        let sql = database.sql
        for table in WordSearch.columns.keys.sorted() {
            if sql.dialect.name == "sqlite" {
                try await Self.dropSQLiteIndex(table, on: sql)
            } else {
                try await sql.raw("DROP INDEX IF EXISTS \(ident: "\(table)_words_idx")").run()
            }
        }
    }

    /// One FTS5 table per record type, keyed by the record's rowid, filled from the rows there
    /// are and kept by triggers on every insert, change of a searched column and delete.
    static func createSQLiteIndex(_ table: String, on sql: any SQLDatabase) async throws {
        let words = WordSearch.wordTable(table)
        let columns = (WordSearch.columns[table] ?? []).map { "\"\($0)\"" }.joined(separator: ", ")
        try await sql.raw("CREATE VIRTUAL TABLE \(ident: words) USING fts5(body, tokenize = 'trigram')").run()
        try await sql.raw(
            "INSERT INTO \(ident: words) (rowid, body) SELECT rowid, \(unsafeRaw: WordSearch.body(table)) FROM \(ident: table)"
        ).run()
        try await sql.raw(
            """
            CREATE TRIGGER \(ident: "\(table)_words_insert") AFTER INSERT ON \(ident: table) BEGIN
              INSERT INTO \(ident: words) (rowid, body) VALUES (NEW.rowid, \(unsafeRaw: WordSearch.body(table, row: "NEW.")));
            END
            """
        ).run()
        try await sql.raw(
            """
            CREATE TRIGGER \(ident: "\(table)_words_update") AFTER UPDATE OF \(unsafeRaw: columns) ON \(ident: table) BEGIN
              DELETE FROM \(ident: words) WHERE rowid = OLD.rowid;
              INSERT INTO \(ident: words) (rowid, body) VALUES (NEW.rowid, \(unsafeRaw: WordSearch.body(table, row: "NEW.")));
            END
            """
        ).run()
        try await sql.raw(
            """
            CREATE TRIGGER \(ident: "\(table)_words_delete") AFTER DELETE ON \(ident: table) BEGIN
              DELETE FROM \(ident: words) WHERE rowid = OLD.rowid;
            END
            """
        ).run()
    }

    /// Drops a record type's word-search table and its triggers, whichever of them exist.
    static func dropSQLiteIndex(_ table: String, on sql: any SQLDatabase) async throws {
        for event in ["insert", "update", "delete"] {
            try await sql.raw("DROP TRIGGER IF EXISTS \(ident: "\(table)_words_\(event)")").run()
        }
        try await sql.raw("DROP TABLE IF EXISTS \(ident: WordSearch.wordTable(table))").run()
    }
}
