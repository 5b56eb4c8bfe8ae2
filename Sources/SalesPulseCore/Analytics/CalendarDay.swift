import Foundation

/// A date without a time, in UTC, as analytics counts it: "2026-03-01", or a day number
/// since 1970-01-01 for arithmetic.
public struct CalendarDay: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let number: Int

    public init(number: Int) { self.number = number }

    public init(containing date: Date) { number = Int(floor(date.timeIntervalSince1970 / 86_400)) }

    /// Strict "YYYY-MM-DD" with a real calendar date.
    public init?(text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard text.count == 10, parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            (1...12).contains(month), (1...31).contains(day), year >= 1900, year <= 9999
        else { return nil }
        var components = DateComponents(year: year, month: month, day: day)
        components.timeZone = TimeZone(identifier: "UTC")
        guard let date = Self.calendar.date(from: components),
            Self.calendar.component(.day, from: date) == day
        else { return nil }
        self.init(containing: date)
    }

    public var date: Date { Date(timeIntervalSince1970: Double(number) * 86_400) }
    public var text: String { parts.text }
    public var description: String { text }
    /// "2026-03".
    public var monthText: String { String(text.prefix(7)) }
    /// The Monday that starts this day's ISO week.
    public var weekStart: CalendarDay { CalendarDay(number: number - (number + 3) % 7) }
    public var monthStart: CalendarDay { CalendarDay(number: number - parts.day + 1) }
    /// "Mar 26": a month short enough for a chart axis.
    public var shortMonth: String {
        let month = Int(text.dropFirst(5).prefix(2)) ?? 1
        return ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][month - 1] + " "
            + text.dropFirst(2).prefix(2)
    }

    public func adding(days: Int) -> CalendarDay { CalendarDay(number: number + days) }

    public static func < (lhs: CalendarDay, rhs: CalendarDay) -> Bool { lhs.number < rhs.number }

    private var parts: (day: Int, text: String) {
        let components = Self.calendar.dateComponents([.year, .month, .day], from: date)
        return (components.day!, String(format: "%04d-%02d-%02d", components.year!, components.month!, components.day!))
    }

    static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()
}
