import Foundation

/// The normalised forms records are compared by when looking for duplicates.
public enum MatchKeys {
    /// Lower-cased address. With `providerRules`, also the rules some mail providers apply:
    /// dots in the local part ignored and anything after a plus dropped.
    public static func email(_ raw: String, providerRules: Bool = false) -> String? {
        let text = raw.trimmed.lowercased()
        guard let at = text.lastIndex(of: "@"), at != text.startIndex, text.index(after: at) != text.endIndex else {
            return nil
        }
        guard providerRules else { return text }
        var local = String(text[..<at])
        if let plus = local.firstIndex(of: "+") { local = String(local[..<plus]) }
        local.removeAll { $0 == "." }
        return local + String(text[at...])
    }

    /// Digits with the country code: "+44 20 7946 0018" → "442079460018". A number written
    /// without + is national when a default country calling code is given ("020 7946 0018"
    /// with "44" → "442079460018"); without one it keeps its digits as written.
    public static func phone(_ raw: String, defaultCountryCode: String? = nil) -> String? {
        let trimmed = raw.trimmed
        var digits = trimmed.filter(\.isASCIIDigit)
        guard digits.count >= 7 else { return nil }
        if trimmed.hasPrefix("+") { return digits }
        if digits.hasPrefix("00") { return String(digits.dropFirst(2)) }
        guard let code = defaultCountryCode?.filter(\.isASCIIDigit), !code.isEmpty else { return digits }
        if digits.hasPrefix(code) && digits.count > 10 { return digits }
        while digits.hasPrefix("0") { digits.removeFirst() }
        return code + digits
    }

    /// Lower-case letters and digits of a name, accents folded, words single-spaced in order.
    public static func name(_ raw: String) -> String {
        words(raw).joined(separator: " ")
    }

    /// A company's name without its legal form ("Acme Ltd." and "ACME" compare equal).
    public static func company(_ raw: String) -> String {
        var parts = words(raw)
        while parts.count > 1, let last = parts.last, legalForms.contains(last) { parts.removeLast() }
        if parts.count > 1, let first = parts.first, legalForms.contains(first) { parts.removeFirst() }
        return parts.joined(separator: " ")
    }

    static let legalForms: Set<String> = [
        "ltd", "limited", "llc", "llp", "inc", "incorporated", "corp", "corporation", "co", "company", "plc", "gmbh",
        "ag", "kg",
        "sa", "sas", "sarl", "srl", "spa", "bv", "nv", "oy", "ab", "as", "aps", "pty", "pvt", "lp", "the", "ооо", "ао",
        "зао", "оао", "ип",
    ]

    static func words(_ raw: String) -> [String] {
        // Plain ASCII, most names in most files, has nothing to fold but its case.
        let folded =
            raw.utf8.allSatisfy { $0 < 0x80 }
            ? raw.lowercased()
            : raw.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil)
                .lowercased()
        var result: [String] = [], current = ""
        for character in folded {
            if character.isLetter || character.isNumber {
                current.append(character)
            } else if character == "'" || character == "’" {
                continue
            } else if !current.isEmpty {
                result.append(current)
                current = ""
            }
        }
        if !current.isEmpty { result.append(current) }
        return result
    }
}
