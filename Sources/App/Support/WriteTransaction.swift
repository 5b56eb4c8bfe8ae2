import Fluent
import SQLKit

extension Database {
    /// A transaction that will write. SQLite allows one writer at a time, and a transaction
    /// that read first and then tries to write after another connection committed cannot wait
    /// its turn (its snapshot is stale): it fails as "database is locked". So on SQLite the
    /// writes of this process to one file queue in `SQLiteWriteQueue`, suspended rather than holding a
    /// connection or a thread, and each takes the file's write lock before its first read,
    /// with a busy timeout for writers in other processes (commands run beside the server),
    /// set once per connection (`SQLiteWriteSettings`).
    /// The driver opens transactions with a plain BEGIN, so the lock is taken by a write that
    /// changes nothing. Nested calls run inside the outer transaction.
    func writeTransaction<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        guard !inTransaction, (self as? any SQLDatabase)?.dialect.name == "sqlite" else {
            return try await transaction(body)
        }
        return try await SQLiteWriteQueue.of(self).run {
            try await withConnection { connection in
                try await SQLiteWriteSettings.apply(on: connection)
                return try await connection.transaction { tx in
                    let sql = tx.sql
                    try await sql.raw(
                        "UPDATE \(ident: "_fluent_migrations") SET \(ident: "batch") = \(ident: "batch") WHERE 1 = 0"
                    ).run()
                    return try await body(tx)
                }
            }
        }
    }
}
