import Fluent
import SQLKit

/// Background jobs, the scheduler's one row per (schedule, period), in-app notifications and
/// the email outbox. Times the workers compare are epoch milliseconds, the same number on
/// SQLite and PostgreSQL.
struct CreateJobs: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(JobQueue.table)
            .id()
            .field("kind", .string, .required)
            .field("payload", .string, .required)
            .field("run_at", .int64, .required)
            .field("priority", .int, .required)
            .field("attempts", .int, .required)
            .field("max_attempts", .int, .required)
            .field("last_error", .string)
            .field("state", .string, .required)
            .field("locked_by", .string)
            .field("lease_until", .int64)
            .field("unique_key", .string)
            .field("created_at", .int64, .required)
            .field("finished_at", .int64)
            .unique(on: "unique_key")
            .create()
        try await database.createIndexes(
            on: JobQueue.table,
            ["ready": "state, priority DESC, run_at", "lease": "state, lease_until", "kind": "kind, state"])
        try await database.schema(Scheduler.table)
            .field("schedule", .string, .required)
            .field("period", .string, .required)
            .field("ran_at", .int64, .required)
            .unique(on: "schedule", "period")
            .create()
        try await database.schema(NotificationInbox.table)
            .id()
            .field("user_id", .uuid, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("title", .string, .required)
            .field("body", .string)
            .field("link", .string)
            .field("dedupe_key", .string, .required)
            .field("created_at", .datetime, .required)
            .field("read_at", .datetime)
            .unique(on: "dedupe_key")
            .create()
        try await database.createIndexes(on: NotificationInbox.table, ["inbox": "user_id, read_at, created_at"])
        try await database.schema(Outbox.table)
            .id()
            .field("message_id", .string, .required)
            .field("to_address", .string, .required)
            .field("subject", .string, .required)
            .field("message", .string, .required)
            .field("state", .string, .required)
            .field("attempts", .int, .required)
            .field("last_error", .string)
            .field("created_at", .datetime, .required)
            .field("sent_at", .datetime)
            .unique(on: "message_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        for table in [Outbox.table, NotificationInbox.table, Scheduler.table, JobQueue.table] {
            try await database.schema(table).delete()
        }
    }
}
