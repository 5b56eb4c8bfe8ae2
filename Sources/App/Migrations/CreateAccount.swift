import Fluent

struct CreateAccount: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("accounts").recordColumns()
            .field("name", .string, .required)
            .field("type", .string, .required)
            .link("parent_id", to: "accounts")
            .field("industry", .string)
            .link("segment_id", to: "segments")
            .link("region_id", to: "regions")
            .link("owner_id", to: User.schema, onDelete: .restrict)
            .field("annual_revenue", .int64)
            .field("employees", .int64)
            .field("website", .string)
            .field("phone", .string)
            .field("address", .string)
            .field("notes", .string)
            .create()
        try await database.createIndexes(
            on: "accounts",
            [
                "name_lower": "lower(name)", "owner": "owner_id, name", "parent": "parent_id", "phone": "phone",
            ])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("accounts").delete()
    }
}
