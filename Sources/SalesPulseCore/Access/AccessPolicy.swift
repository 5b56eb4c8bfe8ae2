import Foundation

public enum Action: String, Sendable, CaseIterable {
    case read, create, update, delete, export
}

/// What a permission check is about. Later record types map onto these kinds.
public enum Resource: String, Sendable, CaseIterable {
    /// User accounts (admin pages, /api/v1/users).
    case user
    /// Teams: reference data everyone reads, admins maintain.
    case team
    /// A user's own personal API tokens.
    case apiToken
    /// Leads, accounts, opportunities and other owned CRM rows.
    case businessRecord
    /// Products, regions, segments and similar shared lists.
    case referenceData
    /// System settings.
    case settings
    /// The full audit trail across records (a record's own history goes with the record).
    case auditTrail
    /// Admin-defined structure such as custom lead fields: everyone reads it, admins change it.
    case fieldDefinition
    /// Trained models: read by everyone, trained by managers and admins.
    case model
    /// Background jobs and the outgoing mail: admins only.
    case jobs
    /// Backups of the whole company, its schedule and its files: admins only.
    case backups
    /// A person's data across the CRM: the access export and the erasure. Admins, and the
    /// roles an admin grants it to.
    case personalData
}

public enum AccessDecision: Sendable, Equatable {
    case allowed
    /// The actor may know the row exists but may not do this to it.
    case forbidden
    /// The actor may not even know the row exists.
    case notFound
}

/// The single place where S1's role rules live. Web and API routes both ask it.
public enum AccessPolicy {
    /// Decides `action` on `resource`; `record` is nil for collection-level checks (list, create).
    public static func decide(
        _ actor: Actor, _ action: Action, _ resource: Resource, record: RecordScope? = nil
    ) -> AccessDecision {
        if actor.role == .admin { return .allowed }
        if resource == .personalData { return actor.privacyGranted ? .allowed : .forbidden }
        if action == .export { return decideExport(actor, resource, record) }
        switch resource {
        case .settings, .auditTrail, .jobs, .backups:
            return .forbidden
        case .fieldDefinition:
            return action == .read ? .allowed : .forbidden
        case .team, .referenceData:
            if action == .read { return .allowed }
            return resource == .referenceData && actor.role == .manager ? .allowed : .forbidden
        case .model:
            if action == .read { return .allowed }
            return actor.role == .manager ? .allowed : .forbidden
        case .personalData:
            return .forbidden
        case .apiToken:
            guard let record else { return action == .read || action == .create ? .allowed : .forbidden }
            return record.ownerID == actor.userID ? .allowed : .notFound
        case .user:
            return decideUser(actor, action, record)
        case .businessRecord:
            return decideBusinessRecord(actor, action, record)
        }
    }

    /// Who decides a request to win a large deal: admins, and managers of the deal's owner or
    /// team. A rep who sees the deal is refused; people who cannot see it are not told it exists.
    public static func decideApproval(_ actor: Actor, record: RecordScope) -> AccessDecision {
        if actor.role == .admin || managesRecord(actor, record) { return .allowed }
        return canSee(actor, record) ? .forbidden : .notFound
    }

    /// Whether the actor sees the row at all.
    public static func canSee(_ actor: Actor, _ record: RecordScope) -> Bool {
        switch actor.role {
        case .admin, .viewer:
            return true
        case .manager:
            return isOwnOrAssigned(actor, record) || managesRecord(actor, record)
        case .rep:
            return isOwnOrAssigned(actor, record)
        }
    }

    /// The owners whose rows a list may show: nil means every row.
    public static func visibleOwnerIDs(_ actor: Actor) -> Set<UUID>? {
        switch actor.role {
        case .admin, .viewer: nil
        case .manager: actor.managedUserIDs.union([actor.userID])
        case .rep: [actor.userID]
        }
    }

    /// Exports carry personal data out of the app, so they need the company's grant as well as
    /// sight of the rows.
    private static func decideExport(_ actor: Actor, _ resource: Resource, _ record: RecordScope?) -> AccessDecision {
        guard resource == .businessRecord else { return .forbidden }
        if let record, !canSee(actor, record) { return .notFound }
        return actor.exportGranted ? .allowed : .forbidden
    }

    private static func decideUser(_ actor: Actor, _ action: Action, _ record: RecordScope?) -> AccessDecision {
        guard actor.role == .manager, action == .read else {
            if let record, action == .read, record.ownerID == actor.userID { return .allowed }
            return .forbidden
        }
        guard let record else { return .allowed }
        return record.ownerID == actor.userID || managesRecord(actor, record) ? .allowed : .notFound
    }

    private static func decideBusinessRecord(_ actor: Actor, _ action: Action, _ record: RecordScope?) -> AccessDecision
    {
        if actor.role == .viewer {
            return action == .read ? .allowed : .forbidden
        }
        guard let record else { return .allowed }
        return canSee(actor, record) ? .allowed : .notFound
    }

    private static func isOwnOrAssigned(_ actor: Actor, _ record: RecordScope) -> Bool {
        record.ownerID == actor.userID || record.assigneeIDs.contains(actor.userID)
    }

    private static func managesRecord(_ actor: Actor, _ record: RecordScope) -> Bool {
        guard actor.role == .manager else { return false }
        if let owner = record.ownerID, actor.managedUserIDs.contains(owner) { return true }
        if let team = record.teamID, actor.teamIDs.contains(team) { return true }
        return false
    }
}
