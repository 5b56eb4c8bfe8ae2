import Foundation
import SQLKit

/// The plain (not unique) indexes of some tables, and on SQLite their word-search tables, set
/// aside while those tables are loaded in bulk and built again afterwards. Building an index
/// once from the loaded rows sorts them; keeping it through millions of inserts with random ids
/// writes a random page per row, and a word-search table merges its segments after every
/// statement. Unique indexes and those behind constraints stay, so the load is checked as it
/// goes. What was set aside is written down first, so a load that is killed half way has its
/// indexes built by the next `migrate` or `seed-demo`.
struct DeferredIndexes: Sendable {
    struct Index: Sendable, Codable, Equatable {
        let name: String
        let definition: String
        /// For a word-search table, the records it searches; it is built with its triggers.
        var wordsOf: String? = nil
    }

    let indexes: [Index]

    static func setAside(on tables: [String], in sql: any SQLDatabase) async throws -> DeferredIndexes {
        let found = try await plainIndexes(on: tables, in: sql) + wordSearches(on: tables, in: sql)
        try await remember(try await pending(in: sql) + found, in: sql)
        for index in found {
            if let table = index.wordsOf {
                try await CreateWordSearch.dropSQLiteIndex(table, on: sql)
            } else {
                try await sql.raw("DROP INDEX \(ident: index.name)").run()
            }
        }
        return DeferredIndexes(indexes: found)
    }

    /// Builds those of `indexes` that are missing, then forgets them.
    func rebuild(in sql: any SQLDatabase) async throws {
        let present = Set(try await Self.indexNames(in: sql))
        for index in indexes {
            if let table = index.wordsOf {
                // Whatever a load killed while dropping it left goes first.
                try await CreateWordSearch.dropSQLiteIndex(table, on: sql)
                try await CreateWordSearch.createSQLiteIndex(table, on: sql)
            } else if !present.contains(index.name) {
                try await sql.raw("\(unsafeRaw: index.definition)").run()
            }
        }
        try await Self.remember(try await Self.pending(in: sql).filter { !indexes.contains($0) }, in: sql)
    }

    /// Builds what an interrupted load left set aside.
    static func rebuildInterrupted(in sql: any SQLDatabase) async throws {
        let pending = try await pending(in: sql)
        guard !pending.isEmpty else { return }
        try await DeferredIndexes(indexes: pending).rebuild(in: sql)
    }

    private static func pending(in sql: any SQLDatabase) async throws -> [Index] {
        guard let text = try await CompanySettings(sql: sql).value(.setAsideIndexes) else { return [] }
        return try JSONDecoder().decode([Index].self, from: Data(text.utf8))
    }

    private static func remember(_ pending: [Index], in sql: any SQLDatabase) async throws {
        try await CompanySettings(sql: sql).set(
            .setAsideIndexes, to: String(decoding: try JSONEncoder().encode(pending), as: UTF8.self))
    }

    private static func indexNames(in sql: any SQLDatabase) async throws -> [String] {
        struct Name: Decodable { let name: String }
        let query: SQLQueryString =
            sql.dialect.name == "postgresql"
            ? "SELECT indexname::text AS name FROM pg_indexes WHERE schemaname = current_schema()"
            : "SELECT name FROM sqlite_master WHERE type = 'index'"
        return try await sql.raw(query).all(decoding: Name.self).map(\.name)
    }

    /// The word-search tables of `tables` (SQLite only: on PostgreSQL they are plain indexes).
    static func wordSearches(on tables: [String], in sql: any SQLDatabase) async throws -> [Index] {
        guard sql.dialect.name == "sqlite" else { return [] }
        struct Name: Decodable { let name: String }
        let existing = Set(
            try await sql.raw("SELECT name FROM sqlite_master WHERE type = 'table'").all(decoding: Name.self).map(
                \.name))
        return tables.filter { WordSearch.columns[$0] != nil && existing.contains(WordSearch.wordTable($0)) }.map {
            Index(name: WordSearch.wordTable($0), definition: "", wordsOf: $0)
        }
    }

    static func plainIndexes(on tables: [String], in sql: any SQLDatabase) async throws -> [Index] {
        let names = SQLGroupExpression(tables.map { SQLBind($0) })
        let rows: [Index]
        switch sql.dialect.name {
        case "postgresql":
            rows = try await sql.raw(
                """
                SELECT c.relname::text AS name, pg_get_indexdef(i.indexrelid) AS definition
                FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid
                JOIN pg_namespace n ON n.oid = t.relnamespace
                WHERE n.nspname = current_schema() AND t.relname IN \(names) AND NOT i.indisunique
                AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
                ORDER BY c.relname
                """
            ).all(decoding: Index.self)
        default:
            rows = try await sql.raw(
                """
                SELECT name, sql AS definition FROM sqlite_master
                WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN \(names) ORDER BY name
                """
            ).all(decoding: Index.self)
        }
        return rows.filter { !$0.definition.uppercased().hasPrefix("CREATE UNIQUE") }
    }
}
