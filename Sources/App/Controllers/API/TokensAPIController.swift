import Fluent
import SalesPulseCore
import Vapor

/// /api/v1/auth/tokens: exchange email and password for a personal token; list and revoke.
struct TokensAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let tokens = routes.grouped("auth", "tokens")
        tokens.post(use: create)
        tokens.get(use: list)
        tokens.delete(":tokenID", use: revoke)
    }

    @Sendable func create(req: Request) async throws -> Response {
        let body = try req.decodeStrict(CreateTokenRequest.self).body
        let user: User
        switch try await req.loginService.authenticate(email: body.email, password: body.password) {
        case .success(let found): user = found
        case .failure(let failure):
            if case .locked = failure { throw Abort(.tooManyRequests, reason: failure.message) }
            throw DomainError.unauthenticated(failure.message)
        }
        let (token, secret) = try await req.tokenService.issue(for: user, name: body.name)
        let created = TokenCreatedResponse(
            id: try token.requireID(), token: secret, name: token.name, createdAt: token.createdAt)
        return try await created.encodeResponse(status: .created, for: req)
    }

    @Sendable func list(req: Request) async throws -> Page<TokenResponse> {
        let user = try req.requireUser()
        let tokens = try await req.tokenService.list(for: try user.requireID())
        return Page(items: try tokens.map(TokenResponse.init), nextCursor: nil)
    }

    @Sendable func revoke(req: Request) async throws -> HTTPStatus {
        let user = try req.requireUser()
        guard let id = req.parameters.get("tokenID", as: UUID.self) else {
            throw DomainError.notFound("No such token.")
        }
        try await req.tokenService.revoke(
            id, ownerID: try user.requireID(), mayRevokeAny: user.role == .admin, now: req.now)
        return .noContent
    }
}
