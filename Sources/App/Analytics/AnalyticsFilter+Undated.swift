import Foundation
import SalesPulseCore
import Vapor

extension AnalyticsFilter {
    /// The region, team, rep, category, source and segment filters of a view that sets its own
    /// dates (forecasts, insights); naming dates is a field error, not silently ignored.
    static func undated(
        _ parameters: [String: String], today: CalendarDay, extra: Set<String> = [], reason: String
    )
        throws -> AnalyticsFilter
    {
        for dated in ["from", "to"] where parameters[dated] != nil {
            throw DomainError.invalid(field: dated, reason)
        }
        return try AnalyticsFilter(parameters: parameters, today: today, extra: extra)
    }
}
