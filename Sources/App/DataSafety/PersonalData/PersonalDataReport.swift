import Documents
import Fluent
import Foundation
import SalesPulseCore
import SQLKit

/// What the company holds about one person, for their access request: their leads and
/// contacts in full, the activities, notes, tasks and deals linked to them, the emails sent
/// to them, the import lines that named them, the history of their records, and every other
/// place their name, address or number appears. As JSON (everything) and a PDF summary.
struct PersonalDataReport {
    let db: any Database
    let person: PersonLookup.Person
    let askedBy: String
    let now: Date

    struct Section: Sendable {
        let name: String
        let label: String
        let items: [JSONFragment]
    }

    struct Gathered: Sendable {
        let sections: [Section]
        let emails: [[String: String]]
        let importLines: [[String: String]]
        let history: [[String: String]]
        let elsewhere: [TextMentions.Place]
    }

    func gather() async throws -> Gathered {
        let sql = db.sql
        var sections: [Section] = []
        sections.append(try await section(.leads, ids: person.leadIDs))
        sections.append(try await section(.contacts, ids: person.contactIDs))
        for spec in [RecordSpec.activities, .notes, .tasks] {
            sections.append(
                try await section(
                    spec, ids: try await linked(spec.table, leadColumn: "lead_id", contactColumn: "contact_id")))
        }
        sections.append(
            try await section(
                .opportunities,
                ids: try await linked(
                    RecordSpec.opportunities.table, leadColumn: "lead_id", contactColumn: "primary_contact_id")))
        let emails =
            person.identity.emails.isEmpty
            ? []
            : try await sql.select().columns("to_address", "subject", "state", "created_at").from("outbox_emails")
                .where(
                    SQLFunction("lower", args: SQLIdentifier("to_address")), .in,
                    SQLGroupExpression(person.identity.emails.map { SQLBind($0) as any SQLExpression })
                )
                .orderBy("created_at").all().map { row in
                    [
                        "to": try row.decode(column: "to_address", as: String.self),
                        "subject": try row.decode(column: "subject", as: String.self),
                        "state": try row.decode(column: "state", as: String.self),
                        "at": InternetTime.format(try row.decode(column: "created_at", as: Date.self)),
                    ]
                }
        let mentions = TextMentions(sql: sql, identity: person.identity)
        let elsewhere = try await mentions.places().filter {
            !["leads", "contacts", "activities", "notes", "tasks", "opportunities", "outbox_emails"].contains($0.table)
        }
        return Gathered(
            sections: sections, emails: emails, importLines: try await importLines(), history: try await history(),
            elsewhere: elsewhere)
    }

    /// Everything, as one JSON document.
    func json(_ gathered: Gathered) -> Data {
        var object: [String: Any] = [
            "request": ["about": person.asked, "answeredAt": InternetTime.format(now), "answeredBy": askedBy],
            "emailsSent": gathered.emails, "importLines": gathered.importLines, "history": gathered.history,
            "mentionedElsewhere": gathered.elsewhere.map {
                ["where": Self.placeLabel($0), "rows": $0.rows] as [String: Any]
            },
        ]
        for section in gathered.sections { object[section.name] = section.items }
        return JSONWriter.data(object)
    }

    /// A readable summary of the same, for the person.
    func pdf(_ gathered: Gathered) -> [UInt8] {
        var report = PDFReport(title: "Personal data held about \(person.asked)")
        report.paragraph(
            "Answered \(PageDate.format(now)) by \(askedBy). The file that comes with this summary holds every field of every record listed here."
        )
        let records = person.matches.map { match -> [DataTable.Cell] in
            [
                .text(match.resource == "leads" ? "Lead" : "Contact"), .text(match.name), .text(match.email ?? ""),
                .text(match.phones.joined(separator: ", ")),
            ]
        }
        report.heading("Records about this person", size: 13)
        report.table(DataTable(title: "", header: ["Kind", "Name", "Email", "Phone"], rows: records))
        report.heading("What is linked to them", size: 13)
        var counts: [[DataTable.Cell]] = gathered.sections.dropFirst(2).map {
            [.text($0.label), .number(Double($0.items.count), .count)]
        }
        counts.append([.text("Emails sent to them"), .number(Double(gathered.emails.count), .count)])
        counts.append([
            .text("Lines of imported files that named them"), .number(Double(gathered.importLines.count), .count),
        ])
        counts.append([
            .text("Changes in the history of their records"), .number(Double(gathered.history.count), .count),
        ])
        for place in gathered.elsewhere {
            counts.append([.text("Mentioned in \(Self.placeLabel(place))"), .number(Double(place.rows), .count)])
        }
        report.table(DataTable(title: "", header: ["What", "How many"], rows: counts))
        return report.bytes
    }

    static func placeLabel(_ place: TextMentions.Place) -> String {
        let tables = [
            "audit_entries": "the history of records", "import_rows": "import reports",
            "notifications": "notifications to users",
            "merges": "merged duplicates", "jobs": "background work", "accounts": "accounts", "sales": "sales",
            "imports": "imports",
        ]
        return tables[place.table] ?? place.table.replacingOccurrences(of: "_", with: " ")
    }

    private func section(_ spec: RecordSpec, ids: [UUID]) async throws -> Section {
        let store = RecordStore(spec: spec, db: db)
        var items: [JSONFragment] = []
        for id in ids {
            if let record = try await store.find(id) { items.append(RecordJSON.object(record, spec: spec)) }
        }
        return Section(
            name: spec.path, label: spec.pluralLabel.prefix(1).uppercased() + spec.pluralLabel.dropFirst(), items: items
        )
    }

    private func linked(_ table: String, leadColumn: String, contactColumn: String) async throws -> [UUID] {
        var conditions: [any SQLExpression] = []
        if !person.leadIDs.isEmpty {
            conditions.append(SQLBinaryExpression(SQLIdentifier(leadColumn), .in, PersonErasure.list(person.leadIDs)))
        }
        if !person.contactIDs.isEmpty {
            conditions.append(
                SQLBinaryExpression(SQLIdentifier(contactColumn), .in, PersonErasure.list(person.contactIDs)))
        }
        guard let first = conditions.first else { return [] }
        let condition = conditions.dropFirst().reduce(first) { SQLBinaryExpression($0, .or, $1) }
        return try await db.sql.select().column("id").from(table).where(condition).limit(10_000).all().map {
            try $0.decode(column: "id", as: UUID.self)
        }
    }

    private func importLines() async throws -> [[String: String]] {
        guard !person.identity.isEmpty else { return [] }
        let rows = try await db.sql.select().columns("import_id", "line", "outcome", "cells").from("import_rows")
            .where(LikeAny(column: "cells", patterns: person.identity.likePatterns)).orderBy("import_id").orderBy(
                "line"
            ).limit(10_000).all()
        var files: [UUID: String] = [:]
        var lines: [[String: String]] = []
        for row in rows {
            guard let cells = try row.decode(column: "cells", as: String?.self), person.identity.mentioned(in: cells)
            else { continue }
            let importID = try row.decode(column: "import_id", as: UUID.self)
            if files[importID] == nil {
                files[importID] =
                    try await db.sql.select().column("file_name").from("imports").where("id", .equal, SQLBind(importID))
                    .first()?
                    .decode(column: "file_name", as: String.self) ?? ""
            }
            lines.append([
                "file": files[importID] ?? "", "line": String(try row.decode(column: "line", as: Int.self)),
                "outcome": try row.decode(column: "outcome", as: String.self), "cells": cells,
            ])
        }
        return lines
    }

    private func history() async throws -> [[String: String]] {
        let ids = person.leadIDs + person.contactIDs
        guard !ids.isEmpty else { return [] }
        return try await db.sql.select().column("*").from(AuditTrail.table).where(
            SQLIdentifier("record_id"), .in, PersonErasure.list(ids)
        )
        .orderBy("at").all().map { row in
            let entry = try AuditTrail.decode(row)
            return [
                "record": entry.resource, "action": entry.action, "at": InternetTime.format(entry.at),
                "changes": entry.changes,
            ]
        }
    }
}
