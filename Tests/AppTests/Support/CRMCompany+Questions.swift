@testable import App
import Foundation
import SalesPulseCore
import Testing
import Vapor
import VaporTesting

/// The company questions are asked of.
extension CRMCompany {
    /// repA owns three open deals (two closing this month) and one won; repB owns one open deal;
    /// each has a task, repA's overdue. Two products, one of them Hardware.
    static func withDeals(_ app: Application) async throws -> CRMCompany {
        let company = try await CRMCompany.make(app)
        let today = CalendarDay(containing: app.clock.now())
        let account = try await company.create(
            .admin, "accounts", #"{"name":"Kestrel Labs","ownerId":"\#(try company.id(.repA))"}"#)
        for (who, amount, close) in [
            (CRMCompany.Person.repA, 12_000, today.monthEnd), (.repA, 3_000, today.monthStart),
            (.repA, 40_000, today.monthEnd.adding(days: 40)), (.repB, 7_000, today.monthEnd),
        ] {
            try await company.create(
                .admin, "opportunities",
                #"{"name":"Deal \#(amount)","accountId":"\#(account)","amount":\#(amount),"expectedCloseDate":"\#(close.text)","ownerId":"\#(try company.id(who))"}"#
            )
        }
        let won = try await company.create(
            .repA, "opportunities",
            #"{"name":"Won one","accountId":"\#(account)","amount":9000,"ownerId":"\#(try company.id(.repA))"}"#)
        _ = try await company.call(.repA, .PATCH, "/api/v1/opportunities/\(won)", #"{"stage":"closed_won"}"#)
        let yesterday = InternetTime.format(today.adding(days: -1).date.addingTimeInterval(9 * 3_600))
        let nextWeek = InternetTime.format(today.adding(days: 7).date.addingTimeInterval(9 * 3_600))
        try await company.create(
            .repA, "tasks", #"{"title":"Call back","assigneeId":"\#(try company.id(.repA))","dueAt":"\#(yesterday)"}"#)
        try await company.create(
            .repB, "tasks", #"{"title":"Send quote","assigneeId":"\#(try company.id(.repB))","dueAt":"\#(nextWeek)"}"#)
        let hardware = try await company.create(.admin, "product-categories", #"{"name":"Hardware"}"#)
        try await company.create(.admin, "products", #"{"name":"Edge Router","price":900,"categoryId":"\#(hardware)"}"#)
        try await company.create(.admin, "products", #"{"name":"Support Plan","price":300}"#)
        return company
    }

    func ask(
        _ who: CRMCompany.Person, _ text: String, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> [String: Any] {
        let response = try await call(who, .POST, "/api/v1/questions", #"{"text":"\#(text)"}"#)
        #expect(response.status == .ok, "\(text): \(response.text)", sourceLocation: sourceLocation)
        return try response.json()
    }
}
