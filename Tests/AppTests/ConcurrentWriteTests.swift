@testable import App
import Foundation
import Testing
import Vapor
import VaporTesting

/// Writes that arrive together on a SQLite file all land: a transaction that read before
/// writing must not fail because another one committed in between.
@Suite(.serialized) struct ConcurrentWriteTests {
    @Test func simultaneousWritesAllSucceed() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("salespulse-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try await withTestApp({ settings in
            if case .sqliteMemory = settings.database {
                settings.database = .sqliteFile(folder.appendingPathComponent("crm.sqlite").path)
            }
        }) { app in
            let company = try await CRMCompany.make(app)
            let account = try await company.create(.repA, "accounts", #"{"name":"Acme"}"#)
            // when twenty writes (new deals and edits of one account) are sent at once
            let statuses = try await Self.atOnce(20) { index in
                index % 2 == 0
                    ? try await company.call(
                        .repA, .POST, "/api/v1/opportunities",
                        #"{"name":"Deal \#(index)","accountId":"\#(account)","amount":\#(index)}"#
                    ).status
                    : try await company.call(
                        .repA, .PATCH, "/api/v1/accounts/\(account)", #"{"industry":"Retail \#(index)"}"#
                    ).status
            }
            // then every one of them is written
            #expect(statuses.filter { $0 != .created && $0 != .ok }.isEmpty, "\(statuses.map(\.code))")
            let deals =
                try await company.call(.repA, .GET, "/api/v1/opportunities?accountId=\(account)&limit=100").json()[
                    "items"] as? [Any]
            #expect(deals?.count == 10)
        }
    }

    /// Calls logged at once on one lead each count: the lead's counter is read and written with
    /// its row held (PostgreSQL), or one write at a time (SQLite), never from a stale read.
    @Test func simultaneousCallsOnOneLeadAllCount() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.make(app)
            let lead = try await company.create(.repA, "leads", #"{"name":"Busy Lead","source":"website"}"#)
            let statuses = try await Self.atOnce(12) { index in
                try await company.call(
                    .repA, .POST, "/api/v1/activities",
                    #"{"type":"call","subject":"Call \#(index)","leadId":"\#(lead)"}"#
                ).status
            }
            #expect(statuses.allSatisfy { $0 == .created }, "\(statuses.map(\.code))")
            let stored = try await company.call(.repA, .GET, "/api/v1/leads/\(lead)").json()
            #expect(stored["interactionCount"] as? Int == 12, "\(stored["interactionCount"] ?? "none")")
        }
    }

    /// A deal marked won from several requests at once is won once: one sale. Each update works
    /// from the deal as it is when its turn comes.
    @Test func aDealWonFromSeveralRequestsAtOnceRecordsOneSale() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.make(app)
            let account = try await company.create(.repA, "accounts", #"{"name":"Acme"}"#)
            let deal = try await company.create(
                .repA, "opportunities", #"{"name":"Big deal","accountId":"\#(account)","amount":5000}"#)
            let statuses = try await Self.atOnce(6) { _ in
                try await company.call(.repA, .PATCH, "/api/v1/opportunities/\(deal)", #"{"stage":"closed_won"}"#)
                    .status
            }
            #expect(statuses.allSatisfy { $0 == .ok }, "\(statuses.map(\.code))")
            let sales =
                try await company.call(.repA, .GET, "/api/v1/sales?opportunityId=\(deal)").json()["items"] as? [Any]
            #expect(sales?.count == 1)
        }
    }

    /// Sends `count` requests at the same time and gives their statuses.
    private static func atOnce(
        _ count: Int, _ send: @escaping @Sendable (Int) async throws -> HTTPStatus
    ) async throws -> [HTTPStatus] {
        try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
            for index in 0..<count { group.addTask { try await send(index) } }
            return try await group.reduce(into: [HTTPStatus]()) { $0.append($1) }
        }
    }
}
