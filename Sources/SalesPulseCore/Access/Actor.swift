import Foundation

/// Who is asking: everything the policy needs to know about a signed-in user.
public struct Actor: Sendable, Equatable {
    public let userID: UUID
    public let role: Role
    /// Teams the user belongs to or leads.
    public let teamIDs: Set<UUID>
    /// Users whose records a manager may see: direct and indirect reports and members of
    /// the manager's teams. Empty for other roles.
    public let managedUserIDs: Set<UUID>
    /// Whether the company lets this user's role export records with personal data (files,
    /// calendar downloads and feeds). By S1's default every role but the viewer may.
    public let exportGranted: Bool
    /// Whether an admin lets this user's role answer personal-data requests. Read only where
    /// such a request is made; false elsewhere.
    public let privacyGranted: Bool

    public init(
        userID: UUID, role: Role, teamIDs: Set<UUID> = [], managedUserIDs: Set<UUID> = [], exportGranted: Bool? = nil,
        privacyGranted: Bool = false
    ) {
        self.userID = userID
        self.role = role
        self.teamIDs = teamIDs
        self.managedUserIDs = managedUserIDs
        self.exportGranted = exportGranted ?? (role != .viewer)
        self.privacyGranted = privacyGranted
    }

    /// The same person, with the company's answer on personal-data requests for their role.
    public func granting(privacyTo roles: Set<Role>) -> Actor {
        Actor(
            userID: userID, role: role, teamIDs: teamIDs, managedUserIDs: managedUserIDs, exportGranted: exportGranted,
            privacyGranted: roles.contains(role))
    }
}

/// The ownership facts of one row, used to decide whether an actor may see it.
public struct RecordScope: Sendable, Equatable {
    public let ownerID: UUID?
    public let teamID: UUID?
    public let assigneeIDs: Set<UUID>

    public init(ownerID: UUID?, teamID: UUID? = nil, assigneeIDs: Set<UUID> = []) {
        self.ownerID = ownerID
        self.teamID = teamID
        self.assigneeIDs = assigneeIDs
    }
}
