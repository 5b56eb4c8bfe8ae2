import Fluent
import Foundation
import SalesPulseCore
import SQLKit

/// Erases one person (or, for the retention rule, several lost leads) in one transaction:
/// their leads and contacts lose name, email, phones and the free text about them; every
/// mention anywhere else (notes, activities, tasks, deals, sent mail, import reports, the
/// audit trail's old values) becomes "[erased]"; uploaded import files that name them are
/// removed. Amounts, stages, dates and owners stay, so revenue and counts do not move. The
/// audit trail records who erased which record and when, without the erased data.
struct PersonErasure {
    let db: any Database

    struct Result: Sendable, Codable, Equatable {
        var leads = 0
        var contacts = 0
        /// Rows elsewhere whose text mentioned the person.
        var mentions = 0
        /// Uploaded import files removed because they named the person.
        var files = 0
    }

    func erase(
        leadIDs: [UUID], contactIDs: [UUID], identity: PersonIdentity, reason: AuditTrail.Action, actorID: UUID,
        now: Date
    ) async throws -> Result {
        try await db.writeTransaction { tx in
            let sql = tx.sql
            var result = Result()
            if !leadIDs.isEmpty {
                try await sql.update(RecordSpec.leads.table)
                    .set("name", to: SQLBind(PersonIdentity.erasedName)).set("email", to: SQLLiteral.null).set(
                        "phone", to: SQLLiteral.null
                    )
                    .set("follow_up_note", to: SQLLiteral.null).set("need", to: SQLLiteral.null).set(
                        "custom_fields", to: SQLLiteral.null
                    )
                    .set("updated_at", to: SQLBind(now))
                    .where(SQLIdentifier("id"), .in, Self.list(leadIDs)).run()
                result.leads = leadIDs.count
            }
            if !contactIDs.isEmpty {
                try await sql.update(RecordSpec.contacts.table)
                    .set("name", to: SQLBind(PersonIdentity.erasedName)).set("email", to: SQLLiteral.null).set(
                        "phone", to: SQLLiteral.null
                    )
                    .set("mobile", to: SQLLiteral.null).set("title", to: SQLLiteral.null).set(
                        "updated_at", to: SQLBind(now)
                    )
                    .where(SQLIdentifier("id"), .in, Self.list(contactIDs)).run()
                result.contacts = contactIDs.count
            }
            result.mentions = try await TextMentions(sql: sql, identity: identity).scrub().reduce(0) { $0 + $1.rows }
            result.files = try await removeImportFiles(naming: identity, sql: sql)
            try await AuditTrail.recordPersonalData(
                reason, resource: RecordSpec.leads.path, ids: leadIDs, actorID: actorID, at: now, on: sql)
            try await AuditTrail.recordPersonalData(
                reason, resource: RecordSpec.contacts.path, ids: contactIDs, actorID: actorID, at: now, on: sql)
            return result
        }
    }

    /// Uploaded files are kept to check and re-run an import; one that names the person goes,
    /// while the import's report (already scrubbed) stays.
    private func removeImportFiles(naming identity: PersonIdentity, sql: any SQLDatabase) async throws -> Int {
        guard !identity.isEmpty else { return 0 }
        let imports = try await sql.select().distinct().column("import_id").from("import_chunks").all()
            .map { try $0.decode(column: "import_id", as: UUID.self) }
        var removed = 0
        for importID in imports where try await Self.file(importID, names: identity, sql: sql) {
            try await sql.delete(from: "import_chunks").where("import_id", .equal, SQLBind(importID)).run()
            removed += 1
        }
        return removed
    }

    /// Whether any line of the uploaded file, read as the import reads it, names the person.
    static func file(_ importID: UUID, names identity: PersonIdentity, sql: any SQLDatabase) async throws -> Bool {
        let path = try await ImportFiles.materialize(importID: importID, on: sql)
        defer { try? FileManager.default.removeItem(atPath: path) }
        guard let lines = try? ImportLines(path: path, format: ImportFiles.format(of: path), sheet: nil) else {
            return false
        }
        if identity.mentioned(in: lines.header.joined(separator: " ")) { return true }
        while let line = try? lines.next() {
            if identity.mentioned(in: line.fields.joined(separator: " ")) { return true }
        }
        return false
    }

    static func list(_ ids: [UUID]) -> SQLGroupExpression {
        SQLGroupExpression(ids.map { SQLBind($0) as any SQLExpression })
    }
}
