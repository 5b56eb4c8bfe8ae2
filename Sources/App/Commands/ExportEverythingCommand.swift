import Foundation
import SalesPulseCore
import Vapor

/// `export-everything`: every record, person, team and audit entry in one ZIP of CSV and
/// JSON Lines files, as an admin.
struct ExportEverythingCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "out", help: "the file to write (default: salespulse-export-DATE.zip here)") var out: String?
        @Option(name: "as", help: "email of the admin to export as (default: the first admin)") var user: String?
    }

    var help: String { "Exports everything the company holds as CSV and JSON Lines files in one ZIP, with a README." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        let actor = try await CommandUser.actor(email: signature.user, app: app)
        guard actor.role == .admin, let user = try await User.find(actor.userID, on: app.db) else {
            throw DomainError.forbidden("Only an admin may export everything.")
        }
        let now = app.clock.now()
        let path = signature.out ?? "salespulse-export-\(BackupCommand.stamp(now)).zip"
        let started = Date()
        let console = context.console
        let summary = try await CompanyExport(db: app.db, actor: actor, actorName: user.name, now: now).write(
            to: URL(fileURLWithPath: path)
        ) { step in
            console.print("  \(step.name): \(step.rows) rows (\(step.done) of \(step.total))")
        }
        console.print(
            "Exported \(summary.rows) rows in \(summary.files.count) kinds of record to \(path) in \(String(format: "%.1f", Date().timeIntervalSince(started))) s."
        )
    }
}
