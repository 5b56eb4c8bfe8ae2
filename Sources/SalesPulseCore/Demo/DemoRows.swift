import Foundation

/// One generated lead and everything that grew out of it.
public struct DemoLeadBundle: Sendable {
    public let index: Int
    public let lead: DemoLead
    public let activities: [DemoActivity]
    public let conversion: DemoConversion?
}

public struct DemoLead: Sendable, Equatable {
    public let id: UUID
    public let name: String
    public let company: String
    public let email: String
    public let phone: String
    public let source: LeadSource
    public let status: LeadStatus
    public let lostReason: String?
    public let budgetCents: Int64?
    public let authority: Bool
    public let need: String
    public let timeline: String
    public let ownerIndex: Int
    public let createdAt: Date
    public let regionIndex: Int
    public let segmentIndex: Int
    public let productInterest: String
    public let followUpAt: Date?
}

public struct DemoActivity: Sendable, Equatable {
    public let id: UUID
    public let type: ActivityType
    public let subject: String
    /// What came of it, in the rep's words; nil for notes.
    public let outcome: String?
    public let occurredAt: Date
    public let durationMinutes: Int
}

public struct DemoLine: Sendable, Equatable {
    public let id: UUID
    public let productIndex: Int
    public let quantity: Int
}

/// What a converted lead became: an account with a contact, and a deal at some stage.
public struct DemoConversion: Sendable, Equatable {
    public let accountID: UUID
    public let contactID: UUID
    public let opportunityID: UUID
    public let industry: String
    public let convertedAt: Date
    public let stage: OpportunityStage
    public let lostReason: String?
    public let amountCents: Int64
    public let expectedClose: Date
    public let closedAt: Date?
    public let lines: [DemoLine]
    public let saleID: UUID?
    public let saleLineIDs: [UUID]
}
