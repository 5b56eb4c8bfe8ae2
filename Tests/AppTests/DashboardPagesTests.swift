@testable import App
import Foundation
import SalesPulseCore
import Testing
import Vapor
import VaporTesting

@Suite(.serialized) struct DashboardPagesTests {
    @Test func aShorterSalesCycleIsGoodNewsGoingDownAndLessRevenueIsNot() {
        let cycle = Dashboard.Tile.figure("Sales cycle", 30, previous: 40, format: .days, lowerIsBetter: true)
        #expect(cycle.direction == "down" && cycle.tone == "good")
        let revenue = Dashboard.Tile.figure("Revenue", 30, previous: 40, format: .money)
        #expect(revenue.direction == "down" && revenue.tone == "bad")
        #expect(Dashboard.Tile.figure("Revenue", 40, previous: nil, format: .money).tone == nil)
    }

    private func signedIn(_ app: Application, _ person: CRMCompany.Person) async throws -> Browser {
        let browser = Browser(app)
        #expect(try await browser.signIn("\(person.rawValue.lowercased())@example.com").status == .seeOther)
        return browser
    }

    @Test func everyDashboardShowsFiguresChartsAndDrillDownLinks() async throws {
        try await withTestApp { app in
            let fixture = try await AnalyticsFixture.make(app)
            let browser = try await signedIn(app, .admin)
            for kind in Dashboard.Kind.allCases {
                let page = try await browser.get("/dashboards/\(kind.rawValue)")
                #expect(page.status == .ok, "\(kind): \(page.text.prefix(300))")
                #expect(page.text.contains(#"role="img""#), "\(kind) draws its charts")
            }
            let executive = try await browser.get("/dashboards/executive").text
            #expect(executive.contains("<span class=\"tile-value\">$1,900</span>"))
            #expect(
                executive.contains(
                    "/sales?soldOnFrom=\(fixture.today.adding(days: -29).text)&amp;soldOnTo=\(fixture.today.text)&amp;regionId=\(fixture["north"])"
                ),
                "the North bar links to North's sales in the period")
            let sources = try await browser.get("/dashboards/sources").text
            #expect(sources.contains("band-"), "conversion cells carry their colour band")
            #expect(sources.contains("What the numbers say"))
            let pipeline = try await browser.get("/dashboards/pipeline").text
            #expect(pipeline.contains("/opportunities?stage=prospecting"))
            let team = try await browser.get("/dashboards/team").text
            #expect(team.contains("Daily work in the period"))
            #expect(
                team.contains("<td>repa</td><td class=\"number\">3</td>")
                    || team.contains(">repa</a></td><td class=\"number\">3</td>"),
                "repA's three new leads, from the roll-ups")
            let channels = try await browser.get("/dashboards/channels").text
            #expect(channels.contains("$300.00"), "website spend")
            #expect(channels.contains("Import channel figures"))
        }
    }

    @Test func filtersStayInTheURLAndNarrowThePage() async throws {
        try await withTestApp { app in
            let fixture = try await AnalyticsFixture.make(app)
            let browser = try await signedIn(app, .admin)
            let page = try await browser.get("/dashboards/executive?region=\(fixture["south"])").text
            #expect(page.contains("<span class=\"tile-value\">$500.00</span>"))
            #expect(page.contains("<option value=\"\(fixture["south"])\" selected>South</option>"))
            #expect(
                page.contains(
                    "/dashboards/pipeline?from=\(fixture.today.adding(days: -29).text)&amp;to=\(fixture.today.text)&amp;region=\(fixture["south"])"
                ),
                "switching dashboard keeps the filters")
            let bad = try await browser.get("/dashboards/executive?from=yesterday")
            #expect(bad.status == .unprocessableEntity)
            #expect(try await browser.get("/dashboards/weather").status == .notFound)
        }
    }

    @Test func repsSeeTheirOwnNumbersOnly() async throws {
        try await withTestApp { app in
            _ = try await AnalyticsFixture.make(app)
            let repB = try await signedIn(app, .repB)
            let page = try await repB.get("/dashboards/executive").text
            #expect(page.contains("<span class=\"tile-value\">$500.00</span>"))
            #expect(!page.contains("repa"), "another rep is neither a filter option nor a row")
            let channels = try await repB.get("/dashboards/channels").text
            #expect(channels.contains("company cost"))
            #expect(!channels.contains("Import channel figures"))
            let signedOut = try await app.testing().sendRequest(.GET, "/dashboards/executive")
            #expect(signedOut.status == .seeOther)
        }
    }

    @Test func tablesAndChartsExportWithTheSameNumbers() async throws {
        try await withTestApp { app in
            let fixture = try await AnalyticsFixture.make(app)
            let browser = try await signedIn(app, .admin)
            let csv = try await browser.get("/dashboards/executive/tables/top-reps-table.csv")
            #expect(csv.status == .ok)
            #expect(csv.headers.contentType?.description.hasPrefix("text/csv") == true)
            #expect(csv.text.hasPrefix("Rep,Revenue,Sales,Average sale\r\nrepa,1400,2,700\r\nrepb,500,1,500\r\n"))
            let chartCSV = try await browser.get(
                "/dashboards/executive/tables/revenue-by-region.csv?region=\(fixture["north"])")
            #expect(chartCSV.text == "Region,Revenue\r\nNorth,1400\r\n")
            let xlsx = try await browser.get("/dashboards/executive/tables/top-reps-table.xlsx")
            #expect(xlsx.status == .ok && Array(xlsx.body.readableBytesView.prefix(2)) == [0x50, 0x4B])
            let workbook = try await browser.get("/dashboards/sources/export.xlsx")
            #expect(workbook.headers.first(name: .contentDisposition) == "attachment; filename=\"sources.xlsx\"")
            let svg = try await browser.get("/dashboards/executive/charts/revenue-by-region.svg")
            #expect(svg.headers.contentType?.description == "image/svg+xml")
            #expect(svg.text.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink"))
            let pdf = try await browser.get("/dashboards/executive/report.pdf")
            #expect(pdf.status == .ok && pdf.text.hasPrefix("%PDF-1.4"))
            #expect(pdf.text.contains("(Executive overview) Tj"))
            #expect(try await browser.get("/dashboards/executive/tables/nothing.csv").status == .notFound)
            #expect(try await browser.get("/dashboards/executive/tables/top-reps-table.exe").status == .notFound)
        }
    }

    @Test func channelFiguresImportAllOrNothing() async throws {
        try await withTestApp { app in
            let fixture = try await AnalyticsFixture.make(app)
            let manager = try await signedIn(app, .manager)
            try await manager.get("/dashboards/channels")
            let bad = try await manager.post(
                "/dashboards/channels/import",
                [
                    "csv":
                        "day,channel,spend,clicks\n2026-03-01,website,10,5\n2026-03-02,fax,20,1\n2026-03-40,website,-3,1\n"
                ])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.text.contains("Line 3: channel"))
            #expect(bad.text.contains("Line 4: day"))
            #expect(try await spendRows(fixture) == 1, "nothing from the bad file was saved")
            let good = try await manager.post(
                "/dashboards/channels/import",
                [
                    "csv":
                        "day,channel,spend,impressions,clicks\n2026-03-01,website,10.5,1000,20\n2026-03-01,instagram ads,7,800,9\n"
                ])
            #expect(good.status == .ok)
            #expect(good.text.contains("Imported 2 rows."))
            #expect(try await spendRows(fixture) == 3)
            let rep = try await signedIn(app, .repA)
            try await rep.get("/dashboards/executive")
            #expect(
                try await rep.post("/dashboards/channels/import", ["csv": "day,channel,spend\n2026-03-01,website,1\n"])
                    .status == .forbidden)
        }
    }

    private func spendRows(_ fixture: AnalyticsFixture) async throws -> Int {
        let list = try await fixture.get(.admin, "/api/v1/marketing-spend?limit=500")
        return (list["items"] as? [[String: Any]])?.count ?? -1
    }
}
