import FluentKit
import FluentSQL
import NIOCore
import SQLKit
import SQLiteKit

/// A write transaction on the process's `SQLiteWriter`, as Fluent and SQLKit see a database:
/// models, query builders and hand-written SQL inside `writeTransaction` all run through it.
/// Nested transactions and `withConnection` stay on it.
struct SQLiteWriterDatabase: Database, SQLDatabase {
    let writer: SQLiteWriter
    let context: DatabaseContext
    private static let encoder = SQLiteDataEncoder()

    var inTransaction: Bool { true }
    var dialect: any SQLDialect { SQLiteDialect() }
    var version: (any SQLDatabaseReportedVersion)? { nil }
    var queryLogLevel: Logger.Level? { nil }

    // SQLKit

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        try run(query) { onRow($0) }
    }

    func execute(
        sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void
    ) -> EventLoopFuture<
        Void
    > {
        eventLoop.submit { try run(query) { onRow($0) } }
    }

    func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await closure(self)
    }

    private func run(_ query: any SQLExpression, _ onRow: (SQLiteWriterRow) -> Void) throws {
        let (sql, binds) = serialize(query)
        try writer.run(sql, try binds.map { try Self.encoder.encode($0) }) { onRow($0) }
    }

    // Fluent: its async calls are extensions that go through these, so only these are written.

    func execute(
        query: DatabaseQuery, onOutput: @escaping @Sendable (any DatabaseOutput) -> Void
    ) -> EventLoopFuture<
        Void
    > {
        eventLoop.submit { try run(fluent(query)) { onOutput(SQLiteWriterOutput(row: $0, prefix: nil)) } }
    }

    func execute(schema: DatabaseSchema) -> EventLoopFuture<Void> {
        eventLoop.submit { try run(SQLSchemaConverter(delegate: SQLiteWriterTypes()).convert(schema)) { _ in } }
    }

    func execute(enum: DatabaseEnum) -> EventLoopFuture<Void> { eventLoop.makeSucceededVoidFuture() }

    func transaction<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        closure(self)
    }

    func withConnection<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        closure(self)
    }

    /// A Fluent query in SQL; a created row gives back its id, as with the pooled driver.
    private func fluent(_ query: DatabaseQuery) -> any SQLExpression {
        let converted = SQLQueryConverter(delegate: SQLiteWriterTypes()).convert(query)
        guard case .create = query.action, query.customIDKey != .some(.string("")) else { return converted }
        return SQLList(
            [converted, SQLReturning(.init((query.customIDKey ?? .id).description))], separator: SQLRaw(" "))
    }
}

/// SQLite's names for Fluent's column types, as the pooled driver declares them.
private struct SQLiteWriterTypes: SQLConverterDelegate {
    func customDataType(_ dataType: DatabaseSchema.DataType) -> (any SQLExpression)? {
        switch dataType {
        case .string, .enum: SQLRaw("TEXT")
        case .datetime: SQLRaw("REAL")
        case .int64: SQLRaw("INTEGER")
        default: nil
        }
    }
}
