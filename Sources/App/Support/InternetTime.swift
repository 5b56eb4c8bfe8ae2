import Foundation
import SalesPulseCore

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

    /// "2026-03-01T09:30:00Z": whole seconds, as the JSON the API writes outside records.
    static func formatSeconds(_ date: Date) -> String {
        let parts = components(Date(timeIntervalSince1970: floor(date.timeIntervalSince1970)))
        return digits(parts.year, 4) + "-" + digits(parts.month, 2) + "-" + digits(parts.day, 2) + "T"
            + digits(parts.hour, 2) + ":" + digits(parts.minute, 2) + ":" + digits(parts.second, 2) + "Z"
    }

    /// RFC 3339: "2026-03-01T09:30:00Z", with or without fractional seconds, in UTC or with an
    /// offset such as "+02:00". Read by the same calendar `format` writes, so what goes in comes
    /// back out unchanged for any year.
    static func parse(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        func number(_ start: Int, _ count: Int, max: Int) -> Int? {
            guard start + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[start..<start + count] {
                guard (48...57).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value <= max ? value : nil
        }
        func byte(_ index: Int, is options: String) -> Bool {
            index < bytes.count && options.utf8.contains(bytes[index])
        }
        guard let year = number(0, 4, max: 9999), byte(4, is: "-"), let month = number(5, 2, max: 12),
            byte(7, is: "-"), let dayOfMonth = number(8, 2, max: 31), byte(10, is: "Tt"),
            let hour = number(11, 2, max: 23), byte(13, is: ":"), let minute = number(14, 2, max: 59),
            byte(16, is: ":"), let second = number(17, 2, max: 59),
            let day = CalendarDay(year: year, month: month, day: dayOfMonth)
        else { return nil }
        var index = 19
        var fraction = 0.0
        if byte(index, is: ".") {
            let start = index + 1
            index = start
            while byte(index, is: "0123456789") { index += 1 }
            guard index > start, let value = Double("0." + String(decoding: bytes[start..<index], as: UTF8.self))
            else { return nil }
            fraction = value
        }
        var offset = 0
        if byte(index, is: "Zz") {
            index += 1
        } else if byte(index, is: "+-") {
            let sign = bytes[index] == UInt8(ascii: "-") ? -1 : 1
            let colon = byte(index + 3, is: ":") ? 1 : 0
            guard let hours = number(index + 1, 2, max: 23), let minutes = number(index + 3 + colon, 2, max: 59)
            else { return nil }
            offset = sign * (hours * 3600 + minutes * 60)
            index += 5 + colon
        } else {
            return nil
        }
        guard index == bytes.count else { return nil }
        let seconds = day.number * 86_400 + hour * 3600 + minute * 60 + second - offset
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
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

    static func digits(_ value: Int, _ width: Int) -> String { CalendarDay.digits(value, width) }

    static func components(
        _ date: Date
    ) -> (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, millisecond: Int) {
        let totalMilliseconds = Int((date.timeIntervalSince1970 * 1000).rounded())
        let days =
            totalMilliseconds >= 0 ? totalMilliseconds / 86_400_000 : (totalMilliseconds - 86_399_999) / 86_400_000
        let milliseconds = totalMilliseconds - days * 86_400_000
        let (year, month, day) = CalendarDay(number: days).civil
        return (
            year, month, day, milliseconds / 3_600_000, milliseconds / 60_000 % 60, milliseconds / 1000 % 60,
            milliseconds % 1000
        )
    }
}

extension JSONEncoder.DateEncodingStrategy {
    /// RFC 3339 in whole seconds, by the calendar the rest of the API uses.
    static let internetTime = JSONEncoder.DateEncodingStrategy.custom { date, encoder in
        var container = encoder.singleValueContainer()
        try container.encode(InternetTime.formatSeconds(date))
    }
}

extension JSONDecoder.DateDecodingStrategy {
    /// RFC 3339, with or without fractional seconds.
    static let internetTime = JSONDecoder.DateDecodingStrategy.custom { decoder in
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = InternetTime.parse(text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "Enter a date and time in ISO 8601, like 2026-03-01T09:30:00Z.")
        }
        return date
    }
}
