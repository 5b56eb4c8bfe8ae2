import Fluent
import Foundation
import SalesPulseCore
import SQLKit
import Vapor

/// Runs an import in the background, a batch of lines per transaction: the records, their
/// audit entries and roll-ups, the lines' outcomes and the import's counts commit together,
/// so a worker that dies loses at most the batch in hand, and the next one resumes after the
/// last committed line.
enum ImportJob {
    static let kind = "import"
    static let batchSize = 250

    struct Payload: Codable, Sendable {
        let importID: UUID
    }

    static func register(_ app: Application) {
        app.jobHandlers.register(kind) { context in
            let payload = try context.payload(Payload.self)
            try await run(payload.importID, app: context.app)
        }
    }

    static func run(_ id: UUID, app: Application, progress: (@Sendable (ImportRecord) -> Void)? = nil) async throws {
        let store = ImportStore(sql: app.db.sql)
        guard let record = try await store.find(id), [.queued, .running].contains(record.importState) else { return }
        guard let user = try await User.find(record.userId, on: app.db) else {
            try await store.setState(
                id, .failed, error: "The person who started this import no longer exists.", at: "finished_at",
                now: app.clock.now())
            return
        }
        let actor = try await ActorResolver.resolve(user, on: app.db)
        if record.importState == .queued {
            try await store.setState(id, .running, at: "started_at", now: app.clock.now())
        }
        do {
            try await ImportRun(record: record, actor: actor, app: app, progress: progress).run()
            try await app.db.writeTransaction { tx in
                try await ImportStore(sql: tx.sql).setState(id, .done, at: "finished_at", now: app.clock.now())
                try await ImportAssignments.announce(record, on: tx, now: app.clock.now())
                try await tx.sql.refreshPlannerStatistics()
            }
        } catch let error as DomainError {
            try await store.setState(id, .failed, error: error.reason, at: "finished_at", now: app.clock.now())
        }
    }
}

/// The open session of a run, handed to the transaction that writes each batch.
private final class SessionBox: @unchecked Sendable {
    var value: ImportSession
    init(_ value: ImportSession) { self.value = value }
}

/// One run of an import, from the line after its checkpoint to the end of the file.
private struct ImportRun {
    let record: ImportRecord
    let actor: Actor
    let app: Application
    let progress: (@Sendable (ImportRecord) -> Void)?

    var spec: RecordSpec { record.spec }
    var options: ImportOptions { record.importOptions }

    func run() async throws {
        let session = SessionBox(try await ImportSession.open(record, actor: actor, on: app.db))
        defer { session.value.close() }
        while true {
            let read = try await session.value.batch(ImportJob.batchSize)
            if read.isEmpty { break }
            let batch = read.filter { Int64($0.number) > record.lastLine }
            if batch.isEmpty { continue }
            try await write(batch, session: session)
            if let progress, let current = try await ImportStore(sql: app.db.sql).find(record.id) { progress(current) }
        }
    }

    /// Decides and writes each line in turn, so a line is compared with every earlier line
    /// written, in this batch as well.
    private func write(_ batch: [DelimitedLine], session: SessionBox) async throws {
        var context = RecordContext(db: app.db, actor: actor, now: app.clock.now(), logger: app.logger)
        context.announcesAssignments = false
        context.geocodes = app.settings.geocoderURL != nil
        let written = try await context.transaction(on: app.db) { context, _ in
            try await context.db.sql.prepareForBulkWrites()
            var pending = ImportPass.Pending()
            var entries: [ImportRowEntry] = []
            let creates = try await RecordBatch(spec: spec, context: context)
            for line in batch {
                let decision = session.value.pass.decide(line: line.number, cells: line.cells, pending: pending)
                let entry = try await apply(decision, line: line, context: context, creates: creates)
                if entry.outcome == ImportOutcome.created.rawValue, let candidate = decision.candidate {
                    pending.remember(candidate, line: line.number)
                }
                entries.append(entry)
            }
            try await creates.write()
            try await ImportRowLog.append(entries, on: context.db.sql)
            try await ImportRowLog.advance(record.id, by: entries, on: context.db.sql)
            return pending
        }
        session.value.pass.keep(written)
    }

    private func apply(
        _ decision: ImportDecision, line: DelimitedLine, context: RecordContext, creates: RecordBatch
    ) async throws -> ImportRowEntry {
        let store = RecordStore(spec: spec, db: context.db)
        func entry(
            _ outcome: ImportOutcome, id: UUID? = nil, reason: String? = nil, field: String? = nil,
            before: String? = nil
        ) -> ImportRowEntry {
            let keepCells = outcome == .skipped || outcome == .failed
            return ImportRowEntry(
                importId: record.id, line: Int64(line.number), outcome: outcome.rawValue, recordId: id, reason: reason,
                field: field.flatMap { $0.isEmpty ? nil : $0 }, before: before,
                cells: keepCells ? JSONEncoder.text(line.cells) : nil, writtenAt: context.now.milliseconds)
        }
        do {
            switch decision {
            case .invalid(let error):
                return entry(.failed, reason: error.reason, field: error.field)
            case .create(let values, _):
                return entry(.created, id: try await creates.create(given: values))
            case .duplicate(let values, _, let match):
                let reason = ImportDuplicates.words(match.reason, spec: spec)
                switch (match.target, options.onDuplicate) {
                case (_, .create):
                    return entry(.created, id: try await creates.create(given: values))
                case (.row(let earlier), _):
                    return entry(.skipped, reason: "Repeats line \(earlier) (\(reason)).")
                case (.record(let id), .skip):
                    return entry(.skipped, id: id, reason: "Already in the CRM (\(reason)).")
                case (.record(let id), .update):
                    return try await update(
                        id, with: values, reason: reason, store: store, context: context, entry: entry)
                }
            }
        } catch let error as DomainError where error.status.code < 500 {
            return entry(.failed, reason: error.reason, field: error.field)
        }
    }

    private func update(
        _ id: UUID, with values: [String: FieldValue], reason: String, store: RecordStore, context: RecordContext,
        entry: (ImportOutcome, UUID?, String?, String?, String?) -> ImportRowEntry
    ) async throws -> ImportRowEntry {
        guard let existing = try await store.find(id),
            AccessPolicy.decide(actor, .update, spec.policy, record: try await spec.scope(of: existing, on: context.db))
                == .allowed
        else {
            return entry(.skipped, id, "Matches a \(spec.label) you may not change (\(reason)).", nil, nil)
        }
        var changes = values
        if let owner = spec.ownerField,
            changes[owner] == .uuid(record.userId) || changes[owner] == options.defaultOwnerId.map(FieldValue.uuid)
        {
            changes[owner] = nil
        }
        changes = changes.filter { name, value in
            existing[field: name] != value && (options.updateMode == .overwrite || existing[field: name].isNull)
        }
        guard !changes.isEmpty else {
            return entry(.skipped, id, "Already in the CRM with nothing new to add (\(reason)).", nil, nil)
        }
        let before = Dictionary(uniqueKeysWithValues: changes.keys.map { ($0, existing[field: $0]) })
        try await store.apply(changes, to: existing, context: context)
        return entry(
            .updated, id, "Updated \(changes.keys.sorted().map(FieldLabel.of).joined(separator: ", ")) (\(reason)).",
            nil,
            JSONEncoder.text(ImportBeforeImage(before)))
    }
}
