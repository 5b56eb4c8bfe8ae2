@testable import App
import Foundation
import SalesPulseCore
import SQLKit
import Testing
import Vapor

/// `doctor` on the database the suite runs on: a healthy company passes, and each kind of
/// damage written past the app is found, named and makes the command fail.
@Suite struct DoctorTests {
    @Test func aHealthyCompanyPassesAndDamageWrittenPastTheAppIsFound() async throws {
        try await withTestApp { app in
            // given: a company as of now (overdue counts move with the clock)
            _ = try await DemoSeeder(app: app).seed(seed: 5, asOf: app.clock.now())
            let healthy = try await runCommand(app, ["doctor"])
            #expect(healthy.contains("All 4 checks passed."), "\(healthy)")

            // when
            let sql = app.db.sql
            let missing = UUID()
            try await sql.raw(
                "UPDATE leads SET converted_opportunity_id = \(bind: missing) WHERE id = (SELECT id FROM leads ORDER BY id LIMIT 1)"
            ).run()
            let deal = try #require(
                try await sql.raw("SELECT id FROM opportunities WHERE lead_source IS NOT NULL ORDER BY id LIMIT 1")
                    .first()?.decode(column: "id", as: UUID.self))
            try await sql.raw("UPDATE opportunities SET lead_source = 'made-up source' WHERE id = \(bind: deal)").run()
            try await sql.raw(
                "UPDATE daily_rep_rollups SET calls = calls + 3 WHERE day = (SELECT MIN(day) FROM daily_rep_rollups)"
            ).run()

            // then
            let report = try await DatabaseDoctor(db: app.db, now: app.clock.now()).examine()
            let checks = Dictionary(uniqueKeysWithValues: report.checks.map { ($0.name, $0) })
            #expect(checks["storage"]?.healthy == true)
            #expect(checks["references"]?.problems == 1)
            #expect(checks["references"]?.details.first?.contains(missing.uuidString) == true)
            #expect(checks["copies"]?.problems == 1)
            #expect(checks["copies"]?.details == ["opportunities: 1 row differs from its account or lead"])
            let rollups = try #require(checks["rollups"])
            #expect(rollups.problems >= 1)
            #expect(rollups.details.allSatisfy { $0.contains("calls") && $0.contains("kept") })
            do {
                _ = try await runCommand(app, ["doctor"])
                Issue.record("doctor passed a damaged database")
            } catch {
                #expect(SalesPulseMain.commandLineMessage(for: error) == report.verdict)
            }

            // The check changed nothing: the damaged roll-ups are still there until rebuilt.
            let again = try await DatabaseDoctor(db: app.db, now: app.clock.now()).examine()
            #expect(again == report)
            _ = try await runCommand(app, ["rollups"])
            let rebuilt = try await DatabaseDoctor(db: app.db, now: app.clock.now()).examine()
            #expect(rebuilt.checks.first { $0.name == "rollups" }?.healthy == true)
        }
    }
}
