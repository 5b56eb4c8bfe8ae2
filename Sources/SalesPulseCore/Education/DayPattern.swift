import Foundation

/// The days a group meets: odd or even calendar days, or a set of weekdays (one day,
/// Monday–Wednesday–Friday, Tuesday–Thursday or any other set).
public enum DayPattern: Sendable, Hashable {
    case oddDays
    case evenDays
    /// ISO weekdays, 1 = Monday … 7 = Sunday.
    case weekdays(Set<Int>)

    public static let weekdayNames = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    static let weekdayWords = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    /// "odd", "even", "mon_wed_fri", "tue_thu", "sat" or a list such as "mon,thu" (any case,
    /// commas, spaces or underscores between days).
    public init?(text: String) {
        let key = text.trimmingCharacters(in: .whitespaces).lowercased()
        switch key {
        case "odd", "odd_days", "odd days": self = .oddDays; return
        case "even", "even_days", "even days": self = .evenDays; return
        default: break
        }
        let parts = key.split(whereSeparator: { ",_ ;/".contains($0) }).map(String.init)
        var days = Set<Int>()
        for part in parts {
            guard part.count >= 2, let index = Self.weekdayWords.firstIndex(where: { $0.lowercased().hasPrefix(part) })
            else { return nil }
            days.insert(index + 1)
        }
        guard !days.isEmpty else { return nil }
        self = .weekdays(days)
    }

    /// The stored spelling: "odd", "even", or weekdays in order joined by "_" ("mon_wed_fri").
    public var text: String {
        switch self {
        case .oddDays: "odd"
        case .evenDays: "even"
        case .weekdays(let days): days.sorted().map { Self.weekdayNames[$0 - 1] }.joined(separator: "_")
        }
    }

    /// "Odd days", "Mon, Wed, Fri".
    public var words: String {
        switch self {
        case .oddDays: "Odd days"
        case .evenDays: "Even days"
        case .weekdays(let days):
            days.sorted().map { String(Self.weekdayWords[$0 - 1].prefix(3)) }.joined(separator: ", ")
        }
    }

    public func matches(_ day: CalendarDay) -> Bool {
        switch self {
        case .oddDays: day.dayOfMonth % 2 == 1
        case .evenDays: day.dayOfMonth % 2 == 0
        case .weekdays(let days): days.contains(day.weekday)
        }
    }

    /// How many lessons a week it gives, on average (odd and even days come to 3.5).
    public var lessonsPerWeek: Double {
        switch self {
        case .oddDays, .evenDays: 3.5
        case .weekdays(let days): Double(days.count)
        }
    }
}

extension CalendarDay {
    /// ISO weekday: 1 = Monday … 7 = Sunday (day 0, 1970-01-01, was a Thursday).
    public var weekday: Int { ((number + 3) % 7 + 7) % 7 + 1 }

    /// 1…31.
    public var dayOfMonth: Int { civil.day }
}

extension CalendarDay {
    /// "Mon 4 Jan 2027", for messages and timetable headings.
    public var words: String {
        let months = Self.shortMonthNames
        let civil = self.civil
        return "\(DayPattern.weekdayWords[weekday - 1].prefix(3)) \(civil.day) \(months[civil.month - 1]) \(civil.year)"
    }
}
