import Fluent
import Foundation
import SalesPulseCore
import SQLKit

/// Puts a backup into this database in one transaction: every table emptied, then filled
/// parents first, then the row counts checked against the manifest. Anything wrong and the
/// database is as it was.
struct BackupRestorer {
    let db: any Database

    struct Report: Sendable {
        let manifest: BackupManifest
        let seconds: Double
    }

    typealias Progress = @Sendable (_ table: String, _ rows: Int) -> Void

    func restore(from source: URL, replacing: Bool, progress: @escaping Progress = { _, _ in }) async throws -> Report {
        let started = Date()
        let work = FileManager.default.temporaryDirectory.appendingPathComponent(
            "salespulse-restore-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: work) }
        let archive = try BackupArchive.unpack(source, into: work)
        let manifest = archive.manifest
        let known = Set(try await DatabaseCatalog.migrations(db.sql))
        let unknown = manifest.migrations.filter { !known.contains($0) }
        guard unknown.isEmpty else {
            throw DomainError.invalid(
                field: "file",
                "This backup was taken by a newer SalesPulse (\(unknown.count) schema changes this one does not have). Upgrade, then restore."
            )
        }
        let catalog = try await DatabaseCatalog.read(db.sql)
        if let stray = manifest.tables.first(where: { catalog[$0.name] == nil }) {
            throw DomainError.invalid(
                field: "file", "This backup holds a table this SalesPulse does not have (\(stray.name)).")
        }
        try await db.writeTransaction { tx in
            let sql = tx.sql
            let users =
                try await sql.raw("SELECT COUNT(*) AS n FROM \(ident: User.schema)").first()?.decode(
                    column: "n", as: Int.self) ?? 0
            guard users == 0 || replacing else {
                throw DomainError.conflict(
                    field: nil,
                    message:
                        "This database already holds a company (\(users) users). Restore into an empty database, or replace everything in it (--force)."
                )
            }
            try await sql.prepareForBulkWrites()
            let order = try catalog.fillOrder()
            for table in order.reversed() {
                for link in table.selfLinks {
                    try await sql.update(table.name).set(SQLIdentifier(link.column), to: SQLLiteral.null).run()
                }
                try await sql.delete(from: table.name).run()
            }
            for table in order {
                guard let saved = manifest.tables.first(where: { $0.name == table.name }) else { continue }
                try await TableFill(sql: sql, table: table, saved: saved).run(from: archive.url(of: saved))
                progress(table.name, saved.rows)
            }
            for saved in manifest.tables {
                let count =
                    try await sql.raw("SELECT COUNT(*) AS n FROM \(ident: saved.name)").first()?.decode(
                        column: "n", as: Int.self) ?? 0
                guard count == saved.rows else {
                    throw DomainError.invalid(
                        field: "file",
                        "The \(saved.name) table came back with \(count) rows instead of \(saved.rows). Nothing was restored."
                    )
                }
            }
            // Roll-ups are counted by the database itself, and SQLite and PostgreSQL round time
            // differences differently: moved to the other kind, they are counted again there.
            if manifest.database != (sql.dialect.name == "sqlite" ? "sqlite" : "postgresql") {
                try await DailyRollups(sql: sql, now: Date()).rebuild()
            }
        }
        return Report(manifest: manifest, seconds: Date().timeIntervalSince(started))
    }
}

/// One table's rows from its backup file into the database, in multi-row inserts. Links of a
/// table to itself (an account's parent account, a user's manager) are set once all its rows
/// are in, since a row may come before the one it points at.
private struct TableFill {
    let sql: any SQLDatabase
    let table: DatabaseCatalog.Table
    let saved: BackupManifest.Table

    func run(from file: URL) async throws {
        let positions = Dictionary(uniqueKeysWithValues: saved.columns.enumerated().map { ($1.name, $0) })
        let columns = table.columns.filter { positions[$0.name] != nil }
        let selfLinks = table.selfLinks.filter { positions[$0.column] != nil && positions[$0.targetColumn] != nil }
        let deferred = Set(selfLinks.map(\.column))
        let perStatement = MultiRowInsert.rowsPerStatement(columns: columns.count)
        let postgres = sql.dialect.name != "sqlite"
        var rows: [[any SQLExpression]] = []
        var links: [(link: DatabaseCatalog.Link, target: StoredValue, value: StoredValue)] = []
        let reader = try JSONLinesReader(url: file)
        var line = 0
        while let data = try reader.next() {
            line += 1
            guard let values = (try? JSONSerialization.jsonObject(with: data)) as? [Any],
                values.count == saved.columns.count
            else {
                throw damaged("row \(line) cannot be read")
            }
            var stored: [String: StoredValue] = [:]
            var row: [any SQLExpression] = []
            row.reserveCapacity(columns.count)
            for column in columns {
                let value: StoredValue
                do { value = try StoredValue(json: values[positions[column.name]!], for: column.kind) } catch {
                    throw damaged("row \(line), \(column.name): \(error)")
                }
                stored[column.name] = value
                row.append(
                    deferred.contains(column.name) ? SQLLiteral.null : Self.expression(value, postgres: postgres))
            }
            for link in selfLinks where stored[link.column] != .null {
                links.append((link, stored[link.targetColumn] ?? .null, stored[link.column] ?? .null))
            }
            rows.append(row)
            if rows.count == perStatement { try await insert(&rows, columns) }
        }
        try await insert(&rows, columns)
        for entry in links {
            try await sql.update(table.name).set(
                SQLIdentifier(entry.link.column), to: Self.expression(entry.value, postgres: postgres)
            )
            .where(SQLIdentifier(entry.link.targetColumn), .equal, Self.expression(entry.target, postgres: postgres))
            .run()
        }
    }

    private func insert(_ rows: inout [[any SQLExpression]], _ columns: [BackupManifest.Column]) async throws {
        guard !rows.isEmpty else { return }
        var statement = sql.insert(into: table.name).columns(columns.map(\.name))
        for row in rows { statement = statement.values(row) }
        try await statement.run()
        rows.removeAll(keepingCapacity: true)
    }

    private func damaged(_ what: String) -> DomainError {
        DomainError.invalid(
            field: "file", "The backup's \(saved.name) table is damaged: \(what). Nothing was restored.")
    }

    static func expression(_ value: StoredValue, postgres: Bool) -> any SQLExpression {
        switch value {
        case .null: SQLLiteral.null
        case .text(let text): SQLBind(text)
        case .integer(let number): SQLBind(number)
        case .real(let number): SQLBind(number)
        case .boolean(let flag): SQLBind(flag)
        case .uuid(let id): SQLBind(id)
        case .timestamp(let seconds): postgres ? SQLFunction("to_timestamp", args: SQLBind(seconds)) : SQLBind(seconds)
        case .blob(let data): SQLBind(data)
        }
    }
}
