import Fluent

struct CreateOpportunity: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("opportunities").recordColumns()
            .link("account_id", to: "accounts", onDelete: .cascade, required: true)
            .link("primary_contact_id", to: "contacts")
            .field("name", .string, .required)
            .field("stage", .string, .required)
            .field("probability", .int64, .required)
            .field("amount", .int64, .required)
            .field("currency", .string, .required)
            .field("expected_close_date", .string)
            .link("owner_id", to: User.schema, onDelete: .restrict)
            .field("competitors", .string)
            .field("risks", .string)
            .field("requirements", .string)
            .field("lost_reason", .string)
            .field("win_probability", .int64)
            .link("lead_id", to: "leads")
            .field("closed_at", .datetime)
            .create()
        try await database.createIndexes(
            on: "opportunities",
            [
                "owner_stage": "owner_id, stage, created_at", "account": "account_id",
                "stage_close": "stage, expected_close_date",
                "created": "created_at, id", "name_lower": "lower(name)", "lead": "lead_id",
            ])
        try await database.schema("opportunity_lines").recordColumns()
            .link("opportunity_id", to: "opportunities", onDelete: .cascade, required: true)
            .link("product_id", to: "products", onDelete: .restrict, required: true)
            .field("quantity", .int64, .required)
            .field("unit_price", .int64, .required)
            .field("unit_cost", .int64, .required)
            .create()
        try await database.createIndexes(
            on: "opportunity_lines", ["opportunity": "opportunity_id", "product": "product_id"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("opportunity_lines").delete()
        try await database.schema("opportunities").delete()
    }
}
