import Fluent
import SQLKit

/// Region, segment and lead source on sales and opportunities (see FactDimensions), filled in
/// for the rows already there, and the covering indexes of the pipeline scans widened to them.
struct AddFactDimensions: AsyncMigration {
    static let widenedIndexes: [(name: String, old: String, new: String)] = [
        (
            "stage_updated", "stage, updated_at, id, owner_id, account_id, lead_id",
            "stage, updated_at, id, owner_id, region_id, segment_id, lead_source"
        ),
        (
            "stage_amount", "stage, amount, probability, owner_id, account_id, lead_id",
            "stage, amount, probability, owner_id, region_id, segment_id, lead_source"
        ),
    ]

    func prepare(on database: any Database) async throws {
        for table in FactDimensions.factTables.sorted() {
            // One column per statement: SQLite alters a table one column at a time.
            try await database.schema(table).field("region_id", .uuid, .references("regions", "id", onDelete: .setNull))
                .update()
            try await database.schema(table).field(
                "segment_id", .uuid, .references("segments", "id", onDelete: .setNull)
            ).update()
            try await database.schema(table).field("lead_source", .string).update()
        }
        try await FactDimensions(sql: database.sql).rebuild()
        try await replaceIndexes(on: database, columns: \.new)
    }

    func revert(on database: any Database) async throws {
        try await replaceIndexes(on: database, columns: \.old)
        for table in FactDimensions.factTables.sorted() {
            for column in ["lead_source", "segment_id", "region_id"] {
                try await database.schema(table).deleteField(FieldKey(stringLiteral: column)).update()
            }
        }
    }

    private func replaceIndexes(
        on database: any Database, columns: KeyPath<(name: String, old: String, new: String), String>
    ) async throws {
        let sql = database.sql
        for index in Self.widenedIndexes {
            try await sql.raw("DROP INDEX \(ident: "opportunities_\(index.name)_idx")").run()
            try await database.createIndexes(on: "opportunities", [index.name: index[keyPath: columns]])
        }
    }
}
