import Fluent

struct UpdateUserAddCalendarToken: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(User.schema).field("calendar_token", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(User.schema).deleteField("calendar_token").update()
    }
}
