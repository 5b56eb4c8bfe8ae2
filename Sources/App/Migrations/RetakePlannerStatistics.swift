import Fluent
import SQLKit

/// Statistics taken before were sampled, and a table keeps them until it grows or shrinks
/// tenfold; this takes them once in full on SQLite (seconds on a million leads).
struct RetakePlannerStatistics: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.sql.retakePlannerStatistics()
    }

    func revert(on database: any Database) async throws {}
}
