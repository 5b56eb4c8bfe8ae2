@testable import App
import Fluent
import Testing
import Vapor
import VaporTesting

@Suite("Signing in through the web")
struct WebSignInTests {
    @Test func signInSeeHomeAndSignOut() async throws {
        try await withTestApp { app in
            try await makeUser(app, email: "maria@example.com", role: "manager")
            let browser = Browser(app)
            // given an anonymous visitor
            let bounced = try await browser.get("/account/tokens")
            #expect(bounced.status == .seeOther)
            #expect(bounced.headers.first(name: .location) == "/login?next=/account/tokens")
            // when they sign in
            let login = try await browser.get("/login?next=/account/tokens")
            #expect(login.text.contains(#"name="next" value="/account/tokens""#))
            let signedIn = try await browser.post(
                "/login", ["email": "MARIA@example.com", "password": testPassword, "next": "/account/tokens"])
            // then they land where they were going, with a hardened session cookie
            #expect(signedIn.status == .seeOther)
            #expect(signedIn.headers.first(name: .location) == "/account/tokens")
            let cookie = try #require(signedIn.headers[.setCookie].first { $0.hasPrefix("salespulse_session=") })
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.lowercased().contains("samesite=lax"))
            #expect(!cookie.contains("Secure"))
            let home = try await browser.get("/")
            #expect(home.status == .ok)
            #expect(home.text.contains("My team"))
            #expect(!home.text.contains("/admin/users"))
            // and signing out ends the session
            #expect(try await browser.post("/logout", [:]).status == .seeOther)
            #expect(try await browser.get("/").status == .seeOther)
        }
    }

    @Test func sessionIdChangesAtSignIn() async throws {
        try await withTestApp { app in
            try await makeUser(app, email: "maria@example.com", role: "rep")
            let browser = Browser(app)
            try await browser.get("/login")
            let anonymousSession = try #require(browser.sessionCookie)
            try await browser.post("/login", ["email": "maria@example.com", "password": testPassword])
            #expect(browser.sessionCookie != nil)
            #expect(browser.sessionCookie != anonymousSession)
        }
    }

    @Test func navigationFitsTheRole() async throws {
        try await withTestApp { app in
            try await makeUser(app, email: "admin@example.com", role: "admin")
            try await makeUser(app, email: "viewer@example.com", role: "viewer")
            let admin = Browser(app)
            try await admin.signIn("admin@example.com")
            let adminHome = try await admin.get("/").text
            #expect(adminHome.contains(#"href="/admin/users""#) && adminHome.contains(#"href="/admin/teams""#))
            let viewer = Browser(app)
            try await viewer.signIn("viewer@example.com")
            let viewerHome = try await viewer.get("/").text
            #expect(!viewerHome.contains("/admin/") && !viewerHome.contains(#"href="/team""#))
            #expect(viewerHome.contains("Viewer"))
        }
    }

    @Test func fiveFailuresLockTheAddressWithoutRevealingIfItExists() async throws {
        try await withTestApp { app in
            try await makeUser(app, email: "maria@example.com", role: "rep")
            for email in ["maria@example.com", "ghost@example.com"] {
                let browser = Browser(app)
                try await browser.get("/login")
                for attempt in 1...4 {
                    let response = try await browser.post(
                        "/login", ["email": email, "password": "wrong password \(attempt)"])
                    #expect(response.status == .unauthorized)
                    #expect(response.text.contains("The email or password is not right."))
                }
                let fifth = try await browser.post("/login", ["email": email, "password": "wrong again"])
                #expect(fifth.text.contains("Too many failed sign-in attempts. Try again in 15 minutes."), "\(email)")
                // even the right password is refused while locked
                let right = try await browser.post("/login", ["email": email, "password": testPassword])
                #expect(right.status == .unauthorized)
                #expect(right.text.contains("Too many failed sign-in attempts"))
            }
            // after 15 minutes the real account signs in again
            app.clock.advance(by: 15 * 60 + 1)
            let browser = Browser(app)
            #expect(try await browser.signIn("maria@example.com").status == .seeOther)
        }
    }

    @Test func lockoutNumbersAreConfigurable() async throws {
        try await withTestApp({ $0.lockout = .init(maxFailures: 2, lockDuration: 60) }) { app in
            try await makeUser(app, email: "maria@example.com", role: "rep")
            let browser = Browser(app)
            try await browser.get("/login")
            try await browser.post("/login", ["email": "maria@example.com", "password": "wrong password"])
            let second = try await browser.post("/login", ["email": "maria@example.com", "password": "wrong password"])
            #expect(second.text.contains("Try again in 1 minutes"))
        }
    }

    @Test func deactivatedUsersCannotSignInAndLoseTheirSession() async throws {
        try await withTestApp { app in
            let rep = try await makeUser(app, email: "rep@example.com", role: "rep")
            let browser = Browser(app)
            try await browser.signIn("rep@example.com")
            #expect(try await browser.get("/").status == .ok)
            try await app.userService.update(rep, with: UserInput(isActive: false))
            #expect(try await browser.get("/").status == .seeOther)
            let again = try await Browser(app).signIn("rep@example.com")
            #expect(again.status == .unauthorized)
            #expect(again.text.contains("deactivated"))
        }
    }

    @Test func formsWithoutTheCSRFTokenAreRefused() async throws {
        try await withTestApp { app in
            try await makeUser(app, email: "maria@example.com", role: "rep")
            let browser = Browser(app)
            try await browser.signIn("maria@example.com")
            try await browser.get("/account/tokens")
            let forged = try await browser.post("/account/tokens", ["name": "evil", "_csrf": "forged"])
            #expect(forged.status == .forbidden)
            let missing = try await app.testing().sendRequest(
                .POST, "/login", headers: ["Content-Type": "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "email=maria%40example.com&password=x"))
            #expect(missing.status == .forbidden)
            #expect(try await APIToken.query(on: app.db).count() == 0)
            // session-authenticated API writes need the token in a header
            let apiWithoutHeader = try await app.testing().sendRequest(
                .DELETE, "/api/v1/auth/tokens/\(UUID())",
                headers: ["Cookie": "salespulse_session=\(browser.sessionCookie!)"])
            #expect(apiWithoutHeader.status == .forbidden)
        }
    }

    @Test func openRedirectsAreNotFollowed() async throws {
        try await withTestApp { app in
            try await makeUser(app, email: "maria@example.com", role: "rep")
            let browser = Browser(app)
            try await browser.get("/login")
            let response = try await browser.post(
                "/login", ["email": "maria@example.com", "password": testPassword, "next": "//evil.example.com"])
            #expect(response.headers.first(name: .location) == "/")
        }
    }
}
