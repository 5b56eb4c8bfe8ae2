import Documents
import Fluent
import Foundation
import SalesPulseCore
import SQLKit
import Vapor

/// Winning a deal above the company's approval amount (S2): the deal's rep asks, a manager of
/// the owner or team (or an admin) approves or rejects, and only then may the rep mark it won.
/// Each request and answer is written with the job that tells the other side, in one transaction.
struct DealApprovals: Sendable {
    static let requestedKind = "notify.approval-requested"
    static let decidedKind = "notify.approval-decided"
    static let noteLimit = 1_000

    struct Event: Codable, Sendable { let approvalID: UUID }

    let context: RecordContext

    var settings: CompanySettings { CompanySettings(sql: context.db.sql) }

    /// A deal's requests, newest first, with who asked and who answered.
    private static func requests(of dealID: UUID, on db: any Database) -> QueryBuilder<DealApproval> {
        DealApproval.query(on: db).filter(\.$opportunityID == dealID).with(\.$requestedBy).with(\.$decidedBy).sort(
            \.$requestedAt, .descending)
    }

    static func history(of dealID: UUID, on db: any Database) async throws -> [DealApproval] {
        try await requests(of: dealID, on: db).all()
    }

    static func latest(of dealID: UUID, on db: any Database) async throws -> DealApproval? {
        try await requests(of: dealID, on: db).first()
    }

    /// Refuses a rep's move to Closed Won that the rule does not allow yet.
    func checkMayWin(_ change: RecordChange) async throws {
        let rule = try await settings.approvalRule()
        let amount = change[.amount].int ?? 0
        guard rule.needsApproval(amountCents: amount) else { return }
        var approved: Int64?
        if let id = change.old?.id, let latest = try await Self.latest(of: id, on: context.db),
            latest.state == DealApprovalState.approved.rawValue
        {
            approved = latest.amountCents
        }
        guard !rule.mayWin(role: context.actor.role, amountCents: amount, approvedCents: approved) else { return }
        let limit = ValueFormat.money(cents: rule.thresholdCents ?? 0)
        if let approved {
            throw DomainError.invalid(
                field: "stage",
                "The approval covers \(ValueFormat.money(cents: approved)); the deal is now \(ValueFormat.money(cents: amount)). Ask for approval again before marking it won."
            )
        }
        throw DomainError.invalid(
            field: "stage",
            "Deals above \(limit) need a manager's approval before they are won. Ask for approval on the deal.")
    }

    func request(_ deal: Record, note: String?) async throws -> DealApproval {
        guard !(OpportunityStage(rawValue: deal[.stage].text ?? "")?.isClosed ?? false) else {
            throw DomainError.conflict(field: "stage", message: "This deal is closed; there is nothing to approve.")
        }
        let rule = try await settings.approvalRule()
        let amount = deal[.amount].int ?? 0
        guard rule.needsApproval(amountCents: amount) else {
            throw DomainError.invalid(
                field: "amount",
                rule.thresholdCents == nil
                    ? "Deals need no approval here: an admin has not set an approval amount."
                    : "Deals up to \(ValueFormat.money(cents: rule.thresholdCents ?? 0)) are won without approval.")
        }
        if let latest = try await Self.latest(of: deal.id, on: context.db) {
            if latest.state == DealApprovalState.pending.rawValue {
                throw DomainError.conflict(
                    field: nil,
                    message:
                        "Approval was already asked on \(PageDate.format(latest.requestedAt)); it waits for a manager.")
            }
            if latest.state == DealApprovalState.approved.rawValue, amount <= latest.amountCents {
                throw DomainError.conflict(
                    field: nil,
                    message: "This deal is already approved for \(ValueFormat.money(cents: latest.amountCents)).")
            }
        }
        let approval = DealApproval(
            opportunityID: deal.id, amountCents: amount, requestedBy: context.actor.userID, at: context.now,
            note: try Self.note(note))
        return try await context.db.writeTransaction { tx in
            try await approval.create(on: tx)
            try await JobQueue(db: tx).enqueue(
                Self.requestedKind, payload: Event(approvalID: try approval.requireID()), now: context.now)
            return approval
        }
    }

    /// The caller has checked that the actor may decide for this deal.
    func decide(_ approval: DealApproval, approve: Bool, note: String?) async throws -> DealApproval {
        guard approval.state == DealApprovalState.pending.rawValue else {
            throw DomainError.conflict(field: nil, message: "This request was already \(approval.state).")
        }
        approval.state = (approve ? DealApprovalState.approved : .rejected).rawValue
        approval.$decidedBy.id = context.actor.userID
        approval.decidedAt = context.now
        approval.decisionNote = try Self.note(note)
        return try await context.db.writeTransaction { tx in
            try await approval.update(on: tx)
            try await JobQueue(db: tx).enqueue(
                Self.decidedKind, payload: Event(approvalID: try approval.requireID()), now: context.now)
            return approval
        }
    }

    private static func note(_ text: String?) throws -> String? {
        guard let text = text?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
        guard text.count <= noteLimit else {
            throw DomainError.invalid(field: "note", "Keep the note under \(noteLimit) characters.")
        }
        return text
    }
}

extension Request {
    /// A deal the actor may decide approvals for; a rep who sees it is refused, others are not told it exists.
    func dealToApprove() async throws -> Record {
        let deal = try await visibleRecord(.opportunities, for: .read)
        switch AccessPolicy.decideApproval(
            try await actor(), record: try await RecordSpec.opportunities.scope(of: deal, on: db))
        {
        case .allowed: return deal
        case .forbidden:
            throw DomainError.forbidden(
                "Only a manager of the deal's owner or team, or an admin, can approve or reject it.")
        case .notFound: throw DomainError.notFound("No such opportunity.")
        }
    }

    func pendingApproval(of deal: Record, parameter: String? = nil) async throws -> DealApproval {
        var query = DealApproval.query(on: db).filter(\.$opportunityID == deal.id)
        if let parameter {
            guard let id = parameters.get(parameter, as: UUID.self) else {
                throw DomainError.notFound("No such approval request.")
            }
            query = query.filter(\.$id == id)
        } else {
            query = query.filter(\.$state == DealApprovalState.pending.rawValue)
        }
        guard let approval = try await query.sort(\.$requestedAt, .descending).first() else {
            throw DomainError.notFound(
                parameter == nil ? "Nobody has asked to approve this deal." : "No such approval request.")
        }
        return approval
    }
}
