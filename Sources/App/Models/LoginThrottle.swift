import Fluent
import Foundation

/// Failed-login count per typed address (known or not), shared by every app instance.
final class LoginThrottle: Model, @unchecked Sendable {
    static let schema = "login_throttles"

    // identity
    @ID(key: .id) var id: UUID?
    @Field(key: "email_key") var emailKey: String

    // data
    @Field(key: "failures") var failures: Int
    @OptionalField(key: "locked_until") var lockedUntil: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(emailKey: String) {
        self.emailKey = emailKey
        self.failures = 0
    }
}
