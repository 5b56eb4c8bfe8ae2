/// The four roles of S1. Raw values are what the CLI, API and database use.
public enum Role: String, Codable, CaseIterable, Sendable, Comparable {
    case admin
    case manager
    case rep
    case viewer

    /// Accepts the short names and the long names a person might type.
    public init?(parsing text: String) {
        let key = text.trimmingCharacters(in: .whitespaces).lowercased()
            .replacingOccurrences(of: "-", with: "_")
            .replacingOccurrences(of: " ", with: "_")
        switch key {
        case "admin", "administrator": self = .admin
        case "manager", "sales_manager": self = .manager
        case "rep", "representative", "sales_rep", "sales_representative": self = .rep
        case "viewer", "read_only": self = .viewer
        default: return nil
        }
    }

    public var displayName: String {
        switch self {
        case .admin: "Admin"
        case .manager: "Sales Manager"
        case .rep: "Sales Representative"
        case .viewer: "Viewer"
        }
    }

    private var rank: Int {
        switch self {
        case .admin: 0
        case .manager: 1
        case .rep: 2
        case .viewer: 3
        }
    }

    public static func < (lhs: Role, rhs: Role) -> Bool { lhs.rank < rhs.rank }
}
