import Fluent
import Foundation
import SalesPulseCore
import SQLKit

/// Takes an import back in one transaction: the records it created are deleted and the fields
/// it updated get their earlier values. Refused, with the records named, when any of them was
/// changed by anyone after the import wrote it, so that undo never throws away later work.
struct ImportUndo {
    let db: any Database
    let actor: Actor
    let now: Date
    let logger: Logger

    func undo(_ record: ImportRecord) async throws {
        guard record.importState == .done || record.importState == .failed else {
            throw DomainError.conflict(
                field: nil,
                message: record.importState == .undone
                    ? "This import has already been undone."
                    : "Only a finished import can be undone.")
        }
        let spec = record.spec
        let context = RecordContext(db: db, actor: actor, now: now, logger: logger)
        try await context.transaction(on: db) { context, _ in
            let sql = context.db.sql
            let written = try await ImportRowLog.entries(record.id, outcomes: [.created, .updated], on: sql)
            try await refuseIfChangedSince(written, spec: spec, on: sql)
            let store = RecordStore(spec: spec, db: context.db)
            for entry in written.reversed() {
                guard let id = entry.recordId, let stored = try await store.find(id) else { continue }
                if entry.outcome == ImportOutcome.created.rawValue {
                    try await store.delete(stored, cascade: false, context: context)
                } else if let before = entry.before.flatMap({
                    try? JSONDecoder().decode(ImportBeforeImage.self, from: Data($0.utf8))
                }) {
                    try await store.apply(before.values, to: stored, context: context)
                }
            }
            let rows = try await sql.raw(
                """
                UPDATE imports SET state = \(bind: ImportState.undone.rawValue), undone_at = \(bind: now.milliseconds)
                WHERE id = \(bind: record.id) AND state = \(bind: record.state) RETURNING id
                """
            ).all()
            guard !rows.isEmpty else {
                throw DomainError.conflict(field: nil, message: "This import has already been undone.")
            }
        }
    }

    /// Any audit entry for a record after the import wrote it is a later change. Lines are
    /// grouped by the batch that wrote them, which shares one time.
    private func refuseIfChangedSince(
        _ written: [ImportRowEntry], spec: RecordSpec, on sql: any SQLDatabase
    ) async throws {
        var changed: [Int64] = []
        for (writtenAt, group) in Dictionary(grouping: written, by: \.writtenAt) {
            let after = Date(timeIntervalSince1970: Double(writtenAt + 1) / 1000)
            for start in stride(from: 0, to: group.count, by: 500) {
                let chunk = group[start..<min(start + 500, group.count)]
                let lines = Dictionary(chunk.compactMap { entry in entry.recordId.map { ($0, entry.line) } }) {
                    min($0, $1)
                }
                guard !lines.isEmpty else { continue }
                let rows = try await sql.raw(
                    """
                    SELECT DISTINCT record_id FROM \(ident: AuditTrail.table)
                    WHERE resource = \(bind: spec.path) AND record_id IN (\(binds: Array(lines.keys))) AND at > \(bind: after)
                    """
                ).all()
                for row in rows {
                    if let line = lines[try row.decode(column: "record_id", as: UUID.self)] { changed.append(line) }
                }
            }
        }
        changed.sort()
        guard changed.isEmpty else {
            let listed =
                changed.prefix(5).map { "line \($0)" }.joined(separator: ", ")
                + (changed.count > 5 ? " and \(changed.count - 5) more" : "")
            throw DomainError.conflict(
                field: nil,
                message:
                    "\(changed.count) of the imported records were changed after the import (\(listed)); undoing it would lose those changes, so nothing was undone."
            )
        }
    }
}
