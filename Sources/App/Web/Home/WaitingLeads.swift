import Fluent
import Foundation
import SalesPulseCore
import Vapor

/// Leads the team has kept waiting, for managers' and admins' home: new leads with nothing
/// logged an hour after they arrived (the same first activity the response-time figures
/// measure), and open leads nobody owns. Each figure opens the list behind it, counted by the
/// same query the list runs, so the two agree.
struct WaitingLeads: Encodable {
    struct Lead: Encodable {
        let name: String
        let href: String
        let owner: String
        let waited: String
    }

    static let answerWithin: TimeInterval = 3600

    let slowCount: Int
    let slowHref: String
    let slow: [Lead]
    let unassignedCount: Int
    let unassignedHref: String

    static func load(_ req: Request, actor: Actor) async throws -> WaitingLeads {
        let lister = RecordLister(spec: .leads, db: req.db)
        let cutoff = InternetTime.format(req.now.addingTimeInterval(-answerWithin))
        let slowFilter = [
            "status": LeadStatus.new.rawValue, "interactionCount": "0", "createdTo": cutoff, "sort": "createdAt",
        ]
        var slowQuery = try RecordListQuery(spec: .leads, parameters: slowFilter.merging(["limit": "5"]) { $1 })
        slowQuery.includeSnoozed = false
        let open = LeadStatus.allCases.filter(\.isOpen).map(\.rawValue).joined(separator: ",")
        let unassignedFilter = ["ownerId": RecordListQuery.noneValue, "status": open]
        var unassignedQuery = try RecordListQuery(spec: .leads, parameters: unassignedFilter)
        unassignedQuery.includeSnoozed = false
        let oldest = try await lister.page(slowQuery, actor: actor, now: req.now).items
        let ownerIDs = Set(oldest.compactMap { $0[.ownerId].uuid })
        let owners = try await User.query(on: req.db).filter(\.$id ~~ Array(ownerIDs)).all()
            .reduce(into: [UUID: String]()) { names, user in if let id = user.id { names[id] = user.name } }
        return WaitingLeads(
            slowCount: try await lister.count(slowQuery, actor: actor, now: req.now),
            slowHref: URLQuery.path("/leads", slowFilter),
            slow: oldest.map { lead in
                Lead(
                    name: lead[.name].text ?? "—", href: "/leads/\(lead.id)",
                    owner: lead[.ownerId].uuid.flatMap { owners[$0] } ?? "nobody",
                    waited: waited(since: lead.createdAt, now: req.now))
            },
            unassignedCount: try await lister.count(unassignedQuery, actor: actor, now: req.now),
            unassignedHref: URLQuery.path("/leads", unassignedFilter))
    }

    /// "5 min", "3 h", "2 days".
    static func waited(since arrived: Date?, now: Date) -> String {
        guard let arrived else { return "" }
        let minutes = Int(now.timeIntervalSince(arrived) / 60)
        if minutes < 60 { return "\(max(minutes, 1)) min" }
        let hours = minutes / 60
        if hours < 48 { return "\(hours) h" }
        return "\(hours / 24) days"
    }
}
