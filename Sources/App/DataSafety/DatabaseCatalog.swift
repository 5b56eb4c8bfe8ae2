import Foundation
import SalesPulseCore
import SQLKit

/// The app's tables as the database itself describes them: columns with their kinds and the
/// references between tables. SQLite's word-search tables are left out: their triggers
/// refill them as rows go in. So are the migrations log, which every database keeps itself,
/// and the log of backups, which describes files on this server rather than the company.
struct DatabaseCatalog: Sendable {
    struct Link: Sendable, Equatable {
        let column: String
        let table: String
        let targetColumn: String
    }

    struct Table: Sendable {
        let name: String
        let columns: [BackupManifest.Column]
        let links: [Link]

        var selfLinks: [Link] { links.filter { $0.table == name } }
    }

    static let migrationsTable = "_fluent_migrations"
    static let serverTables: Set<String> = [migrationsTable, BackupRuns.table]

    let tables: [Table]

    subscript(name: String) -> Table? { tables.first { $0.name == name } }

    /// Parents before children, the order to fill tables in (and the reverse to empty them).
    func fillOrder() throws -> [Table] {
        let order = try TableOrder.parentsFirst(
            Dictionary(uniqueKeysWithValues: tables.map { ($0.name, Set($0.links.map(\.table))) }))
        return order.compactMap { self[$0] }
    }

    static func read(_ sql: any SQLDatabase) async throws -> DatabaseCatalog {
        sql.dialect.name == "sqlite" ? try await readSQLite(sql) : try await readPostgres(sql)
    }

    private static func readSQLite(_ sql: any SQLDatabase) async throws -> DatabaseCatalog {
        let rows = try await sql.raw(
            "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        ).all()
        let entries = try rows.map {
            (try $0.decode(column: "name", as: String.self), try $0.decode(column: "sql", as: String?.self) ?? "")
        }
        let virtual = entries.filter { $0.1.uppercased().hasPrefix("CREATE VIRTUAL TABLE") }.map(\.0)
        var tables: [Table] = []
        for (name, _) in entries
        where !serverTables.contains(name) && !virtual.contains(where: { name == $0 || name.hasPrefix($0 + "_") }) {
            let columns = try await sql.raw(
                "SELECT name, type FROM pragma_table_xinfo(\(bind: name)) WHERE hidden = 0 ORDER BY cid"
            ).all().map {
                BackupManifest.Column(
                    name: try $0.decode(column: "name", as: String.self),
                    kind: ColumnKind(sqliteDeclaredType: try $0.decode(column: "type", as: String.self)))
            }
            let links = try await sql.raw(
                "SELECT \(ident: "from") AS c, \(ident: "table") AS t, \(ident: "to") AS k FROM pragma_foreign_key_list(\(bind: name))"
            ).all().map {
                Link(
                    column: try $0.decode(column: "c", as: String.self),
                    table: try $0.decode(column: "t", as: String.self),
                    targetColumn: try $0.decode(column: "k", as: String?.self) ?? "id")
            }
            tables.append(Table(name: name, columns: columns, links: links))
        }
        return DatabaseCatalog(tables: tables)
    }

    private static func readPostgres(_ sql: any SQLDatabase) async throws -> DatabaseCatalog {
        let names = try await sql.raw(
            """
            SELECT table_name AS name FROM information_schema.tables
            WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name
            """
        ).all().map { try $0.decode(column: "name", as: String.self) }
        let columnRows = try await sql.raw(
            """
            SELECT table_name AS t, column_name AS c, data_type AS d FROM information_schema.columns
            WHERE table_schema = current_schema() AND is_generated = 'NEVER' ORDER BY table_name, ordinal_position
            """
        ).all()
        var columns: [String: [BackupManifest.Column]] = [:]
        for row in columnRows {
            let table = try row.decode(column: "t", as: String.self),
                column = try row.decode(column: "c", as: String.self)
            let type = try row.decode(column: "d", as: String.self)
            guard let kind = ColumnKind(postgresDataType: type) else {
                throw DomainError.badRequest(
                    "The column \(table).\(column) has the type \(type), which a backup cannot carry.")
            }
            columns[table, default: []].append(.init(name: column, kind: kind))
        }
        let linkRows = try await sql.raw(
            """
            SELECT source.relname AS t, attribute.attname AS c, target.relname AS p, target_attribute.attname AS k
            FROM pg_constraint constraint_row
            JOIN pg_class source ON source.oid = constraint_row.conrelid
            JOIN pg_class target ON target.oid = constraint_row.confrelid
            JOIN pg_attribute attribute ON attribute.attrelid = constraint_row.conrelid AND attribute.attnum = constraint_row.conkey[1]
            JOIN pg_attribute target_attribute ON target_attribute.attrelid = constraint_row.confrelid AND target_attribute.attnum = constraint_row.confkey[1]
            WHERE constraint_row.contype = 'f' AND source.relnamespace = current_schema()::regnamespace
            """
        ).all()
        var links: [String: [Link]] = [:]
        for row in linkRows {
            links[try row.decode(column: "t", as: String.self), default: []].append(
                Link(
                    column: try row.decode(column: "c", as: String.self),
                    table: try row.decode(column: "p", as: String.self),
                    targetColumn: try row.decode(column: "k", as: String.self)))
        }
        let tables = names.filter { !serverTables.contains($0) }.map {
            Table(name: $0, columns: columns[$0] ?? [], links: links[$0] ?? [])
        }
        return DatabaseCatalog(tables: tables)
    }

    /// The schema changes this database has run.
    static func migrations(_ sql: any SQLDatabase) async throws -> [String] {
        try await sql.raw("SELECT name FROM \(ident: migrationsTable) ORDER BY name").all().map {
            try $0.decode(column: "name", as: String.self)
        }
    }
}
