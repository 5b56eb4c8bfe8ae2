/// A phone number reduced to what identifies it: an optional leading + and 7 to 15 digits
/// (E.164 length), so "+1 (555) 010-2030" and "+15550102030" match as duplicates.
public struct PhoneNumber: Sendable, Hashable, CustomStringConvertible {
    public let value: String

    public init(_ raw: String, field: String = "phone") throws(FieldError) {
        let trimmed = raw.trimmed
        let allowedPunctuation: Set<Character> = [" ", "-", "(", ")", ".", "/"]
        guard trimmed.allSatisfy({ $0.isASCIIDigit || allowedPunctuation.contains($0) || $0 == "+" }),
            trimmed.dropFirst().allSatisfy({ $0 != "+" })
        else {
            throw FieldError(
                field: field, message: "Use digits, spaces, dashes and brackets only, like +1 555 010 2030.")
        }
        let digits = trimmed.filter(\.isASCIIDigit)
        guard (7...15).contains(digits.count) else {
            throw FieldError(field: field, message: "A phone number has 7 to 15 digits.")
        }
        value = (trimmed.hasPrefix("+") ? "+" : "") + digits
    }

    public var description: String { value }
}
