import SalesPulseCore

/// A yes/no query parameter (`cascade`, `snoozed`): the words forms and clients send, and
/// nothing else, so a typo is named rather than read as "no".
enum QueryFlag {
    static let words = ["true", "false", "1", "0", "on", "off"]

    /// Nil or empty means not given (false).
    static func parse(_ raw: String?, field: String) throws -> Bool {
        guard let raw, !raw.isEmpty else { return false }
        switch raw.lowercased() {
        case "true", "1", "on": return true
        case "false", "0", "off": return false
        default: throw DomainError.invalid(field: field, "Use true or false.")
        }
    }
}
