import Fluent
import Foundation

/// Personal API tokens: issued once in clear, kept only as a hash, revocable.
struct TokenService: Sendable {
    let db: any Database

    static let tokenPrefix = "sp_"

    func issue(for user: User, name rawName: String) async throws -> (token: APIToken, secret: String) {
        let name = rawName.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...100).contains(name.count) else {
            throw DomainError.invalid(field: "name", "Name the token (1 to 100 characters), e.g. 'reporting script'.")
        }
        let secret = SecretToken.generate(prefix: Self.tokenPrefix)
        let token = APIToken(
            userID: try user.requireID(), name: name, tokenHash: SecretToken.hash(secret),
            prefix: String(secret.prefix(Self.tokenPrefix.count + 6)))
        try await token.create(on: db)
        return (token, secret)
    }

    func list(for userID: UUID) async throws -> [APIToken] {
        try await APIToken.query(on: db)
            .filter(\.$user.$id == userID)
            .filter(\.$revokedAt == nil)
            .sort(\.$createdAt, .descending)
            .all()
    }

    /// Revokes a token of the user's own; anyone else's is "not found" unless `mayRevokeAny`.
    func revoke(_ tokenID: UUID, ownerID: UUID, mayRevokeAny: Bool, now: Date) async throws {
        guard let token = try await APIToken.find(tokenID, on: db), token.revokedAt == nil,
            mayRevokeAny || token.$user.id == ownerID
        else {
            throw DomainError.notFound("No such token.")
        }
        token.revokedAt = now
        try await token.save(on: db)
    }
}
