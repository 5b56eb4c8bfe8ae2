/// What a record is compared by, already normalised with `MatchKeys`.
public struct MatchCandidate: Sendable, Equatable {
    public var email: String?
    public var phone: String?
    public var name: String
    public var company: String

    public init(email: String?, phone: String?, name: String, company: String) {
        self.email = email
        self.phone = phone
        self.name = name
        self.company = company
    }

    var isNameOnly: Bool { email == nil && phone == nil && company.isEmpty }
}

/// Why two records look like one.
public enum MatchReason: String, Sendable, Codable, CaseIterable {
    case email, phone, nameAndCompany, name

    public var words: String {
        switch self {
        case .email: "same email"
        case .phone: "same phone"
        case .nameAndCompany: "similar name at the same company"
        case .name: "same name, and nothing else to tell them apart"
        }
    }
}

/// The record or file row a candidate was matched to.
public enum MatchTarget<Record: Hashable & Sendable>: Hashable, Sendable {
    case record(Record)
    case row(Int)
}

public struct DuplicateMatch<Record: Hashable & Sendable>: Sendable, Equatable {
    public let target: MatchTarget<Record>
    public let reason: MatchReason
    /// 1 for exact rules; the name similarity for the fuzzy one.
    public let score: Double
}

/// Everything seen so far (stored records, then earlier rows of the file), looked up by the
/// duplicate rules in order: same email, same phone, a similar name (Jaro-Winkler at least
/// `nameThreshold`) at the same company (legal form ignored), and an identical name when
/// neither side has anything else. Exact keys are kept as hashes so a million rows fit in
/// a few tens of megabytes.
public struct DuplicateIndex<Record: Hashable & Sendable>: Sendable {
    public var nameThreshold = 0.92
    private var emails: [Int: MatchTarget<Record>] = [:]
    private var phones: [Int: MatchTarget<Record>] = [:]
    private var companies: [Int: [(name: [Unicode.Scalar], target: MatchTarget<Record>)]] = [:]
    private var bareNames: [Int: MatchTarget<Record>] = [:]

    public init() {}

    public var isEmpty: Bool { emails.isEmpty && phones.isEmpty && companies.isEmpty && bareNames.isEmpty }

    /// Adds a candidate; an earlier entry with the same key keeps its place.
    public mutating func add(_ candidate: MatchCandidate, as target: MatchTarget<Record>) {
        if let email = candidate.email, !email.isEmpty { emails[email.hashValue] = emails[email.hashValue] ?? target }
        if let phone = candidate.phone, !phone.isEmpty { phones[phone.hashValue] = phones[phone.hashValue] ?? target }
        guard !candidate.name.isEmpty else { return }
        if !candidate.company.isEmpty {
            companies[candidate.company.hashValue, default: []].append((Array(candidate.name.unicodeScalars), target))
        } else if candidate.isNameOnly {
            bareNames[candidate.name.hashValue] = bareNames[candidate.name.hashValue] ?? target
        }
    }

    public func match(_ candidate: MatchCandidate) -> DuplicateMatch<Record>? {
        if let email = candidate.email, !email.isEmpty, let target = emails[email.hashValue] {
            return DuplicateMatch(target: target, reason: .email, score: 1)
        }
        if let phone = candidate.phone, !phone.isEmpty, let target = phones[phone.hashValue] {
            return DuplicateMatch(target: target, reason: .phone, score: 1)
        }
        guard !candidate.name.isEmpty else { return nil }
        if !candidate.company.isEmpty, let people = companies[candidate.company.hashValue] {
            let name = Array(candidate.name.unicodeScalars)
            let digits = name.filter(Self.isDigit)
            var best: (score: Double, target: MatchTarget<Record>)?
            // Numbers in names tell people apart however alike the rest is ("Desk 3", "Desk 6").
            for person in people where person.name.filter(Self.isDigit) == digits {
                let score = JaroWinkler.similarity(name, person.name)
                if score >= nameThreshold, score > (best?.score ?? 0) { best = (score, person.target) }
                if score == 1 { break }
            }
            if let best {
                return DuplicateMatch(
                    target: best.target, reason: .nameAndCompany, score: (best.score * 1000).rounded() / 1000)
            }
        }
        if candidate.isNameOnly, let target = bareNames[candidate.name.hashValue] {
            return DuplicateMatch(target: target, reason: .name, score: 1)
        }
        return nil
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }
}
