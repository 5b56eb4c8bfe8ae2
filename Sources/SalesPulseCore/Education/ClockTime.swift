/// A time of day on the centre's clock, "18:30", as minutes since midnight.
public struct ClockTime: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let minutes: Int

    public init(minutes: Int) { self.minutes = minutes }

    /// "H:MM" or "HH:MM", 00:00–24:00 (24:00 only as an end).
    public init?(text: String) {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
            let hours = Int(parts[0]), let minutes = Int(parts[1]), (0...24).contains(hours),
            (0...59).contains(minutes),
            hours * 60 + minutes <= 1_440
        else { return nil }
        self.minutes = hours * 60 + minutes
    }

    public var text: String {
        let hours = minutes / 60, rest = minutes % 60
        return (hours < 10 ? "0" : "") + "\(hours):" + (rest < 10 ? "0" : "") + "\(rest)"
    }

    public var description: String { text }

    public static func < (lhs: ClockTime, rhs: ClockTime) -> Bool { lhs.minutes < rhs.minutes }
}
