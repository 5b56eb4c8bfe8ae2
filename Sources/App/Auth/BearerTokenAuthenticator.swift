import Fluent
import FluentSQL
import Vapor

/// Signs in the owner of a valid, unrevoked personal API token. Deactivated users' tokens fail.
struct BearerTokenAuthenticator: AsyncMiddleware {
    /// Writing last-used on every call would turn reads into writes; once a minute is enough.
    private let lastUsedResolution: TimeInterval = 60

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let bearer = request.headers.bearerAuthorization else {
            return try await next.respond(to: request)
        }
        // Every API call pays for this look-up, so it is one statement naming few columns: the
        // model query spelled out every column of both tables in two statements.
        let sql = request.db.sql
        let row = try await sql.raw(
            """
            SELECT \(ident: User.schema).*, \(ident: APIToken.schema).\(ident: "id") AS \(ident: "token_id"), \
            \(ident: APIToken.schema).\(ident: "last_used_at") AS \(ident: "token_last_used_at") \
            FROM \(ident: APIToken.schema) JOIN \(ident: User.schema) ON \(ident: User.schema).\(ident: "id") = \(ident: APIToken.schema).\(ident: "user_id") \
            WHERE \(ident: "token_hash") = \(bind: SecretToken.hash(bearer.token)) AND \(ident: "revoked_at") IS NULL
            """
        ).first()
        guard let row, let user = try? row.decode(fluentModel: User.self), user.isActive else {
            throw DomainError.unauthenticated(
                "This API token is not valid: it may have been revoked, or its user deactivated.")
        }
        let now = request.now
        let lastUsed =
            try row.decodeNil(column: "token_last_used_at")
            ? nil : try row.decode(column: "token_last_used_at", as: Date.self)
        if lastUsed.map({ now.timeIntervalSince($0) > lastUsedResolution }) ?? true {
            try await sql.update(APIToken.schema).set("last_used_at", to: SQLBind(now))
                .where("id", .equal, SQLBind(try row.decode(column: "token_id", as: UUID.self))).run()
        }
        request.auth.login(user)
        request.authMethod = .token
        return try await next.respond(to: request)
    }
}
