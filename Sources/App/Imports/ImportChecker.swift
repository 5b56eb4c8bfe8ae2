import Fluent
import Foundation
import SalesPulseCore
import SQLKit

/// Opens an import's file and walks it with its choices: shared by the check and the run.
struct ImportSession {
    let lines: ImportLines
    var pass: ImportPass
    let references: ImportReferences
    private let path: String

    static func open(_ record: ImportRecord, actor: Actor, on db: any Database) async throws -> ImportSession {
        let path = try await ImportFiles.materialize(importID: record.id, on: db.sql)
        do {
            let lines = try ImportLines(path: path, format: record.format, sheet: record.sheet)
            let references = try await ImportReferences.load(db.sql)
            var options = record.importOptions
            if options.defaultOwnerId == nil { options.defaultOwnerId = record.userId }
            let reader = ImportRowReader(
                spec: record.spec, columns: record.columnFields, headerCount: lines.header.count,
                options: options, references: references)
            let stored = try await ImportDuplicates.stored(record.spec, options: options, on: db.sql)
            return ImportSession(
                lines: lines, pass: ImportPass(reader: reader, stored: stored), references: references, path: path)
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            throw error
        }
    }

    private init(lines: ImportLines, pass: ImportPass, references: ImportReferences, path: String) {
        self.lines = lines
        self.pass = pass
        self.references = references
        self.path = path
    }

    func close() { try? FileManager.default.removeItem(atPath: path) }

    /// The next lines, up to `count`, with the accounts they name looked up together.
    mutating func batch(_ count: Int) async throws -> [DelimitedLine] {
        var batch: [DelimitedLine] = []
        while batch.count < count, let line = try lines.next() {
            batch.append(DelimitedLine(number: line.number, cells: line.fields))
        }
        try await references.prefetchAccounts(pass.reader.accountNames(batch.map(\.cells)))
        return batch
    }
}

struct DelimitedLine: Sendable {
    let number: Int
    let cells: [String]
}

/// The dry run: every line read and judged as the import would, nothing written.
struct ImportChecker {
    let db: any Database
    let actor: Actor

    func check(_ record: ImportRecord) async throws -> ImportCheckSummary {
        var session = try await ImportSession.open(record, actor: actor, on: db)
        defer { session.close() }
        var summary = ImportCheckSummary()
        while true {
            let batch = try await session.batch(1_000)
            if batch.isEmpty { break }
            for line in batch {
                summary.rows += 1
                switch session.pass.decide(line: line.number, cells: line.cells) {
                case .invalid(let error):
                    summary.invalid += 1
                    if summary.problems.count < ImportCheckSummary.listed {
                        summary.problems.append(
                            .init(
                                line: line.number, field: error.field.flatMap { $0.isEmpty ? nil : $0 },
                                message: error.reason))
                    }
                case .create(_, let candidate):
                    summary.valid += 1
                    session.pass.remember(candidate, line: line.number)
                case .duplicate(_, let candidate, let match):
                    summary.valid += 1
                    if case .row = match.target {
                        summary.duplicatesInFile += 1
                    } else {
                        summary.duplicatesOfRecords += 1
                    }
                    if record.importOptions.onDuplicate == .create {
                        session.pass.remember(candidate, line: line.number)
                    }
                    if summary.duplicates.count < ImportCheckSummary.listed {
                        summary.duplicates.append(try await describe(match, line: line.number, spec: record.spec))
                    }
                }
            }
        }
        return summary
    }

    private func describe(
        _ match: DuplicateMatch<UUID>, line: Int, spec: RecordSpec
    ) async throws -> ImportCheckSummary.Duplicate {
        let reason = ImportDuplicates.words(match.reason, spec: spec)
        switch match.target {
        case .row(let matched):
            return .init(
                line: line, reason: reason, score: match.score, recordId: nil, matchedLine: matched,
                matchedName: "line \(matched)")
        case .record(let id):
            var name = "a \(spec.label) you cannot see"
            if let stored = try await RecordStore(spec: spec, db: db).find(id),
                AccessPolicy.decide(actor, .read, spec.policy, record: try await spec.scope(of: stored, on: db))
                    == .allowed
            {
                name = stored[.name].text ?? name
            }
            return .init(
                line: line, reason: reason, score: match.score, recordId: id, matchedLine: nil, matchedName: name)
        }
    }
}
