import Foundation

/// What scoring knows about a lead, as plain values.
public struct LeadSnapshot: Sendable, Equatable {
    public var source: LeadSource
    public var hasBudget: Bool
    public var budgetCents: Int64?
    public var authority: Bool?
    public var hasNeed: Bool
    public var hasTimeline: Bool
    public var engagement: EngagementLevel
    public var interactionCount: Int
    public var daysSinceLastInteraction: Double?
    public var daysSinceCreated: Double
    public var hasEmail: Bool
    public var hasPhone: Bool

    public init(
        source: LeadSource, budgetCents: Int64?, authority: Bool?, hasNeed: Bool, hasTimeline: Bool,
        engagement: EngagementLevel,
        interactionCount: Int, daysSinceLastInteraction: Double?, daysSinceCreated: Double, hasEmail: Bool,
        hasPhone: Bool
    ) {
        self.source = source
        self.hasBudget = budgetCents != nil
        self.budgetCents = budgetCents
        self.authority = authority
        self.hasNeed = hasNeed
        self.hasTimeline = hasTimeline
        self.engagement = engagement
        self.interactionCount = interactionCount
        self.daysSinceLastInteraction = daysSinceLastInteraction
        self.daysSinceCreated = daysSinceCreated
        self.hasEmail = hasEmail
        self.hasPhone = hasPhone
    }

    /// The model's inputs, in `featureNames` order.
    public var features: [Double] {
        LeadSource.allCases.map { $0 == source ? 1 : 0 } + [
            budgetCents.map { log1p(Double($0) / 100) } ?? 0, authority.map { $0 ? 1 : 0 } ?? 0.5, hasNeed ? 1 : 0,
            hasTimeline ? 1 : 0,
            Double(["low": 0, "medium": 1, "high": 2][engagement.rawValue]!), Double(interactionCount),
            min(daysSinceLastInteraction ?? 365, 365), min(daysSinceCreated, 730), hasEmail ? 1 : 0, hasPhone ? 1 : 0,
        ]
    }

    public static let featureNames: [String] =
        LeadSource.allCases.map { "source=\($0.rawValue)" } + [
            "budget", "authority", "need", "timeline", "engagement", "interactions", "days since last interaction",
            "age in days",
            "has email", "has phone",
        ]
}

/// One reason behind a score, in points (heuristic) or log-odds (model).
public struct ScoreFactor: Sendable, Equatable, Codable {
    public let name: String
    public let effect: Double

    public init(name: String, effect: Double) {
        self.name = name
        self.effect = effect
    }
}

/// S5's fallback until there are enough closed leads to learn from. Documented weights:
/// source quality 30, BANT completeness 25, engagement 20, recency 15, interactions 10.
public enum LeadHeuristic {
    /// How often leads from each source convert in a typical sales team, 0–1.
    public static let sourceQuality: [LeadSource: Double] = [
        .referral: 0.9, .tradeShow: 0.7, .callTracking: 0.6, .website: 0.5, .whatsapp: 0.45, .landingPage: 0.4,
        .telegramBot: 0.35, .socialMedia: 0.3, .instagramAds: 0.3, .other: 0.3, .coldCall: 0.2, .importFile: 0.2,
    ]

    public static func score(_ lead: LeadSnapshot) -> (score: Int, factors: [ScoreFactor]) {
        let bant =
            Double([lead.hasBudget, lead.authority == true, lead.hasNeed, lead.hasTimeline].filter { $0 }.count) / 4
        let engagement = ["low": 0.2, "medium": 0.6, "high": 1.0][lead.engagement.rawValue]!
        let recency: Double =
            switch lead.daysSinceLastInteraction {
            case .none: 0
            case .some(let days) where days <= 7: 1
            case .some(let days) where days <= 30: 0.6
            case .some(let days) where days <= 90: 0.3
            default: 0.1
            }
        let factors = [
            ScoreFactor(
                name: "Source: \(lead.source.rawValue.replacingOccurrences(of: "_", with: " "))",
                effect: 30 * (sourceQuality[lead.source] ?? 0.3)),
            ScoreFactor(name: "BANT completeness", effect: 25 * bant),
            ScoreFactor(name: "Engagement: \(lead.engagement.rawValue)", effect: 20 * engagement),
            ScoreFactor(name: "Recency of contact", effect: 15 * recency),
            ScoreFactor(
                name: "Interactions: \(lead.interactionCount)", effect: 10 * min(Double(lead.interactionCount) / 10, 1)),
        ]
        let total = factors.reduce(0) { $0 + $1.effect }
        return (Int(total.rounded()), factors.sorted { $0.effect > $1.effect })
    }
}
