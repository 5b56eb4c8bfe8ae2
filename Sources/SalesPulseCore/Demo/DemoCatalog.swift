/// The fixed reference data of the demo company: what it sells and where.
public enum DemoCatalog {
    public struct Product: Sendable {
        public let name: String
        public let category: String
        public let priceCents: Int64
        public let costCents: Int64
    }

    public static let regions = ["North", "South", "East", "West"]
    public static let segments = ["Small business", "Mid-market", "Enterprise", "Education", "Public sector"]
    public static let categories = ["Software", "Hardware", "Services", "Training", "Support"]
    public static let products: [Product] = [
        Product(name: "Pulse CRM seat (year)", category: "Software", priceCents: 48_000, costCents: 6_000),
        Product(name: "Analytics add-on (year)", category: "Software", priceCents: 24_000, costCents: 3_000),
        Product(name: "Forecasting add-on (year)", category: "Software", priceCents: 30_000, costCents: 4_000),
        Product(name: "Field tablet", category: "Hardware", priceCents: 65_000, costCents: 41_000),
        Product(name: "Barcode scanner", category: "Hardware", priceCents: 18_000, costCents: 9_500),
        Product(name: "Point-of-sale kit", category: "Hardware", priceCents: 120_000, costCents: 78_000),
        Product(name: "Onboarding package", category: "Services", priceCents: 250_000, costCents: 140_000),
        Product(name: "Data migration", category: "Services", priceCents: 180_000, costCents: 95_000),
        Product(name: "Custom integration", category: "Services", priceCents: 400_000, costCents: 230_000),
        Product(name: "Admin course", category: "Training", priceCents: 90_000, costCents: 30_000),
        Product(name: "Sales team workshop", category: "Training", priceCents: 150_000, costCents: 55_000),
        Product(name: "Premium support (year)", category: "Support", priceCents: 60_000, costCents: 20_000),
        Product(name: "On-site support day", category: "Support", priceCents: 110_000, costCents: 60_000),
    ]

    static let companyWords = [
        "Atlas", "Beacon", "Cedar", "Delta", "Ember", "Falcon", "Granite", "Harbor", "Iris", "Juniper",
        "Kestrel", "Lumen", "Maple", "Nova", "Orbit", "Pioneer", "Quartz", "Ridge", "Summit", "Tidal",
        "Umber", "Vertex", "Willow", "Xenon", "Yarrow", "Zephyr",
    ]
    static let companyKinds = [
        "Foods", "Logistics", "Clinic", "Academy", "Motors", "Retail", "Labs", "Builders", "Energy", "Textiles",
        "Pharma", "Hotels", "Media", "Farms", "Systems",
    ]
    static let industries = [
        "Food & beverage", "Logistics", "Healthcare", "Education", "Automotive", "Retail", "Technology",
        "Construction", "Energy", "Manufacturing", "Hospitality", "Media", "Agriculture",
    ]
    static let lostReasons = [
        "Chose a competitor", "No budget this year", "No response", "Timing not right", "Not a fit",
    ]
    static let needs = [
        "Replace spreadsheets", "Field team visibility", "Faster quoting", "Pipeline reporting", "Lead routing",
    ]
    static let timelines = ["This month", "This quarter", "Next quarter", "This year", "Unknown"]
    /// How much a buying date raises the chance to convert; about 1 on average.
    static let timelineFit: [String: Double] = [
        "This month": 1.7, "This quarter": 1.3, "Next quarter": 0.9, "This year": 0.7, "Unknown": 0.45,
    ]

    /// What a rep would write as the subject of a call, email, meeting, note or visit. Picked by
    /// position, not by a random draw, so the rest of the demo data stays as it was.
    public static func activitySubject(_ type: ActivityType, number: Int, company: String) -> String {
        let phrases: [String]
        switch type {
        case .call:
            phrases = [
                "Discovery call with", "Budget check-in with", "Follow-up call on the proposal to",
                "Pricing questions from", "Intro call with", "Call about the pilot with",
            ]
        case .email:
            phrases = [
                "Sent the price list to", "Shared a case study with", "Proposal sent to",
                "Answered security questions from", "Meeting notes sent to",
            ]
        case .meeting:
            phrases = [
                "Product demo for", "Requirements workshop with", "Proposal review with",
                "Kick-off with the buying team at",
            ]
        case .visit: phrases = ["On-site visit to", "Site survey at", "Visit with the operations lead at"]
        case .note:
            phrases = [
                "Decision maker confirmed at", "Budget approved at", "A competitor is also pitching to",
                "Discount asked for by",
            ]
        default: phrases = ["Touchpoint with"]
        }
        return "\(phrases[abs(number) % phrases.count]) \(company)"
    }

    /// What came of a call, email, meeting or visit, as a rep notes it: hopeful while the lead is
    /// going somewhere, the bad news when it is the last touch of a lost lead.
    public static func activityOutcome(_ type: ActivityType, number: Int, going: Bool) -> String? {
        let phrases: [String]
        switch (type, going) {
        case (.note, _): return nil
        case (.call, true):
            phrases = [
                "Interested, wants a proposal", "Left a voicemail", "Asked to call back next week",
                "Confirmed the budget", "Booked a demo",
            ]
        case (.email, true):
            phrases = ["Opened and replied", "Asked for references", "Forwarded to their finance lead", "No reply yet"]
        case (.meeting, true), (.visit, true):
            phrases = [
                "Agreed next steps", "Team liked the demo", "Wants a pilot for one branch",
                "Needs sign-off from the owner",
            ]
        case (_, false):
            phrases = [
                "Went with a competitor", "Budget frozen for this year", "Stopped answering",
                "Not the right time for them",
            ]
        default: phrases = ["Noted"]
        }
        return phrases[abs(number) % phrases.count]
    }
}
