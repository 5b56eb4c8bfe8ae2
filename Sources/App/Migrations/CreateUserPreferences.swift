import Fluent

/// A person's own settings that are not about access: the columns each list shows.
struct CreateUserPreferences: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(UserPreferences.table)
            .field("user_id", .uuid, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("key", .string, .required)
            .field("value", .string, .required)
            .unique(on: "user_id", "key")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(UserPreferences.table).delete()
    }
}
