@testable import App
import Foundation
import SalesPulseCore
import Testing
import Vapor
import VaporTesting

@Suite(.serialized) struct InsightsTests {
    /// repA sells 1,000 every week for a year, 21,000 in one week eight weeks ago; repB sells 500
    /// a week from the start of the last three full months on, so the weekly figure steps up
    /// once, whatever day the test runs.
    private func company(_ app: Application) async throws -> (CRMCompany, CalendarDay, CalendarDay) {
        let company = try await CRMCompany.make(app)
        let today = CalendarDay(containing: app.clock.now())
        let recentStart = today.monthStart.adding(days: -1).monthStart.adding(days: -1).monthStart.adding(days: -1)
            .monthStart
        let planted = today.weekStart.adding(days: -8 * 7)
        for week in 1...52 {
            let day = today.weekStart.adding(days: -7 * week + 1)
            let amount = day.weekStart == planted ? 21_000 : 1_000
            try await company.create(
                .repA, "sales", #"{"amount":\#(amount),"repId":"\#(try company.id(.repA))","soldOn":"\#(day.text)"}"#)
            if day >= recentStart {
                try await company.create(
                    .repB, "sales", #"{"amount":500,"repId":"\#(try company.id(.repB))","soldOn":"\#(day.text)"}"#)
            }
        }
        return (company, today, planted)
    }

    private func section(_ body: [String: Any], _ id: String) -> [[String: Any]] {
        let sections = body["sections"] as? [[String: Any]] ?? []
        return sections.first { $0["id"] as? String == id }?["items"] as? [[String: Any]] ?? []
    }

    @Test func trendsContributionsAndUnusualWeeksAgreeWithTheDashboards() async throws {
        try await withTestApp { app in
            let (company, today, planted) = try await company(app)
            let response = try await company.call(.admin, .GET, "/api/v1/insights")
            #expect(response.status == .ok, "\(response.text)")
            let body = try response.json()
            // then the trend is the series API's total for the same three months
            let recentTo = today.monthStart.adding(days: -1)
            var recentFrom = today.monthStart
            for _ in 0..<3 { recentFrom = recentFrom.adding(days: -1).monthStart }
            let series = try await company.call(
                .admin, .GET,
                "/api/v1/analytics/series?metric=revenue&groupBy=month&from=\(recentFrom.text)&to=\(recentTo.text)")
            let items = try #require(try series.json()["items"] as? [[String: Any]])
            let dashboard = items.reduce(0.0) { $0 + ($1["value"] as? Double ?? 0) }
            let revenue = try #require(section(body, "trends").first)
            let figures = try #require(revenue["figures"] as? [String: Any])
            #expect(figures["recent"] as? Double == dashboard && dashboard > 0, "\(figures) against \(dashboard)")
            // repB's new sales moved revenue, and are named with the size of the move
            let reps = section(body, "by-rep")
            let repB = try #require(reps.first { ($0["text"] as? String)?.hasPrefix("repb") == true }, "\(reps)")
            let repBFigures = try #require(repB["figures"] as? [String: Any])
            #expect(repBFigures["previous"] as? Double == 0 && (repBFigures["recent"] as? Double ?? 0) >= 6_000)
            #expect((repB["text"] as? String)?.contains("more revenue than in") == true)
            // the planted week stands out, and only it
            let unusual = section(body, "unusual")
            #expect(unusual.count == 1, "\(unusual)")
            let week = try #require(unusual.first)
            // 21,000 of repA's and 500 of repB's, against the 1,500 of the weeks around it
            #expect((week["figures"] as? [String: Any])?["actual"] as? Double == 21_500, "\(week)")
            #expect((week["figures"] as? [String: Any])?["expected"] as? Double == 1_500, "\(week)")
            let civil = planted.civil
            #expect((week["text"] as? String)?.contains("week of \(civil.day) ") == true, "\(week)")
        }
    }

    @Test func aRepSeesOnlyTheirOwnFiguresAndDatesAreRefused() async throws {
        try await withTestApp { app in
            let (company, _, _) = try await company(app)
            let admin = try await company.call(.admin, .GET, "/api/v1/insights").json()
            let rep = try await company.call(.repA, .GET, "/api/v1/insights").json()
            func recentRevenue(_ body: [String: Any]) -> Double {
                (section(body, "trends").first?["figures"] as? [String: Any])?["recent"] as? Double ?? -1
            }
            #expect(recentRevenue(rep) < recentRevenue(admin))
            #expect(!section(rep, "by-rep").contains { ($0["text"] as? String)?.hasPrefix("repb") == true })
            let dated = try await company.call(.admin, .GET, "/api/v1/insights?from=2026-01-01")
            #expect(dated.status == .unprocessableEntity)
            #expect((try dated.json()["error"] as? [String: Any])?["field"] as? String == "from")
            let otherRep = try await company.call(.repA, .GET, "/api/v1/insights?rep=\(try company.id(.repB))")
            #expect(otherRep.status == .notFound)
        }
    }

    @Test func thePageLinksEveryFindingToItsRecords() async throws {
        try await withTestApp { app in
            let (_, _, planted) = try await company(app)
            let browser = Browser(app)
            #expect(try await browser.signIn("admin@example.com").status == .seeOther)
            let page = try await browser.get("/insights")
            #expect(page.status == .ok)
            #expect(page.text.contains("How the figures moved") && page.text.contains("Unusual weeks in the last year"))
            #expect(
                page.text.contains("/sales?soldOnFrom=\(planted.text)&amp;soldOnTo=\(planted.adding(days: 6).text)"),
                "the unusual week opens that week's sales")
            #expect(!page.text.contains("api/v1"))
        }
    }

    @Test func aSummerPeakIsNamedAndOpensLastSummersSales() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.make(app)
            let today = CalendarDay(containing: app.clock.now())
            var month = today.monthStart
            for index in 0..<36 {
                month = month.adding(days: -1).monthStart
                let summer = (6...8).contains(month.civil.month)
                let amount = (summer ? 1_600 : 1_000) + index % 3 * 10
                try await company.create(
                    .repA, "sales",
                    #"{"amount":\#(amount),"repId":"\#(try company.id(.repA))","soldOn":"\#(month.adding(days: 2).text)"}"#
                )
            }
            let body = try await company.call(.admin, .GET, "/api/v1/insights").json()
            let seasons = section(body, "seasons")
            let revenue = try #require(
                seasons.first { ($0["text"] as? String)?.hasPrefix("Revenue") == true }, "\(seasons)")
            let text = revenue["text"] as? String ?? ""
            #expect(text.contains("strongest in Jun, Jul and Aug"), "\(text)")
            let browser = Browser(app)
            #expect(try await browser.signIn("admin@example.com").status == .seeOther)
            let page = try await browser.get("/insights").text
            #expect(page.contains("Seasons") && page.contains("strongest in Jun, Jul and Aug"))
        }
    }

    /// Two calls every weekday for thirteen weeks, thirty on one Wednesday; repA held six
    /// meetings in the three months before the last three and none since.
    @Test func anUnusualDayOfCallsAndFallingMeetingsAreNamed() async throws {
        try await withTestApp { app in
            let (company, today, _) = try await company(app)
            let repA = try company.id(.repA)
            let planted = today.weekStart.adding(days: -5 * 7 + 2)
            var day = today.weekStart.adding(days: -13 * 7)
            while day < today {
                if (day.number + 3) % 7 < 5 {
                    for hour in 0..<(day == planted ? 30 : 2) {
                        let at = InternetTime.format(day.date.addingTimeInterval(Double(8 * 3_600 + hour * 60)))
                        try await company.create(
                            .repA, "activities",
                            #"{"type":"call","subject":"Call","occurredAt":"\#(at)","userId":"\#(repA)"}"#)
                    }
                }
                day = day.adding(days: 1)
            }
            var previousStart = today.monthStart
            for _ in 0..<6 { previousStart = previousStart.adding(days: -1).monthStart }
            for n in 0..<6 {
                let at = InternetTime.format(previousStart.adding(days: n * 7).date.addingTimeInterval(36_000))
                try await company.create(
                    .repA, "activities",
                    #"{"type":"meeting","subject":"Visit","occurredAt":"\#(at)","userId":"\#(repA)"}"#)
            }
            let body = try await company.call(.admin, .GET, "/api/v1/insights").json()
            let days = section(body, "unusual-days").compactMap { $0["text"] as? String }
            let civil = planted.civil
            let name = "on Wed \(civil.day) \(CalendarDay.shortMonthNames[civil.month - 1]) \(civil.year): 30, 28 above"
            #expect(days.contains { $0.hasPrefix("Calls " + name) }, "\(days)")
            let advice = section(body, "recommendations").compactMap { $0["text"] as? String }
            #expect(
                advice.contains { $0.hasPrefix("repa held 0 meetings in ") && $0.contains("fewer than the 6 in") },
                "\(advice)")
            let link = try #require(
                section(body, "unusual-days").first { ($0["text"] as? String)?.hasPrefix("Calls") == true }?["href"]
                    as? String)
            let listed = try await company.call(.admin, .GET, "/api/v1" + link)
            #expect((try listed.json()["items"] as? [[String: Any]])?.count == 30, "\(link)")
        }
    }
}
