import Fluent
import SQLKit

extension Database {
    /// A transaction that will write. SQLite allows one writer at a time, and a transaction
    /// that read first and then tries to write after another connection committed cannot wait
    /// its turn (its snapshot is stale): it fails as "database is locked". So on SQLite the
    /// writes of this process to one file queue in `SQLiteWriteQueue`, suspended rather than
    /// holding a connection or a thread, and each runs on the file's one write connection
    /// (`SQLiteWriter`), taking the file's write lock before its first read (BEGIN IMMEDIATE)
    /// and waiting for writers in other processes (commands run beside the server).
    /// Nested calls run inside the outer transaction.
    func writeTransaction<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        if inTransaction { return try await body(self) }
        guard (self as? any SQLDatabase)?.dialect.name == "sqlite" else { return try await transaction(body) }
        let context = context
        let queue = SQLiteWriteQueue.of(self)
        return try await withTaskExecutorPreference(queue.thread) {
            try await queue.run { writer in
                try writer.run("BEGIN IMMEDIATE")
                do {
                    let result = try await body(SQLiteWriterDatabase(writer: writer, context: context))
                    try writer.run("COMMIT")
                    return result
                } catch {
                    try? writer.run("ROLLBACK")
                    throw error
                }
            }
        }
    }
}
