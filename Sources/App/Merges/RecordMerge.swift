import Fluent
import Foundation
import SalesPulseCore
import SQLKit

/// Merges two records of one type into the one kept: its empty fields filled from the other,
/// every linked row (activities, tasks, notes, deals, contacts…) moved to it, the other
/// deleted, all in one transaction through the record store (rules, audit, roll-ups), and
/// recorded so that it can be undone.
struct RecordMerge {
    struct Moved: Codable, Sendable, Equatable {
        let path: String
        let id: UUID
        let field: String
    }

    struct Stored: Codable, Sendable {
        let id: UUID
        let recordType: String
        let keptId: UUID
        let removedId: UUID
        let userId: UUID
        let removedValues: String
        let keptBefore: String
        let moved: String
        let mergedAt: Int64
        var undoneAt: Int64?

        enum CodingKeys: String, CodingKey {
            case id, moved
            case recordType = "record_type", keptId = "kept_id", removedId = "removed_id", userId = "user_id"
            case removedValues = "removed_values", keptBefore = "kept_before", mergedAt = "merged_at", undoneAt =
                "undone_at"
        }
    }

    let spec: RecordSpec
    let context: RecordContext

    /// Fields of other record types that point at this type.
    var links: [(spec: RecordSpec, field: FieldSpec)] {
        RecordCatalog.all.flatMap { other in
            other.fields.compactMap { field in
                guard case .reference(let table) = field.kind, table == spec.table else { return nil }
                return (other, field)
            }
        }
    }

    func merge(keep keptID: UUID, remove removedID: UUID) async throws -> Stored {
        guard keptID != removedID else {
            throw DomainError.invalid(field: "otherId", "A record cannot be merged with itself.")
        }
        let store = RecordStore(spec: spec, db: context.db)
        guard let kept = try await store.find(keptID), let removed = try await store.find(removedID) else {
            throw DomainError.notFound("No such \(spec.label).")
        }
        for record in [kept, removed] {
            guard
                AccessPolicy.decide(
                    context.actor, .update, spec.policy, record: try await spec.scope(of: record, on: context.db))
                    == .allowed
            else {
                throw DomainError.notFound("No such \(spec.label).")
            }
        }
        return try await context.transaction(on: context.db) { context, _ in
            let store = RecordStore(spec: spec, db: context.db)
            var moved: [Moved] = []
            for (linkSpec, field) in links {
                let rows = try await context.db.sql.raw(
                    "SELECT id FROM \(ident: linkSpec.table) WHERE \(ident: field.column) = \(bind: removedID)"
                ).all()
                let linkStore = RecordStore(spec: linkSpec, db: context.db)
                for row in rows {
                    let id = try row.decode(column: "id", as: UUID.self)
                    guard let linked = try await linkStore.find(id) else { continue }
                    try await linkStore.apply([field.name: .uuid(keptID)], to: linked, context: context)
                    moved.append(Moved(path: linkSpec.path, id: id, field: field.name))
                }
            }
            let fill = Dictionary(
                uniqueKeysWithValues: spec.fields.compactMap { field -> (String, FieldValue)? in
                    guard field.writable, kept[field: field.name].isNull, !removed[field: field.name].isNull else {
                        return nil
                    }
                    return (field.name, removed[field: field.name])
                })
            let before = Dictionary(uniqueKeysWithValues: fill.keys.map { ($0, kept[field: $0]) })
            let current = try await store.find(removedID) ?? removed
            try await store.delete(current, cascade: false, context: context)
            if !fill.isEmpty {
                try await store.apply(fill, to: try await store.find(keptID) ?? kept, context: context)
            }
            let stored = Stored(
                id: UUID(), recordType: spec.path, keptId: keptID, removedId: removedID, userId: context.actor.userID,
                removedValues: JSONEncoder.text(ImportBeforeImage(current.values)),
                keptBefore: JSONEncoder.text(ImportBeforeImage(before)),
                moved: JSONEncoder.text(moved), mergedAt: context.now.milliseconds, undoneAt: nil)
            try await context.db.sql.insert(into: "merges").model(stored, nilEncodingStrategy: .asNil).run()
            return stored
        }
    }

    /// Brings the removed record back with its id and values, moves its rows back and
    /// restores the kept record's fields; refused when any of them changed since the merge.
    func undo(_ merge: Stored) async throws {
        guard merge.undoneAt == nil else {
            throw DomainError.conflict(field: nil, message: "This merge has already been undone.")
        }
        let moved = (try? JSONDecoder().decode([Moved].self, from: Data(merge.moved.utf8))) ?? []
        let removed =
            (try? JSONDecoder().decode(ImportBeforeImage.self, from: Data(merge.removedValues.utf8)))?.values ?? [:]
        let before =
            (try? JSONDecoder().decode(ImportBeforeImage.self, from: Data(merge.keptBefore.utf8)))?.values ?? [:]
        try await context.transaction(on: context.db) { context, _ in
            let sql = context.db.sql
            let after = Date(timeIntervalSince1970: Double(merge.mergedAt + 1) / 1000)
            for (path, id) in [(spec.path, merge.keptId)] + moved.map({ ($0.path, $0.id) }) {
                let changed =
                    try await sql.raw(
                        """
                        SELECT COUNT(*) AS n FROM \(ident: AuditTrail.table) WHERE resource = \(bind: path) AND record_id = \(bind: id) AND at > \(bind: after)
                        """
                    ).first()?.decode(column: "n", as: Int.self) ?? 0
                if changed > 0 {
                    throw DomainError.conflict(
                        field: nil,
                        message:
                            "The kept record or a row moved to it was changed after the merge; undoing it would lose that change, so nothing was undone."
                    )
                }
            }
            let store = RecordStore(spec: spec, db: context.db)
            let values = Dictionary(uniqueKeysWithValues: spec.fields.map { ($0.name, removed[$0.name] ?? .null) })
            _ = try await store.create(values: values, sent: Set(values.keys), context: context, id: merge.removedId)
            for entry in moved {
                guard let linkSpec = RecordCatalog.spec(path: entry.path) else { continue }
                let linkStore = RecordStore(spec: linkSpec, db: context.db)
                guard let linked = try await linkStore.find(entry.id) else { continue }
                try await linkStore.apply([entry.field: .uuid(merge.removedId)], to: linked, context: context)
            }
            if !before.isEmpty, let kept = try await store.find(merge.keptId) {
                try await store.apply(before, to: kept, context: context)
            }
            let rows = try await sql.raw(
                "UPDATE merges SET undone_at = \(bind: context.now.milliseconds) WHERE id = \(bind: merge.id) AND undone_at IS NULL RETURNING id"
            ).all()
            guard !rows.isEmpty else {
                throw DomainError.conflict(field: nil, message: "This merge has already been undone.")
            }
        }
    }

    static func find(_ id: UUID, on sql: any SQLDatabase) async throws -> Stored? {
        try await sql.raw("SELECT * FROM merges WHERE id = \(bind: id)").first(decoding: Stored.self)
    }
}
