import Fluent
import Foundation
import SalesPulseCore
import SQLKit
import Vapor

/// The import flow: upload (the mapping guessed, the first lines shown), choices, a check of
/// every line before anything is written, the import itself as a background job, and undo.
struct ImportService: Sendable {
    let db: any Database
    let actor: Actor
    let now: Date
    let logger: Logger

    var sql: any SQLDatabase { db.sql }
    var store: ImportStore { ImportStore(sql: sql) }

    /// Keeps an uploaded file (at a local path) as a new import of `type`.
    func upload(path: String, fileName: String, type: String) async throws -> ImportRecord {
        guard let spec = ImportTypes.spec(type) else {
            throw DomainError.invalid(field: "type", "Choose what the file holds: leads, contacts or accounts.")
        }
        try authorizeImport(spec)
        let format = ImportFiles.format(of: path)
        let sheets = ImportLines.sheets(path: path, format: format)
        let lines = try ImportLines(path: path, format: format, sheet: sheets.first)
        guard lines.header.contains(where: { !$0.isEmpty }) else {
            throw DomainError.invalid(field: "file", "The first line has no column names.")
        }
        let guess = ImportTypes.guess(headers: lines.header, spec: spec)
        let id = UUID()
        let record = ImportRecord(
            id: id, recordType: spec.path, fileName: String(fileName.suffix(200)), fileSize: 0, format: format,
            sheet: sheets.first,
            headers: JSONEncoder.text(lines.header), mapping: JSONEncoder.text(guess),
            options: JSONEncoder.text(ImportOptions()),
            userId: actor.userID, state: ImportState.uploaded.rawValue, totalRows: nil, processedRows: 0,
            createdCount: 0, updatedCount: 0,
            skippedCount: 0, failedCount: 0, lastLine: 1, checkSummary: nil, error: nil, createdAt: now.milliseconds)
        try await db.writeTransaction { tx in
            try await ImportStore(sql: tx.sql).insert(record)
            let size = try await ImportFiles.store(path: path, importID: id, on: tx.sql)
            try await tx.sql.raw("UPDATE imports SET file_size = \(bind: size) WHERE id = \(bind: id)").run()
        }
        return try await store.find(id)!
    }

    /// The import, if the person may see it: their own, or any for an admin.
    func visible(_ id: UUID) async throws -> ImportRecord {
        guard let record = try await store.find(id), record.userId == actor.userID || actor.role == .admin else {
            throw DomainError.notFound("No such import.")
        }
        return record
    }

    /// Changes the mapping, sheet or options of an import not yet started; the check is redone.
    func choose(_ id: UUID, columns: [String?]?, sheet: String?, options: ImportOptions?) async throws -> ImportRecord {
        var record = try await visible(id)
        guard record.importState == .uploaded else {
            throw DomainError.conflict(
                field: nil, message: "This import has started; its choices can no longer change.")
        }
        let allowed = Set(ImportTypes.fieldNames(of: record.spec))
        if let sheet, sheet != record.sheet {
            let path = try await ImportFiles.materialize(importID: id, on: sql)
            defer { try? FileManager.default.removeItem(atPath: path) }
            guard ImportLines.sheets(path: path, format: record.format).contains(sheet) else {
                throw DomainError.invalid(field: "sheet", "The workbook has no sheet named \(sheet).")
            }
            let lines = try ImportLines(path: path, format: record.format, sheet: sheet)
            record.sheet = sheet
            record.mapping = JSONEncoder.text(ImportTypes.guess(headers: lines.header, spec: record.spec))
            try await sql.raw(
                "UPDATE imports SET headers = \(bind: JSONEncoder.text(lines.header)) WHERE id = \(bind: id)"
            ).run()
        }
        if let columns {
            let count = record.headerNames.count
            guard columns.count <= count else {
                throw DomainError.invalid(
                    field: "mapping", "The file has \(count) columns; the mapping names \(columns.count).")
            }
            var seen = Set<String>()
            for field in columns.compactMap({ $0 }) {
                guard allowed.contains(field) else {
                    throw DomainError.invalid(
                        field: "mapping", "A \(record.spec.label) has no field “\(field)” that can be imported.")
                }
                guard seen.insert(field).inserted else {
                    throw DomainError.invalid(field: "mapping", "\(FieldLabel.of(field)) is chosen for two columns.")
                }
            }
            record.mapping = JSONEncoder.text(columns + Array(repeating: nil, count: count - columns.count))
        }
        if let options {
            try await validate(options, spec: record.spec)
            record.options = JSONEncoder.text(options)
        }
        record.checkSummary = nil
        record.totalRows = nil
        try await store.saveChoices(record)
        return try await store.find(id)!
    }

    private func validate(_ options: ImportOptions, spec: RecordSpec) async throws {
        if let owner = options.defaultOwnerId, let visible = AccessPolicy.visibleOwnerIDs(actor),
            !visible.contains(owner)
        {
            throw DomainError.invalid(
                field: "defaultOwnerId", "You can give records only to yourself or people you manage.")
        }
        if let owner = options.defaultOwnerId, try await User.find(owner, on: db) == nil {
            throw DomainError.invalid(field: "defaultOwnerId", "There is no such user.")
        }
        if let source = options.defaultSource {
            guard let field = spec.field("source") else {
                throw DomainError.invalid(field: "defaultSource", "A \(spec.label) has no source.")
            }
            _ = try field.parse(text: source)
        }
        if let code = options.defaultCountryCode,
            !(1...3).contains(code.count) || !code.allSatisfy({ $0.isASCII && $0.isNumber })
        {
            throw DomainError.invalid(
                field: "defaultCountryCode", "Enter a country calling code of 1 to 3 digits, like 44 or 1.")
        }
    }

    /// Reads every line with the import's choices, writing nothing: what would be refused and
    /// which lines look like records already there. Saved with the import.
    func check(_ id: UUID) async throws -> ImportRecord {
        var record = try await visible(id)
        guard record.importState == .uploaded else { return record }
        let summary = try await ImportChecker(db: db, actor: actor).check(record)
        record.checkSummary = JSONEncoder.text(summary)
        record.totalRows = Int64(summary.rows)
        try await store.saveChoices(record)
        return try await store.find(id)!
    }

    /// Queues the import; the file is checked first if it was not. Without `enqueue` the caller
    /// runs it itself (the import command), so no worker may take it as well.
    func start(_ id: UUID, enqueue: Bool = true) async throws -> ImportRecord {
        var record = try await visible(id)
        guard record.importState == .uploaded else {
            throw DomainError.conflict(field: nil, message: "This import has already started.")
        }
        if record.summary == nil { record = try await check(id) }
        let started = try await db.writeTransaction { tx in
            let rows = try await tx.sql.raw(
                """
                UPDATE imports SET state = \(bind: ImportState.queued.rawValue) WHERE id = \(bind: id) AND state = \(bind: ImportState.uploaded.rawValue)
                RETURNING id
                """
            ).all()
            guard !rows.isEmpty else { return false }
            guard enqueue else { return true }
            try await JobQueue(db: tx).enqueue(
                ImportJob.kind, payload: ImportJob.Payload(importID: id), priority: 5, maxAttempts: 5,
                uniqueKey: "import:\(id.uuidString)", now: now)
            return true
        }
        guard started else { throw DomainError.conflict(field: nil, message: "This import has already started.") }
        return try await store.find(id)!
    }

    private func authorizeImport(_ spec: RecordSpec) throws {
        guard AccessPolicy.decide(actor, .create, spec.policy, record: nil) == .allowed else {
            throw DomainError.forbidden("Your role may not import \(spec.path).")
        }
    }
}
