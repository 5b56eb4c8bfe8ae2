@testable import App
import Foundation
import Testing
import Vapor

/// A real `salespulse worker` process killed with SIGKILL in the middle of a job: nothing is
/// told, the lease simply stops being renewed, and the next worker runs the job again, once.
@Suite("A killed worker process", .enabled(if: AppProcess.available, "needs the salespulse executable: swift build"))
struct KilledWorkerTests {
    @Test func aJobWhoseWorkerWasKilledRunsAgainOnceInTheNextWorker() async throws {
        let binary = try #require(AppProcess.binary(), "the salespulse executable is not built next to the tests")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "salespulse-killed-\(UUID().uuidString)")
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
            // Long enough that a loaded machine, polling late, still finds the first worker mid-job.
            try await app.jobs.enqueue(PingJob.kind, payload: PingJob.Payload(seconds: 15))
            let job = try #require(try await app.jobs.list(state: .queued, limit: 1).first)

            let first = try AppProcess(
                binary: binary, ["worker", "--concurrency", "1", "--lease", "2"], environment: environment,
                log: folder.appendingPathComponent("first.log"))
            let taken = try await waitFor(app, job.id, first) { $0.state == "running" }
            #expect(taken.lockedBy?.contains(":\(first.pid):") == true && taken.attempts == 1)
            first.kill(SIGKILL)
            #expect(first.exitSignal == SIGKILL)
            let orphan = try #require(try await app.jobs.find(job.id))
            #expect(orphan.state == "running" && orphan.lockedBy == taken.lockedBy, "a killed worker finishes nothing")

            let second = try AppProcess(
                binary: binary, ["worker", "--concurrency", "1", "--lease", "2"], environment: environment,
                log: folder.appendingPathComponent("second.log"))
            let done = try await waitFor(app, job.id, second) { $0.state == "done" }
            #expect(done.attempts == 2, "run once by the killed worker and once again, no more")
            #expect(done.lockedBy?.contains(":\(second.pid):") == true)
            #expect((done.startedAt ?? 0) >= (taken.leaseUntil ?? .max), "taken over only after the lease ran out")
            second.kill(SIGTERM)
            #expect(second.exitStatus == 0, "SIGTERM stops a worker cleanly")
            #expect(try await jobCount(app, kind: PingJob.kind) == 1)
        }
    }

    private func waitFor(
        _ app: Application, _ id: UUID, _ process: AppProcess, seconds: Double = 90,
        until condition: (JobRow) -> Bool
    ) async throws -> JobRow {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if let row = try await app.jobs.find(id), condition(row) { return row }
            guard process.isRunning else { throw AppProcess.Failure(log: process.output) }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw AppProcess.Failure(log: "gave up waiting; worker said:\n" + process.output)
    }
}
