import Foundation

/// What identifies one person in free text: the full names their records carry, their email
/// addresses and phone numbers. Finds them in any text and writes the text again without
/// them. Names match whole and without regard to case; emails without regard to case; phone
/// numbers by their digits, whatever spaces, dashes, dots or brackets are written between.
public struct PersonIdentity: Sendable, Equatable {
    public let names: [String]
    public let emails: [String]
    public let phones: [String]

    /// What an erased mention reads as.
    public static let placeholder = "[erased]"
    /// What an erased person's record is called.
    public static let erasedName = "Erased person"

    /// A phone number needs this many digits to be told apart from other numbers in text.
    public static let phoneDigits = 7

    public init(names: [String], emails: [String], phones: [String]) {
        func distinct(_ values: [String]) -> [String] {
            var seen = Set<String>()
            return values.filter { seen.insert($0.lowercased()).inserted }
        }
        self.names = distinct(
            names.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
                .filter { $0.count >= 3 && $0 != Self.erasedName && $0.contains(where: \.isLetter) })
        self.emails = distinct(
            emails.map { $0.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() }.filter { $0.contains("@") })
        self.phones = distinct(
            phones.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
                .filter { Self.digits($0).count >= Self.phoneDigits })
    }

    public var isEmpty: Bool { names.isEmpty && emails.isEmpty && phones.isEmpty }

    public static func digits(_ text: String) -> String { String(text.filter(\.isASCII).filter(\.isNumber)) }

    /// Whether two numbers are the same line: the shorter's digits end the longer's, so a
    /// number written with or without its country code (or trunk zero) still matches.
    public static func samePhone(_ one: String, _ other: String) -> Bool {
        let (a, b) = (digits(one), digits(other))
        let (shorter, longer) = a.count <= b.count ? (a, b) : (b, a)
        return shorter.count >= phoneDigits && longer.hasSuffix(shorter) && longer.count - shorter.count <= 4
    }

    /// LIKE patterns, lower case, that every text mentioning the person matches at least one
    /// of: a cheap first pass for a database to run before `mentioned(in:)` decides.
    public var likePatterns: [String] {
        let escapedTerms = (names + emails).map { "%" + Self.escapeLike($0.lowercased()) + "%" }
        let phoneTerms = phones.map { phone -> String in
            let tail = String(Self.digits(phone).suffix(Self.phoneDigits))
            return "%" + tail.prefix(3) + "%" + tail.suffix(4) + "%"
        }
        var seen = Set<String>()
        return (escapedTerms + phoneTerms).filter { seen.insert($0).inserted }
    }

    /// The escape character `likePatterns` uses.
    public static let likeEscape = "\\"

    private static func escapeLike(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
    }

    private var expressions: [NSRegularExpression] {
        let words = (names + emails).sorted { $0.count > $1.count }.map { term -> String in
            let escaped = NSRegularExpression.escapedPattern(for: term)
            // A name stands alone: "Ana Lima" is not erased from "Ana Limassol".
            return "(?<![\\p{L}\\p{N}])" + escaped + "(?![\\p{L}\\p{N}])"
        }
        let numbers = phones.map { phone -> String in
            let digits = Array(Self.digits(phone))
            // Text may leave out the country code (and its trunk digit), and write the number
            // with any spaces, dashes, dots or brackets: the longest form that fits is taken.
            let forms = (0...min(3, digits.count - Self.phoneDigits)).map { dropped in
                digits.dropFirst(dropped).map(String.init).joined(separator: "[\\s().\\-]*")
            }
            return "(?<![0-9])\\+?\\(?(?:" + forms.joined(separator: "|") + ")(?![0-9])"
        }
        return (words + numbers).compactMap { try? NSRegularExpression(pattern: $0, options: [.caseInsensitive]) }
    }

    public func mentioned(in text: String) -> Bool {
        let range = NSRange(text.startIndex..., in: text)
        return expressions.contains { $0.firstMatch(in: text, range: range) != nil }
    }

    /// The text with every mention replaced by the placeholder.
    public func scrubbed(_ text: String) -> String {
        var result = text
        for expression in expressions {
            let range = NSRange(result.startIndex..., in: result)
            result = expression.stringByReplacingMatches(in: result, range: range, withTemplate: Self.placeholder)
        }
        return result
    }
}
