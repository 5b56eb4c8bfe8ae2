import SQLKit

/// The few expressions SQLite and PostgreSQL spell differently.
struct AnalyticsSQL: Sendable {
    let db: any SQLDatabase

    var isPostgres: Bool { db.dialect.name == "postgresql" }

    /// Whole days since 1970 of a timestamp column (SQLite keeps timestamps as epoch seconds).
    func dayNumber(_ table: String, _ column: String) -> SQLQueryString {
        isPostgres
            ? "CAST(FLOOR(EXTRACT(EPOCH FROM \(ident: table).\(ident: column)) / 86400) AS BIGINT)"
            : "CAST(\(ident: table).\(ident: column) / 86400 AS INTEGER)"
    }

    /// Seconds between two timestamp columns of one table.
    func secondsBetween(_ table: String, _ start: String, _ end: String) -> SQLQueryString {
        isPostgres
            ? "EXTRACT(EPOCH FROM (\(ident: table).\(ident: end) - \(ident: table).\(ident: start)))"
            : "(\(ident: table).\(ident: end) - \(ident: table).\(ident: start))"
    }

    /// SUM as a whole number on both databases (PostgreSQL widens SUM(bigint) to numeric).
    static func sum(_ expression: SQLQueryString) -> SQLQueryString {
        "CAST(COALESCE(SUM(\(expression)), 0) AS BIGINT)"
    }

    static func count(when condition: SQLQueryString) -> SQLQueryString {
        sum("CASE WHEN \(condition) THEN 1 ELSE 0 END")
    }

    static func inList(_ values: [String]) -> SQLQueryString { "(\(binds: values))" }

    func rows(_ query: SQLQueryString) async throws -> [any SQLRow] { try await db.raw(query).all() }

    func first(_ query: SQLQueryString) async throws -> any SQLRow {
        guard let row = try await db.raw(query).first() else {
            throw DomainError.badRequest("An aggregate returned no row.")
        }
        return row
    }
}
