@testable import App
import Foundation
import Testing
import Vapor
import VaporTesting

@Suite("Imports from a link")
struct ImportLinkTests {
    @Test(arguments: [
        (
            "https://docs.google.com/spreadsheets/d/1AbC-xyz_09/edit#gid=123",
            "https://docs.google.com/spreadsheets/d/1AbC-xyz_09/export?format=csv&gid=123"
        ),
        (
            "https://docs.google.com/spreadsheets/d/1AbC/edit?usp=sharing",
            "https://docs.google.com/spreadsheets/d/1AbC/export?format=csv"
        ),
        (
            "https://docs.google.com/spreadsheets/d/1AbC/export?format=csv&gid=7",
            "https://docs.google.com/spreadsheets/d/1AbC/export?format=csv&gid=7"
        ),
        ("http://files.example.com/leads.csv", "http://files.example.com/leads.csv"),
    ])
    func googleSheetsLinksBecomeTheirCSVExport(link: String, download: String) throws {
        #expect(try ImportUpload.downloadURL(link).absoluteString == download)
    }

    @Test func notAWebAddressIsRefused() {
        for text in ["ftp://example.com/a.csv", "leads.csv", "javascript:alert(1)"] {
            #expect(throws: DomainError.self) { try ImportUpload.downloadURL(text) }
        }
    }

    /// A small web server on loopback stands in for the spreadsheet host.
    @Test func aCSVAtALinkIsFetchedByTheServer() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("link-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "Name,Email\nLink Person,link@example.com\n".write(
            to: folder.appendingPathComponent("leads.csv"), atomically: true, encoding: .utf8)
        let port = Int.random(in: 20_000...40_000)
        let server = Process()
        server.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        // Serves until its input closes: a signal might reach only a launcher in front of Python.
        let script = """
            import functools, http.server, sys, threading
            handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=sys.argv[2])
            server = http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), handler)
            threading.Thread(target=server.serve_forever, daemon=True).start()
            sys.stdin.read()
            """
        server.arguments = ["python3", "-c", script, String(port), folder.path]
        let input = Pipe()
        server.standardInput = input
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer {
            try? input.fileHandleForWriting.close()
            server.waitUntilExit()
        }
        try await withTestApp { app in
            let company = try await CRMCompany.make(app)
            var response = try await company.call(
                .repA, .POST, "/api/v1/imports?type=leads&url=http://127.0.0.1:\(port)/leads.csv")
            for _ in 0..<50 where response.status != .created {
                try await Task.sleep(for: .milliseconds(100))
                response = try await company.call(
                    .repA, .POST, "/api/v1/imports?type=leads&url=http://127.0.0.1:\(port)/leads.csv")
            }
            #expect(response.status == .created, "\(response.text)")
            let created = try response.json()
            #expect(created["fileName"] as? String == "leads.csv")
            #expect((created["preview"] as? [[String]])?.first == ["Link Person", "link@example.com"])
            let missing = try await company.call(
                .repA, .POST, "/api/v1/imports?type=leads&url=http://127.0.0.1:\(port)/nothing.csv")
            #expect(missing.status == .unprocessableEntity)
            #expect(try missing.apiError().message.contains("404"))
            #expect(try missing.apiError().field == "url")
        }
    }
}
