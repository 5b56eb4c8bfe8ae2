import Foundation
import SQLKit

/// Accounts form a hierarchy without cycles, and are not deleted from under their contacts
/// and open deals unless an admin asks for the cascade.
struct AccountRules: RecordRules {
    func createsInBatch(context: RecordContext) -> Bool { true }

    func validate(_ change: inout RecordChange, context: RecordContext) async throws {
        guard change.changed(.parentId), let parent = change[.parentId].uuid else { return }
        try await ensureNoCycle(
            start: parent, selfID: change.old?.id, table: "accounts", column: "parent_id",
            field: "parentId", context: context, noun: "account hierarchy")
    }

    func afterSave(id: UUID, _ change: RecordChange, context: RecordContext) async throws {
        try await GeocodeJob.afterSave(table: "accounts", id: id, change, context: context)
    }

    func afterCreatingBatch(_ rows: [(id: UUID, values: [String: FieldValue])], context: RecordContext) async throws {
        try await GeocodeJob.afterCreatingBatch(table: "accounts", rows, context: context)
    }

    func beforeDelete(_ record: Record, cascade: Bool, context: RecordContext) async throws {
        let contacts = try await context.count("contacts", where: "account_id", is: record.id)
        let openDeals = try await context.count("opportunities", where: "account_id", is: record.id) { query in
            query.where("stage", .notIn, SQLGroupExpression(SQLList([SQLBind("closed_won"), SQLBind("closed_lost")])))
        }
        if (contacts > 0 || openDeals > 0) && !cascade {
            throw DomainError.conflict(
                field: nil,
                message:
                    "This account has \(contacts) contact(s) and \(openDeals) open opportunity(ies). Move or delete them first, or (admins) delete with ?cascade=true."
            )
        }
        for (spec, column) in [(RecordSpec.contacts, "account_id"), (RecordSpec.opportunities, "account_id")] {
            let rows = try await context.sql.select().column("*").from(spec.table).where(
                SQLIdentifier(column), .equal, SQLBind(record.id)
            ).all()
            let store = context.store(spec)
            for row in rows { try await store.delete(try store.decode(row), cascade: true, context: context) }
        }
        try await context.sql.update("accounts").set("parent_id", to: SQLLiteral.null).where(
            "parent_id", .equal, SQLBind(record.id)
        ).run()
    }
}

/// Walks a self-referencing chain upwards and refuses one that comes back to the row itself.
func ensureNoCycle(
    start: UUID, selfID: UUID?, table: String, column: String, field: String,
    context: RecordContext, noun: String
) async throws {
    var cursor: UUID? = start
    var seen = Set<UUID>()
    while let current = cursor {
        if current == selfID || !seen.insert(current).inserted {
            throw DomainError.invalid(field: field, "This would make a loop in the \(noun).")
        }
        let row = try await context.sql.select().column(column).from(table).where("id", .equal, SQLBind(current))
            .first()
        cursor = try row.flatMap {
            try $0.decodeNil(column: column) ? nil : try $0.decode(column: column, as: UUID.self)
        }
    }
}

/// Contacts' reports-to lines never loop, and a student enrolled in a group stays.
struct ContactRules: RecordRules {
    func createsInBatch(context: RecordContext) -> Bool { true }

    func validate(_ change: inout RecordChange, context: RecordContext) async throws {
        guard change.changed(.reportsToId), let boss = change[.reportsToId].uuid else { return }
        try await ensureNoCycle(
            start: boss, selfID: change.old?.id, table: "contacts", column: "reports_to_id",
            field: "reportsToId", context: context, noun: "reporting line")
    }

    func afterSave(id: UUID, _ change: RecordChange, context: RecordContext) async throws {
        try await GeocodeJob.afterSave(table: "contacts", id: id, change, context: context)
    }

    func afterCreatingBatch(_ rows: [(id: UUID, values: [String: FieldValue])], context: RecordContext) async throws {
        try await GeocodeJob.afterCreatingBatch(table: "contacts", rows, context: context)
    }

    func beforeDelete(_ record: Record, cascade: Bool, context: RecordContext) async throws {
        let enrolments = try await context.count("enrolments", where: "contact_id", is: record.id)
        if enrolments > 0 {
            throw DomainError.conflict(
                field: nil,
                message:
                    "\(record[.name].text ?? "This contact") is enrolled in \(enrolments) group(s); cancel or move the enrolments first."
            )
        }
    }
}
