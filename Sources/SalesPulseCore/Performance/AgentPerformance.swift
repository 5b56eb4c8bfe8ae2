/// S4's monthly performance score: five activities weighed against their monthly targets.
public struct AgentPerformance: Sendable, Equatable {
    public struct Activity: Sendable, Equatable, Codable {
        public var calls: Int
        public var meetings: Int
        public var leads: Int
        public var deals: Int
        public var salesCents: Int64

        public init(calls: Int = 0, meetings: Int = 0, leads: Int = 0, deals: Int = 0, salesCents: Int64 = 0) {
            self.calls = calls
            self.meetings = meetings
            self.leads = leads
            self.deals = deals
            self.salesCents = salesCents
        }
    }

    public enum Level: String, Sendable, Codable {
        case excellent = "Excellent", good = "Good", average = "Average", poor = "Poor"

        public init(score: Double) {
            switch score {
            case 80...: self = .excellent
            case 60..<80: self = .good
            case 40..<60: self = .average
            default: self = .poor
            }
        }
    }

    /// Weights and monthly targets of S4; the sales target is the agent's own.
    public struct Targets: Sendable, Equatable {
        public var calls = 100.0, meetings = 40.0, leads = 30.0, deals = 15.0
        public var callsWeight = 0.15, meetingsWeight = 0.25, leadsWeight = 0.20, dealsWeight = 0.20, salesWeight = 0.20

        public init() {}
    }

    public let activity: Activity
    public let salesTargetCents: Int64
    /// Each term's min(actual / target, 1) × 100.
    public let components: [String: Double]
    public let score: Double
    public let level: Level

    public init(activity: Activity, salesTargetCents: Int64, targets: Targets = Targets()) {
        func term(_ actual: Double, _ target: Double) -> Double { target > 0 ? min(actual / target, 1) * 100 : 0 }
        let parts: [String: Double] = [
            "calls": term(Double(activity.calls), targets.calls),
            "meetings": term(Double(activity.meetings), targets.meetings),
            "leads": term(Double(activity.leads), targets.leads),
            "deals": term(Double(activity.deals), targets.deals),
            "sales": term(Double(activity.salesCents), Double(salesTargetCents)),
        ]
        let score =
            targets.callsWeight * parts["calls"]! + targets.meetingsWeight * parts["meetings"]!
            + targets.leadsWeight * parts["leads"]! + targets.dealsWeight * parts["deals"]! + targets.salesWeight
            * parts["sales"]!
        self.activity = activity
        self.salesTargetCents = salesTargetCents
        self.components = parts
        self.score = (score * 100).rounded() / 100
        self.level = Level(score: self.score)
    }
}

/// S4's risk bands for the chance of missing this month's target.
public enum MissRisk: String, Sendable, Codable, Comparable {
    case high = "HIGH", medium = "MEDIUM", low = "LOW"

    public init(missProbability: Double) {
        switch missProbability {
        case 0.7...: self = .high
        case 0.4..<0.7: self = .medium
        default: self = .low
        }
    }

    private var rank: Int { self == .high ? 0 : self == .medium ? 1 : 2 }
    public static func < (lhs: MissRisk, rhs: MissRisk) -> Bool { lhs.rank < rhs.rank }
}
