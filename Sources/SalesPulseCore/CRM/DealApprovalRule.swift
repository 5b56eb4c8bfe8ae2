/// Deals above the company's approval amount need a manager's yes before a rep may win them.
/// An approval covers the amount it was given for: a deal that grew since needs asking again.
public struct DealApprovalRule: Sendable, Equatable {
    /// In cents; nil means no deal needs approval.
    public let thresholdCents: Int64?

    public init(thresholdCents: Int64?) {
        self.thresholdCents = thresholdCents.flatMap { $0 > 0 ? $0 : nil }
    }

    public func needsApproval(amountCents: Int64) -> Bool {
        guard let thresholdCents else { return false }
        return amountCents > thresholdCents
    }

    /// Whether `role` may move a deal of `amountCents` to Closed Won, given the amount of its
    /// latest granted approval. Managers and admins are the approvers: their own move is the yes.
    public func mayWin(role: Role, amountCents: Int64, approvedCents: Int64?) -> Bool {
        guard needsApproval(amountCents: amountCents), role == .rep else { return true }
        guard let approvedCents else { return false }
        return amountCents <= approvedCents
    }
}

/// Where a request to win a large deal stands.
public enum DealApprovalState: String, Sendable, CaseIterable, Codable {
    case pending, approved, rejected
}
