import Fluent
import Foundation
import SalesPulseCore
import Vapor

/// /api/v1/opportunities/:id/approvals: the requests to win a large deal and their answers.
struct DealApprovalsAPIController: RouteCollection {
    struct Person: Content {
        let id: UUID
        let name: String
    }

    struct Item: Content {
        let id: UUID
        let opportunityId: UUID
        let amount: Double
        let state: String
        let requestedBy: Person
        let requestedAt: Date
        let note: String?
        let decidedBy: Person?
        let decidedAt: Date?
        let decisionNote: String?

        init(_ approval: DealApproval, requester: User?, decider: User?) throws {
            id = try approval.requireID()
            opportunityId = approval.opportunityID
            amount = Double(approval.amountCents) / 100
            state = approval.state
            requestedBy = Person(id: approval.$requestedBy.id, name: requester?.name ?? "")
            requestedAt = approval.requestedAt
            note = approval.requestNote
            decidedBy = try decider.map { Person(id: try $0.requireID(), name: $0.name) }
            decidedAt = approval.decidedAt
            decisionNote = approval.decisionNote
        }
    }

    struct Listing: Content {
        /// The company's approval amount; null when no deal needs approval.
        let approvalAmount: Double?
        let needsApproval: Bool
        let items: [Item]
    }

    struct RequestBody: Content, StrictBody {
        var note: String?
        enum CodingKeys: String, CodingKey, CaseIterable { case note }
    }

    struct DecisionBody: Content, StrictBody {
        var decision: String?
        var note: String?
        enum CodingKeys: String, CodingKey, CaseIterable { case decision, note }
    }

    func boot(routes: any RoutesBuilder) throws {
        let approvals = routes.grouped("opportunities", ":id", "approvals")
        approvals.get(use: list)
        approvals.post(use: request)
        approvals.post(":approvalID", "decision", use: decide)
    }

    @Sendable func list(req: Request) async throws -> Listing {
        let deal = try await req.visibleRecord(.opportunities, for: .read)
        let rule = try await req.companySettings.approvalRule()
        let items = try await DealApprovals.history(of: deal.id, on: req.db).map {
            try Item($0, requester: $0.requestedBy, decider: $0.decidedBy)
        }
        return Listing(
            approvalAmount: rule.thresholdCents.map { Double($0) / 100 },
            needsApproval: rule.needsApproval(amountCents: deal[.amount].int ?? 0),
            items: items)
    }

    @Sendable func request(req: Request) async throws -> Response {
        let deal = try await req.visibleRecord(.opportunities, for: .update)
        let body = try req.decodeStrict(RequestBody.self).body
        let approval = try await DealApprovals(context: try await req.recordContext()).request(deal, note: body.note)
        let user = try req.requireUser()
        return try await Item(approval, requester: user, decider: nil).encodeResponse(status: .created, for: req)
    }

    @Sendable func decide(req: Request) async throws -> Item {
        let deal = try await req.dealToApprove()
        let body = try req.decodeStrict(DecisionBody.self).body
        guard let decision = body.decision.flatMap(DealApprovalState.init(rawValue:)), decision != .pending else {
            throw DomainError.invalid(field: "decision", "Say approved or rejected.")
        }
        let approval = try await req.pendingApproval(of: deal, parameter: "approvalID")
        let decided = try await DealApprovals(context: try await req.recordContext()).decide(
            approval, approve: decision == .approved, note: body.note)
        return try Item(
            decided, requester: try await decided.$requestedBy.get(on: req.db), decider: try req.requireUser())
    }
}
