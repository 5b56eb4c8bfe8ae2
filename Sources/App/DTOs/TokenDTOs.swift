import Foundation
import Vapor

struct CreateTokenRequest: StrictBody {
    let email: String
    let password: String
    let name: String

    enum CodingKeys: String, CodingKey, CaseIterable {
        case email, password, name
    }
}

/// Returned once, at creation: the only time the token is ever shown.
struct TokenCreatedResponse: Content {
    let id: UUID
    let token: String
    let name: String
    let createdAt: Date?
}

struct TokenResponse: Content {
    let id: UUID
    let name: String
    let prefix: String
    let createdAt: Date?
    let lastUsedAt: Date?

    init(_ token: APIToken) throws {
        id = try token.requireID()
        name = token.name
        prefix = token.prefix
        createdAt = token.createdAt
        lastUsedAt = token.lastUsedAt
    }
}
