import Documents
import Fluent
import Foundation
import SalesPulseCore
import SQLKit
import Vapor

/// The approval box on a large open deal's page: where the request stands, and the buttons
/// the person looking may use (ask, or approve and reject).
struct DealApprovalPanel: Encodable {
    let summary: String
    let note: String?
    let tone: String
    let canAsk: Bool
    let canDecide: Bool
    /// Whether this person may mark the deal won now.
    let canWin: Bool

    static func make(deal: Record, actor: Actor, canEdit: Bool, on db: any Database) async throws -> DealApprovalPanel?
    {
        guard !(OpportunityStage(rawValue: deal[.stage].text ?? "")?.isClosed ?? true) else { return nil }
        let rule = try await CompanySettings(sql: db.sql).approvalRule()
        let amount = deal[.amount].int ?? 0
        guard rule.needsApproval(amountCents: amount), let threshold = rule.thresholdCents else { return nil }
        let limit = ValueFormat.money(cents: threshold)
        let latest = try await DealApprovals.latest(of: deal.id, on: db)
        let approved = latest?.state == DealApprovalState.approved.rawValue ? latest?.amountCents : nil
        let mayWin = rule.mayWin(role: actor.role, amountCents: amount, approvedCents: approved)
        let canWin = canEdit && mayWin
        let mayDecide =
            AccessPolicy.decideApproval(actor, record: try await RecordSpec.opportunities.scope(of: deal, on: db))
            == .allowed
        let asker = canEdit && !mayWin
        guard let latest else {
            return DealApprovalPanel(
                summary: "Deals above \(limit) need a manager's approval before they are won.", note: nil, tone: "info",
                canAsk: asker, canDecide: false, canWin: canWin)
        }
        let asked =
            "\(latest.requestedBy.name) asked on \(PageDate.format(latest.requestedAt)) to win it at \(ValueFormat.money(cents: latest.amountCents))"
        let decider = latest.decidedBy?.name ?? "A manager"
        let when = latest.decidedAt.map(PageDate.format) ?? ""
        switch DealApprovalState(rawValue: latest.state) ?? .pending {
        case .pending:
            return DealApprovalPanel(
                summary: "Waiting for approval: \(asked).", note: latest.requestNote, tone: "warn",
                canAsk: false, canDecide: mayDecide, canWin: canWin)
        case .approved where amount <= latest.amountCents:
            return DealApprovalPanel(
                summary: "Approved by \(decider) on \(when) for \(ValueFormat.money(cents: latest.amountCents)).",
                note: latest.decisionNote, tone: "good", canAsk: false, canDecide: false, canWin: canWin)
        case .approved:
            return DealApprovalPanel(
                summary:
                    "Approved by \(decider) for \(ValueFormat.money(cents: latest.amountCents)); the deal is now \(ValueFormat.money(cents: amount)), so it needs approval again.",
                note: latest.decisionNote, tone: "warn", canAsk: asker, canDecide: false, canWin: canWin)
        case .rejected:
            return DealApprovalPanel(
                summary: "Rejected by \(decider) on \(when).", note: latest.decisionNote, tone: "bad",
                canAsk: asker, canDecide: false, canWin: canWin)
        }
    }
}
