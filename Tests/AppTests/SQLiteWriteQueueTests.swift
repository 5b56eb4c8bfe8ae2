@testable import App
import Foundation
import NIOConcurrencyHelpers
import SQLKit
import Testing

/// Writes queue per database file: a long write on one company's file does not hold up a
/// write on another's.
@Suite struct SQLiteWriteQueueTests {
    /// Commits do not wait for the disk: the connection a write ran on syncs at checkpoints.
    @Test func writesCommitWithoutWaitingForTheDisk() async throws {
        try await withTestApp { app in
            guard app.db.sql.dialect.name == "sqlite" else { return }
            try await app.db.withConnection { connection in
                try await connection.sql.raw("PRAGMA synchronous = FULL").run()
                try await connection.writeTransaction { tx in
                    try await tx.sql.raw("UPDATE users SET name = name WHERE 1 = 0").run()
                }
                let level = try await connection.sql.raw("PRAGMA synchronous").first()?.decode(
                    column: "synchronous", as: Int.self)
                #expect(level == 1)  // NORMAL
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
