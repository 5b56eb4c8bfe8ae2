@testable import App
import Foundation
import SalesPulseCore
import SQLKit
import Testing
import Vapor
import VaporTesting

@Suite(.serialized) struct DailyRollupTests {
    private func repRow(_ app: Application, _ rep: String, _ day: CalendarDay) async throws -> [String: Int] {
        let sql = app.db.sql
        guard
            let row = try await sql.raw(
                "SELECT * FROM \(ident: DailyRollups.repTable) WHERE \(ident: "rep_id") = \(bind: UUID(uuidString: rep)!) AND \(ident: "day") = \(bind: day.text)"
            ).first()
        else { return [:] }
        var values: [String: Int] = [:]
        for column in DailyRollups.repColumns { values[column] = try row.decode(column: column, as: Int.self) }
        return values
    }

    private func sourceRow(_ app: Application, _ source: String, _ day: CalendarDay) async throws -> [String: Int] {
        let sql = app.db.sql
        guard
            let row = try await sql.raw(
                "SELECT * FROM \(ident: DailyRollups.sourceTable) WHERE \(ident: "source") = \(bind: source) AND \(ident: "day") = \(bind: day.text)"
            ).first()
        else { return [:] }
        var values: [String: Int] = [:]
        for column in DailyRollups.sourceColumns { values[column] = try row.decode(column: column, as: Int.self) }
        return values
    }

    @Test func writesKeepTheDailyRollupsCurrent() async throws {
        try await withTestApp { app in
            let fixture = try await AnalyticsFixture.make(app)
            let company = fixture.company, today = fixture.today
            let repA = try company.id(.repA), repB = try company.id(.repB)
            // given the fixture's day, when a call, a meeting and a follow-up are logged
            try await company.create(
                .repA, "activities", #"{"type":"call","subject":"First call","leadId":"\#(fixture["A1"])"}"#)
            try await company.create(.repA, "activities", #"{"type":"meeting","subject":"Demo"}"#)
            let task = try await company.create(
                .repA, "tasks", #"{"title":"Call back","type":"follow_up","dueAt":"2020-01-01T09:00:00Z"}"#)
            #expect(try await company.call(.repA, .POST, "/api/v1/tasks/\(task)/complete").status == .ok)
            // then
            let a = try await repRow(app, repA, today)
            #expect(a["new_leads"] == 3 && a["calls"] == 1 && a["meetings"] == 1, "\(a)")
            #expect(a["new_deals"] == 3 && a["deals_won"] == 1 && a["deals_lost"] == 1, "\(a)")
            #expect(a["revenue"] == 140_000, "S1 and the won deal's sale, in cents: \(a)")
            #expect(a["follow_ups_done"] == 1, "\(a)")
            #expect(a["responded_leads"] == 1, "A1 got its first call: \(a)")
            let overdueDay = try await repRow(app, repA, CalendarDay(text: "2020-01-01")!)
            #expect(overdueDay["follow_ups_overdue"] == 1, "done after it was due: \(overdueDay)")
            let b = try await repRow(app, repB, today)
            #expect(b["new_leads"] == 1 && b["revenue"] == 50_000 && b["new_deals"] == 1, "\(b)")
            let website = try await sourceRow(app, "website", today)
            let noSchool = Dictionary(uniqueKeysWithValues: DailyRollups.educationColumns.map { ($0, 0) })
            #expect(
                website
                    == noSchool.merging(["leads": 2, "qualified": 1, "converted": 0, "deals_won": 0, "revenue": 0]) {
                        $1
                    })
            let referral = try await sourceRow(app, "referral", today)
            #expect(
                referral
                    == noSchool.merging(["leads": 2, "qualified": 1, "converted": 1, "deals_won": 1, "revenue": 40_000])
                { $1 })
            // a moved lead leaves one rep's day and joins the other's
            #expect(
                try await company.call(.admin, .PATCH, "/api/v1/leads/\(fixture["A1"])", #"{"ownerId":"\#(repB)"}"#)
                    .status == .ok)
            #expect(try await repRow(app, repA, today)["new_leads"] == 2)
            #expect(try await repRow(app, repB, today)["new_leads"] == 2)
            // a corrected lead source moves the revenue of its deal's sales, whatever day they were sold
            let earlier = today.adding(days: -10)
            try await company.create(
                .repA, "sales", #"{"opportunityId":"\#(fixture["O4"])","soldOn":"\#(earlier.text)","amount":100}"#)
            #expect(try await sourceRow(app, "referral", earlier)["revenue"] == 10_000)
            #expect(
                try await company.call(.repA, .PATCH, "/api/v1/leads/\(fixture["A3"])", #"{"source":"trade_show"}"#)
                    .status == .ok)
            #expect(try await sourceRow(app, "referral", earlier) == [:])
            #expect(try await sourceRow(app, "trade_show", earlier)["revenue"] == 10_000)
            // and a rebuild from scratch gives exactly the same rows
            let differences = try await rollupDifferencesFromRebuild(app)
            #expect(differences.isEmpty, "\(differences)")
        }
    }

    @Test func aLeadsResponseTimeFollowsItsActivitiesOnTheLeadsOwnDay() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.make(app)
            let repA = try company.id(.repA)
            let created = app.clock.now(), leadDay = CalendarDay(containing: created)
            let lead = try await company.create(.repA, "leads", #"{"name":"Ana Lima","source":"website"}"#)
            app.clock.advance(by: 2 * 86_400)
            // a call logged days later by someone else, an hour after the lead came in
            let at = { (minutes: Double) in
                ISO8601DateFormatter().string(from: created.addingTimeInterval(minutes * 60))
            }
            let call = try await company.create(
                .admin, "activities",
                #"{"type":"call","subject":"First call","leadId":"\#(lead)","occurredAt":"\#(at(60))"}"#)
            var row = try await repRow(app, repA, leadDay)
            #expect(row["responded_leads"] == 1 && (59...61).contains(row["response_minutes"] ?? 0), "\(row)")
            // moved to three hours after, then deleted: the lead's day follows, though the lead itself is not written
            #expect(
                try await company.call(.admin, .PATCH, "/api/v1/activities/\(call)", #"{"occurredAt":"\#(at(180))"}"#)
                    .status == .ok)
            row = try await repRow(app, repA, leadDay)
            #expect((179...181).contains(row["response_minutes"] ?? 0), "\(row)")
            #expect(try await company.call(.admin, .DELETE, "/api/v1/activities/\(call)").status == .noContent)
            row = try await repRow(app, repA, leadDay)
            #expect(row["responded_leads"] == 0 && row["new_leads"] == 1, "\(row)")
            let differences = try await rollupDifferencesFromRebuild(app)
            #expect(differences.isEmpty, "\(differences)")
        }
    }

    /// The database names a day by the Gregorian calendar carried back; a delta must name the
    /// same row for any date the API accepts, or the recount and the kept row part.
    @Test func callsLoggedOnFarDatesLandOnTheDayTheDatabaseNames() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.make(app)
            let repA = try company.id(.repA)
            for occurred in ["0075-11-03T10:00:00Z", "1582-10-10T10:00:00Z", "1969-12-31T23:30:00Z"] {
                try await company.create(
                    .repA, "activities", #"{"type":"call","subject":"Old call","occurredAt":"\#(occurred)"}"#)
                let day = try #require(CalendarDay(text: "2000" + occurred.dropFirst(4).prefix(6)))
                let civil = day.civil
                let named = try #require(
                    CalendarDay(year: Int(occurred.prefix(4))!, month: civil.month, day: civil.day))
                #expect(try await repRow(app, repA, named)["calls"] == 1, "\(occurred)")
            }
            let differences = try await rollupDifferencesFromRebuild(app)
            #expect(differences.isEmpty, "\(differences)")
        }
    }

    /// Writes move the roll-ups by deltas, so a follow-up that turns overdue with no write is
    /// counted by the every-minute scan, within a minute of its due time.
    @Test func aFollowUpThatFallsDueIsCountedOverdueByTheNextScan() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.make(app)
            let repA = try company.id(.repA)
            let due = app.clock.now().addingTimeInterval(5 * 60)
            try await company.create(
                .repA, "tasks", #"{"title":"Call back","type":"follow_up","dueAt":"\#(InternetTime.format(due))"}"#)
            // a call logged meanwhile moves its own count and leaves the follow-up's alone
            try await company.create(.repA, "activities", #"{"type":"call","subject":"Other call"}"#)
            let day = CalendarDay(containing: due)
            #expect(try await repRow(app, repA, day)["follow_ups_overdue"] ?? 0 == 0)
            app.clock.advance(by: 6 * 60)
            #expect(try await repRow(app, repA, day)["follow_ups_overdue"] ?? 0 == 0, "no write has happened since")
            try await Reminders(app: app, now: app.clock.now()).scan()
            #expect(try await repRow(app, repA, day)["follow_ups_overdue"] == 1)
            #expect(
                try await OverdueCatchUp(app: app, now: app.clock.now()).run() == 1,
                "a second scan in the window counts the same row again")
            #expect(try await repRow(app, repA, day)["follow_ups_overdue"] == 1)
            let differences = try await rollupDifferencesFromRebuild(app)
            #expect(differences.isEmpty, "\(differences)")
        }
    }

    @Test func rollupsAPIFollowsTheTeam() async throws {
        try await withTestApp { app in
            let fixture = try await AnalyticsFixture.make(app)
            let mine = try await fixture.get(.repA, "/api/v1/analytics/rollups?by=rep")
            let rows = try #require(mine["items"] as? [[String: Any]])
            #expect(
                Set(rows.compactMap { $0["repId"] as? String }) == [try fixture.company.id(.repA)],
                "a rep sees only their own days")
            #expect(rows.first?["newLeads"] as? Int == 3)
            let all = try await fixture.get(.admin, "/api/v1/analytics/rollups?by=rep")
            #expect((all["items"] as? [[String: Any]])?.count == 2)
            let sources = try await fixture.get(.admin, "/api/v1/analytics/rollups?by=source")
            #expect((sources["items"] as? [[String: Any]])?.count == 2)
            let forbidden = try await fixture.company.call(.repA, .GET, "/api/v1/analytics/rollups?by=source")
            #expect(forbidden.status == .forbidden, "source figures are company-wide")
            let bad = try await fixture.company.call(.admin, .GET, "/api/v1/analytics/rollups?by=planet")
            #expect(bad.status == .unprocessableEntity)
        }
    }
}
