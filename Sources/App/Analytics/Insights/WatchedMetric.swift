import Documents
import Foundation
import SalesPulseCore

/// The figures watched for unusual days and weeks: the three headline figures, calls logged
/// and lead conversion, each with the records behind a day or week of it.
enum WatchedMetric: String, CaseIterable, Sendable {
    case revenue, leads, dealsWon, calls, conversion

    var headline: HeadlineMetric? {
        switch self {
        case .revenue: .revenue
        case .leads: .leads
        case .dealsWon: .dealsWon
        case .calls, .conversion: nil
        }
    }

    var title: String {
        switch self {
        case .calls: "Calls"
        case .conversion: "Lead conversion"
        default: headline?.title ?? rawValue
        }
    }

    var format: ValueFormat {
        switch self {
        case .calls: .count
        case .conversion: .percent
        default: headline?.format ?? .count
        }
    }

    /// Rates of a handful of leads swing on one lead; weeks with fewer are not judged.
    static let fewestLeadsForConversion = 5.0

    func records(_ filter: AnalyticsFilter, days: ClosedRange<CalendarDay>) -> String {
        if let headline { return headline.records(filter, days: days) }
        switch self {
        case .conversion:
            return DrillDown(filter: filter).leads([("status", LeadStatus.converted.rawValue)], days: days)
        default:
            var items = [
                ("type", ActivityType.call.rawValue),
                ("occurredAtFrom", InternetTime.format(days.lowerBound.date)),
                ("occurredAtTo", InternetTime.format(days.upperBound.adding(days: 1).date.addingTimeInterval(-1))),
            ]
            if let rep = filter.repID { items.append(("userId", rep.uuidString)) }
            if let team = filter.teamID { items.append(("team", team.uuidString)) }
            return "/activities?" + items.queryString
        }
    }
}
