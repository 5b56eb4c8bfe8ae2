import Fluent

struct CreateLoginThrottle: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(LoginThrottle.schema)
            .id()
            .field("email_key", .string, .required)
            .field("failures", .int, .required)
            .field("locked_until", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "email_key")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(LoginThrottle.schema).delete()
    }
}
