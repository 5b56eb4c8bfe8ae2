@testable import App
import Foundation
import NIOConcurrencyHelpers
import SQLKit
import Testing

/// Writes queue per database file: a long write on one company's file does not hold up a
/// write on another's.
@Suite struct SQLiteWriteQueueTests {
    /// Commits do not wait for the disk: the connection a write ran on syncs at checkpoints, and
    /// waits for writers in other processes. Both are sent once per connection, not per write.
    @Test func writesCommitWithoutWaitingForTheDiskAndSetThatUpOncePerConnection() async throws {
        try await withTestApp { app in
            guard app.db.sql.dialect.name == "sqlite" else { return }
            try await app.db.withConnection { connection in
                func setting(_ name: String, column: String? = nil) async throws -> Int? {
                    try await connection.sql.raw("PRAGMA \(unsafeRaw: name)").first()?.decode(
                        column: column ?? name, as: Int.self)
                }
                func write() async throws {
                    try await connection.writeTransaction { tx in
                        try await tx.sql.raw("UPDATE users SET name = name WHERE 1 = 0").run()
                    }
                }
                try await SQLiteWriteSettings.forget(connection)
                try await connection.sql.raw("PRAGMA synchronous = FULL").run()
                try await connection.sql.raw("PRAGMA busy_timeout = 5").run()
                try await write()
                #expect(try await setting("synchronous") == 1)  // NORMAL
                #expect(try await setting("busy_timeout", column: "timeout") == SQLiteWriteQueue.busyMilliseconds)
                // then: the next write on the same connection sends neither again
                try await connection.sql.raw("PRAGMA synchronous = FULL").run()
                try await write()
                #expect(try await setting("synchronous") == 2)  // FULL, as left
            }
        }
    }

    @Test func aWriteOnOneFileDoesNotWaitForAWriteOnAnother() async throws {
        try await withTestApp { first in
            guard first.db.sql.dialect.name == "sqlite" else { return }
            try await withTestApp { second in
                #expect(
                    SQLiteWriteQueue.storageKey(first.db.context.configuration)
                        != SQLiteWriteQueue.storageKey(second.db.context.configuration))
                #expect(SQLiteWriteQueue.storageKey(first.db.context.configuration).hasPrefix("memory:"))
                let secondDone = NIOLockedValueBox(false)
                // given: the first file's write stays open until the second file's write is done
                let holding = Task {
                    try await first.db.writeTransaction { _ in
                        let started = Date()
                        while !secondDone.withLockedValue({ $0 }), Date().timeIntervalSince(started) < 60 {
                            try await Task.sleep(for: .milliseconds(20))
                        }
                        return secondDone.withLockedValue { $0 }
                    }
                }
                try await Task.sleep(for: .milliseconds(200))
                // when
                try await second.db.writeTransaction { tx in
                    try await tx.sql.raw("UPDATE users SET name = name WHERE 1 = 0").run()
                }
                secondDone.withLockedValue { $0 = true }
                // then: the first write saw the second finish while it was still open
                #expect(try await holding.value)
            }
        }
    }

    @Test func aFileIsKnownByItsPath() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("q-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try await withTestApp({ settings in
            if case .sqliteMemory = settings.database { settings.database = .sqliteFile(path) }
        }) { app in
            guard app.db.sql.dialect.name == "sqlite" else { return }
            #expect(SQLiteWriteQueue.storageKey(app.db.context.configuration) == "file:" + path)
            #expect(SQLiteWriteQueue.of(app.db) === SQLiteWriteQueue.of(app.db))
        }
    }
}
