@testable import App
import Foundation
import SQLKit
import Testing
import Vapor

@Suite("Web sessions")
struct SessionExpiryTests {
    private func sessions(_ app: Application) async throws -> [(id: String, expiresAt: Int64)] {
        try await app.db.sql.select().columns("id", "expires_at").from(StoredSessions.table).all()
            .map { (try $0.decode(column: "id", as: String.self), try $0.decode(column: "expires_at", as: Int64.self)) }
    }

    @Test func aSessionLastsAFortnightOfDisuseAndTheCleanUpRemovesIt() async throws {
        try await withTestApp { app in
            try await makeUser(app, email: "rep@example.com", role: "rep")
            let browser = Browser(app)
            #expect(try await browser.signIn("rep@example.com").status == .seeOther)
            #expect(try await browser.get("/").status == .ok)
            let first = try #require(try await sessions(app).first)
            #expect(try await sessions(app).count == 1)
            // Page views within the hour write nothing; a day later the expiry moves on.
            app.clock.advance(by: 600)
            #expect(try await browser.get("/").status == .ok)
            #expect(try await sessions(app).first?.expiresAt == first.expiresAt)
            app.clock.advance(by: 86_400)
            #expect(try await browser.get("/").status == .ok)
            let moved = try #require(try await sessions(app).first)
            #expect(moved.expiresAt > first.expiresAt)

            // Fifteen days without a visit: the session is gone for the browser and for the table.
            app.clock.advance(by: 15 * 86_400)
            try await app.jobs.enqueue(Maintenance.cleanUpKind, payload: ["period": "test"], now: app.clock.now())
            try await runDueJobs(app)
            #expect(try await sessions(app).isEmpty)
            let stale = try await browser.get("/")
            #expect(stale.status == .seeOther && stale.headers.first(name: .location)?.hasPrefix("/login") == true)
        }
    }

    @Test func signingOutRemovesTheSession() async throws {
        try await withTestApp { app in
            try await makeUser(app, email: "rep@example.com", role: "rep")
            let browser = Browser(app)
            try await browser.signIn("rep@example.com")
            try await browser.get("/")
            #expect(try await sessions(app).count == 1)
            try await browser.post("/logout", [:])
            #expect(try await sessions(app).isEmpty)
            #expect(try await browser.get("/").headers.first(name: .location)?.hasPrefix("/login") == true)
        }
    }
}
