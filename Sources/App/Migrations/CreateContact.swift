import Fluent

struct CreateContact: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("contacts").recordColumns()
            .link("account_id", to: "accounts")
            .field("name", .string, .required)
            .field("title", .string)
            .field("role", .string, .required)
            .link("reports_to_id", to: "contacts")
            .field("email", .string)
            .field("phone", .string)
            .field("mobile", .string)
            .field("is_primary", .bool, .required)
            .link("owner_id", to: User.schema, onDelete: .restrict)
            .create()
        try await database.createIndexes(
            on: "contacts",
            [
                "name_lower": "lower(name)", "owner": "owner_id, name", "account": "account_id", "email": "email",
                "phone": "phone", "reports_to": "reports_to_id",
            ])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("contacts").delete()
    }
}
