@testable import App
import ConsoleKit
import Fluent
import SQLKit
import Testing
import Vapor

@Suite("Command line")
struct CommandTests {
    func run(_ app: Application, _ arguments: [String]) async throws -> String {
        try await runCommand(app, arguments)
    }

    @Test func createUserMakesAUserAndRefusesBadInput() async throws {
        try await withTestApp { app in
            try await makeTeam(app, "North")
            try await makeUser(app, email: "boss@example.com", role: "manager")
            let output = try await run(
                app,
                [
                    "create-user", "--email", "Rep@Example.com", "--password", "a long password", "--role", "rep",
                    "--name", "Rep One", "--team", "North", "--manager", "boss@example.com", "--monthly-target",
                    "25000",
                ])
            #expect(output.contains("Created rep rep@example.com"))
            let rep = try #require(try await User.query(on: app.db).filter(\.$email == "rep@example.com").first())
            #expect(
                rep.monthlyTargetCents == 2_500_000 && rep.$manager.id != nil && rep.$team.id != nil
                    && rep.name == "Rep One")

            let failures: [([String], String)] = [
                (["--email", "rep@example.com", "--password", "a long password", "--role", "rep"], "already exists"),
                (["--email", "new@example.com", "--password", "short", "--role", "rep"], "at least 10"),
                (
                    ["--email", "new@example.com", "--password", "a long password", "--role", "king"],
                    "admin, manager, rep, viewer"
                ),
                (
                    [
                        "--email", "new@example.com", "--password", "a long password", "--role", "rep", "--team",
                        "Atlantis",
                    ], "no team named"
                ),
                (["--email", "new@example.com", "--role", "rep"], "--password is required"),
            ]
            for (arguments, message) in failures {
                do {
                    _ = try await run(app, ["create-user"] + arguments)
                    Issue.record("expected a failure for \(arguments)")
                } catch {
                    #expect(
                        SalesPulseMain.commandLineMessage(for: error).contains(message),
                        "\(SalesPulseMain.commandLineMessage(for: error))")
                }
            }
            #expect(try await User.query(on: app.db).count() == 2)
        }
    }

    @Test func seedDemoCreatesEveryRoleOnceAndPrintsLogins() async throws {
        try await withTestApp { app in
            let first = try await run(app, ["seed-demo", "--seed", "7"])
            #expect(first.contains("admin@salespulse.demo") && first.contains("viewer@salespulse.demo"))
            let roles = Set(try await User.query(on: app.db).all().map(\.role))
            #expect(roles.count == 4)
            let count = try await User.query(on: app.db).count()
            let second = try await run(app, ["seed-demo", "--seed", "7"])
            #expect(second.contains("already exist"))
            #expect(try await User.query(on: app.db).count() == count)
            // the printed password works
            let line = try #require(first.split(separator: "\n").first { $0.contains("rep1@salespulse.demo") })
            let password = String(line.split(separator: " ").last!)
            #expect(try await Browser(app).signIn("rep1@salespulse.demo", password: password).status == .seeOther)
            let team = try #require(try await Team.query(on: app.db).filter(\.$name == "North").first())
            #expect(team.leadID != nil)
            // and the CRM history came with them, visible through the API
            let admin = try #require(
                try await User.query(on: app.db).filter(\.$email == "admin@salespulse.demo").first())
            let token = try await token(for: admin, app)
            for path in [
                "leads", "activities", "accounts", "contacts", "opportunities", "opportunity-lines", "sales",
                "sale-lines", "tasks", "products", "regions",
            ] {
                let items = try await app.api(.GET, "/api/v1/\(path)?limit=1", token: token).json()["items"] as? [Any]
                #expect(items?.count == 1, "\(path)")
            }
            let won =
                try await app.api(.GET, "/api/v1/opportunities?stage=closed_won&limit=1", token: token).json()["items"]
                as? [Any]
            #expect(won?.count == 1)
            // with region, segment and lead source copied onto its sales and deals
            #expect(try await factCopyDisagreements(app) == 0)
            let sql = app.db.sql
            let sourced = try await sql.raw(
                "SELECT COUNT(*) AS n FROM sales WHERE lead_source IS NOT NULL AND region_id IS NOT NULL"
            ).first()!
            #expect(try sourced.decode(column: "n", as: Int.self) > 0)
            // and SQLite's query planner knows how the rows spread over the indexes
            if sql.dialect.name == "sqlite" {
                let analysed = try await sql.raw("SELECT COUNT(*) AS n FROM sqlite_stat1 WHERE tbl = 'leads'").first()!
                #expect(try analysed.decode(column: "n", as: Int.self) > 0)
            }
        }
    }

    @Test func everyCommandHasHelp() async throws {
        try await withTestApp { app in
            for command in ["serve", "migrate", "create-user", "seed-demo"] {
                let output = try await run(app, [command, "--help"])
                #expect(output.contains("Usage:") || output.contains("Options"), "\(command): \(output)")
            }
        }
    }
}

/// A console that keeps what commands print.
final class RecordingConsole: Console, @unchecked Sendable {
    var output = ""
    var userInfo: [AnySendableHashable: any Sendable] = [:]
    var size: (width: Int, height: Int) { (120, 40) }

    func input(isSecure: Bool) -> String { "" }
    func output(_ text: ConsoleText, newLine: Bool) { output += text.description + (newLine ? "\n" : "") }
    func clear(_ type: ConsoleClear) {}
    func report(error: String, newLine: Bool) { output += error + (newLine ? "\n" : "") }
}
