import Fluent

struct CreateLead: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("leads").recordColumns()
            .field("name", .string, .required)
            .field("company", .string)
            .field("email", .string)
            .field("phone", .string)
            .field("source", .string, .required)
            .field("status", .string, .required)
            .field("lost_reason", .string)
            .field("budget", .int64)
            .field("authority", .bool)
            .field("need", .string)
            .field("timeline", .string)
            .link("owner_id", to: User.schema, onDelete: .restrict)
            .field("score", .int64)
            .field("score_factors", .string)
            .field("engagement", .string, .required)
            .field("interaction_count", .int64, .required)
            .field("last_interaction_type", .string)
            .field("last_interaction_at", .datetime)
            .field("follow_up_at", .datetime)
            .field("follow_up_note", .string)
            .field("snoozed_until", .datetime)
            .field("custom_fields", .string)
            .link("region_id", to: "regions")
            .link("segment_id", to: "segments")
            .field("product_interest", .string)
            .link("converted_account_id", to: "accounts")
            .link("converted_contact_id", to: "contacts")
            .field("converted_opportunity_id", .uuid)
            .field("converted_at", .datetime)
            .create()
        // The owner/status/created index serves the reps' and managers' everyday list; the
        // others serve search by email, name, company and phone prefix.
        try await database.createIndexes(
            on: "leads",
            [
                "owner_status_created": "owner_id, status, created_at, id", "owner_created": "owner_id, created_at, id",
                "status_created": "status, created_at, id", "created": "created_at, id",
                "email": "email", "name_lower": "lower(name)", "company_lower": "lower(company)", "phone": "phone",
                "follow_up": "follow_up_at", "source": "source, created_at",
            ])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("leads").delete()
    }
}
