@testable import App
import Foundation
import SalesPulseCore
import Testing
import Vapor
import VaporTesting

/// A month of trade for the analytics tests, small enough to count by hand:
///
/// | sale | rep | account (region) | sold | amount / cost | lines |
/// |---|---|---|---|---|---|
/// | S1 | repA | Acme (North, Enterprise) | today | 1000 / 600 | Box ×10 (Hardware) |
/// | S2 | repB | Bolt (South) | today | 500 / 100 | Support ×10 (Services) |
/// | S3 | repA | Acme | 40 days ago | 700 / 0 | none |
/// | S4 | repA | Acme | today | 400 / 0 | won deal O4 from referral lead A3 |
///
/// Leads today: A1 website new (follow-up overdue), A2 website qualified, A3 referral
/// converted (repA); B1 referral new (repB). Deals: O1 repA 2000 prospecting (10 %), O2 repB
/// 3000 proposal (50 %), O3 repA 800 lost, O4 repA 400 won. Website spend today: 300.
struct AnalyticsFixture {
    let company: CRMCompany
    let today: CalendarDay
    var ids: [String: String] = [:]

    static func make(_ app: Application) async throws -> AnalyticsFixture {
        let company = try await CRMCompany.make(app)
        var fixture = AnalyticsFixture(company: company, today: CalendarDay(containing: app.clock.now()))
        try await fixture.build()
        return fixture
    }

    subscript(_ name: String) -> String { ids[name]! }

    private mutating func build() async throws {
        let c = company
        for (key, path, body) in [
            ("north", "regions", #"{"name":"North"}"#), ("south", "regions", #"{"name":"South"}"#),
            ("enterprise", "segments", #"{"name":"Enterprise"}"#),
            ("hardware", "product-categories", #"{"name":"Hardware"}"#),
            ("services", "product-categories", #"{"name":"Services"}"#),
        ] { ids[key] = try await c.create(.admin, path, body) }
        ids["box"] = try await c.create(
            .admin, "products", #"{"name":"Box","price":100,"cost":60,"categoryId":"\#(self["hardware"])"}"#)
        ids["support"] = try await c.create(
            .admin, "products", #"{"name":"Support","price":50,"cost":10,"categoryId":"\#(self["services"])"}"#)
        ids["acme"] = try await c.create(
            .repA, "accounts",
            #"{"name":"Acme","regionId":"\#(self["north"])","segmentId":"\#(self["enterprise"])","ownerId":"\#(try c.id(.repA))"}"#
        )
        ids["bolt"] = try await c.create(
            .repB, "accounts", #"{"name":"Bolt","regionId":"\#(self["south"])","ownerId":"\#(try c.id(.repB))"}"#)

        ids["A1"] = try await c.create(
            .repA, "leads",
            #"{"name":"A1","source":"website","regionId":"\#(self["north"])","followUpAt":"2020-01-01T09:00:00Z"}"#)
        ids["A2"] = try await c.create(
            .repA, "leads", #"{"name":"A2","source":"website","regionId":"\#(self["north"])"}"#)
        try await expectOK(c.call(.repA, .PATCH, "/api/v1/leads/\(self["A2"])", #"{"status":"qualified"}"#))
        ids["A3"] = try await c.create(.repA, "leads", #"{"name":"A3","source":"referral"}"#)
        ids["B1"] = try await c.create(
            .repB, "leads", #"{"name":"B1","source":"referral","regionId":"\#(self["south"])"}"#)

        ids["S1"] = try await c.create(
            .repA, "sales", #"{"accountId":"\#(self["acme"])","soldOn":"\#(today.text)","amount":1000,"cost":600}"#)
        try await c.create(
            .repA, "sale-lines", #"{"saleId":"\#(self["S1"])","productId":"\#(self["box"])","quantity":10}"#)
        ids["S2"] = try await c.create(
            .repB, "sales", #"{"accountId":"\#(self["bolt"])","soldOn":"\#(today.text)","amount":500,"cost":100}"#)
        try await c.create(
            .repB, "sale-lines", #"{"saleId":"\#(self["S2"])","productId":"\#(self["support"])","quantity":10}"#)
        ids["S3"] = try await c.create(
            .repA, "sales",
            #"{"accountId":"\#(self["acme"])","soldOn":"\#(today.adding(days: -40).text)","amount":700}"#)

        ids["O1"] = try await c.create(
            .repA, "opportunities", #"{"name":"O1","accountId":"\#(self["acme"])","amount":2000}"#)
        ids["O2"] = try await c.create(
            .repB, "opportunities", #"{"name":"O2","accountId":"\#(self["bolt"])","amount":3000,"stage":"proposal"}"#)
        ids["O3"] = try await c.create(
            .repA, "opportunities", #"{"name":"O3","accountId":"\#(self["acme"])","amount":800}"#)
        try await expectOK(
            c.call(
                .repA, .PATCH, "/api/v1/opportunities/\(self["O3"])", #"{"stage":"closed_lost","lostReason":"price"}"#))
        let converted = try await c.call(
            .repA, .POST, "/api/v1/leads/\(self["A3"])/convert",
            #"{"accountId":"\#(self["acme"])","opportunity":{"name":"O4","amount":400}}"#)
        try expectOK(converted)
        ids["O4"] = try #require((try converted.json()["opportunity"] as? [String: Any])?["id"] as? String)
        try await expectOK(c.call(.repA, .PATCH, "/api/v1/opportunities/\(self["O4"])", #"{"stage":"closed_won"}"#))

        try await c.create(
            .admin, "marketing-spend",
            #"{"channel":"website","day":"\#(today.text)","spend":300,"impressions":10000,"clicks":250}"#)
    }

    private func expectOK(_ response: TestingHTTPResponse, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(response.status == .ok, "\(response.text)", sourceLocation: sourceLocation)
    }

    /// GET as `person`, expecting 200, returning the JSON object.
    func get(
        _ person: CRMCompany.Person, _ path: String, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> [String: Any] {
        let response = try await company.call(person, .GET, path)
        #expect(response.status == .ok, "\(path): \(response.text)", sourceLocation: sourceLocation)
        return try response.json()
    }
}
