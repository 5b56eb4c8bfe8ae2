/// The period a sales report covers and the one it is compared with. A saved report keeps
/// the words ("last-month"), so each time it runs it reports the latest one; an ad-hoc
/// report names a month ("2026-10").
public struct ReportPeriod: Sendable, Equatable {
    public let from: CalendarDay
    public let to: CalendarDay
    /// "October 2026", "the week of 23 Nov 2026", "December 2026 to date".
    public let label: String

    public static let relativeNames = ["last-month", "this-month", "last-week"]
    public static let comparisonNames = ["previous", "last-year"]

    public enum ParseError: Error, Equatable {
        case period(String)
        case comparison(String)
    }

    public init(from: CalendarDay, to: CalendarDay, label: String) {
        self.from = from
        self.to = to
        self.label = label
    }

    /// `text`: YYYY-MM or one of `relativeNames`, as of `today`.
    public static func parse(_ text: String, today: CalendarDay) throws -> ReportPeriod {
        switch text {
        case "last-month":
            return month(today.monthStart.adding(days: -1).monthStart)
        case "this-month":
            let start = today.monthStart
            return ReportPeriod(from: start, to: today, label: "\(monthLabel(start)) to date")
        case "last-week":
            let start = today.weekStart.adding(days: -7)
            return week(start)
        default:
            guard let start = monthStart(text) else {
                throw ParseError.period(
                    "Enter a month as YYYY-MM, or one of: \(relativeNames.joined(separator: ", ")).")
            }
            guard start <= today else { throw ParseError.period("The month has not started yet.") }
            return month(start)
        }
    }

    /// `text`: YYYY-MM, "previous" (the same stretch just before; the default) or "last-year"
    /// (the same stretch a year earlier). A month to date is compared with the same days of
    /// the month before, so the comparison is fair on the 5th as on the 30th.
    public func comparison(_ text: String?) throws -> ReportPeriod {
        let days = to.number - from.number
        switch text ?? "previous" {
        case "", "previous":
            guard from.civil.day == 1 else { return Self.week(from.adding(days: -days - 1), days: days) }
            return sameDays(startingAt: from.adding(days: -1).monthStart)
        case "last-year":
            guard from.civil.day == 1 else { return Self.week(from.adding(days: -364), days: days) }
            let (year, month, _) = from.civil
            guard let start = CalendarDay(year: year - 1, month: month, day: 1) else {
                throw ParseError.comparison("There is no year before this one.")
            }
            return sameDays(startingAt: start)
        case let other:
            guard let start = Self.monthStart(other) else {
                throw ParseError.comparison(
                    "Enter a month as YYYY-MM, or one of: \(Self.comparisonNames.joined(separator: ", ")).")
            }
            guard start.monthEnd < from || start > to else {
                throw ParseError.comparison("Compare with a month outside the report's period.")
            }
            return Self.month(start)
        }
    }

    /// The whole month starting at `start` when this period is a whole month, otherwise as
    /// many of its first days as this period has.
    private func sameDays(startingAt start: CalendarDay) -> ReportPeriod {
        if to == from.monthEnd { return Self.month(start) }
        let end = min(start.adding(days: to.number - from.number), start.monthEnd)
        return ReportPeriod(from: start, to: end, label: "the same days of \(Self.monthLabel(start))")
    }

    static func monthStart(_ text: String) -> CalendarDay? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2, let year = Int(parts[0]),
            let month = Int(parts[1])
        else { return nil }
        return CalendarDay(year: year, month: month, day: 1)
    }

    static func month(_ start: CalendarDay) -> ReportPeriod {
        ReportPeriod(from: start, to: start.monthEnd, label: monthLabel(start))
    }

    static func week(_ start: CalendarDay, days: Int = 6) -> ReportPeriod {
        let (year, month, day) = start.civil
        return ReportPeriod(
            from: start, to: start.adding(days: days),
            label: "the week of \(day) \(CalendarDay.shortMonthNames[month - 1]) \(year)")
    }

    public static func monthLabel(_ start: CalendarDay) -> String {
        let (year, month, _) = start.civil
        return "\(CalendarDay.monthNames[month - 1]) \(year)"
    }
}
