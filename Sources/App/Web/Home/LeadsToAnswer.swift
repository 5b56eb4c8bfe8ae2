import Foundation
import SalesPulseCore
import Vapor

/// A rep's new leads with nothing logged yet, newest first: the first thing to work, since the
/// first answer's speed decides most of them. The count and the list are the leads list's own
/// query, so "see all" opens the same leads.
struct LeadsToAnswer: Encodable {
    struct Lead: Encodable {
        let name: String
        let href: String
        let detail: String
    }

    let count: Int
    let href: String
    let leads: [Lead]

    static func load(_ req: Request, actor: Actor, ownerID: UUID) async throws -> LeadsToAnswer {
        let filter = [
            "status": LeadStatus.new.rawValue, "interactionCount": "0", "ownerId": ownerID.uuidString,
            "sort": "-createdAt",
        ]
        var query = try RecordListQuery(spec: .leads, parameters: filter.merging(["limit": "5"]) { $1 })
        query.includeSnoozed = false
        let lister = RecordLister(spec: .leads, db: req.db)
        let leads = try await lister.page(query, actor: actor, now: req.now).items.map { lead in
            let source = lead[.source].text.map(FieldLabel.value) ?? ""
            let arrived = WaitingLeads.waited(since: lead.createdAt, now: req.now)
            return Lead(
                name: lead[.name].text ?? "—", href: "/leads/\(lead.id)",
                detail: [source, arrived.isEmpty ? "" : "\(arrived) ago"].filter { !$0.isEmpty }.joined(separator: ", ")
            )
        }
        return LeadsToAnswer(
            count: try await lister.count(query, actor: actor, now: req.now), href: URLQuery.path("/leads", filter),
            leads: leads)
    }
}
