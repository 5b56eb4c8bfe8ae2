import Fluent

/// The last day a person is on leave: leads that arrive by themselves pass them by until then.
struct UpdateUserAddAwayUntil: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(User.schema).field("away_until", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(User.schema).deleteField("away_until").update()
    }
}
