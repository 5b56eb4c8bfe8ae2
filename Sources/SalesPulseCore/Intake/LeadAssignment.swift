import Foundation

/// Who gets a lead that arrives by itself: a named rep, the next rep of a team in turn, or the
/// team's rep with the fewest open leads. People who are not active are skipped; when nobody
/// fits, the fallback owner takes it.
public enum LeadAssignment: Sendable, Equatable, Codable {
    case named(UUID)
    case roundRobin(team: UUID)
    case leastLoaded(team: UUID)

    public struct Candidate: Sendable, Equatable {
        public let id: UUID
        public let active: Bool
        public let openLeads: Int

        public init(id: UUID, active: Bool, openLeads: Int = 0) {
            self.id = id
            self.active = active
            self.openLeads = openLeads
        }
    }

    /// The owner for the next lead. `candidates` are the named person or the team's members;
    /// `last` is who the rule gave the previous lead to.
    public func pick(_ candidates: [Candidate], last: UUID?, fallback: UUID?) -> UUID? {
        let active = candidates.filter(\.active).sorted { $0.id.uuidString < $1.id.uuidString }
        switch self {
        case .named(let id):
            return active.contains { $0.id == id } ? id : fallback
        case .roundRobin:
            guard !active.isEmpty else { return fallback }
            guard let last, let index = active.firstIndex(where: { $0.id.uuidString > last.uuidString }) else {
                return active[0].id
            }
            return active[index].id
        case .leastLoaded:
            return active.min { ($0.openLeads, $0.id.uuidString) < ($1.openLeads, $1.id.uuidString) }?.id ?? fallback
        }
    }
}
