@testable import App
import Foundation
import SQLKit
import Vapor

/// Every business row in the database as text: taken before and after a refused call, it
/// shows that nothing changed, counters, audit entries and roll-ups included.
struct DatabaseFingerprint: Equatable, CustomStringConvertible {
    /// Tables that change on any request (sessions, sign-in bookkeeping), not business data.
    static let ignored: Set<String> = ["web_sessions", "_fluent_migrations", "login_throttles", "api_tokens"]
    /// Columns that record when someone last signed in, not what they may do.
    static let ignoredColumns: [String: Set<String>] = ["users": ["last_login_at", "updated_at"]]

    let tables: [String: [String]]

    var description: String { tables.map { "\($0.key): \($0.value.count) rows" }.sorted().joined(separator: ", ") }

    static func take(_ app: Application) async throws -> DatabaseFingerprint {
        let sql = app.db.sql
        var tables: [String: [String]] = [:]
        for table in try await tableNames(sql) where !ignored.contains(table) {
            let skipped = ignoredColumns[table] ?? []
            if sql.dialect.name == "sqlite" {
                let columns = try await sql.raw("SELECT name FROM pragma_table_info(\(bind: table))").all().map {
                    try $0.decode(column: "name", as: String.self)
                }
                let row = columns.filter { !skipped.contains($0) }.map { "quote(\"\($0)\")" }.joined(
                    separator: " || '|' || ")
                tables[table] = try await sql.raw("SELECT \(unsafeRaw: row) AS r FROM \(ident: table) ORDER BY r").all()
                    .map { try $0.decode(column: "r", as: String.self) }
            } else if skipped.isEmpty {
                tables[table] = try await sql.raw("SELECT t::text AS r FROM \(ident: table) t ORDER BY 1").all().map {
                    try $0.decode(column: "r", as: String.self)
                }
            } else {
                let columns = try await sql.raw(
                    "SELECT column_name AS name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = \(bind: table)"
                ).all()
                    .map { try $0.decode(column: "name", as: String.self) }.filter { !skipped.contains($0) }
                let row = columns.map { "coalesce(\"\($0)\"::text, 'null')" }.joined(separator: " || '|' || ")
                tables[table] = try await sql.raw("SELECT \(unsafeRaw: row) AS r FROM \(ident: table) ORDER BY 1").all()
                    .map { try $0.decode(column: "r", as: String.self) }
            }
        }
        return DatabaseFingerprint(tables: tables)
    }

    private static func tableNames(_ sql: any SQLDatabase) async throws -> [String] {
        let query: SQLQueryString =
            sql.dialect.name == "sqlite"
            ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            : "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()"
        return try await sql.raw(query).all().map { try $0.decode(column: "name", as: String.self) }
    }

    /// The tables whose rows differ, for a readable failure.
    func differences(from other: DatabaseFingerprint) -> [String] {
        Set(tables.keys).union(other.tables.keys).filter { tables[$0] != other.tables[$0] }.sorted()
    }
}
