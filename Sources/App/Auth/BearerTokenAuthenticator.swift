import Fluent
import Vapor

/// Signs in the owner of a valid, unrevoked personal API token. Deactivated users' tokens fail.
struct BearerTokenAuthenticator: AsyncMiddleware {
    /// Writing last-used on every call would turn reads into writes; once a minute is enough.
    private let lastUsedResolution: TimeInterval = 60

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let bearer = request.headers.bearerAuthorization else {
            return try await next.respond(to: request)
        }
        let token = try await APIToken.query(on: request.db)
            .filter(\.$tokenHash == SecretToken.hash(bearer.token))
            .filter(\.$revokedAt == nil)
            .with(\.$user)
            .first()
        guard let token, token.user.isActive else {
            throw DomainError.unauthenticated(
                "This API token is not valid: it may have been revoked, or its user deactivated.")
        }
        let now = request.now
        if token.lastUsedAt.map({ now.timeIntervalSince($0) > lastUsedResolution }) ?? true {
            token.lastUsedAt = now
            try await token.save(on: request.db)
        }
        request.auth.login(token.user)
        request.authMethod = .token
        return try await next.respond(to: request)
    }
}
