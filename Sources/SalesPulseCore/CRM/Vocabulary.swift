/// The enumerated values of S2. Raw values are the API and database spelling.

public protocol Vocabulary: RawRepresentable, CaseIterable, Codable, Sendable, Hashable where RawValue == String {}

extension Vocabulary {
    /// Accepts the raw value in any case, with spaces or dashes for underscores.
    public init?(parsing text: String) {
        let key = text.trimmingCharacters(in: .whitespaces).lowercased()
            .replacingOccurrences(of: " ", with: "_").replacingOccurrences(of: "-", with: "_")
        guard let value = Self(rawValue: key) else { return nil }
        self = value
    }

    public static var allowedList: String { allCases.map(\.rawValue).joined(separator: ", ") }
}

public enum AccountType: String, Vocabulary {
    case customer, distributor, dealer, supplier, partner, prospect
}

public enum ContactRole: String, Vocabulary {
    case decisionMaker = "decision_maker", influencer, contact, distributor, dealer
}

public enum LeadSource: String, Vocabulary {
    case website, referral, tradeShow = "trade_show", coldCall = "cold_call", socialMedia = "social_media"
    case instagramAds = "instagram_ads", telegramBot = "telegram_bot", whatsapp, callTracking = "call_tracking"
    case landingPage = "landing_page", importFile = "import", other
}

public enum EngagementLevel: String, Vocabulary {
    case low, medium, high

    /// Derived from how often the lead has interacted with us.
    public static func from(interactions: Int) -> EngagementLevel {
        switch interactions {
        case ..<3: .low
        case 3..<8: .medium
        default: .high
        }
    }
}

public enum ActivityType: String, Vocabulary {
    case call, email, meeting, visit, note, task, deal
}

public enum TaskType: String, Vocabulary {
    case general, followUp = "follow_up", reminder, deadline
}

public enum TaskPriority: String, Vocabulary {
    case low, normal, high, urgent
}

public enum TaskStatus: String, Vocabulary {
    case open, done, cancelled
}

public enum CustomFieldType: String, Vocabulary {
    case text, number, date, choice
}
