import Foundation

/// The `salespulse` executable as a child process, with its output kept for a failing test to show.
final class AppProcess: @unchecked Sendable {
    struct Failure: Error, CustomStringConvertible {
        let log: String
        var description: String { "the process stopped: \(log)" }
    }

    private let process = Process()
    private let logFile: URL

    /// Always on in CI, which builds the executable first; elsewhere when it has been built.
    static var available: Bool { ProcessInfo.processInfo.environment["CI"] == "true" || binary() != nil }

    /// The executable built beside the test bundle.
    static func binary() -> URL? {
        let besideTests = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent()
        let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return [besideTests, package.appendingPathComponent(".build/debug")]
            .map { $0.appendingPathComponent("salespulse") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    init(binary: URL, _ arguments: [String], environment: [String: String], log: URL, in directory: URL? = nil) throws {
        logFile = log
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        process.executableURL = binary
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
    }

    /// A test that fails before stopping its process must not leave it running.
    deinit {
        if process.isRunning { Foundation.kill(process.processIdentifier, SIGKILL) }
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
