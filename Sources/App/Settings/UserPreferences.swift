import Foundation
import SQLKit

/// One person's remembered choices, such as a list's columns; kept in the database so every
/// app instance and every device of theirs sees the same.
struct UserPreferences: Sendable {
    static let table = "user_preferences"

    let sql: any SQLDatabase
    let userID: UUID

    func value(_ key: String) async throws -> String? {
        try await sql.select().column("value").from(Self.table)
            .where("user_id", .equal, SQLBind(userID)).where("key", .equal, SQLBind(key)).first()?
            .decode(column: "value", as: String.self)
    }

    /// Sets the value; nil forgets it.
    func set(_ key: String, to value: String?) async throws {
        try await sql.delete(from: Self.table).where("user_id", .equal, SQLBind(userID)).where(
            "key", .equal, SQLBind(key)
        ).run()
        guard let value else { return }
        try await sql.insert(into: Self.table).columns("user_id", "key", "value").values(
            SQLBind(userID), SQLBind(key), SQLBind(value)
        ).run()
    }

    static func columnsKey(_ list: String) -> String { "columns:\(list)" }
}
