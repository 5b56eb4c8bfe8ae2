@testable import App
import Fluent
import Testing
import Vapor
import VaporTesting

@Suite("Admin pages")
struct AdminPagesTests {
    @Test func adminCreatesEditsDeactivatesAndResetsAUser() async throws {
        try await withTestApp { app in
            try await makeUser(app, email: "admin@example.com", role: "admin")
            let north = try await makeTeam(app, "North")
            let browser = Browser(app)
            try await browser.signIn("admin@example.com")
            try await browser.get("/admin/users/new")
            // a bad form keeps what was typed and names the field
            let bad = try await browser.post(
                "/admin/users", ["email": "not an email", "name": "Olga", "password": "a long password", "role": "rep"])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.text.contains(#"id="email-error""#))
            #expect(bad.text.contains(#"value="Olga""#))
            // a good one creates the user
            let created = try await browser.post(
                "/admin/users",
                [
                    "email": "olga@example.com", "name": "Olga", "password": "a long password",
                    "role": "manager", "teamId": try north.requireID().uuidString, "monthlyTarget": "30000",
                ])
            #expect(created.status == .seeOther)
            let olga = try #require(try await User.query(on: app.db).filter(\.$email == "olga@example.com").first())
            #expect(olga.role == .manager && olga.$team.id == north.id && olga.monthlyTargetCents == 3_000_000)

            let list = try await browser.get("/admin/users?q=olga")
            #expect(list.text.contains("olga@example.com") && !list.text.contains("admin@example.com</td>"))

            try await browser.get("/admin/users/\(try olga.requireID())")
            let edited = try await browser.post(
                "/admin/users/\(try olga.requireID())",
                [
                    "email": "olga@example.com", "name": "Olga P", "role": "rep", "teamId": "", "managerId": "",
                    "monthlyTarget": "12.5",
                ])
            #expect(edited.status == .seeOther)
            try await olga.$team.load(on: app.db)
            let reloaded = try #require(try await User.find(olga.id, on: app.db))
            #expect(
                reloaded.name == "Olga P" && reloaded.role == .rep && reloaded.$team.id == nil
                    && reloaded.monthlyTargetCents == 1250)

            try await browser.get("/admin/users/\(try olga.requireID())")
            #expect(
                try await browser.post(
                    "/admin/users/\(try olga.requireID())/password", ["password": "set by the admin"]
                ).status == .seeOther)
            #expect(try await Browser(app).signIn("olga@example.com", password: "set by the admin").status == .seeOther)

            try await browser.get("/admin/users/\(try olga.requireID())")
            #expect(try await browser.post("/admin/users/\(try olga.requireID())/deactivate", [:]).status == .seeOther)
            #expect(
                try await Browser(app).signIn("olga@example.com", password: "set by the admin").status == .unauthorized)
            try await browser.get("/admin/users/\(try olga.requireID())")
            #expect(try await browser.post("/admin/users/\(try olga.requireID())/activate", [:]).status == .seeOther)
            #expect(try await Browser(app).signIn("olga@example.com", password: "set by the admin").status == .seeOther)
        }
    }

    @Test func adminManagesTeams() async throws {
        try await withTestApp { app in
            let admin = try await makeUser(app, email: "admin@example.com", role: "admin")
            let browser = Browser(app)
            try await browser.signIn("admin@example.com")
            try await browser.get("/admin/teams")
            #expect(try await browser.post("/admin/teams", ["name": "North", "region": "Nordics"]).status == .seeOther)
            try await browser.get("/admin/teams")
            let duplicate = try await browser.post("/admin/teams", ["name": "North", "region": ""])
            #expect(duplicate.status == .unprocessableEntity)
            #expect(duplicate.text.contains(#"id="name-error""#))
            let team = try #require(try await Team.query(on: app.db).first())
            try await browser.get("/admin/teams/\(try team.requireID())")
            #expect(
                try await browser.post(
                    "/admin/teams/\(try team.requireID())",
                    ["name": "Nordics", "region": "North", "leadId": try admin.requireID().uuidString]
                ).status == .seeOther)
            let renamed = try #require(try await Team.find(team.id, on: app.db))
            #expect(renamed.name == "Nordics" && renamed.leadID == admin.id)
            try await browser.get("/admin/teams/\(try team.requireID())")
            #expect(try await browser.post("/admin/teams/\(try team.requireID())/delete", [:]).status == .seeOther)
            #expect(try await Team.query(on: app.db).count() == 0)
        }
    }
}
