/// The S6 key figures, from aggregates the database computed. Money is in currency units;
/// rates are percentages; a figure whose denominator is zero is nil ("no data"), never 0.
public struct KPISet: Sendable, Equatable, Codable {
    /// What the database counted for one period and filter set.
    public struct Inputs: Sendable, Equatable {
        public var revenueCents: Int64 = 0
        public var costCents: Int64 = 0
        /// Revenue of the sales whose cost is known (a sale without line items records none):
        /// the margin's base, so an uncosted sale does not count as pure profit.
        public var costedRevenueCents: Int64 = 0
        public var salesCount = 0
        public var dealsWon = 0
        public var dealsLost = 0
        public var wonCycleDaysTotal = 0.0
        public var leadsCreated = 0
        public var leadsQualified = 0
        public var leadsConverted = 0
        public var leadsCreatedPreviousPeriod = 0
        public var marketingSpendCents: Int64?
        public var newCustomers = 0
        public var pipelineCents: Int64 = 0
        public var weightedPipelineCents: Int64 = 0
        public var openDeals = 0
        public var overdueFollowUps = 0
        public var stalledDeals = 0

        public init() {}
    }

    public let revenue: Double
    public let salesCount: Int
    public let averageDealSize: Double?
    public let winRate: Double?
    public let leadConversionRate: Double?
    public let qualificationRate: Double?
    public let customerAcquisitionCost: Double?
    public let profitMargin: Double?
    public let pipelineValue: Double
    public let weightedPipeline: Double
    public let openDeals: Int
    public let salesCycleDays: Double?
    public let newLeads: Int
    /// Growth of new leads against the previous period of the same length, in percent.
    public let leadVelocity: Double?
    public let newCustomers: Int
    public let overdueFollowUps: Int
    public let stalledDeals: Int

    public init(_ inputs: Inputs) {
        func share(_ part: Double, _ whole: Double) -> Double? {
            whole > 0 ? (part / whole * 1000).rounded() / 10 : nil
        }
        func money(_ cents: Int64) -> Double { Double(cents) / 100 }
        revenue = money(inputs.revenueCents)
        salesCount = inputs.salesCount
        averageDealSize =
            inputs.salesCount > 0 ? (Double(inputs.revenueCents) / Double(inputs.salesCount)).rounded() / 100 : nil
        winRate = share(Double(inputs.dealsWon), Double(inputs.dealsWon + inputs.dealsLost))
        leadConversionRate = share(Double(inputs.leadsConverted), Double(inputs.leadsCreated))
        qualificationRate = share(Double(inputs.leadsQualified), Double(inputs.leadsCreated))
        customerAcquisitionCost = inputs.marketingSpendCents.flatMap { spend in
            inputs.newCustomers > 0 ? (Double(spend) / Double(inputs.newCustomers)).rounded() / 100 : nil
        }
        profitMargin = share(Double(inputs.costedRevenueCents - inputs.costCents), Double(inputs.costedRevenueCents))
        pipelineValue = money(inputs.pipelineCents)
        weightedPipeline = money(inputs.weightedPipelineCents)
        openDeals = inputs.openDeals
        salesCycleDays =
            inputs.dealsWon > 0 ? (inputs.wonCycleDaysTotal / Double(inputs.dealsWon) * 10).rounded() / 10 : nil
        newLeads = inputs.leadsCreated
        leadVelocity = share(
            Double(inputs.leadsCreated - inputs.leadsCreatedPreviousPeriod), Double(inputs.leadsCreatedPreviousPeriod))
        newCustomers = inputs.newCustomers
        overdueFollowUps = inputs.overdueFollowUps
        stalledDeals = inputs.stalledDeals
    }

    /// Change of a figure against the previous period, in percent; nil when either is missing
    /// or the previous figure is zero.
    public static func change(_ current: Double?, from previous: Double?) -> Double? {
        guard let current, let previous, previous != 0 else { return nil }
        return ((current - previous) / abs(previous) * 1000).rounded() / 10
    }
}
