/// The inputs of the scoring models in a rep's words, for the reasons shown beside a score.
/// The models keep their short names; only what people read changes.
public enum FactorWords {
    static let words: [String: String] = [
        "budget": "Budget known", "authority": "Talking to the decision maker", "need": "Need stated",
        "timeline": "Buying timeline",
        "engagement": "How engaged they are", "interactions": "Calls, emails and meetings so far",
        "days since last interaction": "Days since the last contact",
        "age in days": "Days since the lead came in", "has email": "Has an email address",
        "has phone": "Has a phone number",
        "log amount": "Deal size", "has primary contact": "Has a primary contact",
        "came from a lead": "Came from a lead",
        "days open": "Days the deal has been open", "days to expected close": "Days to the expected close",
        "competitors named": "Competitors named", "risks named": "Risks named",
        "requirements named": "Requirements written down",
        "manual probability": "The owner's own estimate", "calls": "Calls made", "meetings": "Meetings held",
        "leads": "New leads",
        "deals": "Deals won", "sales": "Sales so far", "monthly target": "Monthly target",
        "sales %": "Share of target sold",
        "conversion rate": "Lead conversion",
    ]

    /// "source=trade_show" → "Came from a trade show"; unknown names pass through, capitalised.
    public static func say(_ name: String) -> String {
        if name.hasPrefix("source=") {
            let source = name.dropFirst("source=".count).replacingOccurrences(of: "_", with: " ")
            return "Came from \(["a", "e", "i", "o", "u"].contains(source.prefix(1)) ? "an" : "a") \(source)"
        }
        if let words = words[name] { return words }
        return name.prefix(1).uppercased() + name.dropFirst()
    }
}
