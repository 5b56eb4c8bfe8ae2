@testable import App
import Fluent
import Foundation
import SQLiteKit
import SQLKit
import Testing
import Vapor
import ZIPFoundation

/// Upgrades run forward from an earlier schema: the demo company as an older SalesPulse stored
/// it, migrated by this one, keeps every row and answers on every page and list.
@Suite struct UpgradeTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/salespulse-2026-11-29.sqlite.zip")

    private func unpackFixture(into folder: URL) throws -> String {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let archive = try Archive(url: Self.fixture, accessMode: .read)
        let entry = try #require(archive.first { $0.path.hasSuffix(".sqlite") })
        let path = folder.appendingPathComponent("company.sqlite")
        _ = try archive.extract(entry, to: path)
        return path.path
    }

    private func counts(_ sql: any SQLDatabase, tables: [String]) async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for table in tables {
            counts[table] = try await sql.raw("SELECT COUNT(*) AS n FROM \(ident: table)").first()?.decode(
                column: "n", as: Int.self)
        }
        return counts
    }

    @Test func theDemoCompanyOfAnEarlierSchemaMigratesWithNothingLostAndEveryPageAnswers() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("upgrade-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try unpackFixture(into: folder)

        // given: what the earlier schema held
        let before = try await SQLiteSnapshot.read(path)
        #expect(before.migrations.count == 27)
        #expect(before.counts["leads"] == 3_000)

        try await withTestApp({ $0.database = .sqliteFile(path) }) { app in
            // when: the app started on it the morning after it was stored has migrated it
            app.clock.advance(by: Self.storedOn.timeIntervalSinceNow)
            let sql = app.db.sql
            let migrations = try await DatabaseCatalog.migrations(sql)
            #expect(migrations.count > before.migrations.count)
            #expect(Set(before.migrations).isSubset(of: Set(migrations)))

            // then: every row is still there, and the money adds up as it did
            let after = try await counts(sql, tables: Array(before.counts.keys))
            #expect(after == before.counts)
            let revenue = try await sql.raw("SELECT SUM(amount) AS total FROM sales").first()?.decode(
                column: "total", as: Int64.self)
            #expect(revenue == before.revenue)

            let admin = try #require(
                try await User.query(on: app.db).filter(\.$email == "admin@salespulse.demo").first())
            admin.passwordHash = try Bcrypt.hash(testPassword, cost: 4)
            try await admin.save(on: app.db)
            let bearer = try await token(for: admin, app)
            let browser = Browser(app)
            #expect(try await browser.signIn("admin@salespulse.demo").status == .seeOther)

            var answered = 0
            for route in app.routes.all where route.method == .GET {
                let parts = route.path.map(\.description)
                guard !parts.contains(where: { $0.hasPrefix(":") || $0 == "*" || $0 == "**" }) else { continue }
                let path = "/" + parts.joined(separator: "/")
                guard !Self.notPages.contains(path) else { continue }
                var response =
                    path.hasPrefix("/api/") ? try await app.api(.GET, path, token: bearer) : try await browser.get(path)
                if response.status == .seeOther, let next = response.headers.first(name: .location) {
                    response = try await browser.get(next)
                }
                #expect(response.status == .ok, "\(path): \(response.status) \(response.text.prefix(300))")
                answered += 1
            }
            #expect(answered > 40)

            let leads = try await app.api(.GET, "/api/v1/leads?limit=5", token: bearer).json()
            #expect((leads["items"] as? [Any])?.count == 5)
            let health = try await DatabaseDoctor(db: app.db, now: app.clock.now()).examine()
            #expect(health.healthy, "\(health.text)")
        }
    }

    /// The morning after the fixture was stored (its history ends on 28 November).
    static let storedOn = Date(timeIntervalSince1970: 1_795_942_800)

    /// Routes that are not pages or lists (sign-out, health) or that answer only about the
    /// person named in their query.
    static let notPages: Set<String> = [
        "/logout", "/login", "/health", "/metrics", "/admin/privacy/export",
        "/api/v1/admin/privacy/people", "/api/v1/admin/privacy/export",
        // Downloads of a planned day: they need the day's accounts.
        "/routes/plan.ics", "/routes/plan.gpx",
    ]
}

/// A SQLite file read as it is, before any app opens it.
private struct SQLiteSnapshot {
    let migrations: [String]
    let counts: [String: Int]
    let revenue: Int64?

    static func read(_ path: String) async throws -> SQLiteSnapshot {
        let connection = try await SQLiteConnection.open(storage: .file(path: path))
        do {
            let snapshot = try await read(connection.sql())
            try await connection.close()
            return snapshot
        } catch {
            try? await connection.close()
            throw error
        }
    }

    private static func read(_ sql: any SQLDatabase) async throws -> SQLiteSnapshot {
        let tables = try await sql.raw(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%_words%'"
        )
        .all().map { try $0.decode(column: "name", as: String.self) }
        var counts: [String: Int] = [:]
        for table in tables {
            counts[table] = try await sql.raw("SELECT COUNT(*) AS n FROM \(ident: table)").first()?.decode(
                column: "n", as: Int.self)
        }
        // The log of schema changes grows, and the framework's sign-in table was replaced by one
        // with an expiry: people signed in before the upgrade sign in once more.
        counts["_fluent_migrations"] = nil
        counts["_fluent_sessions"] = nil
        let migrations = try await sql.raw("SELECT name FROM _fluent_migrations").all().map {
            try $0.decode(column: "name", as: String.self)
        }
        let revenue = try await sql.raw("SELECT SUM(amount) AS total FROM sales").first()?.decode(
            column: "total", as: Int64.self)
        return SQLiteSnapshot(migrations: migrations, counts: counts, revenue: revenue)
    }
}
