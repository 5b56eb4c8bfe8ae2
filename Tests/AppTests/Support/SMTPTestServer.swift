import Foundation

/// A real SMTP server (Python's aiosmtpd, `Tests/smtp/smtp_server.py`) on loopback, with TLS
/// and a login, stopped when the test is done. Messages it accepts land in `mailDirectory`.
final class SMTPTestServer: @unchecked Sendable {
    let root: URL
    let port: Int
    private let process: Process
    private let input: Pipe

    /// aiosmtpd is installed by .ci/run; elsewhere the mail tests say so and skip.
    static var available: Bool {
        if ProcessInfo.processInfo.environment["CI"] == "true" { return true }
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        probe.arguments = ["python3", "-c", "import aiosmtpd"]
        probe.standardError = FileHandle.nullDevice
        guard (try? probe.run()) != nil else { return false }
        probe.waitUntilExit()
        return probe.terminationStatus == 0
    }

    init(tls: String = "starttls", user: String = "sales", password: String = "s3cret") throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("salespulse-smtp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
            .appendingPathComponent("smtp/smtp_server.py")
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, root.path, "--tls", tls, "--user", user, "--password", password]
        input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        let line = String(decoding: output.fileHandleForReading.availableLine(), as: UTF8.self)
        guard line.hasPrefix("ready "),
            let port = Int(line.dropFirst(6).trimmingCharacters(in: .whitespacesAndNewlines))
        else {
            process.terminate()
            throw CocoaError(
                .fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "SMTP test server did not start: \(line)"])
        }
        self.port = port
    }

    var certificate: String { root.appendingPathComponent("cert.pem").path }
    var mailDirectory: URL { root.appendingPathComponent("mail") }

    /// Messages received so far, oldest first.
    func messages() throws -> [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: mailDirectory.path)) ?? []
        return try files.filter { $0.hasSuffix(".eml") }.sorted().map {
            try String(contentsOf: mailDirectory.appendingPathComponent($0), encoding: .utf8)
        }
    }

    /// While down, the server answers every message with a temporary 451.
    func setDown(_ down: Bool) throws {
        let flag = root.appendingPathComponent("down")
        if down { try Data().write(to: flag) } else { try? FileManager.default.removeItem(at: flag) }
    }

    func stop() {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: root)
    }
}

private extension FileHandle {
    func availableLine() -> Data {
        var line = Data()
        while true {
            let byte = readData(ofLength: 1)
            if byte.isEmpty || byte == Data("\n".utf8) { return line }
            line.append(byte)
        }
    }
}
