/// The password rule of S1. Length is what matters; composition rules only annoy people.
public struct PasswordRule: Sendable {
    public let minimumLength: Int
    public let maximumLength: Int

    /// bcrypt reads at most 72 bytes, so longer passwords would silently be truncated.
    public init(minimumLength: Int = 10, maximumLength: Int = 72) {
        self.minimumLength = minimumLength
        self.maximumLength = maximumLength
    }

    public func check(_ password: String, field: String = "password") throws(FieldError) {
        if password.count < minimumLength {
            throw FieldError(field: field, message: "Use at least \(minimumLength) characters.")
        }
        if password.utf8.count > maximumLength {
            throw FieldError(field: field, message: "Use at most \(maximumLength) bytes.")
        }
        if password.allSatisfy({ $0 == password.first }) {
            throw FieldError(field: field, message: "Use more than one repeated character.")
        }
    }
}
