import Foundation
import SalesPulseCore
import SQLKit

/// Every text column of every table, searched for one person: the database narrows each
/// column to the values that could mention them (LIKE, without regard to case), and
/// `PersonIdentity` decides. New tables and columns are searched without any change here,
/// because the list comes from the database's own catalog.
struct TextMentions {
    let sql: any SQLDatabase
    let identity: PersonIdentity

    struct Place: Sendable, Equatable {
        let table: String
        let column: String
        let rows: Int
    }

    /// Where the person is mentioned and in how many rows.
    func places() async throws -> [Place] {
        var places: [Place] = []
        try await forEachColumn { table, column in
            var rows = 0
            for (value, count) in try await candidates(table, column) where identity.mentioned(in: value) {
                rows += count
            }
            if rows > 0 { places.append(Place(table: table, column: column, rows: rows)) }
        }
        return places
    }

    /// Rewrites every mention as the placeholder; returns where and how many rows changed.
    func scrub() async throws -> [Place] {
        var places: [Place] = []
        try await forEachColumn { table, column in
            var rows = 0
            for (value, count) in try await candidates(table, column) {
                let scrubbed = identity.scrubbed(value)
                guard scrubbed != value else { continue }
                try await sql.update(table).set(SQLIdentifier(column), to: SQLBind(scrubbed)).where(
                    SQLIdentifier(column), .equal, SQLBind(value)
                ).run()
                rows += count
            }
            if rows > 0 { places.append(Place(table: table, column: column, rows: rows)) }
        }
        return places
    }

    private func forEachColumn(_ body: (String, String) async throws -> Void) async throws {
        guard !identity.isEmpty else { return }
        for table in try await DatabaseCatalog.read(sql).tables {
            for column in table.columns where column.kind == .text {
                try await body(table.name, column.name)
            }
        }
    }

    /// The distinct values of a column that could mention the person, with how many rows hold each.
    private func candidates(_ table: String, _ column: String) async throws -> [(String, Int)] {
        try await sql.select().column(SQLIdentifier(column), as: "v").column(
            SQLFunction("COUNT", args: SQLLiteral.all), as: "n"
        )
        .from(table).where(LikeAny(column: column, patterns: identity.likePatterns)).groupBy(SQLIdentifier(column))
        .all()
        .compactMap { row in
            guard let value = try row.decode(column: "v", as: String?.self) else { return nil }
            return (value, try row.decode(column: "n", as: Int.self))
        }
    }
}

/// `(lower(column) LIKE p1 ESCAPE '\' OR lower(column) LIKE p2 …)`.
struct LikeAny: SQLExpression {
    let column: String
    let patterns: [String]

    func serialize(to serializer: inout SQLSerializer) {
        serializer.write("(")
        for (index, pattern) in patterns.enumerated() {
            if index > 0 { serializer.write(" OR ") }
            serializer.write("lower(")
            SQLIdentifier(column).serialize(to: &serializer)
            serializer.write(") LIKE ")
            SQLBind(pattern).serialize(to: &serializer)
            serializer.write(" ESCAPE '\(PersonIdentity.likeEscape)'")
        }
        if patterns.isEmpty { serializer.write("1 = 0") }
        serializer.write(")")
    }
}
