import Foundation

/// Dates as pages show and take them: in the signed-in person's time zone (theirs, else the
/// company's, else UTC), minute precision, with the zone named. Stored values stay UTC.
enum PageDate {
    /// Set for each page request by `PageTimeZoneMiddleware`.
    @TaskLocal static var zone: TimeZone = utc

    static let utc = TimeZone(identifier: "UTC")!

    /// "2026-03-01 10:30 CET".
    static func format(_ date: Date) -> String {
        if zone.identifier == utc.identifier { return InternetTime.page(date) }
        let local = date.addingTimeInterval(Double(zone.secondsFromGMT(for: date)))
        return String(InternetTime.page(local).dropLast(4)) + " " + (zone.abbreviation(for: date) ?? zone.identifier)
    }

    /// The value a datetime-local field shows: "2026-03-01T10:30" in the zone.
    static func inputValue(_ date: Date) -> String {
        String(InternetTime.format(date.addingTimeInterval(Double(zone.secondsFromGMT(for: date)))).prefix(16))
    }

    /// A datetime-local value ("2026-03-01T10:30") read as a time in the zone.
    static func parseInput(_ text: String) -> Date? {
        guard let naive = InternetTime.parse(text + ":00Z") else { return nil }
        let guess = naive.addingTimeInterval(-Double(zone.secondsFromGMT(for: naive)))
        return naive.addingTimeInterval(-Double(zone.secondsFromGMT(for: guess)))
    }

    /// Midnight at the end of today in the zone: what "due today" runs up to.
    static func endOfToday(_ now: Date) -> Date {
        calendar.startOfDay(for: now).addingTimeInterval(86_400)
    }

    /// A calendar in the zone, for "today" and "end of today".
    static var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar
    }

    /// The zones a person can choose from: UTC, the default, first (the system's own list
    /// may not name it), then every named zone.
    static var choices: [String] { ["UTC"] + TimeZone.knownTimeZoneIdentifiers.filter { $0 != "UTC" }.sorted() }

    /// The zones as a menu with `selected` chosen.
    static func options(selected: String?) -> [FormField.Option] {
        choices.map {
            FormField.Option(value: $0, label: $0.replacingOccurrences(of: "_", with: " "), selected: $0 == selected)
        }
    }
}
