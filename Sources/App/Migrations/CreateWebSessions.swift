import Fluent
import SQLKit

/// Sessions with an expiry, replacing the framework's table that has none (people signed in
/// there sign in once more).
struct CreateWebSessions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(StoredSessions.table)
            .field("id", .string, .identifier(auto: false))
            .field("data", .string, .required)
            .field("expires_at", .int64, .required)
            .create()
        try await database.createIndexes(on: StoredSessions.table, ["expiry": "expires_at"])
        try await database.schema(SessionRecord.schema).delete()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(StoredSessions.table).delete()
        try await SessionRecord.migration.prepare(on: database).get()
    }
}
