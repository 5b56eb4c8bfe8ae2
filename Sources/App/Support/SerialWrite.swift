import Fluent
import SQLKit

extension Database {
    /// One write statement in its turn: on SQLite a bare write beside another connection's
    /// transaction fails as "database is locked", so even single statements queue like
    /// transactions (`writeTransaction`).
    func serialWrite<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await writeTransaction { tx in try await body(tx as! any SQLDatabase) }
    }
}
