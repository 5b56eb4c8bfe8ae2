import Fluent

/// Regions, segments and product categories: named lists.
struct CreateReferenceData: AsyncMigration {
    static let tables = ["regions", "segments", "product_categories"]

    func prepare(on database: any Database) async throws {
        for table in Self.tables {
            try await database.schema(table).recordColumns().field("name", .string, .required).create()
            try await database.createIndexes(on: table, ["name_lower": "lower(name)"])
        }
    }

    func revert(on database: any Database) async throws {
        for table in Self.tables.reversed() { try await database.schema(table).delete() }
    }
}
