import Fluent

struct CreateCustomField: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("custom_fields").recordColumns()
            .field("name", .string, .required)
            .field("label", .string)
            .field("type", .string, .required)
            .field("choices", .string)
            .field("required", .bool, .required)
            .unique(on: "name")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("custom_fields").delete()
    }
}
