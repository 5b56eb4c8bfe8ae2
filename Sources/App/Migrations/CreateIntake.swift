import Fluent

/// Where leads come in by themselves: lead forms for landing pages and channel webhooks
/// (Telegram, WhatsApp, tracked calls), each with a public key, its secret, who gets the leads,
/// where a form may be posted from and where to send people after; and the log of everything
/// they received.
struct CreateIntake: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(IntakeForms.table)
            .id()
            .field("key", .string, .required)
            .field("channel", .string, .required)
            .field("secret", .string)
            .field("verify_token", .string)
            .field("name", .string, .required)
            .field("source", .string, .required)
            .field("assignment", .string, .required)
            .field("fallback_owner_id", .uuid, .references(User.schema, "id", onDelete: .setNull))
            .field("created_by", .uuid, .required, .references(User.schema, "id", onDelete: .restrict))
            .field("allowed_origins", .string, .required)
            .field("thank_you_url", .string)
            .field("is_active", .bool, .required)
            .field("last_assigned_id", .uuid)
            .field("received_count", .int64, .required)
            .field("refused_count", .int64, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "key")
            .create()
        try await database.schema(IntakeLog.table)
            .id()
            .field("form_id", .uuid, .required, .references(IntakeForms.table, "id", onDelete: .cascade))
            .field("received_at", .datetime, .required)
            .field("outcome", .string, .required)
            .field("reason", .string)
            .field("lead_id", .uuid, .references(RecordSpec.leads.table, "id", onDelete: .setNull))
            .field("client", .string)
            .field("sender", .string)
            .field("payload", .string)
            .create()
        try await database.createIndexes(
            on: IntakeLog.table,
            ["form_received": "form_id, received_at", "received": "received_at", "sender": "sender"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(IntakeLog.table).delete()
        try await database.schema(IntakeForms.table).delete()
    }
}
