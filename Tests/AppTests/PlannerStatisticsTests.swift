@testable import App
import Foundation
import SQLKit
import Testing

/// SQLite's planner is told how rows spread over an index from all of them, not a sample.
@Suite struct PlannerStatisticsTests {
    /// 6,000 rows over three owners: a sample of the first few thousand index entries would
    /// see one owner only and report every row under it.
    @Test func statisticsCountEveryRow() async throws {
        try await withTestApp { app in
            let sql = app.db.sql
            guard sql.dialect.name == "sqlite" else { return }
            try await sql.raw("CREATE TABLE spread (id INTEGER PRIMARY KEY, owner INTEGER NOT NULL)").run()
            try await sql.raw("CREATE INDEX spread_owner_idx ON spread (owner)").run()
            try await sql.raw(
                "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 5999) INSERT INTO spread (id, owner) SELECT i, i / 2000 FROM n"
            ).run()
            try await sql.refreshPlannerStatistics()
            #expect(try await Self.stat(of: "spread_owner_idx", sql) == "6000 2000")

            // Taken again in full when a table has changed tenfold.
            try await sql.raw(
                "WITH RECURSIVE n(i) AS (SELECT 6000 UNION ALL SELECT i + 1 FROM n WHERE i < 65999) INSERT INTO spread (id, owner) SELECT i, 3 + i / 6000 FROM n"
            ).run()
            try await sql.refreshPlannerStatistics()
            #expect(try await Self.stat(of: "spread_owner_idx", sql) == "66000 5077")

            // and once more, whatever they were, by the migration that retakes them
            try await sql.raw("UPDATE sqlite_stat1 SET stat = '66000 773' WHERE idx = 'spread_owner_idx'").run()
            try await RetakePlannerStatistics().prepare(on: app.db)
            #expect(try await Self.stat(of: "spread_owner_idx", sql) == "66000 5077")
        }
    }

    static func stat(of index: String, _ sql: any SQLDatabase) async throws -> String? {
        try await sql.raw("SELECT stat FROM sqlite_stat1 WHERE idx = \(bind: index)").first()?.decode(
            column: "stat", as: String.self)
    }
}
