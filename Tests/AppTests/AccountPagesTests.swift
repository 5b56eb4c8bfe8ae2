@testable import App
import Fluent
import Testing
import Vapor
import VaporTesting

@Suite("Account pages")
struct AccountPagesTests {
    @Test func changingPasswordSignsOutOtherSessions() async throws {
        try await withTestApp { app in
            try await makeUser(app, email: "maria@example.com", role: "rep")
            let laptop = Browser(app), phone = Browser(app)
            try await laptop.signIn("maria@example.com")
            try await phone.signIn("maria@example.com")
            try await laptop.get("/account/password")
            // a wrong current password is shown next to its field
            let wrong = try await laptop.post(
                "/account/password",
                [
                    "currentPassword": "nope nope nope", "newPassword": "a brand new secret",
                    "confirm": "a brand new secret",
                ])
            #expect(wrong.status == .unprocessableEntity)
            #expect(wrong.text.contains(#"id="currentPassword-error""#))
            let short = try await laptop.post(
                "/account/password", ["currentPassword": testPassword, "newPassword": "short", "confirm": "short"])
            #expect(short.text.contains(#"id="newPassword-error""#))
            // when
            let changed = try await laptop.post(
                "/account/password",
                ["currentPassword": testPassword, "newPassword": "a brand new secret", "confirm": "a brand new secret"])
            #expect(changed.status == .seeOther)
            // then this browser stays in, the other is out, and only the new password works
            #expect(try await laptop.get("/").status == .ok)
            #expect(try await phone.get("/").status == .seeOther)
            #expect(try await Browser(app).signIn("maria@example.com").status == .unauthorized)
            #expect(
                try await Browser(app).signIn("maria@example.com", password: "a brand new secret").status == .seeOther)
        }
    }

    @Test func tokensPageShowsTheTokenOnceAndRevokes() async throws {
        try await withTestApp { app in
            try await makeUser(app, email: "maria@example.com", role: "rep")
            let browser = Browser(app)
            try await browser.signIn("maria@example.com")
            try await browser.get("/account/tokens")
            let created = try await browser.post("/account/tokens", ["name": "reporting"])
            #expect(created.status == .created)
            let range = try #require(created.text.range(of: #"sp_[A-Za-z0-9_-]+"#, options: .regularExpression))
            let secret = String(created.text[range])
            #expect(try await app.api(.GET, "/api/v1/me", token: secret).status == .ok)
            let again = try await browser.get("/account/tokens")
            #expect(!again.text.contains(secret))
            let id = try #require(try await APIToken.query(on: app.db).first()?.requireID())
            #expect(try await browser.post("/account/tokens/\(id)/revoke", [:]).status == .seeOther)
            #expect(try await app.api(.GET, "/api/v1/me", token: secret).status == .unauthorized)
        }
    }

    @Test func namesAreEscapedInPages() async throws {
        try await withTestApp { app in
            try await app.userService.create(
                UserInput(
                    email: "x@example.com", name: "<script>alert(1)</script>", password: testPassword, role: "admin"))
            let browser = Browser(app)
            try await browser.signIn("x@example.com")
            let home = try await browser.get("/").text
            #expect(!home.contains("<script>alert(1)</script>"))
            #expect(home.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        }
    }
}
