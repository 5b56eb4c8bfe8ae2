@testable import App
import Foundation
import SQLKit
import Testing

/// The demo load sets its tables' plain indexes aside and builds them again afterwards.
@Suite struct DeferredIndexesTests {
    static let loaded = [
        "leads", "activities", "accounts", "contacts", "opportunities", "opportunity_lines", "sales", "sale_lines",
        "tasks",
    ]

    /// On SQLite, the word-search tables and their triggers, as the schema declares them.
    static func wordSearchSchema(_ sql: any SQLDatabase) async throws -> [String] {
        guard sql.dialect.name == "sqlite" else { return [] }
        struct Entry: Decodable { let type: String; let name: String; let sql: String? }
        return try await sql.raw(
            "SELECT type, name, sql FROM sqlite_master WHERE name LIKE '%\\_words%' ESCAPE '\\' ORDER BY name"
        ).all(decoding: Entry.self).map { "\($0.type) \($0.name) \($0.sql ?? "")" }
    }

    @Test func theDemoLoadLeavesEveryIndexAsItFoundIt() async throws {
        try await withTestApp { app in
            let sql = app.db.sql
            let before = try await DeferredIndexes.plainIndexes(on: Self.loaded, in: sql)
            let wordsBefore = try await Self.wordSearchSchema(sql)
            #expect(before.count >= 20, "\(before.map(\.name))")
            _ = try await DemoSeeder(app: app).seed(seed: 3, asOf: app.clock.now())
            let after = try await DeferredIndexes.plainIndexes(on: Self.loaded, in: sql)
            #expect(after.map(\.name) == before.map(\.name))
            #expect(after.map(\.definition) == before.map(\.definition))
            #expect(try await Self.wordSearchSchema(sql) == wordsBefore)
            if sql.dialect.name == "sqlite" {
                #expect(wordsBefore.filter { $0.hasPrefix("trigger") }.count == 3 * WordSearch.columns.count)
                // Every record is found by its words again, and new ones are kept by the triggers.
                for table in WordSearch.columns.keys {
                    let records = try await sql.raw("SELECT COUNT(*) AS n FROM \(ident: table)").first()?.decode(
                        column: "n", as: Int.self)
                    let indexed = try await sql.raw("SELECT COUNT(*) AS n FROM \(ident: WordSearch.wordTable(table))")
                        .first()?.decode(column: "n", as: Int.self)
                    #expect((records ?? 0) > 0 && records == indexed, "\(table)")
                }
            }
        }
    }

    @Test func onlyPlainIndexesAreSetAsideAndTheyComeBackTheSame() async throws {
        try await withTestApp { app in
            let sql = app.db.sql
            try await sql.raw("CREATE UNIQUE INDEX leads_test_unique_idx ON leads (email, phone)").run()
            let before = try await DeferredIndexes.plainIndexes(on: ["leads"], in: sql)
            #expect(!before.isEmpty && !before.contains { $0.name == "leads_test_unique_idx" })

            let deferred = try await DeferredIndexes.setAside(on: ["leads"], in: sql)
            #expect(try await DeferredIndexes.plainIndexes(on: ["leads"], in: sql).isEmpty)
            // the unique one still refuses a second row like the first
            let insert = { (id: UUID) in
                try await sql.raw(
                    """
                    INSERT INTO leads (id, created_at, updated_at, name, email, phone, source, status, engagement, interaction_count)
                    VALUES (\(bind: id), \(bind: Date()), \(bind: Date()), 'Ada', 'ada@example.com', '+1 555 0100', 'website', 'new', 'cold', 0)
                    """
                ).run()
            }
            try await insert(UUID())
            await #expect(throws: (any Error).self) { try await insert(UUID()) }

            try await deferred.rebuild(in: sql)
            let after = try await DeferredIndexes.plainIndexes(on: ["leads"], in: sql)
            #expect(after.map(\.name) == before.map(\.name) && after.map(\.definition) == before.map(\.definition))
        }
    }

    @Test func aLoadKilledHalfWayHasItsIndexesBuiltByTheNextMigrate() async throws {
        try await withTestApp { app in
            let sql = app.db.sql
            let before = try await DeferredIndexes.plainIndexes(on: Self.loaded, in: sql)
            let wordsBefore = try await Self.wordSearchSchema(sql)
            // given: a load set the indexes aside and died before building them again
            _ = try await DeferredIndexes.setAside(on: Self.loaded, in: sql)
            #expect(try await DeferredIndexes.plainIndexes(on: Self.loaded, in: sql).isEmpty)
            #expect(try await Self.wordSearchSchema(sql).isEmpty)
            // when
            let said = try await runCommand(app, ["migrate"])
            // then
            #expect(said.contains("up to date"))
            let after = try await DeferredIndexes.plainIndexes(on: Self.loaded, in: sql)
            #expect(after.map(\.name) == before.map(\.name) && after.map(\.definition) == before.map(\.definition))
            #expect(try await Self.wordSearchSchema(sql) == wordsBefore)
            #expect(try await CompanySettings(sql: sql).value(.setAsideIndexes) == "[]")
        }
    }
}
