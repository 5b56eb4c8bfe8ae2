@testable import App
import Foundation
import SalesPulseCore
import Testing
import Vapor
import VaporTesting

@Suite(.serialized) struct ForecastTests {
    /// Two years of monthly sales for repA (a summer peak) and a smaller run for repB, and one
    /// open deal of repA's expected to close next month.
    private func company(_ app: Application) async throws -> (CRMCompany, CalendarDay) {
        let company = try await CRMCompany.make(app)
        let today = CalendarDay(containing: app.clock.now())
        var month = today.monthStart
        for index in 1...24 {
            month = month.adding(days: -1).monthStart
            let civil = month.civil
            let amount = 1000 + 20 * (24 - index) + (civil.month >= 6 && civil.month <= 8 ? 400 : 0)
            try await company.create(
                .repA, "sales",
                #"{"amount":\#(amount),"repId":"\#(try company.id(.repA))","soldOn":"\#(month.adding(days: 4).text)"}"#)
            if index <= 6 {
                try await company.create(
                    .repB, "sales",
                    #"{"amount":300,"repId":"\#(try company.id(.repB))","soldOn":"\#(month.adding(days: 9).text)"}"#)
            }
        }
        let next = today.monthStart.adding(days: 40).monthStart.adding(days: 2)
        let account = try await company.create(
            .repA, "accounts", #"{"name":"Acme","ownerId":"\#(try company.id(.repA))"}"#)
        try await company.create(
            .repA, "opportunities",
            #"{"name":"Renewal","accountId":"\#(account)","amount":5000,"probability":40,"stage":"proposal","ownerId":"\#(try company.id(.repA))","expectedCloseDate":"\#(next.text)"}"#
        )
        return (company, today)
    }

    @Test func theHistoryIsTheDashboardsFigureAndTheForecastHasRangesAndAMethod() async throws {
        try await withTestApp { app in
            let (company, _) = try await company(app)
            // when
            let response = try await company.call(.admin, .GET, "/api/v1/forecasts?metric=revenue&horizon=3")
            #expect(response.status == .ok, "\(response.text)")
            let body = try response.json()
            let group = try #require((body["groups"] as? [[String: Any]])?.first)
            let history = try #require(group["history"] as? [[String: Any]])
            #expect(history.count == 24, "months before the first sale are left out: \(history.count)")
            // then every month equals the series API's figure for the same months
            let from = try #require(body["historyFrom"] as? String), to = try #require(body["historyTo"] as? String)
            let last = try #require(CalendarDay(text: to + "-01")).adding(days: 32).monthStart.adding(days: -1)
            let series = try await company.call(
                .admin, .GET, "/api/v1/analytics/series?metric=revenue&groupBy=month&from=\(from)-01&to=\(last.text)")
            let items = try #require(try series.json()["items"] as? [[String: Any]])
            var dashboard: [String: Double] = [:]
            for item in items { dashboard[item["key"] as? String ?? ""] = item["value"] as? Double }
            for point in history {
                let month = point["month"] as? String ?? ""
                #expect(point["value"] as? Double == dashboard[month], "\(month)")
            }
            let forecast = try #require(group["forecast"] as? [[String: Any]])
            #expect(forecast.count == 3)
            for step in forecast {
                let value = step["value"] as? Double ?? -1
                let low = step["lower80"] as? Double ?? .infinity, high = step["upper80"] as? Double ?? -.infinity
                let wideLow = step["lower95"] as? Double ?? .infinity,
                    wideHigh = step["upper95"] as? Double ?? -.infinity
                #expect(wideLow <= low && low <= value && value <= high && high <= wideHigh, "\(step)")
                #expect(value > 500 && value < 3000, "a forecast near the recent months: \(step)")
            }
            #expect((group["methodName"] as? String)?.isEmpty == false)
            let selection = group["selection"] as? String
            #expect(selection == "backtest" || selection == "shortHistory", "\(group)")
            if selection == "shortHistory" {
                #expect((group["combinedMethods"] as? [String]) == ["theta", "trendLine"])
            }
            #expect((group["backtestError"] as? Double ?? 0) > 0)
            let pipeline = try #require(group["weightedPipeline"] as? [[String: Any]])
            #expect(pipeline.map { $0["value"] as? Double } == [0, 2000, 0], "40% of 5,000 next month: \(pipeline)")
        }
    }

    @Test func eachViewerForecastsOnlyWhatTheyMaySee() async throws {
        try await withTestApp { app in
            let (company, _) = try await company(app)
            func total(_ person: CRMCompany.Person, _ query: String) async throws -> [String: Double] {
                let response = try await company.call(person, .GET, "/api/v1/forecasts?\(query)")
                #expect(response.status == .ok, "\(response.text)")
                var totals: [String: Double] = [:]
                for group in try response.json()["groups"] as? [[String: Any]] ?? [] {
                    let history = group["history"] as? [[String: Any]] ?? []
                    totals[group["label"] as? String ?? ""] = history.reduce(0) { $0 + ($1["value"] as? Double ?? 0) }
                }
                return totals
            }
            let repBTotal = 6 * 300.0
            let everyone = try await total(.admin, "metric=revenue")
            let repA = try await total(.repA, "metric=revenue")
            #expect(everyone["Whole company"] == (repA["Whole company"] ?? 0) + repBTotal, "\(everyone) \(repA)")
            let byRep = try await total(.admin, "metric=revenue&by=rep")
            #expect(byRep.count == 2 && byRep.values.contains(repBTotal), "\(byRep)")
            let team = try await total(.manager, "metric=revenue&by=rep")
            #expect(team.count == 1 && !team.values.contains(repBTotal), "the manager's team only: \(team)")
            // a rep's own forecast may not be asked for another rep's figures
            let other = try await company.call(.repA, .GET, "/api/v1/forecasts?rep=\(try company.id(.repB))")
            #expect(other.status == .notFound)
            let viewer = try await company.call(.viewer, .GET, "/api/v1/forecasts?metric=dealsWon")
            #expect(viewer.status == .ok)
        }
    }

    @Test func badChoicesAreFieldErrors() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.make(app)
            for (query, field) in [
                ("metric=profit", "metric"), ("by=stage", "by"), ("horizon=13", "horizon"), ("horizon=x", "horizon"),
                ("from=2026-01-01", "from"), ("metric=leads&by=productCategory", "by"), ("region=nope", "region"),
                ("colour=red", "colour"),
            ] {
                let response = try await company.call(.admin, .GET, "/api/v1/forecasts?\(query)")
                #expect(response.status == .unprocessableEntity, "\(query): \(response.status)")
                let error = try response.json()["error"] as? [String: Any]
                #expect(error?["field"] as? String == field, "\(query): \(response.text)")
            }
        }
    }

    @Test func thePageDrawsEachGroupWithLinksToTheRecordsBehindEachMonth() async throws {
        try await withTestApp { app in
            let (_, today) = try await company(app)
            let browser = Browser(app)
            #expect(try await browser.signIn("manager@example.com").status == .seeOther)
            let page = try await browser.get("/forecasts?metric=revenue&by=rep&horizon=6")
            #expect(page.status == .ok)
            let html = page.text
            #expect(html.contains("<svg") && html.contains("80% range") && html.contains("Weighted pipeline"))
            let lastMonth = today.monthStart.adding(days: -1).monthStart
            let end = today.monthStart.adding(days: -1)
            #expect(
                html.contains("/sales?soldOnFrom=\(lastMonth.text)&amp;soldOnTo=\(end.text)"), "a month opens its sales"
            )
            #expect(html.contains("Tested on months already known"))
            #expect(html.contains("Forecast by averaging"))
            // a year ahead is more than a quarter of the history: Theta and the line, and why, said in words
            let yearAhead = try await browser.get("/forecasts?metric=revenue&by=rep&horizon=12")
            #expect(
                yearAhead.text.contains(
                    "Forecast by averaging the Theta method and the straight line fitted through the history"))
            #expect(yearAhead.text.contains("would pick one almost at random"))
            #expect(!html.contains("api/v1"))
            let bad = try await browser.get("/forecasts?horizon=40")
            #expect(bad.status == .unprocessableEntity && bad.text.contains("Choose 1 to 12 months ahead."))
        }
    }
}
