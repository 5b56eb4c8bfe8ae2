import Documents
import Fluent
import Foundation
import SalesPulseCore
import SQLKit
import Vapor

/// Tells the approvers of a request, and the rep of the answer: in-app and, by choice, by email.
enum ApprovalNotices {
    static func register(_ app: Application) {
        app.jobHandlers.register(DealApprovals.requestedKind) { context in try await requested(context) }
        app.jobHandlers.register(DealApprovals.decidedKind) { context in try await decided(context) }
    }

    private struct Deal: Decodable {
        let name: String
        let owner_id: UUID?
    }

    private static func load(_ context: JobContext) async throws -> (DealApproval, Deal)? {
        let event = try context.payload(DealApprovals.Event.self)
        guard
            let approval = try await DealApproval.query(on: context.app.db).filter(\.$id == event.approvalID)
                .with(\.$requestedBy).with(\.$decidedBy).first(),
            let deal = try await context.app.db.sql.select().columns("name", "owner_id").from("opportunities")
                .where("id", .equal, SQLBind(approval.opportunityID)).first(decoding: Deal.self)
        else { return nil }
        return (approval, deal)
    }

    /// The owner's manager; else the lead of the owner's team; else every admin.
    private static func approvers(of deal: Deal, on db: any Database) async throws -> [UUID] {
        var owner: User?
        if let ownerID = deal.owner_id { owner = try await User.find(ownerID, on: db) }
        if let manager = owner?.$manager.id { return [manager] }
        if let teamID = owner?.$team.id, let lead = try await Team.find(teamID, on: db)?.leadID { return [lead] }
        return try await User.query(on: db).filter(\.$role == .admin).filter(\.$isActive == true).all().compactMap(\.id)
    }

    /// One notice per recipient, in one transaction; the job's id keeps a retry from repeating one.
    private static func tell(
        _ recipients: [UUID], _ kind: NotificationInbox.Kind, title: String, body: String?,
        about approval: DealApproval, email: NotificationInbox.Email, _ context: JobContext
    ) async throws {
        let app = context.app, now = app.clock.now()
        try await app.db.writeTransaction { tx in
            let inbox = NotificationInbox(app: app, db: tx)
            for userID in recipients {
                try await inbox.notify(
                    userID, kind, title: title, body: body, link: "/opportunities/\(approval.opportunityID)",
                    key: "\(kind.rawValue):\(context.job.id):\(userID)", email: email, now: now)
            }
        }
    }

    private static func requested(_ context: JobContext) async throws {
        guard let (approval, deal) = try await load(context) else { return }
        let amount = ValueFormat.money(cents: approval.amountCents)
        let who = approval.requestedBy.name
        let recipients = try await approvers(of: deal, on: context.app.db).filter { $0 != approval.$requestedBy.id }
        try await tell(
            recipients, .approvalRequested, title: "\(who) asks you to approve \(deal.name) (\(amount))",
            body: approval.requestNote,
            about: approval,
            email: .init(
                template: "approval", subject: "Approval needed: \(deal.name), \(amount)",
                context: [
                    "headline": "\(who) asks you to approve a deal before it is won",
                    "deal": deal.name, "amount": amount, "note": approval.requestNote ?? "",
                    "action": "Approve or reject it on the deal page.",
                ]),
            context)
    }

    private static func decided(_ context: JobContext) async throws {
        guard let (approval, deal) = try await load(context) else { return }
        let amount = ValueFormat.money(cents: approval.amountCents)
        let approved = approval.state == DealApprovalState.approved.rawValue
        let by = approval.decidedBy?.name ?? "A manager"
        let verdict = approved ? "approved" : "rejected"
        let recipients = Set([approval.$requestedBy.id] + (deal.owner_id.map { [$0] } ?? [])).subtracting(
            [approval.$decidedBy.id].compactMap { $0 })
        try await tell(
            recipients.sorted { $0.uuidString < $1.uuidString }, .approvalDecided,
            title: "\(by) \(verdict) \(deal.name) (\(amount))",
            body: approval.decisionNote, about: approval,
            email: .init(
                template: "approval", subject: "\(deal.name) was \(verdict)",
                context: [
                    "headline": "\(by) \(verdict) your request to win this deal",
                    "deal": deal.name, "amount": amount, "note": approval.decisionNote ?? "",
                    "action": approved ? "You can mark it won now." : "Talk it over, change the deal and ask again.",
                ]),
            context)
    }
}
