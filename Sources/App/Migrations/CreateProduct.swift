import Fluent

struct CreateProduct: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("products").recordColumns()
            .field("name", .string, .required)
            .link("category_id", to: "product_categories")
            .field("sku", .string)
            .field("price", .int64, .required)
            .field("cost", .int64, .required)
            .field("is_active", .bool, .required)
            .create()
        try await database.createIndexes(on: "products", ["name_lower": "lower(name)", "category": "category_id"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("products").delete()
    }
}
