import Fluent
import Foundation
import NIOPosix
import SalesPulseCore
import SQLiteKit
import SQLKit

/// Takes a backup while the app keeps running: every table read inside one read-only
/// transaction, so the snapshot is the database at one moment, written as JSON Lines and
/// packed with its manifest into a compressed ZIP. The same format restores into SQLite and
/// PostgreSQL.
struct BackupWriter {
    let db: any Database
    let now: Date
    /// The SQLite file behind `db`, when it is one: the snapshot then reads it on a
    /// connection of its own.
    var sqliteFile: String?
    /// Where the connections of its own run their statements: the app's pool, so copying a
    /// large file takes one of its many threads, not one of the few shared ones that every
    /// request's static-file check needs.
    var threadPool: NIOThreadPool = .singleton

    struct Step: Sendable {
        let table: String
        let rows: Int
        let tablesDone: Int
        let tablesTotal: Int
    }

    typealias Progress = @Sendable (Step) async throws -> Void

    func write(to destination: URL, progress: @escaping Progress = { _ in }) async throws -> BackupManifest {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent(
            "salespulse-backup-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: work.appendingPathComponent("tables"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let manifest: BackupManifest
        if let sqliteFile {
            // SQLite's online backup copies the live file at one moment, holding it only for
            // the copy; the tables are then read from the copy, at leisure.
            let copy = work.appendingPathComponent("snapshot.sqlite").path
            try await onConnectionOfItsOwn(sqliteFile) { sql in
                try await sql.raw("VACUUM INTO \(bind: copy)").run()
            }
            manifest = try await onConnectionOfItsOwn(copy) { sql in
                try await snapshot(
                    sql, into: work, migrations: try await DatabaseCatalog.migrations(sql), progress: progress)
            }
            try? FileManager.default.removeItem(atPath: copy)
        } else {
            // Read before the snapshot: migrations run only at start-up.
            let migrations = try await DatabaseCatalog.migrations(db.sql)
            manifest = try await db.transaction { tx in
                let sql = tx.sql
                if sql.dialect.name != "sqlite" {
                    try await sql.raw("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY").run()
                }
                return try await snapshot(sql, into: work, migrations: migrations, progress: progress)
            }
        }
        try manifest.encoded().write(to: work.appendingPathComponent(BackupManifest.entryName))
        try ZipPacking.pack([BackupManifest.entryName] + manifest.tables.map(\.file), from: work, to: destination)
        return manifest
    }

    /// Every table into its file, inside the transaction the caller opened.
    private func snapshot(
        _ sql: any SQLDatabase, into work: URL, migrations: [String], progress: @escaping Progress
    ) async throws -> BackupManifest {
        let dialect = sql.dialect.name
        var tables: [BackupManifest.Table] = []
        let catalog = try await DatabaseCatalog.read(sql).tables
        for table in catalog {
            let file = "tables/\(table.name).jsonl"
            let output = try BackupTableFile(url: work.appendingPathComponent(file))
            let select = sql.select().columns(table.columns.map { Self.selected($0, dialect: dialect) }).from(
                table.name)
            try await sql.execute(sql: select.query) { row in
                do { output.append(try Self.values(of: row, columns: table.columns)) } catch {
                    output.failure = output.failure ?? error
                }
            }
            let digest = try output.finish()
            tables.append(
                .init(name: table.name, file: file, columns: table.columns, rows: output.rows, sha256: digest))
            try await progress(
                Step(table: table.name, rows: output.rows, tablesDone: tables.count, tablesTotal: catalog.count))
        }
        return BackupManifest(
            createdAt: now, database: dialect == "sqlite" ? "sqlite" : "postgresql", migrations: migrations,
            tables: tables)
    }

    /// A SQLite file on a connection outside the app's pool: the pool has one connection per
    /// event loop, and a backup of a large company holding one of them for minutes would
    /// starve that loop's requests.
    private func onConnectionOfItsOwn<T: Sendable>(
        _ path: String, _ body: (any SQLDatabase) async throws -> T
    ) async throws -> T {
        let connection = try await SQLiteConnection.open(
            storage: .file(path: path), threadPool: threadPool, on: MultiThreadedEventLoopGroup.singleton.any())
        do {
            let value = try await body(connection.sql())
            try await connection.close()
            return value
        } catch {
            try? await connection.close()
            throw error
        }
    }

    /// PostgreSQL keeps times in microseconds; read as seconds there, they come back exactly
    /// (`to_timestamp` rounds to the microsecond), which a round trip through Date does not.
    static func selected(_ column: BackupManifest.Column, dialect: String) -> any SQLExpression {
        guard dialect != "sqlite", column.kind == .timestamp else { return SQLIdentifier(column.name) }
        return SQLAlias(
            SQLQueryString("EXTRACT(EPOCH FROM \(ident: column.name))::float8"), as: SQLIdentifier(column.name))
    }

    /// Decimals travel as text: Swift writes the shortest digits that read back to the same
    /// number, and reading them with `Double(_:)` is exact, which JSON readers are not always.
    static func exact(_ number: Double) -> Any { number.isFinite ? String(number) : NSNull() }

    /// A row as JSON values. SQLite's rows are taken as stored (its columns hold what was
    /// written); PostgreSQL's are read by their column's type.
    static func values(of row: any SQLRow, columns: [BackupManifest.Column]) throws -> [Any] {
        if let row = row as? SQLiteRow {
            return columns.map { column in
                switch row.column(column.name) ?? .null {
                case .integer(let number): Int64(number)
                case .float(let number): Self.exact(number)
                case .text(let text): text
                case .blob(let bytes): Data(bytes.readableBytesView).base64EncodedString()
                case .null: NSNull()
                }
            }
        }
        return try columns.map { column -> Any in
            if try row.decodeNil(column: column.name) { return NSNull() }
            switch column.kind {
            case .text: return try row.decode(column: column.name, as: String.self)
            case .integer: return try row.decode(column: column.name, as: Int64.self)
            case .real: return Self.exact(try row.decode(column: column.name, as: Double.self))
            case .boolean: return try row.decode(column: column.name, as: Bool.self)
            case .uuid: return try row.decode(column: column.name, as: UUID.self).uuidString
            case .timestamp: return Self.exact(try row.decode(column: column.name, as: Double.self))
            case .blob: return try row.decode(column: column.name, as: Data.self).base64EncodedString()
            }
        }
    }
}
