import Fluent
import Foundation
import SalesPulseCore
import SQLKit

/// Reads and writes records of one type. Every write is one transaction that validates,
/// applies the type's rules, writes the row and its audit entry, or does nothing at all.
struct RecordStore: Sendable {
    let spec: RecordSpec
    let db: any Database

    var sql: any SQLDatabase { db.sql }

    func find(_ id: UUID) async throws -> Record? {
        try await sql.select().column("*").from(spec.table).where("id", .equal, SQLBind(id)).first().map(decode)
    }

    /// A record read once per transaction: the reference check and a rule after the save (an
    /// activity's lead) share one read. Writing the record through the store forgets it.
    func findOnce(_ id: UUID, context: RecordContext) async throws -> Record? {
        try await context.lookup(readKey(id)) { try await find(id) }
    }

    func forgetRead(_ id: UUID, context: RecordContext) { context.effects?.forget(readKey(id)) }

    /// The record as it is now, its row held until the transaction ends, for a change worked out
    /// from its values (a counter, a stage a deal leaves): without the hold, two transactions on
    /// PostgreSQL read the same values and the second write undoes the first or repeats its side
    /// effects. SQLite runs one write at a time. The hold leaves the row's key alone, so rows
    /// that refer to it can still be written beside it. Later reads in the transaction
    /// (`findOnce`) get this one.
    func findHeld(_ id: UUID, context: RecordContext) async throws -> Record? {
        let select = sql.select().column("*").from(spec.table).where("id", .equal, SQLBind(id))
        if sql.dialect.name == "postgresql" { select.lockingClause(SQLRaw("FOR NO KEY UPDATE")) }
        forgetRead(id, context: context)
        return try await context.lookup(readKey(id)) { try await select.first().map(decode) }
    }

    private func readKey(_ id: UUID) -> String { "record:\(spec.table):\(id.uuidString)" }

    func decode(_ row: any SQLRow) throws -> Record {
        var values: [String: FieldValue] = [:]
        values.reserveCapacity(spec.fields.count)
        let idsAsText = sql.dialect.name == "sqlite"
        for field in spec.fields { values[field.name] = try field.decode(row, idsAsText: idsAsText) }
        let id = idsAsText ? UUID(uuidString: try row.decode(column: "id", as: String.self)) : nil
        return Record(
            id: try id ?? row.decode(column: "id", as: UUID.self), values: values,
            createdAt: try row.decodeNil(column: "created_at")
                ? nil : try row.decode(column: "created_at", as: Date.self),
            updatedAt: try row.decodeNil(column: "updated_at")
                ? nil : try row.decode(column: "updated_at", as: Date.self))
    }

    /// The fields a client sent, validated one by one; unknown and system-set fields are refused.
    func parse(_ input: [String: JSONInput]) throws -> [String: FieldValue] {
        var values: [String: FieldValue] = [:]
        for key in input.keys.sorted() {
            guard let field = spec.field(key) else {
                throw DomainError.invalid(field: key, "Unknown field for a \(spec.label).")
            }
            guard field.writable else { throw DomainError.invalid(field: key, "This field is set by the system.") }
            values[key] = try field.parse(input[key]!)
        }
        return values
    }

    func create(_ input: [String: JSONInput], context: RecordContext) async throws -> Record {
        try await create(given: try parse(input), context: context)
    }

    /// Creates from the fields a person gave: the rest take their defaults, and the owner is
    /// the person creating unless they named another.
    func create(given sent: [String: FieldValue], context: RecordContext) async throws -> Record {
        try await create(values: newValues(given: sent, context: context), sent: Set(sent.keys), context: context)
    }

    /// A new record's values: what was given, the defaults for the rest, and the person
    /// creating as owner when none was named.
    func newValues(given sent: [String: FieldValue], context: RecordContext) -> [String: FieldValue] {
        var values = Dictionary(uniqueKeysWithValues: spec.fields.map { ($0.name, $0.defaultValue) })
        values.merge(sent) { $1 }
        if let owner = spec.ownerField, values[owner] == .null { values[owner] = .uuid(context.actor.userID) }
        return values
    }

    /// Creates from values already parsed, e.g. by another record's rule (conversion, won deals);
    /// `id` is given only when a record comes back (undoing a merge).
    func create(
        values: [String: FieldValue], sent: Set<String>, context: RecordContext, id: UUID = UUID()
    ) async throws -> Record {
        try await authorize(.create, nil, context: context)
        return try await context.transaction(on: db) { context, effects in
            let store = RecordStore(spec: spec, db: context.db)
            var change = RecordChange(old: nil, new: values, sent: sent)
            try await store.check(&change, context: context)
            let derived = try await spec.rules.derived(
                Record(id: id, values: change.new, createdAt: context.now, updatedAt: context.now), context: context)
            let row = change.new.merging(derived) { $1 }
            let columns = ["id", "created_at", "updated_at"] + spec.fields.map(\.column)
            let binds: [any SQLExpression] =
                [SQLBind(id), SQLBind(context.now), SQLBind(context.now)]
                + spec.fields.map { (row[$0.name] ?? .null).sql }
            try await store.sql.raw(
                "\(unsafeRaw: QuotedNames.insert(into: spec.table, columns))(\(SQLList(binds)))"
            ).run()
            let saleDays = try await FactDimensions(sql: store.sql).refresh(
                after: spec.table, id: id, old: [:], new: change.new)
            try await AuditTrail.record(
                .create, spec: spec, id: id, old: [:], new: change.new, actorID: context.actor.userID, at: context.now,
                on: store.sql)
            effects.recordWrite(spec, id: id, old: [:], new: change.new, createdAt: context.now, saleDays: saleDays)
            try await spec.rules.afterSave(id: id, change, context: context)
            return try await store.find(id)!
        }
    }

    func update(_ record: Record, with input: [String: JSONInput], context: RecordContext) async throws -> Record {
        try await update(record, values: try parse(input), context: context)
    }

    /// Updates and reads the record back as stored.
    func update(_ record: Record, values sent: [String: FieldValue], context: RecordContext) async throws -> Record {
        try await context.transaction(on: db) { context, _ in
            let store = RecordStore(spec: spec, db: context.db)
            let current = try await store.findHeld(record.id, context: context) ?? record
            try await store.apply(sent, to: current, context: context)
            return try await store.find(record.id)!
        }
    }

    /// The same update for a caller that does not need the record back (another record's rule
    /// keeping its counters, a merge moving links), which saves reading it again.
    func apply(_ sent: [String: FieldValue], to record: Record, context: RecordContext) async throws {
        try await authorize(.update, record, context: context)
        try await context.transaction(on: db) { context, effects in
            let store = RecordStore(spec: spec, db: context.db)
            var change = RecordChange(old: record, new: record.values.merging(sent) { $1 }, sent: Set(sent.keys))
            try await store.check(&change, context: context)
            let changedFields = spec.fields.filter { change.changed(field: $0.name) }
            // Derived fields are bookkeeping: written with the change, or alone when only they moved, never audited.
            let derived = try await spec.rules.derived(
                Record(id: record.id, values: change.new, createdAt: record.createdAt, updatedAt: context.now),
                context: context
            )
            .filter { name, value in record.values[name] != value && !changedFields.contains { $0.name == name } }
            if !changedFields.isEmpty || !derived.isEmpty {
                store.forgetRead(record.id, context: context)
                let query = store.sql.update(spec.table)
                if !changedFields.isEmpty { query.set(SQLIdentifier("updated_at"), to: SQLBind(context.now)) }
                for field in changedFields { query.set(SQLIdentifier(field.column), to: change[field: field.name].sql) }
                for (name, value) in derived { query.set(SQLIdentifier(spec.field(name)!.column), to: value.sql) }
                try await query.where("id", .equal, SQLBind(record.id)).run()
            }
            if !changedFields.isEmpty {
                let saleDays = try await FactDimensions(sql: store.sql).refresh(
                    after: spec.table, id: record.id, old: record.values, new: change.new)
                try await AuditTrail.record(
                    .update, spec: spec, id: record.id, old: record.values, new: change.new,
                    actorID: context.actor.userID, at: context.now, on: store.sql)
                effects.recordWrite(
                    spec, id: record.id, old: record.values, new: change.new,
                    createdAt: record.createdAt ?? context.now, saleDays: saleDays)
            }
            try await spec.rules.afterSave(id: record.id, change, context: context)
        }
    }

    func delete(_ record: Record, cascade: Bool, context: RecordContext) async throws {
        try await authorize(.delete, record, context: context)
        try await deleteWithParent(record, cascade: cascade, context: context)
    }

    /// A row the database would remove with the record being deleted (a lead's trial lessons),
    /// removed here instead so that its audit entry and roll-up counts go with it. The parent's
    /// delete was authorised; this one is part of it.
    func deleteWithParent(_ record: Record, cascade: Bool = true, context: RecordContext) async throws {
        try await context.transaction(on: db) { context, effects in
            try await spec.rules.beforeDelete(record, cascade: cascade, context: context)
            let store = RecordStore(spec: spec, db: context.db)
            store.forgetRead(record.id, context: context)
            let saleDays = try await FactDimensions(sql: store.sql).forget(before: spec.table, id: record.id)
            try await store.sql.delete(from: spec.table).where("id", .equal, SQLBind(record.id)).run()
            try await AuditTrail.record(
                .delete, spec: spec, id: record.id, old: record.values, new: [:],
                actorID: context.actor.userID, at: context.now, on: store.sql)
            effects.recordWrite(
                spec, id: record.id, old: record.values, new: [:], createdAt: record.createdAt ?? context.now,
                saleDays: saleDays)
            try await spec.rules.afterDelete(record, context: context)
        }
    }

    /// A reference the database would clear when its target is deleted (an enrolment's lead),
    /// cleared here so that the audit and the roll-ups that follow it see the change.
    func clearReference(_ field: String, of record: Record, context: RecordContext) async throws {
        guard let column = spec.field(field)?.column, !record[field: field].isNull else { return }
        try await context.transaction(on: db) { context, effects in
            let store = RecordStore(spec: spec, db: context.db)
            var new = record.values
            new[field] = .null
            store.forgetRead(record.id, context: context)
            try await store.sql.update(spec.table).set(SQLIdentifier(column), to: SQLLiteral.null)
                .set(SQLIdentifier("updated_at"), to: SQLBind(context.now))
                .where("id", .equal, SQLBind(record.id)).run()
            let saleDays = try await FactDimensions(sql: store.sql).refresh(
                after: spec.table, id: record.id, old: record.values, new: new)
            try await AuditTrail.record(
                .update, spec: spec, id: record.id, old: record.values, new: new,
                actorID: context.actor.userID, at: context.now, on: store.sql)
            effects.recordWrite(
                spec, id: record.id, old: record.values, new: new, createdAt: record.createdAt ?? context.now,
                saleDays: saleDays)
        }
    }

    /// The one door: every write, whichever page, API route or rule asks for it, is checked
    /// against the policy here, so no caller can forget to.
    func authorize(_ action: Action, _ record: Record?, context: RecordContext) async throws {
        var scope: RecordScope?
        if let record { scope = try await spec.scope(of: record, on: db) }
        switch AccessPolicy.decide(context.actor, action, spec.policy, record: scope) {
        case .allowed: return
        case .forbidden: throw DomainError.forbidden("Your role may not \(action.rawValue) a \(spec.label).")
        case .notFound: throw DomainError.notFound("No such \(spec.label).")
        }
    }

    /// Rules, ownership, references and required fields, in that order.
    func check(_ change: inout RecordChange, context: RecordContext) async throws {
        try await spec.rules.validate(&change, context: context)
        if let ownerField = spec.ownerField, change.changed(field: ownerField),
            let owner = change[field: ownerField].uuid,
            let visible = AccessPolicy.visibleOwnerIDs(context.actor), !visible.contains(owner)
        {
            throw DomainError.invalid(field: ownerField, "You can give records only to yourself or people you manage.")
        }
        for field in spec.fields {
            guard case .reference(let table) = field.kind, change.changed(field: field.name),
                let id = change[field: field.name].uuid
            else { continue }
            guard try await referenceIsVisible(table: table, id: id, context: context) else {
                throw DomainError.invalid(
                    field: field.name,
                    "There is no such \(field.name.replacingOccurrences(of: "Id", with: "")) you can see.")
            }
        }
        for field in spec.fields where field.required && change[field: field.name].isNull {
            throw DomainError.invalid(field: field.name, "This field is required.")
        }
    }

    private func referenceIsVisible(table: String, id: UUID, context: RecordContext) async throws -> Bool {
        // The person writing was signed in for this write, so their own id needs no look-up.
        if table == "users", id == context.actor.userID { return true }
        let db = self.db, sql = self.sql
        if let target = RecordCatalog.spec(forTable: table) {
            return try await context.lookup("visible:\(table):\(id.uuidString)") {
                guard let row = try await RecordStore(spec: target, db: db).findOnce(id, context: context) else {
                    return false
                }
                return AccessPolicy.decide(
                    context.actor, .read, target.policy, record: try await target.scope(of: row, on: db)) == .allowed
            }
        }
        let count = try await context.lookup("exists:\(table):\(id.uuidString)") {
            try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
                .from(table).where("id", .equal, SQLBind(id)).first()?.decode(column: "n", as: Int.self) ?? 0
        }
        return count > 0
    }
}

extension RecordSpec {
    /// The ownership facts of a row, for the access policy; a child row answers for its parent.
    func scope(of record: Record, on db: any Database) async throws -> RecordScope {
        switch ownership {
        case .owner(let field):
            return RecordScope(ownerID: record[field: field].uuid)
        case .shared:
            return RecordScope(ownerID: nil)
        case .parent(let field, let table, let ownerColumn):
            guard let parentID = record[field: field].uuid else { return RecordScope(ownerID: nil) }
            let row = try await db.sql.select().column(ownerColumn).from(table)
                .where("id", .equal, SQLBind(parentID)).first()
            return RecordScope(
                ownerID: try row.flatMap {
                    try $0.decodeNil(column: ownerColumn) ? nil : try $0.decode(column: ownerColumn, as: UUID.self)
                })
        }
    }
}
