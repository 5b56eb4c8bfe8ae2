import Foundation
import SQLKit

/// Creates many records of one type inside one transaction: each is checked as it is added,
/// exactly as a single create checks it, and the rows are written together by `write()`, a few
/// multi-row statements for the records, their audit entries and their roll-up counts. Types
/// whose new records need more than derived values after saving are created one by one instead.
final class RecordBatch: @unchecked Sendable {
    let spec: RecordSpec
    private let context: RecordContext
    private let batched: Bool
    /// Each new record's values as checked, and what its rules derive (written, not audited).
    private var pending: [(id: UUID, values: [String: FieldValue], derived: [String: FieldValue])] = []

    /// `context` must be inside a transaction (`RecordContext.transaction`).
    init(spec: RecordSpec, context: RecordContext) async throws {
        precondition(context.effects != nil, "a batch writes inside a transaction")
        self.spec = spec
        self.context = context
        batched = spec.rules.createsInBatch(context: context)
        try await RecordStore(spec: spec, db: context.db).authorize(.create, nil, context: context)
    }

    private var store: RecordStore { RecordStore(spec: spec, db: context.db) }

    /// Checks a new record from the fields a person gave, and writes it now or with the batch;
    /// a refusal throws and leaves the batch as it was.
    func create(given sent: [String: FieldValue]) async throws -> UUID {
        guard batched else { return try await store.create(given: sent, context: context).id }
        var change = RecordChange(old: nil, new: store.newValues(given: sent, context: context), sent: Set(sent.keys))
        try await store.check(&change, context: context)
        let id = UUID()
        let derived = try await spec.rules.derived(
            Record(id: id, values: change.new, createdAt: context.now, updatedAt: context.now), context: context)
        pending.append((id, change.new, derived))
        return id
    }

    /// Writes the records added since the last write.
    func write() async throws {
        guard !pending.isEmpty else { return }
        let rows = pending
        pending = []
        let columns = ["id", "created_at", "updated_at"] + spec.fields.map(\.column)
        let sql = context.db.sql
        for chunk in MultiRowInsert.chunks(rows, columns: columns.count) {
            let insert = sql.insert(into: spec.table).columns(columns)
            for row in chunk {
                let values = row.values.merging(row.derived) { $1 }
                insert.values(
                    [SQLBind(row.id), SQLBind(context.now), SQLBind(context.now)]
                        + spec.fields.map { (values[$0.name] ?? .null).sql })
            }
            try await insert.run()
        }
        try await AuditTrail.recordCreated(
            rows.map { ($0.id, $0.values) }, spec: spec, actorID: context.actor.userID, at: context.now, on: sql)
        for row in rows {
            context.effects?.recordWrite(spec, id: row.id, old: [:], new: row.values, createdAt: context.now)
        }
        try await spec.rules.afterCreatingBatch(rows.map { ($0.id, $0.values) }, context: context)
    }
}
