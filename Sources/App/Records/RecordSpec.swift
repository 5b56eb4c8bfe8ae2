import Fluent
import Foundation
import SalesPulseCore
import Vapor

/// A record type of S2 described once: its table, fields, search, the policy that guards it and
/// the rules that go beyond field validation. The generic store, lists, controller and OpenAPI
/// document all work from this description, so every record type behaves the same way.
struct RecordSpec: Sendable {
    /// The API's plural noun: /api/v1/{path}.
    let path: String
    let table: String
    /// "lead", "account": used in messages.
    let label: String
    let policy: Resource
    let ownership: Ownership
    let fields: [FieldSpec]
    /// Columns searched by ?q= (prefix match, so indexes serve it).
    let search: [SearchColumn]
    let defaultSort: String
    var rules: any RecordRules = NoExtraRules()

    func field(_ name: String) -> FieldSpec? { fields.first { $0.name == name } }

    /// The field naming the owning user, for types owned directly.
    var ownerField: String? {
        if case .owner(let field) = ownership { return field }
        return nil
    }

    var schemaName: String { label.split(separator: " ").map { $0.capitalized }.joined() }
}

/// Who a row belongs to, which decides who sees it.
enum Ownership: Sendable {
    /// A field names the owning user (leads' ownerId, tasks' assigneeId).
    case owner(field: String)
    /// The row belongs to a parent row (an opportunity's line items) and is seen with it.
    case parent(field: String, table: String, ownerColumn: String)
    /// Shared reference data (products, regions).
    case shared
}

/// A column ?q= searches, by prefix.
struct SearchColumn: Sendable {
    let column: String
    /// Compare lower(column): for names typed in any case. Emails and phones are stored normalised.
    let lowercased: Bool
    /// How the search text is normalised before comparing: phones keep digits and +.
    var phoneDigits = false
}

/// A loaded row: its id, timestamps and field values by API name.
struct Record: Sendable {
    let id: UUID
    var values: [String: FieldValue]
    let createdAt: Date?
    let updatedAt: Date?

    subscript(key: FieldName) -> FieldValue { values[key.rawValue] ?? .null }
    /// A field named at run time (from a spec or a request).
    subscript(field name: String) -> FieldValue { values[name] ?? .null }
}

/// What a rule needs to know about the request it serves.
struct RecordContext: Sendable {
    var db: any Database
    let actor: Actor
    let now: Date
    let logger: Logger
    /// Set only by lead conversion, the one path that may mark a lead Converted.
    var converting = false
    /// A lead given to someone tells them at once; an import tells each owner once at its end.
    var announcesAssignments = true
    /// The lead form or channel a lead arrived through, named in its owner's notification.
    var arrivedThrough: String?
    /// The caller tells a new owner itself, in the write's own transaction, instead of leaving
    /// it to a job: a lead from a form or channel reaches its rep at once, however busy the queue.
    var tellsNewOwnerItself = false
    /// Inside a write transaction: what its writes leave for just before it commits.
    var effects: WriteEffects?
    /// A geocoder is set, so a new address is looked up in the background; without one no job
    /// is queued for nothing.
    var geocodes = false

    /// The same context working inside a transaction.
    func on(_ db: any Database) -> RecordContext {
        var copy = self
        copy.db = db
        return copy
    }
}

/// A create or update in progress: the stored row (nil when creating), the values it will
/// have, and the fields the client sent.
struct RecordChange: Sendable {
    let old: Record?
    var new: [String: FieldValue]
    let sent: Set<String>

    subscript(key: FieldName) -> FieldValue {
        get { new[key.rawValue] ?? .null }
        set { new[key.rawValue] = newValue }
    }

    /// A field named at run time (from a spec or a request).
    subscript(field name: String) -> FieldValue {
        get { new[name] ?? .null }
        set { new[name] = newValue }
    }

    func changed(_ key: FieldName) -> Bool { (old?[key] ?? .null) != self[key] }
    func changed(field name: String) -> Bool { (old?[field: name] ?? .null) != self[field: name] }
    var isCreate: Bool { old == nil }
}

/// Business rules of one record type, run inside the write's transaction.
protocol RecordRules: Sendable {
    func validate(_ change: inout RecordChange, context: RecordContext) async throws
    func afterSave(id: UUID, _ change: RecordChange, context: RecordContext) async throws
    func beforeDelete(_ record: Record, cascade: Bool, context: RecordContext) async throws
    func afterDelete(_ record: Record, context: RecordContext) async throws
    /// Whether new records may be written many rows to a statement (`RecordBatch`): true when
    /// everything `afterSave` does for a new record is in `derived`.
    func createsInBatch(context: RecordContext) -> Bool
    /// Fields a record's own values decide (a lead's score), written with every create and
    /// update of the row and never audited.
    func derived(_ record: Record, context: RecordContext) async throws -> [String: FieldValue]
    /// After a batch of new records is written, in the same transaction: background work they
    /// start (never changes to the rows themselves, which belong in `derived`).
    func afterCreatingBatch(_ rows: [(id: UUID, values: [String: FieldValue])], context: RecordContext) async throws
}

extension RecordRules {
    func createsInBatch(context: RecordContext) -> Bool { false }
    func derived(_ record: Record, context: RecordContext) async throws -> [String: FieldValue] { [:] }
    func afterCreatingBatch(_ rows: [(id: UUID, values: [String: FieldValue])], context: RecordContext) async throws {}
    func validate(_ change: inout RecordChange, context: RecordContext) async throws {}
    func afterSave(id: UUID, _ change: RecordChange, context: RecordContext) async throws {}
    func beforeDelete(_ record: Record, cascade: Bool, context: RecordContext) async throws {}
    func afterDelete(_ record: Record, context: RecordContext) async throws {}
}

struct NoExtraRules: RecordRules {}

extension RecordSpec {
    /// "activities", "opportunities", "sale lines": the label for many.
    var pluralLabel: String {
        if label.hasSuffix("y"), let before = label.dropLast().last, !"aeiou".contains(before) {
            return label.dropLast() + "ies"
        }
        return label + "s"
    }
}
