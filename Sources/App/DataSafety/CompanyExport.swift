import Documents
import Fluent
import Foundation
import SalesPulseCore
import SQLKit

/// Everything the company holds, taken out in files anyone can open: for each record type a
/// CSV in words (the same columns a list export writes, which the import reads back) and a
/// JSON Lines file with every field as the API names it; the same for people, teams and the
/// audit trail, without password hashes or sign-in secrets; and a README that describes the
/// files. Each type is read a page at a time and written straight to disk, so a company of
/// millions of records is never held in memory.
struct CompanyExport {
    let db: any Database
    let actor: Actor
    /// Who asked, named in the README.
    let actorName: String
    let now: Date

    struct Step: Sendable {
        let name: String
        let rows: Int
        let done: Int
        let total: Int
    }

    struct Summary: Sendable {
        let files: [(name: String, label: String, rows: Int)]
        var rows: Int { files.reduce(0) { $0 + $1.rows } }
    }

    typealias Progress = @Sendable (Step) async throws -> Void

    /// Tables that are not record types but belong in the company's data, with the columns
    /// that never leave the server.
    static let tables: [(table: String, label: String, hidden: Set<String>)] = [
        (User.schema, "people who use SalesPulse", ["password_hash", "calendar_token", "session_version"]),
        (Team.schema, "teams", []),
        ("audit_entries", "audit trail: every change to a record, who made it and when", []),
    ]

    var total: Int { RecordCatalog.all.count + Self.tables.count }

    func write(to destination: URL, progress: @escaping Progress = { _ in }) async throws -> Summary {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent(
            "salespulse-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        var files: [(name: String, label: String, rows: Int)] = []
        for spec in RecordCatalog.all {
            let rows = try await writeRecords(spec, into: work)
            files.append((spec.path, spec.pluralLabel, rows))
            try await progress(Step(name: spec.path, rows: rows, done: files.count, total: total))
        }
        let catalog = try await DatabaseCatalog.read(db.sql)
        for entry in Self.tables {
            guard let table = catalog[entry.table] else { continue }
            let name = entry.table.replacingOccurrences(of: "_entries", with: "_trail")
            let rows = try await writeTable(table, hidden: entry.hidden, name: name, into: work)
            files.append((name, entry.label, rows))
            try await progress(Step(name: name, rows: rows, done: files.count, total: total))
        }
        let summary = Summary(files: files)
        try Data(readme(summary).utf8).write(to: work.appendingPathComponent("README.txt"))
        try ZipPacking.pack(
            ["README.txt"] + files.flatMap { ["\($0.name).csv", "\($0.name).jsonl"] }, from: work, to: destination)
        return summary
    }

    /// A record type through its list, page by page: the CSV line in words and the JSON line
    /// as the API writes it, from the same read.
    private func writeRecords(_ spec: RecordSpec, into work: URL) async throws -> Int {
        let csv = try ExportFile(work.appendingPathComponent("\(spec.path).csv"))
        let jsonl = try ExportFile(work.appendingPathComponent("\(spec.path).jsonl"))
        let export = RecordExport(spec: spec, db: db, actor: actor, now: now)
        csv.append(CSVTable.line(export.header))
        var rows = 0
        try await export.forEachPage(try RecordListQuery(spec: spec, parameters: [:])) { records, display in
            for record in records {
                csv.append(CSVTable.line(export.cells(record, display: display).map(\.plain)))
                jsonl.append(RecordJSON.object(record, spec: spec).bytes)
                jsonl.append("\n")
            }
            rows += records.count
        }
        try csv.close()
        try jsonl.close()
        return rows
    }

    /// A table as stored, less the columns that stay on the server, times written as
    /// ISO 8601 and stored JSON kept as JSON.
    private func writeTable(
        _ table: DatabaseCatalog.Table, hidden: Set<String>, name: String, into work: URL
    ) async throws -> Int {
        let columns = table.columns.filter { !hidden.contains($0.name) }
        let keys = columns.map { Self.camelCase($0.name) }
        let csv = try ExportFile(work.appendingPathComponent("\(name).csv"))
        let jsonl = try ExportFile(work.appendingPathComponent("\(name).jsonl"))
        csv.append(CSVTable.line(columns.map { FieldLabel.of(Self.camelCase($0.name)) }))
        let sql = db.sql
        let dialect = sql.dialect.name
        let select = sql.select().columns(columns.map { BackupWriter.selected($0, dialect: dialect) }).from(table.name)
            .orderBy(columns[0].name)
        try await sql.execute(sql: select.query) { row in
            do {
                let values = try BackupWriter.values(of: row, columns: columns)
                let shown = zip(columns, values).map { Self.readable($0.1, column: $0.0) }
                csv.append(CSVTable.line(shown.map(Self.plain)))
                var object: [String: Any] = [:]
                for (key, value) in zip(keys, shown) { object[key] = value }
                jsonl.append(Array(JSONWriter.data(object)))
                jsonl.append("\n")
                jsonl.rows += 1
            } catch {
                jsonl.failure = jsonl.failure ?? error
            }
        }
        try csv.close()
        try jsonl.close()
        return jsonl.rows
    }

    /// Times as ISO 8601 (SQLite declares them REAL, so the name tells), decimals as numbers,
    /// and text that holds JSON as JSON.
    static func readable(_ value: Any, column: BackupManifest.Column) -> Any {
        if value is NSNull { return value }
        let isTime = column.kind == .timestamp || (column.name.hasSuffix("_at") && column.kind != .text)
        if isTime, let seconds = (value as? String).flatMap(Double.init) ?? (value as? Int64).map(Double.init) {
            return InternetTime.format(Date(timeIntervalSince1970: seconds))
        }
        if let text = value as? String, column.kind == .real, let number = Double(text) { return number }
        if let text = value as? String, let first = text.first, first == "{" || first == "[",
            (try? JSONSerialization.jsonObject(with: Data(text.utf8))) != nil
        {
            return JSONFragment(bytes: Array(text.utf8))
        }
        return value
    }

    static func plain(_ value: Any) -> String {
        switch value {
        case is NSNull: ""
        case let text as String: text
        case let flag as Bool: flag ? "Yes" : "No"
        case let fragment as JSONFragment: String(decoding: fragment.bytes, as: UTF8.self)
        default: "\(value)"
        }
    }

    static func camelCase(_ column: String) -> String {
        let parts = column.split(separator: "_")
        return parts.enumerated().map {
            $0.offset == 0 ? String($0.element) : $0.element.prefix(1).uppercased() + $0.element.dropFirst()
        }.joined()
    }

    func readme(_ summary: Summary) -> String {
        var text = """
            SalesPulse: everything this company holds
            Exported \(InternetTime.format(now)) by \(actorName).

            Each kind of record comes as two files:
            - NAME.csv: one row per record, the columns a list export writes, in words (names of
              owners, accounts and contacts instead of their ids). Leads, contacts and accounts
              read back in through Import.
            - NAME.jsonl: one JSON object per line with every field as the API names it, ids
              included, so records can be linked to each other. Custom field values are in the
              customFields object of each lead.
            Times are ISO 8601 in UTC; amounts are in the company's currency.
            Password hashes and sign-in secrets are never exported.

            Files:

            """
        for file in summary.files {
            text += "- \(file.name).csv / \(file.name).jsonl: \(file.label), \(file.rows) rows\n"
        }
        return text
    }
}

/// One file of an export, written through a buffer. The database driver hands rows to a
/// callback one at a time, in order; the count and the first row that could not be read are
/// kept here until the statement finishes.
final class ExportFile: @unchecked Sendable {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    var rows = 0
    var failure: (any Error)?

    init(_ url: URL) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw DomainError.badRequest("Cannot write \(url.path).")
        }
        handle = try FileHandle(forWritingTo: url)
        buffer.reserveCapacity(1 << 20)
    }

    func append(_ text: String) { append(Array(text.utf8)) }

    func append(_ bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 20 { flush() }
    }

    private func flush() {
        handle.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }

    func close() throws {
        flush()
        try handle.close()
        if let failure { throw failure }
    }
}
