@testable import App
import Fluent
import NIOConcurrencyHelpers
import Testing
import Vapor
import VaporTesting

/// Catches reset links instead of writing them to the log.
final class CapturedResetLinks: ResetLinkDelivery {
    let links = NIOLockedValueBox<[String: String]>([:])

    func deliver(link: String, to user: User, on db: any Database, logger: Logger) async throws {
        links.withLockedValue { $0[user.email] = link }
    }

    func path(for email: String) -> String? {
        links.withLockedValue { $0[email] }.map { String($0.dropFirst("http://127.0.0.1:8080".count)) }
    }
}

@Suite("Password reset")
struct PasswordResetTests {
    @Test func aLinkWorksOnceAndSaysNothingAboutUnknownAddresses() async throws {
        try await withTestApp { app in
            let captured = CapturedResetLinks()
            app.resetLinkDelivery = captured
            try await makeUser(app, email: "maria@example.com", role: "rep")
            let browser = Browser(app)
            try await browser.get("/forgot-password")
            let known = try await browser.post("/forgot-password", ["email": "Maria@example.com"])
            let unknown = try await browser.post("/forgot-password", ["email": "ghost@example.com"])
            #expect(known.text.contains("If that address has an account"))
            #expect(unknown.text.contains("If that address has an account"))
            #expect(captured.links.withLockedValue { $0.count } == 1)
            let path = try #require(captured.path(for: "maria@example.com"))

            #expect(try await browser.get(path).status == .ok)
            let mismatch = try await browser.post(path, ["password": "a fresh password", "confirm": "another one!!"])
            #expect(mismatch.status == .unprocessableEntity)
            #expect(mismatch.text.contains(#"id="confirm-error""#))
            let done = try await browser.post(path, ["password": "a fresh password", "confirm": "a fresh password"])
            #expect(done.status == .seeOther)
            #expect(
                try await Browser(app).signIn("maria@example.com", password: "a fresh password").status == .seeOther)
            // used once
            #expect(try await browser.get(path).status == .notFound)
            try await browser.get("/forgot-password")
            let reuse = try await browser.post(path, ["password": "yet another pass", "confirm": "yet another pass"])
            #expect(reuse.status == .unprocessableEntity)
            #expect(
                try await Browser(app).signIn("maria@example.com", password: "yet another pass").status == .unauthorized
            )
        }
    }

    @Test func aLinkExpiresAfterAnHour() async throws {
        try await withTestApp { app in
            let captured = CapturedResetLinks()
            app.resetLinkDelivery = captured
            try await makeUser(app, email: "maria@example.com", role: "rep")
            let browser = Browser(app)
            try await browser.get("/forgot-password")
            try await browser.post("/forgot-password", ["email": "maria@example.com"])
            let path = try #require(captured.path(for: "maria@example.com"))
            app.clock.advance(by: 3601)
            #expect(try await browser.get(path).status == .notFound)
            try await browser.get("/forgot-password")
            let late = try await browser.post(path, ["password": "a fresh password", "confirm": "a fresh password"])
            #expect(late.status == .unprocessableEntity)
            #expect(try await Browser(app).signIn("maria@example.com").status == .seeOther)
        }
    }
}
