import Fluent

struct CreateTeam: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Team.schema)
            .id()
            .field("name", .string, .required)
            .field("lead_id", .uuid)
            .field("region", .string)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "name")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Team.schema).delete()
    }
}
