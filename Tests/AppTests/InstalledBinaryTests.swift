@testable import App
import Foundation
#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif
import Testing
import Vapor

/// The executable started from a directory that is not the checkout, as a service unit or an
/// installed copy would be: it still finds its page templates and its styles.
@Suite(
    "The server started elsewhere", .enabled(if: AppProcess.available, "needs the salespulse executable: swift build"))
struct InstalledBinaryTests {
    @Test func pagesAndStylesAnswerWhenStartedFromAnotherDirectory() async throws {
        let binary = try #require(AppProcess.binary(), "the salespulse executable is not built next to the tests")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "salespulse-elsewhere-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let port = Int.random(in: 20_000...40_000)
        var environment = [
            "LOG_LEVEL": "warning", "DATABASE_PATH": folder.appendingPathComponent("elsewhere.sqlite").path,
        ]
        environment["DATABASE_URL"] = ""
        let server = try AppProcess(
            binary: binary, ["serve", "--hostname", "127.0.0.1", "--port", String(port), "--no-worker"],
            environment: environment, log: folder.appendingPathComponent("server.log"), in: folder)
        defer { server.kill(SIGTERM) }
        let base = "http://127.0.0.1:\(port)"
        let deadline = Date().addingTimeInterval(60)
        while (try? await get("\(base)/health"))?.status != .ok {
            guard server.isRunning, Date() < deadline else { throw AppProcess.Failure(log: server.output) }
            try await Task.sleep(for: .milliseconds(200))
        }
        let login = try await get("\(base)/login")
        #expect(login.status == .ok, "\(server.output)")
        #expect(login.body.contains("Sign in") && login.body.contains("/css/app.css"))
        let styles = try await get("\(base)/css/app.css")
        #expect(styles.status == .ok && styles.body.contains("box-sizing"))
    }

    @Test func theTemplatesAreLookedForInTheSettingThenHereThenBesideTheExecutable() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("salespulse-home-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let install = root.appendingPathComponent("opt/salespulse")
        try FileManager.default.createDirectory(
            at: install.appendingPathComponent("Resources/Views"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(
            at: install.appendingPathComponent("bin"), withIntermediateDirectories: true)
        FileManager.default.createFile(
            atPath: install.appendingPathComponent(ResourceLocation.marker).path, contents: Data())
        let elsewhere = root.appendingPathComponent("var/lib").path
        let binary = install.appendingPathComponent("bin/salespulse").path
        #expect(
            ResourceLocation.home(configured: nil, workingDirectory: elsewhere, executable: binary) == install.path
                + "/")
        #expect(
            ResourceLocation.home(configured: "/srv/sp", workingDirectory: install.path, executable: binary)
                == "/srv/sp/")
        #expect(
            ResourceLocation.home(configured: nil, workingDirectory: install.path, executable: "/usr/bin/salespulse")
                == install.path + "/")
        #expect(
            ResourceLocation.home(configured: nil, workingDirectory: elsewhere, executable: "/usr/bin/salespulse")
                == nil)
    }

    private func get(_ address: String) async throws -> (status: HTTPStatus, body: String) {
        let (data, response) = try await URLSession.shared.data(from: URL(string: address)!)
        return (
            HTTPStatus(statusCode: (response as? HTTPURLResponse)?.statusCode ?? 0),
            String(decoding: data, as: UTF8.self)
        )
    }
}
