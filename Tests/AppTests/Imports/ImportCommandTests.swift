@testable import App
import ConsoleKit
import Documents
import Fluent
import SQLKit
import Testing
import Vapor

@Suite("Import and export commands")
struct ImportCommandTests {
    func run(_ app: Application, _ arguments: [String]) async throws -> String {
        try await runCommand(app, arguments)
    }

    @Test func importReportsProgressAndCountsThenExportWritesTheFilteredList() async throws {
        try await withTestApp { app in
            try await makeUser(app, email: "admin@example.com", role: "admin")
            try await makeUser(app, email: "rep@example.com", role: "rep")
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("commands-\(UUID())")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let file = folder.appendingPathComponent("leads.csv")
            try
                "Who;Mail;Stage\nAnn Lee;ann@example.com;new\nBo Ek;bo@example.com;qualified\nAnn Lee;ANN@example.com;new\nCy;bad;new\n"
                .write(to: file, atomically: true, encoding: .utf8)

            let output = try await run(
                app,
                [
                    "import", "--type", "leads", "--file", file.path, "--mapping",
                    #"{"Who":"name","Mail":"email","Stage":"status"}"#,
                    "--as", "rep@example.com",
                ])
            #expect(output.contains("Who → Name"))
            #expect(
                output.contains(
                    "Checked 4 lines: 3 ready, 1 with problems, 0 match records already there, 1 repeat an earlier line."
                ))
            #expect(output.contains("4 of 4 lines (100%)"))
            #expect(output.contains("4 lines read: 2 created, 0 updated, 1 skipped, 1 not imported."), "\(output)")
            let owners = try await app.db.sql.raw(
                "SELECT DISTINCT u.email FROM leads l JOIN users u ON u.id = l.owner_id"
            ).all()
                .map { try $0.decode(column: "email", as: String.self) }
            #expect(owners == ["rep@example.com"])

            let again = try await run(
                app,
                [
                    "import", "--type", "leads", "--file", file.path, "--mapping",
                    #"{"Who":"name","Mail":"email","Stage":"status"}"#,
                ])
            #expect(again.contains("0 created"), "\(again)")

            let out = folder.appendingPathComponent("qualified.csv")
            let exported = try await run(
                app, ["export", "--type", "leads", "--filter", "status=qualified", "--out", out.path])
            #expect(exported.contains("Wrote 1 leads"))
            let reader = try DelimitedTextReader(path: out.path)
            _ = try reader.next()
            #expect(try reader.next()?.fields.first == "Bo Ek")
            #expect(try reader.next() == nil)

            for (arguments, message) in [
                (["import", "--type", "people", "--file", file.path], "leads, contacts or accounts"),
                (
                    ["import", "--type", "leads", "--file", folder.appendingPathComponent("missing.csv").path],
                    "Cannot read"
                ),
                (
                    ["import", "--type", "leads", "--file", file.path, "--on-duplicate", "merge"],
                    "skip, update or create"
                ),
                (["import", "--type", "leads", "--file", file.path, "--mapping", "{oops"], "as JSON"),
                (["export", "--type", "leads", "--filter", "colour=red"], "Unknown filter"),
                (["export", "--type", "products"], "Give --type"),
            ] as [([String], String)] {
                do {
                    _ = try await run(app, arguments)
                    Issue.record("expected a failure for \(arguments)")
                } catch {
                    #expect(
                        SalesPulseMain.commandLineMessage(for: error).contains(message),
                        "\(SalesPulseMain.commandLineMessage(for: error))")
                }
            }
        }
    }
}
