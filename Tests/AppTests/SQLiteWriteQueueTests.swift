@testable import App
import Foundation
import NIOConcurrencyHelpers
import Fluent
import SQLKit
import Testing

/// Writes queue per database file: a long write on one company's file does not hold up a
/// write on another's.
@Suite struct SQLiteWriteQueueTests {
    /// Writes run on the file's own write connection: commits do not wait for the disk, other
    /// processes' writers are waited for, foreign keys hold, and a failed statement rolls the
    /// whole transaction back with SQLite's words.
    @Test func writesRunOnOneConnectionSetUpForWriting() async throws {
        try await withTestApp { app in
            guard app.db.sql.dialect.name == "sqlite" else { return }
            let settings = try await app.db.writeTransaction { tx in
                func setting(_ name: String, column: String? = nil) async throws -> Int? {
                    try await tx.sql.raw("PRAGMA \(unsafeRaw: name)").first()?.decode(
                        column: column ?? name, as: Int.self)
                }
                return [
                    try await setting("synchronous"), try await setting("busy_timeout", column: "timeout"),
                    try await setting("foreign_keys"),
                ]
            }
            #expect(settings == [1, SQLiteWriteQueue.busyMilliseconds, 1])  // NORMAL, 30 s, on
            let before = try await User.query(on: app.db).count()
            await #expect(throws: SQLiteWriteError.self) {
                try await app.db.writeTransaction { tx in
                    try await tx.sql.raw("UPDATE users SET name = 'Renamed'").run()
                    try await tx.sql.raw("INSERT INTO users (id) VALUES (NULL, NULL)").run()
                }
            }
            #expect(try await User.query(on: app.db).filter(\.$name == "Renamed").count() == 0)
            #expect(try await User.query(on: app.db).count() == before)
            // then: the same statement again, from the kept prepared one, sees the new row
            for _ in 0..<2 {
                let seen = try await app.db.writeTransaction { tx in
                    try await tx.sql.raw("SELECT COUNT(*) AS n FROM users").first()?.decode(column: "n", as: Int.self)
                }
                #expect(seen == before)
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
