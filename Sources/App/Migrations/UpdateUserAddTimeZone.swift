import Fluent

struct UpdateUserAddTimeZone: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(User.schema).field("time_zone", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(User.schema).deleteField("time_zone").update()
    }
}
