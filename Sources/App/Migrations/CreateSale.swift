import Fluent

struct CreateSale: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("sales").recordColumns()
            .link("opportunity_id", to: "opportunities")
            .link("account_id", to: "accounts")
            .link("rep_id", to: User.schema, onDelete: .restrict)
            .field("sold_on", .string, .required)
            .field("amount", .int64, .required)
            .field("cost", .int64, .required)
            .field("currency", .string, .required)
            .create()
        try await database.createIndexes(
            on: "sales",
            [
                "rep_sold": "rep_id, sold_on", "sold": "sold_on", "opportunity": "opportunity_id",
                "account": "account_id",
            ])
        try await database.schema("sale_lines").recordColumns()
            .link("sale_id", to: "sales", onDelete: .cascade, required: true)
            .link("product_id", to: "products", onDelete: .restrict, required: true)
            .field("quantity", .int64, .required)
            .field("unit_price", .int64, .required)
            .field("unit_cost", .int64, .required)
            .create()
        try await database.createIndexes(on: "sale_lines", ["sale": "sale_id", "product": "product_id"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("sale_lines").delete()
        try await database.schema("sales").delete()
    }
}
