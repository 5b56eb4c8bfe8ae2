import Fluent
import SQLKit

/// The backups this server wrote: when, who asked, how far it got, the file and its size.
struct CreateBackupRuns: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(BackupRuns.table)
            .id()
            .field("trigger", .string, .required)
            .link("requested_by", to: User.schema)
            .field("state", .string, .required)
            .field("folder", .string, .required)
            .field("file_name", .string, .required)
            .field("size_bytes", .int64)
            .field("tables_total", .int)
            .field("tables_done", .int, .required)
            .field("rows", .int64)
            .field("error", .string)
            .field("created_at", .datetime, .required)
            .field("started_at", .datetime)
            .field("finished_at", .datetime)
            .field("removed_at", .datetime)
            .create()
        try await database.createIndexes(
            on: BackupRuns.table, ["created": "created_at", "trigger": "\"trigger\", created_at"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(BackupRuns.table).delete()
    }
}
