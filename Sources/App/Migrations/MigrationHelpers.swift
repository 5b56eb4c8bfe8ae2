import Fluent
import SQLKit

extension SchemaBuilder {
    /// id, created_at and updated_at: every CRM table starts with these.
    func recordColumns() -> Self {
        id().field("created_at", .datetime, .required).field("updated_at", .datetime, .required)
    }

    func link(
        _ column: String, to table: String, onDelete: DatabaseSchema.ForeignKeyAction = .setNull, required: Bool = false
    ) -> Self {
        required
            ? field(FieldKey(stringLiteral: column), .uuid, .required, .references(table, "id", onDelete: onDelete))
            : field(FieldKey(stringLiteral: column), .uuid, .references(table, "id", onDelete: onDelete))
    }
}

extension Database {
    /// Plain and expression indexes, written as SQL both SQLite and PostgreSQL accept.
    func createIndexes(on table: String, _ definitions: [String: String]) async throws {
        for (name, columns) in definitions.sorted(by: { $0.key < $1.key }) {
            try await createIndex(IndexDefinition(table, name, columns))
        }
    }

    /// Indexes across tables, each named "<table>_<name>_idx". SQLite's planner can only
    /// guess at an index it has no statistics for, and guesses against the ones it has, so
    /// the new indexes are sampled at once rather than at the next hourly clean-up.
    func createIndexes(_ indexes: [IndexDefinition]) async throws {
        for index in indexes { try await createIndex(index) }
        try await sql.refreshPlannerStatistics()
    }

    private func createIndex(_ index: IndexDefinition) async throws {
        let condition = index.condition.map { " WHERE \($0)" } ?? ""
        try await sql.raw(
            """
            CREATE INDEX \(ident: "\(index.table)_\(index.name)_idx") ON \(ident: index.table) \
            (\(unsafeRaw: index.columns))\(unsafeRaw: condition)
            """
        ).run()
    }

    func dropIndexes(_ indexes: [IndexDefinition]) async throws {
        let sql = self.sql
        for index in indexes { try await sql.raw("DROP INDEX \(ident: "\(index.table)_\(index.name)_idx")").run() }
    }
}

/// A migration that only adds indexes.
protocol IndexMigration: AsyncMigration {
    static var indexes: [IndexDefinition] { get }
}

extension IndexMigration {
    func prepare(on database: any Database) async throws {
        try await database.createIndexes(Self.indexes)
    }

    func revert(on database: any Database) async throws {
        try await database.dropIndexes(Self.indexes)
    }
}

struct IndexDefinition: Sendable {
    let table: String
    let name: String
    let columns: String
    /// Only rows meeting it are indexed (a partial index): the index serves only queries whose
    /// conditions imply it, so it never stands in for a wider one.
    let condition: String?

    init(_ table: String, _ name: String, _ columns: String, where condition: String? = nil) {
        self.table = table
        self.name = name
        self.columns = columns
        self.condition = condition
    }
}

/// A migration that swaps indexes for wider ones: the replaced indexes go, the added ones come,
/// and reverting swaps them back.
protocol IndexReplacement: AsyncMigration {
    static var replaced: [IndexDefinition] { get }
    static var added: [IndexDefinition] { get }
}

extension IndexReplacement {
    func prepare(on database: any Database) async throws {
        try await database.dropIndexes(Self.replaced)
        try await database.createIndexes(Self.added)
    }

    func revert(on database: any Database) async throws {
        try await database.dropIndexes(Self.added)
        try await database.createIndexes(Self.replaced)
    }
}
