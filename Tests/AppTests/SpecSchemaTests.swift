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
