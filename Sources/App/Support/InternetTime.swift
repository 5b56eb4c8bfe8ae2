import Foundation

/// RFC 3339 timestamps written by arithmetic: Foundation's formatters and calendars cost tens
/// of microseconds a call on Linux, which adds up on every row of every list.
enum InternetTime {
    /// "2026-03-01T09:30:00.000Z".
    static func format(_ date: Date) -> String {
        let parts = components(date)
        return digits(parts.year, 4) + "-" + digits(parts.month, 2) + "-" + digits(parts.day, 2) + "T"
            + digits(parts.hour, 2) + ":"
            + digits(parts.minute, 2) + ":" + digits(parts.second, 2) + "." + digits(parts.millisecond, 3) + "Z"
    }

    /// "2026-03-01 09:30 UTC", as pages show times.
    static func page(_ date: Date) -> String {
        let parts = components(date)
        return digits(parts.year, 4) + "-" + digits(parts.month, 2) + "-" + digits(parts.day, 2) + " "
            + digits(parts.hour, 2) + ":" + digits(parts.minute, 2) + " UTC"
    }

    /// "2026-03-01".
    static func day(_ date: Date) -> String {
        let parts = components(date)
        return digits(parts.year, 4) + "-" + digits(parts.month, 2) + "-" + digits(parts.day, 2)
    }

    /// Zero-padded decimal; String(format:) goes through CoreFoundation on Linux and costs more
    /// than the whole date arithmetic.
    static func digits(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }

    static func components(
        _ date: Date
    ) -> (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, millisecond: Int) {
        let totalMilliseconds = Int((date.timeIntervalSince1970 * 1000).rounded())
        var days =
            totalMilliseconds >= 0 ? totalMilliseconds / 86_400_000 : (totalMilliseconds - 86_399_999) / 86_400_000
        let milliseconds = totalMilliseconds - days * 86_400_000
        // Days since 1970-01-01 to a civil date (H. Hinnant's algorithm).
        days += 719_468
        let era = (days >= 0 ? days : days - 146_096) / 146_097
        let dayOfEra = days - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (
            year, month, day, milliseconds / 3_600_000, milliseconds / 60_000 % 60, milliseconds / 1000 % 60,
            milliseconds % 1000
        )
    }
}
