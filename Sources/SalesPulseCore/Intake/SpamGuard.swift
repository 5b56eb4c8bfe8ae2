import Foundation

/// Spam defences for public lead forms that need no outside service: a hidden field people
/// never see (bots fill it), a minimum time between the page opening and the form being sent
/// (bots post at once), and limits on size. A refused submission is counted, never stored.
public enum SpamGuard {
    public static let honeypotField = "website_url"
    public static let openedField = "_opened"
    public static let minimumSeconds: TimeInterval = 3
    public static let maximumFieldLength = 2_000
    public static let maximumFields = 30

    public enum Verdict: Sendable, Equatable {
        case accept
        case refuse(String)
    }

    /// `openedAt` is when the page with the form opened (written by the snippet's script);
    /// a form sent from a page without scripts has none and is not held to the minimum.
    public static func check(_ fields: [String: String], openedAt: Date?, now: Date) -> Verdict {
        if let trap = fields[honeypotField], !trap.isEmpty { return .refuse("the hidden field was filled in") }
        if fields.count > maximumFields { return .refuse("too many fields (\(fields.count))") }
        if let long = fields.first(where: { $0.value.count > maximumFieldLength }) {
            return .refuse("the field \(long.key) is longer than \(maximumFieldLength) characters")
        }
        if let openedAt {
            let seconds = now.timeIntervalSince(openedAt)
            if seconds < minimumSeconds {
                return .refuse(String(format: "sent %.1f s after the page opened", max(0, seconds)))
            }
        }
        return .accept
    }

    /// The opening time the snippet writes: milliseconds since 1970.
    public static func openedAt(_ text: String?) -> Date? {
        guard let text, let milliseconds = Double(text), milliseconds > 0 else { return nil }
        return Date(timeIntervalSince1970: milliseconds / 1000)
    }
}
