/// Lead statuses and the moves S2 allows between them.
public enum LeadStatus: String, Vocabulary {
    case new, contacted, qualified, converted, lost

    public var isOpen: Bool { self == .new || self == .contacted || self == .qualified }

    var rank: Int {
        switch self {
        case .new: 0
        case .contacted: 1
        case .qualified: 2
        case .converted: 3
        case .lost: 4
        }
    }
}

/// A move the workflow refuses, with the moves that are allowed from there.
public struct WorkflowError: Error, Sendable, Equatable {
    public let message: String
    public let allowed: [String]
}

public enum LeadWorkflow {
    /// Open leads move forward (New → Contacted → Qualified, skipping allowed) or to Lost with a
    /// reason; Converted is reached only by conversion; reopening Lost is for managers and admins.
    public static func check(from: LeadStatus, to: LeadStatus, role: Role, lostReason: String?) throws(WorkflowError) {
        guard from != to else { return }
        let allowed = allowedMoves(from: from, role: role)
        guard allowed.contains(to) else {
            let reason: String
            switch (from, to) {
            case (_, .converted):
                reason =
                    "A lead becomes Converted only through conversion, which creates its account, contact and deal: use Convert on the lead."
            case (.converted, _): reason = "A converted lead cannot change status."
            case (.lost, _): reason = "Only managers and admins can reopen a lost lead."
            default: reason = "A lead cannot move back from \(from.rawValue) to \(to.rawValue)."
            }
            throw WorkflowError(message: reason, allowed: allowed.map(\.rawValue))
        }
        if to == .lost, (lostReason ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            throw WorkflowError(
                message: "Give a lost reason when marking a lead Lost.", allowed: allowed.map(\.rawValue))
        }
    }

    public static func allowedMoves(from: LeadStatus, role: Role) -> [LeadStatus] {
        switch from {
        case .new, .contacted, .qualified:
            return LeadStatus.allCases.filter { $0.isOpen && $0.rank > from.rank } + [.lost]
        case .lost:
            return role == .admin || role == .manager ? [.new, .contacted, .qualified] : []
        case .converted:
            return []
        }
    }
}
