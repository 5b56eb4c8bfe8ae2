@testable import App
import Foundation
import SQLKit
import Testing
import Vapor

/// A real worker process killed with SIGKILL in the middle of an import: the next worker
/// resumes after the last committed batch, so every line is written once and none by half.
@Suite("A killed import", .enabled(if: AppProcess.available, "needs the salespulse executable: swift build"))
struct KilledImportTests {
    @Test func anImportWhoseWorkerWasKilledResumesWithoutDuplicatesOrHalfRows() async throws {
        let binary = try #require(AppProcess.binary(), "the salespulse executable is not built next to the tests")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "salespulse-killed-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var environment = [
            "MAILBOX_PATH": folder.appendingPathComponent("mailbox").path, "LOG_LEVEL": "warning", "BCRYPT_COST": "4",
        ]
        try await withTestApp({ settings in
            switch settings.database {
            case .postgres(let url, let searchPath):
                environment["DATABASE_URL"] = url
                environment["DATABASE_SCHEMA"] = searchPath?.first
            default:
                let file = folder.appendingPathComponent("shared.sqlite").path
                settings.database = .sqliteFile(file)
                environment["DATABASE_PATH"] = file
            }
        }) { app in
            let rep = try await makeUser(app, email: "rep@example.com", role: "rep")
            // Forty batches: a loaded machine that polls late still finds the first worker mid-file.
            let lines = 10_000
            var text = "Name,Email,Company\n"
            for index in 1...lines { text += "Person \(index),person\(index)@example.com,Company \(index % 700)\n" }
            let file = folder.appendingPathComponent("leads.csv")
            try text.write(to: file, atomically: true, encoding: .utf8)
            let service = ImportService(
                db: app.db, actor: try await ActorResolver.resolve(rep, on: app.db), now: Date(), logger: app.logger)
            let id = try await service.upload(path: file.path, fileName: "leads.csv", type: "leads").id
            _ = try await service.start(id)
            let store = ImportStore(sql: app.db.sql)

            let first = try AppProcess(
                binary: binary, ["worker", "--concurrency", "1", "--lease", "2"], environment: environment,
                log: folder.appendingPathComponent("first.log"))
            let partway = try await waitFor(store, id, first) { $0.processedRows >= 500 }
            first.kill(SIGKILL)
            let stopped = try #require(try await store.find(id))
            #expect(stopped.processedRows < Int64(lines), "killed before the end (at \(partway.processedRows))")
            #expect(
                try await count(app, "SELECT COUNT(*) AS n FROM leads") == Int(stopped.createdCount),
                "no half-written batch")
            #expect(try await count(app, "SELECT COUNT(*) AS n FROM import_rows") == Int(stopped.processedRows))

            let second = try AppProcess(
                binary: binary, ["worker", "--concurrency", "1", "--lease", "2"], environment: environment,
                log: folder.appendingPathComponent("second.log"))
            let done = try await waitFor(store, id, second, seconds: 600) { $0.state == ImportState.done.rawValue }
            second.kill(SIGTERM)
            #expect(done.processedRows == Int64(lines) && done.accountedRows == Int64(lines))
            #expect(done.createdCount == Int64(lines))
            #expect(try await count(app, "SELECT COUNT(*) AS n FROM leads") == lines)
            #expect(
                try await count(app, "SELECT COUNT(DISTINCT email) AS n FROM leads") == lines, "no line written twice")
            #expect(try await count(app, "SELECT COUNT(*) AS n FROM import_rows") == lines)
        }
    }

    private func count(_ app: Application, _ query: String) async throws -> Int {
        try await app.db.sql.raw(SQLQueryString(query)).first()?.decode(column: "n", as: Int.self) ?? -1
    }

    private func waitFor(
        _ store: ImportStore, _ id: UUID, _ process: AppProcess, seconds: Double = 300,
        until condition: (ImportRecord) -> Bool
    ) async throws -> ImportRecord {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if let record = try await store.find(id), condition(record) { return record }
            guard process.isRunning else { throw AppProcess.Failure(log: process.output) }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw AppProcess.Failure(log: "gave up waiting; worker said:\n" + process.output)
    }
}
