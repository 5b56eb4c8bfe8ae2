import Fluent
import Foundation

/// A rep's request to win a deal above the company's approval amount, and a manager's answer.
final class DealApproval: Model, @unchecked Sendable {
    static let schema = "deal_approvals"

    @ID(key: .id) var id: UUID?
    @Field(key: "opportunity_id") var opportunityID: UUID
    /// The deal's amount when asked, in cents: the approval covers up to this.
    @Field(key: "amount") var amountCents: Int64
    @Field(key: "state") var state: String
    @Parent(key: "requested_by") var requestedBy: User
    @Field(key: "requested_at") var requestedAt: Date
    @OptionalField(key: "request_note") var requestNote: String?
    @OptionalParent(key: "decided_by") var decidedBy: User?
    @OptionalField(key: "decided_at") var decidedAt: Date?
    @OptionalField(key: "decision_note") var decisionNote: String?

    init() {}

    init(opportunityID: UUID, amountCents: Int64, requestedBy: UUID, at: Date, note: String?) {
        self.opportunityID = opportunityID
        self.amountCents = amountCents
        self.state = "pending"
        self.$requestedBy.id = requestedBy
        self.requestedAt = at
        self.requestNote = note
    }
}
