import Foundation
import SalesPulseCore
import Vapor

/// `export`: a record list as CSV or XLSX, with the same filters the list and the API take,
/// as a user whose permissions apply.
struct ExportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "type", help: "leads, contacts, accounts, opportunities, tasks, activities or sales") var type:
            String?
        @Option(name: "filter", help: "a list filter as name=value, e.g. status=new; separate several with &")
        var filter: String?
        @Option(name: "format", help: "csv (default) or xlsx") var format: String?
        @Option(name: "out", help: "the file to write (default: TYPE.FORMAT here)") var out: String?
        @Option(name: "as", help: "email of the user to export as (default: the first admin)") var user: String?
    }

    var help: String { "Exports a record list as CSV or XLSX with filters, search (q=) and sort (sort=)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        guard let type = signature.type, let spec = RecordCatalog.all.first(where: { $0.path == type }),
            spec.policy == .businessRecord
        else {
            throw DomainError.invalid(
                field: "type", "Give --type leads, contacts, accounts, opportunities, tasks, activities or sales.")
        }
        guard let format = RecordExport.Format(rawValue: (signature.format ?? "csv").lowercased()) else {
            throw DomainError.invalid(field: "format", "Choose csv or xlsx.")
        }
        try await app.autoMigrate()
        let actor = try await CommandUser.actor(email: signature.user, app: app)
        guard AccessPolicy.decide(actor, .export, spec.policy) == .allowed else {
            throw DomainError.forbidden("This user may not export \(type).")
        }
        var parameters: [String: String] = [:]
        for pair in (signature.filter ?? "").split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else {
                throw DomainError.invalid(field: "filter", "Write filters as name=value, like status=new.")
            }
            parameters[parts[0]] = parts[1]
        }
        let query = try RecordListQuery(spec: spec, parameters: parameters)
        let path = signature.out ?? "\(type).\(format.rawValue)"
        let started = Date()
        let rows = try await RecordExport(spec: spec, db: app.db, actor: actor, now: app.clock.now()).write(
            query, format: format, to: path
        ) { rows in
            if rows % 50_000 == 0 { context.console.print("  \(rows) rows…") }
        }
        context.console.print(
            "Wrote \(rows) \(spec.label)s to \(path) in \(String(format: "%.1f", Date().timeIntervalSince(started))) s."
        )
    }
}
