import Fluent
import SQLKit

extension Database {
    /// One write statement in its turn: on SQLite a bare write beside another connection's
    /// transaction fails as "database is locked", so even single statements queue like
    /// transactions (`writeTransaction`). PostgreSQL runs a single statement atomically on its
    /// own, so there it goes straight out without BEGIN and COMMIT around it.
    func serialWrite<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        if let sql = self as? any SQLDatabase, sql.dialect.name != "sqlite" { return try await body(sql) }
        return try await writeTransaction { tx in try await body(tx.sql) }
    }
}
