import Foundation
import SalesPulseCore
import Vapor

/// The deal page's approval forms: a rep asks, a manager approves or rejects.
struct DealApprovalPagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let approval = routes.grouped("opportunities", ":id", "approval")
        approval.post(use: ask)
        approval.post("decision", use: decide)
    }

    @Sendable func ask(req: Request) async throws -> Response {
        struct Form: Content { var note: String? }
        let deal = try await req.visibleRecord(.opportunities, for: .update)
        let note = try req.content.decode(Form.self).note
        return try await answer(req, deal) {
            _ = try await DealApprovals(context: try await req.recordContext()).request(deal, note: note)
        }
    }

    @Sendable func decide(req: Request) async throws -> Response {
        struct Form: Content { var decision: String?; var note: String? }
        let deal = try await req.dealToApprove()
        let form = try req.content.decode(Form.self)
        return try await answer(req, deal) {
            guard let decision = form.decision.flatMap(DealApprovalState.init(rawValue:)), decision != .pending else {
                throw DomainError.invalid(field: "decision", "Choose Approve or Reject.")
            }
            let approval = try await req.pendingApproval(of: deal)
            _ = try await DealApprovals(context: try await req.recordContext()).decide(
                approval, approve: decision == .approved, note: form.note)
        }
    }

    /// Back to the deal, saying what went wrong in plain words when the request could not be done.
    private func answer(_ req: Request, _ deal: Record, _ work: () async throws -> Void) async throws -> Response {
        let back = "/opportunities/\(deal.id)"
        do {
            try await work()
        } catch {
            let payload = ErrorPayload(error)
            guard payload.isShownOnForm || payload.status == .conflict || payload.status == .notFound else {
                throw error
            }
            return req.redirect(to: URLQuery.path(back, ["message": payload.message]))
        }
        return req.redirect(to: URLQuery.path(back, ["saved": "1"]))
    }
}
