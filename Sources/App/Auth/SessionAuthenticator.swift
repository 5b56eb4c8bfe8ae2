import Fluent
import Vapor

/// Signs in the user named by the session, if they are still active and their password has
/// not changed since the session began.
struct SessionAuthenticator: AsyncMiddleware {
    static let userKey = "uid"
    static let versionKey = "sv"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if !request.carriesBearerToken, request.hasSession,
            let idText = request.session.data[Self.userKey], let id = UUID(uuidString: idText)
        {
            if let user = try await User.find(id, on: request.db), user.isActive,
                request.session.data[Self.versionKey] == String(user.sessionVersion)
            {
                request.auth.login(user)
                request.authMethod = .session
            } else {
                request.session.data[Self.userKey] = nil
                request.session.data[Self.versionKey] = nil
            }
        }
        return try await next.respond(to: request)
    }
}

extension Request {
    /// Starts a signed-in session under a fresh id, so a planted session id is worthless.
    func startSession(for user: User) async throws {
        if let oldID = session.id {
            try await application.sessions.driver.deleteSession(oldID, for: self).get()
            session.id = nil
        }
        session.data[SessionAuthenticator.userKey] = try user.requireID().uuidString
        session.data[SessionAuthenticator.versionKey] = String(user.sessionVersion)
        session.data[CSRF.sessionKey] = SecretToken.generate()
        auth.login(user)
        authMethod = .session
    }
}
