import Foundation
import SQLKit

/// S1's audit trail: who changed which field of which record from what to what, written in the
/// same transaction as the change itself.
enum AuditTrail {
    static let table = "audit_entries"

    enum Action: String {
        case create, update, delete
        /// A person's data erased on their request; the entry holds none of it.
        case erase
        /// A lost lead's personal data removed by the retention rule.
        case retain
        /// A person's data handed over for their access request.
        case access
    }

    /// That a record's personal data was handed over or removed, by whom and when, and
    /// nothing of the data.
    static func recordPersonalData(
        _ action: Action, resource: String, ids: [UUID], actorID: UUID, at: Date, on sql: any SQLDatabase
    ) async throws {
        let changes = #"[{"field":"personalData","new":"\#(action == .access ? "exported" : "erased")","old":null}]"#
        try await insert(
            ids.map {
                [
                    SQLBind(UUID()), SQLBind(resource), SQLBind($0), SQLBind(action.rawValue), SQLBind(actorID),
                    SQLBind(at), SQLBind(changes),
                ]
            }, on: sql)
    }

    static func record(
        _ action: Action, spec: RecordSpec, id: UUID, old: [String: FieldValue], new: [String: FieldValue],
        actorID: UUID, at: Date, on sql: any SQLDatabase
    ) async throws {
        guard let row = try row(action, spec: spec, id: id, old: old, new: new, actorID: actorID, at: at) else {
            return
        }
        try await insert([row], on: sql)
    }

    /// The entries of records a batch created, a few statements for the whole batch.
    static func recordCreated(
        _ records: [(id: UUID, values: [String: FieldValue])], spec: RecordSpec, actorID: UUID, at: Date,
        on sql: any SQLDatabase
    ) async throws {
        try await insert(
            records.compactMap {
                try row(.create, spec: spec, id: $0.id, old: [:], new: $0.values, actorID: actorID, at: at)
            }, on: sql)
    }

    private static let columns = ["id", "resource", "record_id", "action", "actor_id", "at", "changes"]

    private static func row(
        _ action: Action, spec: RecordSpec, id: UUID, old: [String: FieldValue], new: [String: FieldValue],
        actorID: UUID, at: Date
    ) throws -> [any SQLExpression]? {
        // [{"field":…,"new":…,"old":…}, …] written straight: a bulk import writes one per record.
        var changes: [UInt8] = [UInt8(ascii: "[")]
        for field in spec.fields {
            let before = old[field.name] ?? .null, after = new[field.name] ?? .null
            guard before != after else { continue }
            if changes.count > 1 { changes.append(UInt8(ascii: ",")) }
            changes.append(contentsOf: #"{"field":"#.utf8)
            JSONWriter.string(field.name, into: &changes)
            changes.append(contentsOf: #","new":"#.utf8)
            JSONWriter.write(after, as: field.kind, into: &changes)
            changes.append(contentsOf: #","old":"#.utf8)
            JSONWriter.write(before, as: field.kind, into: &changes)
            changes.append(UInt8(ascii: "}"))
        }
        guard changes.count > 1 || action != .update else { return nil }
        changes.append(UInt8(ascii: "]"))
        let text = String(decoding: changes, as: UTF8.self)
        return [
            SQLBind(UUID()), SQLBind(spec.path), SQLBind(id), SQLBind(action.rawValue), SQLBind(actorID), SQLBind(at),
            SQLBind(text),
        ]
    }

    private static func insert(_ rows: [[any SQLExpression]], on sql: any SQLDatabase) async throws {
        let head = QuotedNames.insert(into: table, columns)
        for chunk in MultiRowInsert.chunks(rows, columns: columns.count) {
            let values = chunk.map { row in "(\(SQLList(row)))" as SQLQueryString }.joined(separator: ", ")
            try await sql.raw("\(unsafeRaw: head)\(values)").run()
        }
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
        Entry(
            id: try row.decode(column: "id", as: UUID.self),
            resource: try row.decode(column: "resource", as: String.self),
            recordID: try row.decode(column: "record_id", as: UUID.self),
            action: try row.decode(column: "action", as: String.self),
            actorID: try row.decode(column: "actor_id", as: UUID.self), at: try row.decode(column: "at", as: Date.self),
            changes: try row.decode(column: "changes", as: String.self))
    }
}
