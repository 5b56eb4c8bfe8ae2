import Documents
import Foundation
import SalesPulseCore

/// The three figures forecasts and insights follow month by month, each with the records a
/// figure of it counts.
enum HeadlineMetric: String, CaseIterable, Sendable {
    case revenue, leads, dealsWon

    var series: SeriesQuery.Metric {
        switch self {
        case .revenue: .revenue
        case .leads: .leads
        case .dealsWon: .dealsWon
        }
    }

    var title: String {
        switch self {
        case .revenue: "Revenue"
        case .leads: "New leads"
        case .dealsWon: "Won deals"
        }
    }

    var format: ValueFormat { self == .revenue ? .money : .count }

    /// The sales, leads or won deals behind a figure for `days` (the filter's own when nil).
    func records(
        _ filter: AnalyticsFilter, days: ClosedRange<CalendarDay>? = nil, extra: [(String, String)] = []
    )
        -> String
    {
        let drill = DrillDown(filter: filter)
        switch self {
        case .revenue: return drill.sales(extra, days: days)
        case .leads: return drill.leads(extra, days: days)
        case .dealsWon:
            return drill.opportunities(
                extra + [("stage", OpportunityStage.closedWon.rawValue)], closed: true, days: days)
        }
    }
}
