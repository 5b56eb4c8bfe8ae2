import Fluent
import SalesPulseCore
import Vapor

extension User: Authenticatable {}

/// How the signed-in user proved who they are on this request.
enum AuthMethod: Sendable {
    case session
    case token
}

extension Request {
    private struct AuthMethodKey: StorageKey { typealias Value = AuthMethod }
    private struct ActorKey: StorageKey { typealias Value = Actor }

    var authMethod: AuthMethod? {
        get { storage[AuthMethodKey.self] }
        set { storage[AuthMethodKey.self] = newValue }
    }

    /// A request that carries a bearer token is an API-token request, whatever else it carries.
    var carriesBearerToken: Bool { headers.bearerAuthorization != nil }

    func requireUser() throws -> User {
        guard let user = auth.get(User.self) else {
            throw DomainError.unauthenticated("Sign in, or send an API token as 'Authorization: Bearer <token>'.")
        }
        return user
    }

    /// The signed-in user as the access policy sees them, computed once per request.
    func actor() async throws -> Actor {
        if let cached = storage[ActorKey.self] { return cached }
        let actor = try await ActorResolver.resolve(try requireUser(), on: db)
        storage[ActorKey.self] = actor
        return actor
    }

    /// Asks the policy; throws 403 or 404 as it answers.
    func authorize(_ action: Action, _ resource: Resource, record: RecordScope? = nil) async throws {
        var actor = try await actor()
        if resource == .personalData, actor.role != .admin {
            actor = actor.granting(privacyTo: try await companySettings.privacy().roles)
        }
        switch AccessPolicy.decide(actor, action, resource, record: record) {
        case .allowed: return
        case .forbidden: throw DomainError.forbidden("Your role may not \(action.rawValue) this.")
        case .notFound: throw DomainError.notFound("Not found.")
        }
    }
}
