@testable import App
import Foundation
import SalesPulseCore
import SQLKit
import Testing
import Vapor
import VaporTesting

/// Region, segment and lead source copied onto sales and deals must follow every change to
/// the accounts, leads, deals and sales they come from, or the dashboards drift from the records.
@Suite(.serialized) struct FactDimensionTests {
    @Test func copiesFollowAccountsLeadsAndRepointedRecords() async throws {
        try await withTestApp { app in
            let fixture = try await AnalyticsFixture.make(app)
            let c = fixture.company
            #expect(try await factCopyDisagreements(app) == 0)

            // when Acme moves to the South and Bolt's sale is re-pointed at Acme
            #expect(
                try await c.call(
                    .repA, .PATCH, "/api/v1/accounts/\(fixture["acme"])", #"{"regionId":"\#(fixture["south"])"}"#
                ).status == .ok)
            #expect(
                try await c.call(.repB, .PATCH, "/api/v1/sales/\(fixture["S2"])", #"{"accountId":null}"#).status == .ok)
            // then
            let south = try await fixture.get(.admin, "/api/v1/analytics/kpis?region=\(fixture["south"])")
            #expect(
                south["revenue"] as? Double == 1400,
                "Acme's S1 and S4 now count for the South, Bolt's S2 no longer has an account")
            #expect(south["pipelineValue"] as? Double == 5000, "O1 moved with Acme, O2 is Bolt's")
            let north = try await fixture.get(.admin, "/api/v1/analytics/kpis?region=\(fixture["north"])")
            #expect(north["revenue"] as? Double == 0)
            let southSales = try await fixture.get(.admin, "/api/v1/sales?regionId=\(fixture["south"])")
            #expect(
                Set((southSales["items"] as? [[String: Any]])?.compactMap { $0["amount"] as? Double } ?? []) == [
                    1000, 700, 400,
                ], "S1, S3, S4")

            // when the converted lead's source is corrected
            #expect(
                try await c.call(.repA, .PATCH, "/api/v1/leads/\(fixture["A3"])", #"{"source":"trade_show"}"#).status
                    == .ok)
            // then its deal and the sale of that deal follow
            let tradeShow = try await fixture.get(.admin, "/api/v1/analytics/kpis?source=trade_show")
            #expect(tradeShow["revenue"] as? Double == 400)
            let referral = try await fixture.get(.admin, "/api/v1/analytics/kpis?source=referral")
            #expect(referral["revenue"] as? Double == 0)
            let deals = try await fixture.get(.admin, "/api/v1/opportunities?source=trade_show")
            #expect((deals["items"] as? [[String: Any]])?.map { $0["id"] as? String } == [fixture["O4"]])
            #expect(try await factCopyDisagreements(app) == 0)
        }
    }

    @Test func deletedAccountsTakeTheirCopiesWithThem() async throws {
        try await withTestApp { app in
            let fixture = try await AnalyticsFixture.make(app)
            // when
            let deleted = try await fixture.company.call(
                .admin, .DELETE, "/api/v1/accounts/\(fixture["bolt"])?cascade=true")
            #expect(deleted.status == .noContent, "\(deleted.text)")
            // then S2 stays, without a region
            let byRegion = points(
                try await fixture.get(.admin, "/api/v1/analytics/series?metric=revenue&groupBy=region"))
            #expect(byRegion == ["North": 1400, "(none)": 500])
            #expect(try await factCopyDisagreements(app) == 0)
        }
    }

    @Test func deletedLeadsAndDealsTakeTheirSourceWithThem() async throws {
        for deleted in ["leads/A3", "opportunities/O4"] {
            try await withTestApp { app in
                let fixture = try await AnalyticsFixture.make(app)
                let parts = deleted.split(separator: "/").map(String.init)
                #expect(
                    try await fixture.get(.admin, "/api/v1/analytics/kpis?source=referral")["revenue"] as? Double == 400
                )
                // when
                let response = try await fixture.company.call(
                    .admin, .DELETE, "/api/v1/\(parts[0])/\(fixture[parts[1]])")
                #expect(response.status == .noContent, "\(deleted): \(response.text)")
                // then the won deal's sale no longer counts for the referral source
                #expect(
                    try await fixture.get(.admin, "/api/v1/analytics/kpis?source=referral")["revenue"] as? Double == 0,
                    "\(deleted)")
                #expect(try await factCopyDisagreements(app) == 0, "\(deleted)")
            }
        }
    }

    @Test func rebuildGivesTheSameCopiesAsTheWrites() async throws {
        try await withTestApp { app in
            _ = try await AnalyticsFixture.make(app)
            let sql = app.db.sql
            let before = try await copies(sql)
            for table in FactDimensions.factTables.sorted() {
                try await sql.raw(
                    "UPDATE \(ident: table) SET \(ident: "region_id") = NULL, \(ident: "segment_id") = NULL, \(ident: "lead_source") = NULL"
                ).run()
            }
            #expect(try await factCopyDisagreements(app) > 0)
            // when
            try await FactDimensions(sql: sql).rebuild()
            // then
            #expect(try await copies(sql) == before)
            #expect(try await factCopyDisagreements(app) == 0)
        }
    }

    private func copies(_ sql: any SQLDatabase) async throws -> [String] {
        var result: [String] = []
        for table in FactDimensions.factTables.sorted() {
            let rows = try await sql.raw(
                """
                SELECT CAST(id AS TEXT) AS id, CAST(region_id AS TEXT) AS region, CAST(segment_id AS TEXT) AS segment, lead_source \
                FROM \(ident: table) ORDER BY id
                """
            ).all()
            for row in rows {
                let fields = try ["id", "region", "segment", "lead_source"].map {
                    try row.decode(column: $0, as: String?.self) ?? "-"
                }
                result.append("\(table) " + fields.joined(separator: " "))
            }
        }
        return result
    }
}
