import Fluent

/// Outbound webhooks: who is told of which events at which address, with the secret their
/// deliveries are signed with; and every delivery with its answer.
struct CreateWebhooks: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(WebhookStore.subscriptions)
            .id()
            .field("url", .string, .required)
            .field("events", .string, .required)
            .field("secret", .string, .required)
            .field("is_active", .bool, .required)
            .field("paused_at", .datetime)
            .field("failures_in_row", .int, .required)
            .field("created_by", .uuid, .required, .references(User.schema, "id", onDelete: .restrict))
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema(WebhookStore.deliveries)
            .id()
            .field(
                "subscription_id", .uuid, .required, .references(WebhookStore.subscriptions, "id", onDelete: .cascade)
            )
            .field("event", .string, .required)
            .field("resource", .string, .required)
            .field("record_id", .uuid, .required)
            .field("state", .string, .required)
            .field("attempts", .int, .required)
            .field("status_code", .int)
            .field("error", .string)
            .field("created_at", .datetime, .required)
            .field("delivered_at", .datetime)
            .create()
        try await database.createIndexes(
            on: WebhookStore.deliveries,
            ["subscription_created": "subscription_id, created_at", "created": "created_at"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(WebhookStore.deliveries).delete()
        try await database.schema(WebhookStore.subscriptions).delete()
    }
}
