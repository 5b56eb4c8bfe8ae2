@testable import App
import Foundation
import NIOConcurrencyHelpers
import NIOCore
import SQLiteNIO
import SQLKit
import Testing
import Vapor

/// A backup copies the SQLite file on a connection of its own, for minutes on a large file,
/// on the app's thread pool. Requests are answered meanwhile, even while as many such
/// statements as the machine has cores are still running (the default pool has a thread per
/// core, and every request's static-file check needed one of them).
@Suite struct LongStatementTests {
    @Test func requestsAreAnsweredWhileLongStatementsHoldEveryCore() async throws {
        let database = FileManager.default.temporaryDirectory.appendingPathComponent(
            "long-statements-\(UUID().uuidString).sqlite"
        ).path
        defer {
            for file in [database, database + "-wal", database + "-shm"] {
                try? FileManager.default.removeItem(atPath: file)
            }
        }
        try await withTestApp({ settings in settings.database = .sqliteFile(database) }) { app in
            let rep = try await makeUser(app, email: "rep@example.com", role: "rep")
            let bearer = try await token(for: rep, app)
            // started, as a server is before anyone calls it (the file in write-ahead mode)
            #expect(try await app.api(.GET, "/api/v1/leads?limit=5", token: bearer).status == .ok)
            let order = NIOLockedValueBox<[String]>([])
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<System.coreCount {
                    group.addTask {
                        // opened as the backup opens its copy
                        let connection = try await SQLiteConnection.open(
                            storage: .file(path: database), threadPool: app.threadPool,
                            on: app.eventLoopGroup.any())
                        _ = try await connection.sql().raw(
                            "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 20000000) SELECT COUNT(*) AS n FROM c"
                        ).all()
                        try await connection.close()
                        order.withLockedValue { $0.append("long statement") }
                    }
                }
                try await Task.sleep(for: .milliseconds(300))
                let response = try await app.api(.GET, "/api/v1/leads?limit=5", token: bearer)
                #expect(response.status == .ok)
                order.withLockedValue { $0.append("request") }
                try await group.waitForAll()
            }
            #expect(order.withLockedValue { $0.first } == "request", "\(order.withLockedValue { $0 })")
        }
    }
}
