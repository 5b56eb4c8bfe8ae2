import Foundation

/// A date without a time, in UTC, as analytics counts it: "2026-03-01", or a day number
/// since 1970-01-01 for arithmetic. Dates follow the proleptic Gregorian calendar, as SQLite
/// and PostgreSQL do: Foundation's Gregorian calendar turns Julian before October 1582, so a
/// day read by the database and one read by Foundation would part there by up to ten days.
public struct CalendarDay: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let number: Int

    public init(number: Int) { self.number = number }

    public init(containing date: Date) { number = Int(floor(date.timeIntervalSince1970 / 86_400)) }

    /// A real calendar date, or nil for a month or day that does not exist.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= Self.length(ofMonth: month, year: year) else { return nil }
        number = Self.number(year: year, month: month, day: day)
    }

    /// Strict "YYYY-MM-DD" with a real calendar date.
    public init?(text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard text.count == 10, parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            year >= 1900, year <= 9999
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    public var date: Date { Date(timeIntervalSince1970: Double(number) * 86_400) }
    public var text: String {
        let civil = self.civil
        return Self.digits(civil.year, 4) + "-" + Self.digits(civil.month, 2) + "-" + Self.digits(civil.day, 2)
    }
    public var description: String { text }
    /// "2026-03".
    public var monthText: String { String(text.prefix(7)) }
    /// The Monday that starts this day's ISO week.
    public var weekStart: CalendarDay { CalendarDay(number: number - (number + 3) % 7) }
    public var monthStart: CalendarDay { CalendarDay(number: number - civil.day + 1) }
    /// The last day of this day's month.
    public var monthEnd: CalendarDay { monthStart.adding(days: 32).monthStart.adding(days: -1) }
    /// "Jan" … "Dec", and "January" … "December".
    public static let shortMonthNames = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]
    public static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
        "December",
    ]
    /// "Mar 26": a month short enough for a chart axis.
    public var shortMonth: String {
        let civil = self.civil
        return Self.shortMonthNames[civil.month - 1]
            + " "
            + Self.digits(((civil.year % 100) + 100) % 100, 2)
    }

    public func adding(days: Int) -> CalendarDay { CalendarDay(number: number + days) }

    public static func < (lhs: CalendarDay, rhs: CalendarDay) -> Bool { lhs.number < rhs.number }

    /// Year, month and day (H. Hinnant's days-to-civil, with eras of 400 years).
    public var civil: (year: Int, month: Int, day: Int) {
        let shifted = number + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func number(year: Int, month: Int, day: Int) -> Int {
        let marchYear = month <= 2 ? year - 1 : year
        let era = (marchYear >= 0 ? marchYear : marchYear - 399) / 400
        let yearOfEra = marchYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private static func length(ofMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Zero-padded decimal; String(format:) goes through CoreFoundation on Linux and costs more
    /// than the arithmetic.
    public static func digits(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
