import Foundation

/// How a chart writes its numbers on axes, labels and hover titles.
public enum ValueFormat: String, Sendable {
    case money, percent, count, days

    /// Short form for axes and labels: "$12.5k", "45%", "1.2M", "12 d".
    public func short(_ value: Double) -> String {
        switch self {
        case .money: return (value < 0 ? "-$" : "$") + Self.compact(abs(value))
        case .percent: return Self.trimmed(value, digits: abs(value) < 10 && value != value.rounded() ? 1 : 0) + "%"
        case .count: return Self.compact(value)
        case .days: return Self.trimmed(value, digits: value < 10 ? 1 : 0) + " d"
        }
    }

    /// Full form for hover titles and tables: "$12,345.67", "45.2%".
    public func full(_ value: Double) -> String {
        switch self {
        case .money: return (value < 0 ? "-$" : "$") + Self.grouped(abs(value), digits: 2)
        case .percent: return Self.trimmed(value, digits: 1) + "%"
        case .count: return Self.grouped(value, digits: value == value.rounded() ? 0 : 1)
        case .days: return Self.trimmed(value, digits: 1) + " days"
        }
    }

    /// An amount stored in cents, in full: "$12,345.67".
    public static func money(cents: Int64) -> String { money.full(Double(cents) / 100) }

    /// Whole units, for estimates whose cents would claim a precision they do not have.
    public func whole(_ value: Double) -> String {
        switch self {
        case .money: (value < 0 ? "-$" : "$") + Self.grouped(abs(value).rounded(), digits: 0)
        case .count: Self.grouped(value.rounded(), digits: 0)
        default: full(value)
        }
    }

    /// For headline figures: whole currency units ("$1,490,820"), otherwise as `full`.
    public func headline(_ value: Double) -> String {
        self == .money && abs(value) >= 1000
            ? (value < 0 ? "-$" : "$") + Self.grouped(abs(value), digits: 0) : full(value)
    }

    static func compact(_ value: Double) -> String {
        let magnitude = abs(value)
        for (limit, suffix) in [(1e9, "B"), (1e6, "M"), (1e3, "k")] where magnitude >= limit {
            return trimmed(value / limit, digits: magnitude / limit < 100 ? 1 : 0) + suffix
        }
        return trimmed(value, digits: magnitude < 10 && value != value.rounded() ? 1 : 0)
    }

    public static func trimmed(_ value: Double, digits: Int) -> String {
        let text = String(format: "%.\(digits)f", value)
        guard digits > 0, text.contains(".") else { return text }
        var trimmed = text
        while trimmed.hasSuffix("0") { trimmed.removeLast() }
        if trimmed.hasSuffix(".") { trimmed.removeLast() }
        return trimmed
    }

    static func grouped(_ value: Double, digits: Int) -> String {
        let text = String(format: "%.\(digits)f", value)
        let parts = text.split(separator: ".", maxSplits: 1)
        var whole = String(parts[0]), out = ""
        while whole.count > 3 {
            out = "," + whole.suffix(3) + out
            whole.removeLast(3)
        }
        return whole + out + (parts.count > 1 ? "." + parts[1] : "")
    }
}

/// Round axis ticks: steps of 1, 2 or 5 times a power of ten, from zero (or the minimum) to
/// at least the maximum. Counts tick in whole numbers: there is no half a deal.
public struct AxisScale: Sendable, Equatable {
    public let minimum: Double
    public let maximum: Double
    public let ticks: [Double]

    public init(minimum: Double = 0, maximum: Double, targetTicks: Int = 5, wholeNumbers: Bool = false) {
        let low = min(minimum, 0), high = maximum > low ? maximum : low + 1
        let rough = (high - low) / Double(max(targetTicks, 1))
        let power = pow(10, floor(log10(rough)))
        var step = [1.0, 2, 5, 10].map { $0 * power }.first { $0 >= rough } ?? 10 * power
        if wholeNumbers { step = max(1, step.rounded(.up)) }
        let start = floor(low / step) * step, end = ceil(high / step) * step
        var ticks: [Double] = []
        var tick = start
        while tick <= end + step / 2 {
            ticks.append(abs(tick) < step / 1e6 ? 0 : tick)
            tick += step
        }
        self.minimum = start
        self.maximum = end
        self.ticks = ticks
    }

    /// Where a value falls between 0 (minimum) and 1 (maximum).
    public func fraction(_ value: Double) -> Double {
        maximum == minimum ? 0 : (value - minimum) / (maximum - minimum)
    }
}
