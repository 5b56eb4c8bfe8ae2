import FluentSQLiteDriver
import NIOConcurrencyHelpers

/// The settings a SQLite connection writes with, sent once per pooled connection rather than
/// before every write: both last as long as the connection, and each statement costs a round
/// trip to the database thread while the file's write lock is held.
enum SQLiteWriteSettings {
    /// Held weakly, so a connection closed and another opened at the same address is new.
    private final class Seen: Sendable {
        weak let connection: SQLiteConnection?
        init(_ connection: SQLiteConnection) { self.connection = connection }
    }

    private static let applied = NIOLockedValueBox([ObjectIdentifier: Seen]())

    static func apply(on database: any Database) async throws {
        guard let sqlite = database as? any SQLiteDatabase else { return try await send(on: database) }
        let connection = try await sqlite.withConnection { $0 }
        let key = ObjectIdentifier(connection)
        guard applied.withLockedValue({ $0[key]?.connection !== connection }) else { return }
        try await send(on: database)
        applied.withLockedValue { $0[key] = Seen(connection) }
    }

    /// For a caller that changed either setting on this connection: the next write sends them
    /// again.
    static func forget(_ database: any Database) async throws {
        guard let sqlite = database as? any SQLiteDatabase else { return }
        let key = ObjectIdentifier(try await sqlite.withConnection { $0 })
        _ = applied.withLockedValue { $0.removeValue(forKey: key) }
    }

    private static func send(on database: any Database) async throws {
        // With write-ahead logging, NORMAL never corrupts the file and loses nothing when the
        // app crashes; only the machine losing power can undo the last commits. FULL waits for
        // the disk at every commit (3.5 ms here), which capped lead forms at about 80 a second.
        // It can only be set between transactions.
        try await database.sql.raw("PRAGMA synchronous = NORMAL").run()
        try await database.sql.raw("PRAGMA busy_timeout = \(literal: SQLiteWriteQueue.busyMilliseconds)").run()
    }
}
