import Foundation

/// How often a periodic job runs, and the key of the period a moment falls in: every app
/// instance computes the same key for the same tick, so one row per (schedule, key) means
/// one run per tick however many instances there are.
public enum SchedulePeriod: Sendable, Equatable {
    case everyMinute
    case hourly
    /// Once a day, at or after this UTC hour.
    case dailyAt(hour: Int)
    /// Once a week, on Monday at or after this UTC hour (or any later day of that week).
    case mondaysAt(hour: Int)

    /// The period `date` falls in, or nil when the schedule is not due yet in it (a daily run
    /// before its hour).
    public func key(at date: Date) -> String? {
        let parts = Self.utc.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        let day = String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
        switch self {
        case .everyMinute: return day + String(format: "T%02d:%02d", parts.hour!, parts.minute!)
        case .hourly: return day + String(format: "T%02d", parts.hour!)
        case .dailyAt(let hour): return parts.hour! >= hour ? day : nil
        case .mondaysAt(let hour):
            let today = CalendarDay(containing: date), monday = today.weekStart
            return today > monday || parts.hour! >= hour ? "week of " + monday.text : nil
        }
    }

    private static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()
}
