import Foundation
import SQLKit
import Vapor

/// `rollups`: rebuilds the daily per-rep and per-source roll-ups from the records.
struct RollupsCommand: AsyncCommand {
    struct Signature: CommandSignature {}

    var help: String {
        "Rebuilds the daily roll-ups per rep and per lead source from the CRM records (in one transaction)."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        let started = Date()
        try await app.db.writeTransaction { tx in
            try await DailyRollups(sql: tx.sql, now: app.clock.now()).rebuild()
        }
        let sql = app.db.sql
        let reps =
            try await sql.raw("SELECT COUNT(*) AS \(ident: "n") FROM \(ident: DailyRollups.repTable)").first()?.decode(
                column: "n", as: Int.self) ?? 0
        let sources =
            try await sql.raw("SELECT COUNT(*) AS \(ident: "n") FROM \(ident: DailyRollups.sourceTable)").first()?
            .decode(column: "n", as: Int.self) ?? 0
        context.console.print(
            "Rebuilt \(reps) rep-days and \(sources) source-days in \(String(format: "%.1f", Date().timeIntervalSince(started))) s."
        )
    }
}
