import Fluent
import FluentSQL

/// Runs are backups or exports of everything; the ones written before are backups.
struct UpdateBackupRunsAddKind: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(BackupRuns.table)
            .field("kind", .string, .required, .sql(.default(BackupRuns.Kind.backup.rawValue)))
            .update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(BackupRuns.table).deleteField("kind").update()
    }
}
