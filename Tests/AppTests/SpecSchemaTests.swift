@testable import App
import Foundation
import SalesPulseCore
import Testing

/// Every field a record type declares has its column in the migrated database, of a kind that
/// can hold it: a spec and its migration cannot drift apart unnoticed.
@Suite struct SpecSchemaTests {
    @Test func everySpecFieldHasItsColumnInTheMigratedSchema() async throws {
        try await withTestApp { app in
            let catalog = try await DatabaseCatalog.read(app.db.sql)
            var problems: [String] = []
            for spec in RecordCatalog.all {
                guard let table = catalog[spec.table] else {
                    problems.append("\(spec.label): no table \(spec.table)")
                    continue
                }
                let kinds = Dictionary(uniqueKeysWithValues: table.columns.map { ($0.name, $0.kind) })
                for column in ["id", "created_at", "updated_at"] where kinds[column] == nil {
                    problems.append("\(spec.table).\(column) is missing")
                }
                for field in spec.fields {
                    guard let kind = kinds[field.column] else {
                        problems.append("\(spec.table).\(field.column) (\(field.name)) is missing")
                        continue
                    }
                    if !Self.columnKinds(for: field.kind).contains(kind) {
                        problems.append("\(spec.table).\(field.column) (\(field.name)) is \(kind.rawValue)")
                    }
                }
            }
            #expect(problems.isEmpty, "\(problems)")
            #expect(RecordCatalog.all.count >= 20)
        }
    }

    /// Every field name the code reads a record by is a field of some record type: a key
    /// declared with a typo, or left behind by a renamed field, would read as always empty.
    @Test func everyFieldNameTheCodeReadsIsAFieldOfARecordType() {
        let fields = Set(RecordCatalog.all.flatMap { $0.fields.map(\.name) })
        let unknown = FieldName.declared.map(\.rawValue).filter { !fields.contains($0) }
        #expect(unknown.isEmpty, "\(unknown)")
        #expect(Set(FieldName.declared).count == FieldName.declared.count)
        var lead = Record(id: UUID(), values: ["ownerId": .uuid(UUID())], createdAt: nil, updatedAt: nil)
        #expect(lead[.ownerId] == lead[field: "ownerId"] && !lead[.ownerId].isNull)
        lead.values["status"] = .text("new")
        var change = RecordChange(old: lead, new: lead.values, sent: ["status"])
        change[.status] = .text("contacted")
        #expect(change.changed(.status) && change.changed(field: "status") && !change.changed(.ownerId))
    }

    /// The stored kinds that hold a field's values on SQLite or PostgreSQL.
    private static func columnKinds(for kind: FieldKind) -> Set<ColumnKind> {
        switch kind {
        case .text, .email, .phone, .url, .choice, .day, .json: [.text]
        case .integer, .money, .coordinate: [.integer]
        case .percent: [.integer, .real]
        case .instant: [.timestamp, .real]
        case .bool: [.boolean, .integer]
        case .reference: [.uuid]
        }
    }
}
