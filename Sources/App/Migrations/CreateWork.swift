import Fluent

/// Activities, tasks and notes: what people do, linked to any CRM record.
struct CreateWork: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await links(
            database.schema("activities").recordColumns()
                .field("type", .string, .required)
                .field("subject", .string, .required)
                .field("notes", .string)
                .field("outcome", .string)
                .field("next_steps", .string)
                .field("occurred_at", .datetime, .required)
                .field("duration_minutes", .int64)
                .link("user_id", to: User.schema, onDelete: .restrict)
        )
        .field("latitude", .int64)
        .field("longitude", .int64)
        .create()
        try await database.createIndexes(
            on: "activities",
            [
                "user_occurred": "user_id, occurred_at", "occurred": "occurred_at", "lead": "lead_id, occurred_at",
                "contact": "contact_id", "account": "account_id", "opportunity": "opportunity_id",
                "subject_lower": "lower(subject)",
            ])
        try await links(
            database.schema("tasks").recordColumns()
                .field("title", .string, .required)
                .field("type", .string, .required)
                .field("priority", .string, .required)
                .field("due_at", .datetime)
                .link("assignee_id", to: User.schema, onDelete: .restrict)
                .field("status", .string, .required)
                .field("reminder_offsets", .string)
                .field("completed_at", .datetime)
        )
        .create()
        try await database.createIndexes(
            on: "tasks",
            [
                "assignee_status_due": "assignee_id, status, due_at", "due": "due_at", "lead": "lead_id",
                "account": "account_id", "opportunity": "opportunity_id", "title_lower": "lower(title)",
            ])
        try await links(
            database.schema("notes").recordColumns()
                .field("body", .string, .required)
                .link("owner_id", to: User.schema, onDelete: .restrict)
        )
        .create()
        try await database.createIndexes(
            on: "notes",
            ["owner": "owner_id", "lead": "lead_id", "account": "account_id", "opportunity": "opportunity_id"])
    }

    private func links(_ builder: SchemaBuilder) -> SchemaBuilder {
        builder.link("lead_id", to: "leads").link("contact_id", to: "contacts")
            .link("account_id", to: "accounts").link("opportunity_id", to: "opportunities")
    }

    func revert(on database: any Database) async throws {
        for table in ["notes", "tasks", "activities"] { try await database.schema(table).delete() }
    }
}
