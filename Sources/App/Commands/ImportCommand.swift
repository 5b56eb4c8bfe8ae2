import Foundation
import SalesPulseCore
import Vapor

/// `import`: the import flow from the command line, for files too big to upload or for
/// scripts: reads and checks the file, prints what it found, imports with progress and the
/// final counts. Run as a user (an admin by default) whose permissions apply.
struct ImportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "type", help: "leads, contacts or accounts") var type: String?
        @Option(name: "file", help: "a CSV or XLSX file") var file: String?
        @Option(name: "mapping", help: "JSON: {\"Header\": \"field\"} or [\"field\", null, …] by column") var mapping:
            String?
        @Option(name: "on-duplicate", help: "skip (default), update or create") var onDuplicate: String?
        @Option(name: "update-mode", help: "fillEmpty (default) or overwrite") var updateMode: String?
        @Option(name: "sheet", help: "the workbook sheet to read") var sheet: String?
        @Option(name: "country-code", help: "calling code for phone numbers written without +") var countryCode: String?
        @Option(name: "as", help: "email of the user to import as (default: the first admin)") var user: String?
        @Flag(name: "check-only", help: "check every line and stop") var checkOnly: Bool
    }

    var help: String {
        "Imports leads, contacts or accounts from a CSV or XLSX file, with duplicate detection, progress and a report."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        guard let type = signature.type, let file = signature.file else {
            throw DomainError.badRequest("Give --type leads|contacts|accounts and --file PATH.")
        }
        guard FileManager.default.isReadableFile(atPath: file) else {
            throw DomainError.invalid(field: "file", "Cannot read \(file).")
        }
        try await app.autoMigrate()
        let actor = try await CommandUser.actor(email: signature.user, app: app)
        let service = ImportService(db: app.db, actor: actor, now: app.clock.now(), logger: app.logger)
        var record = try await service.upload(
            path: file, fileName: URL(fileURLWithPath: file).lastPathComponent, type: type)
        var options = record.importOptions
        if let text = signature.onDuplicate {
            guard let choice = ImportOptions.OnDuplicate(rawValue: text) else {
                throw DomainError.invalid(field: "on-duplicate", "Use skip, update or create.")
            }
            options.onDuplicate = choice
        }
        if let text = signature.updateMode {
            guard let mode = ImportOptions.UpdateMode(rawValue: text) else {
                throw DomainError.invalid(field: "update-mode", "Use fillEmpty or overwrite.")
            }
            options.updateMode = mode
        }
        options.defaultCountryCode = signature.countryCode?.filter { $0 != "+" }
        if let sheet = signature.sheet {
            record = try await service.choose(record.id, columns: nil, sheet: sheet, options: nil)
        }
        let columns = try signature.mapping.map { text -> [String?] in
            guard let mapping = try? JSONDecoder().decode(ImportMappingInput.self, from: Data(text.utf8)) else {
                throw DomainError.invalid(field: "mapping", "Give the mapping as JSON, like {\"E-mail\": \"email\"}.")
            }
            return try mapping.columns(headers: record.headerNames, current: record.columnFields)
        }
        record = try await service.choose(record.id, columns: columns, sheet: nil, options: options)
        context.console.print("Columns:\n" + record.mappingPairs.map { "  " + $0 }.joined(separator: "\n"))
        record = try await service.check(record.id)
        let summary = try requireSummary(record)
        context.console.print(
            "Checked \(summary.rows) lines: \(summary.valid) ready, \(summary.invalid) with problems, "
                + "\(summary.duplicatesOfRecords) match records already there, \(summary.duplicatesInFile) repeat an earlier line."
        )
        for problem in summary.problems.prefix(10) {
            context.console.print(
                "  line \(problem.line): \(problem.field.map { FieldLabel.of($0) + ": " } ?? "")\(problem.message)")
        }
        if signature.checkOnly { return }
        _ = try await service.start(record.id, enqueue: false)
        let total = summary.rows
        try await ImportJob.run(record.id, app: app) { current in
            let percent = total > 0 ? Int(current.processedRows * 100 / Int64(total)) : 100
            context.console.print("  \(current.processedRows) of \(total) lines (\(percent)%)")
        }
        guard let done = try await ImportStore(sql: app.db.sql).find(record.id) else { return }
        context.console.print(
            "Import \(done.id): \(done.importState.words). \(done.processedRows) lines read: \(done.createdCount) created, "
                + "\(done.updatedCount) updated, \(done.skippedCount) skipped, \(done.failedCount) not imported.")
        if let error = done.error { throw DomainError.badRequest(error) }
    }

    private func requireSummary(_ record: ImportRecord) throws -> ImportCheckSummary {
        guard let summary = record.summary else { throw DomainError.badRequest("The file could not be checked.") }
        return summary
    }
}

/// The user a command acts as: the one named by email, else the first active admin.
enum CommandUser {
    static func actor(email: String?, app: Application) async throws -> Actor {
        let users = try await User.query(on: app.db).all().filter(\.isActive)
        let user =
            email.map { wanted in users.first { $0.email.lowercased() == wanted.lowercased() } }
            ?? users.filter { $0.role == .admin }.min { $0.email < $1.email }
        guard let user = user ?? nil else {
            throw DomainError.badRequest(
                email.map { "No active user with the email \($0)." }
                    ?? "There is no admin yet: create one with create-user, or give --as EMAIL.")
        }
        return try await ActorResolver.resolve(user, on: app.db)
    }
}
