import Fluent
import Vapor

/// `migrate`: brings the schema up to date without asking; `--revert` undoes every migration.
struct MigrateDatabaseCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Flag(name: "revert", help: "Revert every migration instead (drops all data).")
        var revert: Bool
    }

    var help: String { "Applies pending database migrations; --revert undoes all of them." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        if signature.revert {
            try await app.autoRevert()
            context.console.print("Reverted all migrations.")
        } else {
            try await app.autoMigrate()
            try await DeferredIndexes.rebuildInterrupted(in: app.db.sql)
            context.console.print("Database is up to date.")
        }
    }
}
