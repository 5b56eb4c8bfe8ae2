import Foundation
import SalesPulseCore
import Vapor

/// `doctor`: checks the database and says what is wrong in words; exits non-zero when
/// something is.
struct DoctorCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Flag(name: "json", help: "print the report as JSON") var json: Bool
    }

    var help: String {
        "Checks the database: its storage, links between records, copied fields and the daily roll-ups. Changes nothing."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let console = context.console
        let json = signature.json
        let report = try await DatabaseDoctor(db: app.db, now: app.clock.now()).examine { check in
            if !json { check.lines.forEach { console.print($0) } }
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            console.print(String(decoding: try encoder.encode(report), as: UTF8.self))
        }
        guard report.healthy else { throw DomainError.badRequest(report.verdict) }
        if !json { console.print(report.verdict) }
    }
}
