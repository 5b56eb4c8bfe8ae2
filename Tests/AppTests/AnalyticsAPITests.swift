@testable import App
import Foundation
import SalesPulseCore
import Testing
import Vapor
import VaporTesting

@Suite(.serialized) struct AnalyticsAPITests {
    @Test func kpisEqualWhatTheRecordsGive() async throws {
        try await withTestApp { app in
            let fixture = try await AnalyticsFixture.make(app)
            // when
            let kpis = try await fixture.get(.admin, "/api/v1/analytics/kpis")
            // then
            #expect(kpis["to"] as? String == fixture.today.text)
            #expect(kpis["from"] as? String == fixture.today.adding(days: -29).text)
            #expect(kpis["revenue"] as? Double == 1900)
            #expect(kpis["salesCount"] as? Int == 3)
            #expect(kpis["averageDealSize"] as? Double == 633.33)
            #expect(
                kpis["profitMargin"] as? Double == 53.3,
                "(1500 - 700) / 1500: S4 has no cost recorded, so it is not counted as pure profit")
            #expect(kpis["winRate"] as? Double == 50)
            #expect(kpis["newLeads"] as? Int == 4)
            #expect(kpis["leadConversionRate"] as? Double == 25)
            #expect(kpis["qualificationRate"] as? Double == 50)
            #expect(kpis["pipelineValue"] as? Double == 5000)
            #expect(kpis["weightedPipeline"] as? Double == 1700, "2000 × 10% + 3000 × 50%")
            #expect(kpis["openDeals"] as? Int == 2)
            #expect(kpis["newCustomers"] as? Int == 1, "Acme bought 40 days ago; only Bolt is new")
            #expect(kpis["customerAcquisitionCost"] as? Double == 300)
            #expect(kpis["overdueFollowUps"] as? Int == 1)
            #expect(kpis["stalledDeals"] as? Int == 0)
            #expect(kpis["leadVelocity"] is NSNull, "no leads in the previous period: no growth figure")
            let cycle = try #require(kpis["salesCycleDays"] as? Double)
            #expect(cycle >= 0 && cycle < 1)
        }
    }

    @Test func filtersNarrowEveryFigure() async throws {
        try await withTestApp { app in
            let fixture = try await AnalyticsFixture.make(app)
            let north = try await fixture.get(.admin, "/api/v1/analytics/kpis?region=\(fixture["north"])")
            #expect(north["revenue"] as? Double == 1400)
            #expect(north["newLeads"] as? Int == 2)
            let referral = try await fixture.get(.admin, "/api/v1/analytics/kpis?source=referral")
            #expect(referral["revenue"] as? Double == 400)
            #expect(referral["newLeads"] as? Int == 2)
            #expect(referral["leadConversionRate"] as? Double == 50)
            #expect(referral["customerAcquisitionCost"] is NSNull, "no referral spend and no new referral customer")
            let hardware = try await fixture.get(
                .admin, "/api/v1/analytics/kpis?productCategory=\(fixture["hardware"])")
            #expect(hardware["revenue"] as? Double == 1000)
            #expect(hardware["salesCount"] as? Int == 1)
            #expect(hardware["profitMargin"] as? Double == 40)
            let repB = try await fixture.get(.admin, "/api/v1/analytics/kpis?rep=\(try fixture.company.id(.repB))")
            #expect(repB["revenue"] as? Double == 500)
            #expect(repB["customerAcquisitionCost"] is NSNull, "company spend is not charged to one rep")
            let longAgo = try await fixture.get(
                .admin,
                "/api/v1/analytics/kpis?from=\(fixture.today.adding(days: -45).text)&to=\(fixture.today.adding(days: -35).text)"
            )
            #expect(longAgo["revenue"] as? Double == 700)
            #expect(longAgo["averageDealSize"] as? Double == 700)
            #expect(longAgo["winRate"] is NSNull)
        }
    }

    @Test func everyoneSeesOnlyTheirOwnScope() async throws {
        try await withTestApp { app in
            let fixture = try await AnalyticsFixture.make(app)
            let repA = try await fixture.get(.repA, "/api/v1/analytics/kpis")
            #expect(repA["revenue"] as? Double == 1400)
            #expect(repA["newLeads"] as? Int == 3)
            #expect(repA["pipelineValue"] as? Double == 2000)
            #expect(repA["customerAcquisitionCost"] is NSNull)
            let manager = try await fixture.get(.manager, "/api/v1/analytics/kpis")
            #expect(manager["revenue"] as? Double == 1400, "the manager's team is repA")
            let repB = try await fixture.get(.repB, "/api/v1/analytics/kpis")
            #expect(repB["revenue"] as? Double == 500)
            let viewer = try await fixture.get(.viewer, "/api/v1/analytics/kpis")
            #expect(viewer["revenue"] as? Double == 1900)
            // a rep cannot look at another rep's figures, nor a manager outside the team
            for (person, other) in [(CRMCompany.Person.repA, CRMCompany.Person.repB), (.manager, .repB)] {
                let response = try await fixture.company.call(
                    person, .GET, "/api/v1/analytics/kpis?rep=\(try fixture.company.id(other))")
                #expect(response.status == .notFound)
            }
            let series = try await fixture.get(.repB, "/api/v1/analytics/series?metric=revenue&groupBy=region")
            #expect(points(series) == ["South": 500])
            #expect(try await app.api(.GET, "/api/v1/analytics/kpis").status == .unauthorized)
        }
    }

    @Test func seriesGroupByTimeAndDimensions() async throws {
        try await withTestApp { app in
            let fixture = try await AnalyticsFixture.make(app)
            let byRegion = try await fixture.get(.admin, "/api/v1/analytics/series?metric=revenue&groupBy=region")
            #expect(points(byRegion) == ["North": 1400, "South": 500])
            let byCategory = try await fixture.get(
                .admin, "/api/v1/analytics/series?metric=revenue&groupBy=productCategory")
            #expect(points(byCategory) == ["Hardware": 1000, "Services": 500])
            let byProfit = try await fixture.get(.admin, "/api/v1/analytics/series?metric=profit&groupBy=rep")
            #expect(points(byProfit) == ["repa": 800, "repb": 400])
            let yesterday = fixture.today.adding(days: -1).text
            let byDay = try await fixture.get(
                .admin, "/api/v1/analytics/series?metric=revenue&groupBy=day&from=\(yesterday)&to=\(fixture.today.text)"
            )
            let items = try #require(byDay["items"] as? [[String: Any]])
            #expect(items.map { $0["key"] as? String } == [yesterday, fixture.today.text])
            #expect(items.map { $0["value"] as? Double } == [0, 1900])
            let byMonth = try await fixture.get(
                .admin,
                "/api/v1/analytics/series?metric=revenue&groupBy=month&from=\(fixture.today.adding(days: -40).text)")
            #expect((byMonth["items"] as? [[String: Any]])?.compactMap { $0["value"] as? Double }.reduce(0, +) == 2600)
            let leads = try await fixture.get(.admin, "/api/v1/analytics/series?metric=leads&groupBy=source")
            #expect(points(leads) == ["Website": 2, "Referral": 2])
            let pipeline = try await fixture.get(.admin, "/api/v1/analytics/series?metric=pipeline&groupBy=stage")
            #expect(points(pipeline) == ["Proposal": 3000, "Prospecting": 2000])
            let won = try await fixture.get(.admin, "/api/v1/analytics/series?metric=dealsWon&groupBy=team")
            #expect(points(won) == ["North": 1])
        }
    }

    @Test func badFiltersAreFieldErrors() async throws {
        try await withTestApp { app in
            let fixture = try await AnalyticsFixture.make(app)
            for (query, field) in [
                ("from=2026-02-30", "from"), ("from=2026-03-02&to=2026-03-01", "from"), ("region=nope", "region"),
                ("source=carrier_pigeon", "source"), ("colour=red", "colour"),
                ("from=2000-01-01&to=2026-01-01", "from"),
            ] {
                let response = try await fixture.company.call(.admin, .GET, "/api/v1/analytics/kpis?\(query)")
                #expect(response.status == .unprocessableEntity, "\(query)")
                #expect(try response.apiError().field == field, "\(query)")
            }
            for (query, field) in [
                ("metric=mood", "metric"), ("groupBy=planet", "groupBy"), ("metric=revenue&groupBy=stage", "groupBy"),
                ("metric=pipeline&groupBy=month", "groupBy"),
            ] {
                let response = try await fixture.company.call(.admin, .GET, "/api/v1/analytics/series?\(query)")
                #expect(response.status == .unprocessableEntity, "\(query)")
                #expect(try response.apiError().field == field, "\(query)")
            }
        }
    }

    @Test func stalledDealsAreThoseWithoutChangeOrActivity() async throws {
        try await withTestApp { app in
            let fixture = try await AnalyticsFixture.make(app)
            app.clock.advance(by: 31 * 86_400)
            let later = try await fixture.get(.admin, "/api/v1/analytics/kpis")
            #expect(later["stalledDeals"] as? Int == 2)
            try await fixture.company.create(
                .repA, "activities", #"{"type":"call","subject":"Still keen?","opportunityId":"\#(fixture["O1"])"}"#)
            let afterCall = try await fixture.get(.admin, "/api/v1/analytics/kpis")
            #expect(afterCall["stalledDeals"] as? Int == 1)
        }
    }

    @Test func drillDownListsCountTheSameRows() async throws {
        try await withTestApp { app in
            let fixture = try await AnalyticsFixture.make(app)
            let from = fixture.today.adding(days: -29).text, to = fixture.today.text
            let north = try await fixture.get(
                .admin, "/api/v1/sales?regionId=\(fixture["north"])&soldOnFrom=\(from)&soldOnTo=\(to)")
            #expect(
                Set((north["items"] as? [[String: Any]])?.compactMap { $0["amount"] as? Double } ?? []) == [1000, 400])
            let hardware = try await fixture.get(.admin, "/api/v1/sales?productCategoryId=\(fixture["hardware"])")
            #expect((hardware["items"] as? [[String: Any]])?.map { $0["id"] as? String } == [fixture["S1"]])
            let referral = try await fixture.get(.admin, "/api/v1/opportunities?source=referral")
            #expect((referral["items"] as? [[String: Any]])?.map { $0["id"] as? String } == [fixture["O4"]])
            let bad = try await fixture.company.call(.admin, .GET, "/api/v1/sales?regionId=north")
            #expect(bad.status == .unprocessableEntity)
        }
    }
}

/// label → value of a series response.
func points(_ series: [String: Any]) -> [String: Double] {
    var result: [String: Double] = [:]
    for item in series["items"] as? [[String: Any]] ?? [] {
        if let label = item["label"] as? String, let value = item["value"] as? Double { result[label] = value }
    }
    return result
}
