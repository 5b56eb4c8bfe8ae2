/// Opportunity stages with S2's default probabilities.
public enum OpportunityStage: String, Vocabulary {
    case prospecting, qualification, proposal, negotiation
    case closedWon = "closed_won", closedLost = "closed_lost"

    public var defaultProbability: Int {
        switch self {
        case .prospecting: 10
        case .qualification: 20
        case .proposal: 50
        case .negotiation: 75
        case .closedWon: 100
        case .closedLost: 0
        }
    }

    public var isClosed: Bool { self == .closedWon || self == .closedLost }
}

public enum OpportunityWorkflow {
    /// Open deals move freely between open stages and may close; closed deals are reopened
    /// only by managers and admins; closing as lost needs a reason.
    public static func check(
        from: OpportunityStage, to: OpportunityStage, role: Role, lostReason: String?
    ) throws(WorkflowError) {
        guard from != to else { return }
        let allowed = allowedMoves(from: from, role: role)
        guard allowed.contains(to) else {
            throw WorkflowError(
                message: "Only managers and admins can reopen a closed opportunity.", allowed: allowed.map(\.rawValue))
        }
        if to == .closedLost, (lostReason ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            throw WorkflowError(
                message: "Give a lost reason when closing an opportunity as lost.", allowed: allowed.map(\.rawValue))
        }
    }

    public static func allowedMoves(from: OpportunityStage, role: Role) -> [OpportunityStage] {
        if !from.isClosed { return OpportunityStage.allCases.filter { $0 != from } }
        return role == .admin || role == .manager ? OpportunityStage.allCases.filter { !$0.isClosed } : []
    }
}
