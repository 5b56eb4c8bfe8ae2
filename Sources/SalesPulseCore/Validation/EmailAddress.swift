/// An email address in the one form we store and compare: trimmed and lower-cased, so
/// uniqueness is case-insensitive.
public struct EmailAddress: Sendable, Hashable, CustomStringConvertible {
    public let value: String

    public init(_ raw: String, field: String = "email") throws(FieldError) {
        let normalised = raw.trimmed.lowercased()
        guard Self.looksValid(normalised) else {
            throw FieldError(field: field, message: "Enter a valid email address, like name@example.com.")
        }
        value = normalised
    }

    public var description: String { value }

    private static func looksValid(_ text: String) -> Bool {
        guard text.count <= 254, !text.contains(where: { $0.isWhitespace }) else { return false }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[0].count <= 64 else { return false }
        let domainLabels = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        guard domainLabels.count >= 2 else { return false }
        return domainLabels.allSatisfy { label in
            !label.isEmpty && !label.hasPrefix("-") && !label.hasSuffix("-")
                && label.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" }
        }
    }
}
