/// A non-negative amount of money held as whole cents, so sums never drift.
public struct MoneyAmount: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let cents: Int64

    public init(cents: Int64) { self.cents = cents }

    /// Parses "12500", "12500.5", "12,500.50"; refuses negatives, more than two decimals and junk.
    public init(parsing text: String, field: String) throws(FieldError) {
        let cleaned = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: "")
        let parts = cleaned.split(separator: ".", omittingEmptySubsequences: false)
        let invalid = FieldError(
            field: field, message: "Enter an amount of at least 0 with up to two decimals, like 12500.50.")
        guard (1...2).contains(parts.count), !parts[0].isEmpty, parts[0].count <= 13,
            parts[0].allSatisfy(\.isASCIIDigit), let whole = Int64(parts[0])
        else { throw invalid }
        var fraction: Int64 = 0
        if parts.count == 2 {
            let digits = parts[1]
            guard (1...2).contains(digits.count), digits.allSatisfy(\.isASCIIDigit), let value = Int64(digits) else {
                throw invalid
            }
            fraction = digits.count == 1 ? value * 10 : value
        }
        cents = whole * 100 + fraction
    }

    public init(decimal value: Double, field: String) throws(FieldError) {
        guard value.isFinite, value >= 0, value < 1e13 else {
            throw FieldError(field: field, message: "Enter an amount of at least 0.")
        }
        cents = Int64((value * 100).rounded())
    }

    public var asDouble: Double { Double(cents) / 100 }

    public var description: String {
        let fraction = cents % 100
        return "\(cents / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    public static func < (lhs: MoneyAmount, rhs: MoneyAmount) -> Bool { lhs.cents < rhs.cents }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
