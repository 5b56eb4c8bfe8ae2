import Foundation
import SQLKit

/// S1's audit trail: who changed which field of which record from what to what, written in the
/// same transaction as the change itself.
enum AuditTrail {
    static let table = "audit_entries"

    enum Action: String {
        case create, update, delete
    }

    static func record(_ action: Action, spec: RecordSpec, id: UUID, old: [String: FieldValue], new: [String: FieldValue],
                       actorID: UUID, at: Date, on sql: any SQLDatabase) async throws {
        var changes: [[String: Any]] = []
        for field in spec.fields {
            let before = old[field.name] ?? .null, after = new[field.name] ?? .null
            guard before != after else { continue }
            changes.append(["field": field.name, "old": field.output(before), "new": field.output(after)])
        }
        guard !changes.isEmpty || action != .update else { return }
        let text = String(decoding: try JSONSerialization.data(withJSONObject: changes, options: [.sortedKeys]), as: UTF8.self)
        try await sql.insert(into: table)
            .columns("id", "resource", "record_id", "action", "actor_id", "at", "changes")
            .values(SQLBind(UUID()), SQLBind(spec.path), SQLBind(id), SQLBind(action.rawValue), SQLBind(actorID), SQLBind(at), SQLBind(text))
            .run()
    }

    struct Entry: Sendable {
        let id: UUID
        let resource: String
        let recordID: UUID
        let action: String
        let actorID: UUID
        let at: Date
        let changes: String

        var json: [String: Any] {
            [
                "id": id.uuidString, "resource": resource, "recordId": recordID.uuidString, "action": action,
                "actorId": actorID.uuidString, "at": InternetTime.format(at),
                "changes": (try? JSONSerialization.jsonObject(with: Data(changes.utf8))) ?? [],
            ]
        }
    }

    static func decode(_ row: any SQLRow) throws -> Entry {
        Entry(id: try row.decode(column: "id", as: UUID.self), resource: try row.decode(column: "resource", as: String.self),
              recordID: try row.decode(column: "record_id", as: UUID.self), action: try row.decode(column: "action", as: String.self),
              actorID: try row.decode(column: "actor_id", as: UUID.self), at: try row.decode(column: "at", as: Date.self),
              changes: try row.decode(column: "changes", as: String.self))
    }
}
