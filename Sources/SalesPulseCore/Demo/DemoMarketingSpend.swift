import Foundation
import SalesML

/// Daily demo spend, impressions and clicks for the paid channels, sized to the leads each
/// channel brings so cost per lead lands near a plausible figure per channel.
public struct DemoMarketingSpend: Sendable {
    public struct Row: Sendable, Equatable {
        public let day: CalendarDay
        public let channel: LeadSource
        public let spendCents: Int64
        public let impressions: Int64
        public let clicks: Int64
    }

    /// Target cost per lead in dollars; free channels (referral, cold calls, imports) have none.
    static let costPerLead: [LeadSource: Double] = [
        .website: 25, .socialMedia: 40, .instagramAds: 55, .landingPage: 30, .telegramBot: 15, .callTracking: 35,
        .tradeShow: 120, .whatsapp: 10,
    ]

    public static func rows(seed: UInt64, asOf: Date, months: Int, leadCount: Int) -> [Row] {
        var random = SeededRandom(seed: seed ^ 0x5BE2D)
        let last = CalendarDay(containing: asOf), days = Int(Double(months) * 30.4)
        let totalWeight = DemoCompanyGenerator.sourceMix.reduce(0) { $0 + $1.weight }
        var rows: [Row] = []
        for offset in stride(from: days - 1, through: 0, by: -1) {
            let day = last.adding(days: -offset)
            // Lead volume grows towards the present (see the lead generator), spend with it.
            let growth = 2 * (1 - Double(offset) / Double(days))
            for (source, weight, _) in DemoCompanyGenerator.sourceMix {
                guard let cost = costPerLead[source] else { continue }
                let leadsPerDay = Double(leadCount) * weight / totalWeight / Double(days) * growth
                let spend = leadsPerDay * cost * Double.random(in: 0.6...1.4, using: &random)
                let impressions = spend / Double.random(in: 4...12, using: &random) * 1000
                let clicks = impressions * Double.random(in: 0.008...0.035, using: &random)
                rows.append(
                    Row(
                        day: day, channel: source, spendCents: Int64((spend * 100).rounded()),
                        impressions: Int64(impressions.rounded()), clicks: Int64(clicks.rounded())))
            }
        }
        return rows
    }
}
