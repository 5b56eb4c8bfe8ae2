import Fluent
import Foundation

/// A one-time password reset link; stored hashed, expires, used at most once.
final class PasswordResetToken: Model, @unchecked Sendable {
    static let schema = "password_reset_tokens"

    // identity
    @ID(key: .id) var id: UUID?
    @Field(key: "token_hash") var tokenHash: String

    // relations
    @Parent(key: "user_id") var user: User

    // data
    @Field(key: "expires_at") var expiresAt: Date
    @OptionalField(key: "used_at") var usedAt: Date?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(userID: UUID, tokenHash: String, expiresAt: Date) {
        self.$user.id = userID
        self.tokenHash = tokenHash
        self.expiresAt = expiresAt
    }
}
