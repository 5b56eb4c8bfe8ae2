import Fluent
import Foundation

/// A personal API token. Only its SHA-256 is stored; the token itself is shown once.
final class APIToken: Model, @unchecked Sendable {
    static let schema = "api_tokens"

    // identity
    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "token_hash") var tokenHash: String
    /// The first characters of the token, so a user can tell their tokens apart.
    @Field(key: "prefix") var prefix: String

    // relations
    @Parent(key: "user_id") var user: User

    // data
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @OptionalField(key: "last_used_at") var lastUsedAt: Date?
    @OptionalField(key: "revoked_at") var revokedAt: Date?

    init() {}

    init(userID: UUID, name: String, tokenHash: String, prefix: String) {
        self.$user.id = userID
        self.name = name
        self.tokenHash = tokenHash
        self.prefix = prefix
    }
}
