import Fluent
import Foundation
import SQLKit

/// Turns stored values into what a page shows: names instead of ids, money with two decimals,
/// dates readable, choices in words.
struct RecordDisplay {
    let db: any Database
    private var names: [UUID: String] = [:]

    init(db: any Database) { self.db = db }

    /// Looks up, in one query per table, the names of every row the records refer to.
    mutating func loadNames(for records: [Record], spec: RecordSpec) async throws {
        var wanted: [String: Set<UUID>] = [:]
        for field in spec.fields {
            guard case .reference(let table) = field.kind else { continue }
            for record in records { if let id = record[field.name].uuid { wanted[table, default: []].insert(id) } }
        }
        for (table, ids) in wanted where !ids.isEmpty {
            let nameColumn = Self.nameColumn(table)
            let rows = try await (db as! any SQLDatabase).select().column("id").column(SQLIdentifier(nameColumn), as: "label").from(table)
                .where(SQLIdentifier("id"), .in, SQLGroupExpression(SQLList(ids.map { SQLBind($0) }))).all()
            for row in rows {
                names[try row.decode(column: "id", as: UUID.self)] = (try? row.decode(column: "label", as: String.self)) ?? "—"
            }
        }
    }

    static func nameColumn(_ table: String) -> String {
        switch table {
        case "tasks": "title"
        case "activities": "subject"
        case "notes": "body"
        case "sales": "sold_on"
        case "opportunity_lines", "sale_lines": "id"
        default: "name"
        }
    }

    func text(_ field: FieldSpec, _ value: FieldValue) -> String {
        switch (field.kind, value) {
        case (_, .null): ""
        case (.reference, .uuid(let id)): names[id] ?? "—"
        case (.money, .int(let cents)): Self.money(cents)
        case (.coordinate, .int(let micro)): String(format: "%.6f", Double(micro) / 1_000_000)
        case (.choice, .text(let raw)): FieldLabel.value(raw)
        case (.instant, .date(let date)): PageDate.format(date)
        case (.bool, .bool(let flag)): flag ? "Yes" : "No"
        case (.percent, .int(let value)): "\(value)"
        default: "\(value.json)"
        }
    }

    /// Where a reference links to, if its type has pages.
    func link(_ field: FieldSpec, _ value: FieldValue) -> String? {
        guard case .reference(let table) = field.kind, let id = value.uuid,
              let spec = RecordCatalog.spec(forTable: table), RecordPageSpec.named(spec.path) != nil else { return nil }
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
