@testable import App
import Foundation
import SalesML
import Testing
import Vapor
import VaporTesting

/// The roll-ups kept by every write equal a rebuild from scratch, whatever mix of writes came
/// first: a seeded random sequence of creates, edits, deletes, conversions, won, lost and
/// reopened deals over several days, then a burst of writes at once.
@Suite(.serialized) struct RollupAgreementTests {
    @Test(arguments: [UInt64(2_026), 7])
    func writesAndARebuildGiveTheSameRollups(seed: UInt64) async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.make(app)
            var workload = RollupWorkload(company: company, random: SeededRandom(seed: seed))
            // given a seeded mix of two hundred writes spread over about a week
            for _ in 0..<200 { try await workload.step() }
            #expect(workload.succeeded >= 150, "most writes are meant to land: \(workload.succeeded)")
            // and twenty-four writes of both reps sent at once
            let statuses = try await withThrowingTaskGroup(of: [HTTPStatus].self) { group in
                for index in 0..<24 {
                    group.addTask { try await RollupWorkload.concurrentDeal(company, index: index) }
                }
                return try await group.reduce(into: [HTTPStatus]()) { $0 += $1 }
            }
            #expect(statuses.allSatisfy { (200..<300).contains($0.code) }, "\(statuses.map(\.code))")
            // then the rows the writes kept are exactly the rows a rebuild counts
            #expect(try await rollupRows(app).count > 10)
            let differences = try await rollupDifferencesFromRebuild(app)
            #expect(differences.isEmpty, "\(differences)")
        }
    }
}

/// Random writes through the API, remembering what exists so later steps can edit it.
private struct RollupWorkload {
    let company: CRMCompany
    var random: SeededRandom
    var leads: [String] = []
    var deals: [(id: String, stage: String)] = []
    var activities: [String] = []
    var tasks: [String] = []
    var sales: [String] = []
    var account: String?
    var succeeded = 0

    private static let sources = ["website", "referral", "trade_show", "cold_call"]
    private static let reps: [CRMCompany.Person] = [.repA, .repB]

    private var app: Application { company.app }

    private mutating func pick(_ options: [String]) -> String { options.randomElement(using: &random)! }

    private mutating func rep() throws -> String { try company.id(Self.reps.randomElement(using: &random)!) }

    /// An instant some days before the app's now, so activities and sales land on many days.
    private mutating func pastInstant() -> String {
        let date = app.clock.now().addingTimeInterval(-Double(Int.random(in: 0...5, using: &random)) * 86_400 - 600)
        return ISO8601DateFormatter().string(from: date)
    }

    /// Written as admin (who may give records to anyone); a refusal is fine, a server error is not.
    @discardableResult
    private mutating func send(
        _ method: HTTPMethod, _ path: String, _ json: String? = nil
    ) async throws -> [String: Any]? {
        let response = try await company.call(.admin, method, path, json)
        #expect(response.status.code < 500, "\(method) \(path): \(response.text)")
        guard (200..<300).contains(response.status.code) else { return nil }
        succeeded += 1
        return response.status == .noContent ? [:] : try response.json()
    }

    private mutating func created(_ path: String, _ json: String) async throws -> String? {
        try await send(.POST, "/api/v1/\(path)", json)?["id"] as? String
    }

    mutating func step() async throws {
        switch Int.random(in: 0..<14, using: &random) {
        case 0, 1:
            let json = #"{"name":"Lead \#(leads.count)","source":"\#(pick(Self.sources))","ownerId":"\#(try rep())"}"#
            if let id = try await created("leads", json) { leads.append(id) }
        case 2:
            guard let lead = leads.randomElement(using: &random) else { return }
            let json =
                Bool.random(using: &random) ? #"{"source":"\#(pick(Self.sources))"}"# : #"{"ownerId":"\#(try rep())"}"#
            try await send(.PATCH, "/api/v1/leads/\(lead)", json)
        case 3:
            guard let lead = leads.randomElement(using: &random) else { return }
            let json = pick([
                #"{"status":"contacted"}"#, #"{"status":"qualified"}"#, #"{"status":"lost","lostReason":"No budget"}"#,
            ])
            try await send(.PATCH, "/api/v1/leads/\(lead)", json)
        case 4:
            guard let lead = leads.randomElement(using: &random) else { return }
            let json = #"{"opportunity":{"name":"From lead","amount":\#(Int.random(in: 100...5_000, using: &random))}}"#
            if let result = try await send(.POST, "/api/v1/leads/\(lead)/convert", json),
                let deal = (result["opportunity"] as? [String: Any])?["id"] as? String
            {
                deals.append((deal, "prospecting"))
            }
        case 5, 6:
            let lead =
                Bool.random(using: &random)
                ? leads.randomElement(using: &random).map { #","leadId":"\#($0)""# } ?? "" : ""
            let json =
                #"{"type":"\#(pick(["call", "meeting", "email"]))","subject":"Touch","userId":"\#(try rep())","occurredAt":"\#(pastInstant())"\#(lead)}"#
            if let id = try await created("activities", json) { activities.append(id) }
        case 7:
            guard let activity = activities.randomElement(using: &random) else { return }
            if Bool.random(using: &random) {
                try await send(.PATCH, "/api/v1/activities/\(activity)", #"{"occurredAt":"\#(pastInstant())"}"#)
            } else if try await send(.DELETE, "/api/v1/activities/\(activity)") != nil {
                activities.removeAll { $0 == activity }
            }
        case 8:
            // due long ago or far ahead, so moving the clock cannot change what counts as overdue
            let due = pick(["2020-01-0\(Int.random(in: 1...9, using: &random))T09:00:00Z", "2030-01-01T09:00:00Z"])
            if let id = try await created(
                "tasks", #"{"title":"Call back","type":"follow_up","assigneeId":"\#(try rep())","dueAt":"\#(due)"}"#)
            {
                tasks.append(id)
            }
        case 9:
            guard let task = tasks.randomElement(using: &random) else { return }
            try await send(.POST, "/api/v1/tasks/\(task)/complete")
        case 10:
            if account == nil { account = try await created("accounts", #"{"name":"Acme"}"#) }
            let json =
                #"{"name":"Deal","accountId":"\#(account ?? "")","amount":\#(Int.random(in: 100...5_000, using: &random)),"ownerId":"\#(try rep())"}"#
            if let id = try await created("opportunities", json) { deals.append((id, "prospecting")) }
        case 11:
            guard let index = deals.indices.randomElement(using: &random) else { return }
            let closed = deals[index].stage.hasPrefix("closed")
            let stage =
                closed
                ? pick(["proposal", "negotiation"])
                : pick(["qualification", "closed_won", "closed_won", "closed_lost"])
            let reason = stage == "closed_lost" ? #","lostReason":"Price""# : ""
            if try await send(.PATCH, "/api/v1/opportunities/\(deals[index].id)", #"{"stage":"\#(stage)"\#(reason)}"#)
                != nil
            {
                deals[index].stage = stage
            }
        case 12:
            let kind = Int.random(in: 0..<3, using: &random)
            if kind == 0, let lead = leads.randomElement(using: &random) {
                if try await send(.DELETE, "/api/v1/leads/\(lead)?cascade=true") != nil {
                    leads.removeAll { $0 == lead }
                }
            } else if kind == 1, let deal = deals.randomElement(using: &random) {
                if try await send(.DELETE, "/api/v1/opportunities/\(deal.id)?cascade=true") != nil {
                    deals.removeAll { $0.id == deal.id }
                }
            } else {
                let day = String(pastInstant().prefix(10))
                if let id = try await created(
                    "sales",
                    #"{"amount":\#(Int.random(in: 100...900, using: &random)),"repId":"\#(try rep())","soldOn":"\#(day)"}"#
                ) {
                    sales.append(id)
                }
            }
        default:
            app.clock.advance(by: Double(Int.random(in: 1...20, using: &random)) * 3_600)
        }
    }

    /// A rep's lead, its first call, its conversion and the deal won from it, as one client would send them.
    static func concurrentDeal(_ company: CRMCompany, index: Int) async throws -> [HTTPStatus] {
        let rep: CRMCompany.Person = index % 2 == 0 ? .repA : .repB
        let lead = try await company.call(
            rep, .POST, "/api/v1/leads", #"{"name":"Rush \#(index)","source":"\#(sources[index % sources.count])"}"#)
        guard let leadID = try? lead.json()["id"] as? String else { return [lead.status] }
        let call = try await company.call(
            rep, .POST, "/api/v1/activities", #"{"type":"call","subject":"First call","leadId":"\#(leadID)"}"#)
        let converted = try await company.call(
            rep, .POST, "/api/v1/leads/\(leadID)/convert",
            #"{"opportunity":{"name":"Rush deal \#(index)","amount":\#(100 + index)}}"#)
        guard let dealID = ((try? converted.json())?["opportunity"] as? [String: Any])?["id"] as? String else {
            return [lead.status, call.status, converted.status]
        }
        let won = try await company.call(rep, .PATCH, "/api/v1/opportunities/\(dealID)", #"{"stage":"closed_won"}"#)
        return [lead.status, call.status, converted.status, won.status]
    }
}
