import Foundation

/// Special cases before a form's own rule: a lead whose product interest or region names
/// something goes to the people set for it ("Spanish" to the languages team in turn). The
/// first case that matches decides; with none, the form's rule does.
public struct LeadRoute: Sendable, Equatable, Codable {
    public enum Detail: String, Sendable, Codable, CaseIterable {
        case productInterest, region

        public var label: String {
            switch self {
            case .productInterest: "Product interest"
            case .region: "Region"
            }
        }
    }

    public let when: Detail
    /// Matched anywhere in the detail, ignoring case and accents.
    public let contains: String
    public let rule: LeadAssignment

    public init(when: Detail, contains: String, rule: LeadAssignment) {
        self.when = when
        self.contains = contains
        self.rule = rule
    }

    /// Whether a lead with these details falls under this case.
    public func matches(_ details: [Detail: String]) -> Bool {
        guard let value = details[when] else { return false }
        let needle = contains.trimmingCharacters(in: .whitespaces)
        return !needle.isEmpty && value.range(of: needle, options: [.caseInsensitive, .diacriticInsensitive]) != nil
    }
}
