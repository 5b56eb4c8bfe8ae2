@testable import App
import Foundation
import SQLKit
import Testing
import Vapor

/// A backup taken while eight clients create leads holds the database at one moment: each
/// lead it holds comes with the audit entry written in the same transaction, and none without.
/// On SQLite the company is a file, as the server keeps it (SQLite's online backup copy, then
/// read); the in-memory databases other tests use block writers while a snapshot reads.
@Suite struct BackupWhileWritingTests {
    private func count(_ app: Application, _ query: SQLQueryString) async throws -> Int {
        try await app.db.sql.raw("SELECT COUNT(*) AS \(ident: "n") FROM \(query)").first()?.decode(
            column: "n", as: Int.self) ?? 0
    }

    @Test func eightClientsWriteWhileABackupIsTaken() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "while-writing-\(UUID().uuidString).zip")
        let database = FileManager.default.temporaryDirectory.appendingPathComponent(
            "while-writing-\(UUID().uuidString).sqlite"
        ).path
        defer {
            for file in [path.path, database, database + "-wal", database + "-shm"] {
                try? FileManager.default.removeItem(atPath: file)
            }
        }
        let clients = 8, leadsEach = 12
        var createsBefore = 0
        try await withTestApp({ settings in
            if case .sqliteMemory = settings.database { settings.database = .sqliteFile(database) }
        }) { app in
            // given
            let rep = try await makeUser(app, email: "rep@example.com", role: "rep")
            let bearer = try await token(for: rep, app)
            createsBefore = try await count(app, "audit_entries WHERE action = 'create'")

            // when
            let started = try await withThrowingTaskGroup(of: Int.self) { group in
                for client in 0..<clients {
                    group.addTask {
                        var created = 0
                        for index in 0..<leadsEach {
                            let response = try await app.api(
                                .POST, "/api/v1/leads", token: bearer,
                                json: #"{"name": "Client \#(client) lead \#(index)", "source": "website"}"#)
                            if response.status == .created { created += 1 }
                        }
                        return created
                    }
                }
                while try await count(app, "leads") < clients { try await Task.sleep(for: .milliseconds(20)) }
                _ = try await BackupWriter(db: app.db, now: app.clock.now(), sqliteFile: app.sqliteFilePath).write(
                    to: path)
                var total = 0
                for try await created in group { total += created }
                return total
            }

            // then: every write landed
            #expect(started == clients * leadsEach)
            #expect(try await count(app, "leads") == clients * leadsEach)
        }
        try await withTestApp { app in
            _ = try await runCommand(app, ["restore", path.path])
            let leads = try await count(app, "leads")
            #expect(leads >= clients)
            #expect(
                try await count(app, "audit_entries WHERE action = 'create' AND record_id IN (SELECT id FROM leads)")
                    == leads)
            #expect(try await count(app, "audit_entries WHERE action = 'create'") == createsBefore + leads)
        }
    }
}
