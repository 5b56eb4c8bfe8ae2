@testable import App
import Foundation
import Testing
import Vapor

/// A real `salespulse worker` process killed with SIGKILL in the middle of a job: nothing is
/// told, the lease simply stops being renewed, and the next worker runs the job again, once.
@Suite("A killed worker process", .enabled(if: WorkerProcess.available, "needs the salespulse executable: swift build"))
struct KilledWorkerTests {
    @Test func aJobWhoseWorkerWasKilledRunsAgainOnceInTheNextWorker() async throws {
        let binary = try #require(WorkerProcess.binary(), "the salespulse executable is not built next to the tests")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("salespulse-killed-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var environment = ["MAILBOX_PATH": folder.appendingPathComponent("mailbox").path, "LOG_LEVEL": "warning", "BCRYPT_COST": "4"]
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
            try await app.jobs.enqueue(PingJob.kind, payload: PingJob.Payload(seconds: 4))
            let job = try #require(try await app.jobs.list(state: .queued, limit: 1).first)

            let first = try WorkerProcess(binary: binary, environment: environment, log: folder.appendingPathComponent("first.log"))
            let taken = try await waitFor(app, job.id, first) { $0.state == "running" }
            #expect(taken.lockedBy?.contains(":\(first.pid):") == true && taken.attempts == 1)
            first.kill(SIGKILL)
            #expect(first.exitSignal == SIGKILL)
            let orphan = try #require(try await app.jobs.find(job.id))
            #expect(orphan.state == "running" && orphan.lockedBy == taken.lockedBy, "a killed worker finishes nothing")

            let second = try WorkerProcess(binary: binary, environment: environment, log: folder.appendingPathComponent("second.log"))
            let done = try await waitFor(app, job.id, second) { $0.state == "done" }
            #expect(done.attempts == 2, "run once by the killed worker and once again, no more")
            #expect(done.lockedBy?.contains(":\(second.pid):") == true)
            #expect((done.startedAt ?? 0) >= (taken.leaseUntil ?? .max), "taken over only after the lease ran out")
            second.kill(SIGTERM)
            #expect(second.exitStatus == 0, "SIGTERM stops a worker cleanly")
            #expect(try await jobCount(app, kind: PingJob.kind) == 1)
        }
    }

    private func waitFor(_ app: Application, _ id: UUID, _ process: WorkerProcess, seconds: Double = 90,
                         until condition: (JobRow) -> Bool) async throws -> JobRow {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if let row = try await app.jobs.find(id), condition(row) { return row }
            guard process.isRunning else { throw WorkerProcess.Failure(log: process.output) }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw WorkerProcess.Failure(log: "gave up waiting; worker said:\n" + process.output)
    }
}

/// `salespulse worker` as a child process, with its output kept for a failing test to show.
final class WorkerProcess: @unchecked Sendable {
    struct Failure: Error, CustomStringConvertible {
        let log: String
        var description: String { "the worker process stopped: \(log)" }
    }

    private let process = Process()
    private let logFile: URL

    /// Always on in CI, which builds the executable first; elsewhere when it has been built.
    static var available: Bool { ProcessInfo.processInfo.environment["CI"] == "true" || binary() != nil }

    /// The executable built beside the test bundle.
    static func binary() -> URL? {
        let besideTests = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return [besideTests, package.appendingPathComponent(".build/debug")]
            .map { $0.appendingPathComponent("salespulse") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    init(binary: URL, environment: [String: String], log: URL) throws {
        logFile = log
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        process.executableURL = binary
        process.arguments = ["worker", "--concurrency", "1", "--lease", "2"]
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
    }

    var pid: Int32 { process.processIdentifier }
    var isRunning: Bool { process.isRunning }
    var output: String { (try? String(contentsOf: logFile, encoding: .utf8)) ?? "" }

    func kill(_ signal: Int32) {
        Foundation.kill(pid, signal)
        process.waitUntilExit()
    }

    var exitSignal: Int32? { process.terminationReason == .uncaughtSignal ? process.terminationStatus : nil }
    var exitStatus: Int32? { process.terminationReason == .exit ? process.terminationStatus : nil }
}
