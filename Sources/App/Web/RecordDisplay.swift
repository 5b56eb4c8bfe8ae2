import Fluent
import Foundation
import SalesPulseCore
import SQLKit

/// Turns stored values into what a page shows: names instead of ids, money with two decimals,
/// dates readable, choices in words. A linked row the viewer may not open shows as "a restricted
/// account", never by its name.
struct RecordDisplay {
    let db: any Database
    let actor: Actor
    private var names: [UUID: String] = [:]
    private var restricted: [UUID: String] = [:]

    init(db: any Database, actor: Actor) {
        self.db = db
        self.actor = actor
    }

    /// Looks up, in one query per table, the names of every row the records refer to.
    mutating func loadNames(for records: [Record], spec: RecordSpec) async throws {
        var wanted: [String: Set<UUID>] = [:]
        for field in spec.fields {
            guard case .reference(let table) = field.kind else { continue }
            for record in records {
                if let id = record[field: field.name].uuid { wanted[table, default: []].insert(id) }
            }
        }
        for (table, ids) in wanted where !ids.isEmpty {
            let target = RecordCatalog.spec(forTable: table)
            let owner = target.flatMap(Self.ownerExpression)
            let query = db.sql.select().column(SQLColumn("id", table: table))
                .column(SQLColumn(SQLIdentifier(Self.nameColumn(table)), table: SQLIdentifier(table)), as: "label")
                .from(table)
            if let owner {
                query.column(owner.column, as: "owner")
                if let join = owner.join { query.join(join.table, method: SQLJoinMethod.left, on: join.condition) }
            }
            let rows = try await query.where(
                SQLColumn("id", table: table), .in, SQLGroupExpression(SQLList(ids.map { SQLBind($0) }))
            ).all()
            for row in rows {
                let id = try row.decode(column: "id", as: UUID.self)
                if let target, owner != nil {
                    let ownerID =
                        try row.decodeNil(column: "owner") ? nil : try row.decode(column: "owner", as: UUID.self)
                    guard AccessPolicy.canSee(actor, RecordScope(ownerID: ownerID)) else {
                        restricted[id] = "a restricted \(target.label)"
                        continue
                    }
                }
                names[id] = (try? row.decode(column: "label", as: String.self)) ?? "—"
            }
        }
    }

    /// Where a linked row's owner is read from, for types whose rows are not everyone's.
    private static func ownerExpression(
        _ spec: RecordSpec
    ) -> (column: any SQLExpression, join: (table: any SQLExpression, condition: any SQLExpression)?)? {
        switch spec.ownership {
        case .shared:
            return nil
        case .owner(let field):
            return (SQLColumn(SQLIdentifier(spec.field(field)!.column), table: SQLIdentifier(spec.table)), nil)
        case .parent(let field, let table, let ownerColumn):
            let parent = SQLIdentifier("owning_parent")
            let condition = SQLBinaryExpression(
                SQLColumn(SQLIdentifier("id"), table: parent), .equal,
                SQLColumn(SQLIdentifier(spec.field(field)!.column), table: SQLIdentifier(spec.table)))
            return (
                SQLColumn(SQLIdentifier(ownerColumn), table: parent),
                (SQLAlias(SQLIdentifier(table), as: parent), condition)
            )
        }
    }

    static func nameColumn(_ table: String) -> String {
        switch table {
        case "tasks": "title"
        case "activities": "subject"
        case "notes": "body"
        case "sales": "sold_on"
        case "opportunity_lines", "sale_lines": "id"
        case "enrolments": "starts_on"
        case "trial_lessons": "lesson_day"
        case "closed_days": "day"
        default: "name"
        }
    }

    func text(_ field: FieldSpec, _ value: FieldValue) -> String {
        switch (field.kind, value) {
        case (_, .null): ""
        case (.reference, .uuid(let id)): names[id] ?? restricted[id] ?? "—"
        case (.money, .int(let cents)): Self.money(cents)
        case (.coordinate, .int(let micro)): String(format: "%.6f", Double(micro) / 1_000_000)
        case (.choice, .text(let raw)): FieldLabel.value(raw)
        case (.instant, .date(let date)): PageDate.format(date)
        case (.bool, .bool(let flag)): flag ? "Yes" : "No"
        case (.percent, .int(let value)): "\(value)"
        default: "\(value.json)"
        }
    }

    /// Where a value links to: a referenced record's page, or an email or phone to reach.
    func link(_ field: FieldSpec, _ value: FieldValue) -> String? {
        switch (field.kind, value) {
        case (.email, .text(let address)): return "mailto:" + address
        case (.phone, .text(let number)): return "tel:" + number
        case (.url, .text(let address)) where address.hasPrefix("https://") || address.hasPrefix("http://"):
            return address
        default: break
        }
        guard case .reference(let table) = field.kind, let id = value.uuid, restricted[id] == nil,
            let spec = RecordCatalog.spec(forTable: table), RecordPageSpec.named(spec.path) != nil
        else { return nil }
        return "/\(spec.path)/\(id.uuidString)"
    }

    static func money(_ cents: Int64) -> String {
        let whole = abs(cents) / 100, fraction = abs(cents) % 100
        var digits = String(whole)
        var grouped = ""
        while digits.count > 3 {
            grouped = "," + digits.suffix(3) + grouped
            digits = String(digits.dropLast(3))
        }
        return (cents < 0 ? "-" : "") + digits + grouped + String(format: ".%02d", fraction)
    }
}
