import Vapor

/// Every state-changing request that relies on the session cookie must echo the session's
/// CSRF token: forms in a `_csrf` field, scripts in an `X-CSRF-Token` header. Token (bearer)
/// requests carry no ambient authority and are exempt.
struct CSRF: AsyncMiddleware {
    static let sessionKey = "csrf"
    static let formField = "_csrf"
    static let header = "X-CSRF-Token"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard Self.needsCheck(request) else { return try await next.respond(to: request) }
        let expected = request.hasSession ? request.session.data[Self.sessionKey] : nil
        var sent = request.headers.first(name: Self.header)
        if sent == nil {
            // Middleware runs before the route collects the body, so collect it here; a file
            // upload may be as large as its route takes.
            let limit =
                request.url.path == "/imports"
                ? ImportUpload.maxBytes : request.application.routes.defaultMaxBodySize.value
            _ = try await request.body.collect(max: limit).get()
            sent = try? request.content.get(String.self, at: Self.formField)
        }
        guard let expected, let sent, SecretToken.constantTimeEquals(expected, sent) else {
            throw DomainError.forbidden(
                "This form has expired or did not come from this site. Reload the page and try again.")
        }
        return try await next.respond(to: request)
    }

    private static func needsCheck(_ request: Request) -> Bool {
        guard ![.GET, .HEAD, .OPTIONS].contains(request.method), !request.carriesBearerToken else { return false }
        // Lead forms on other sites post here by design, and the route reads no session.
        if request.url.path.hasPrefix(IntakeController.pathPrefix) { return false }
        // An API call without a signed-in session has no cookie authority to abuse.
        return request.isAPIRequest ? request.authMethod == .session : true
    }
}

extension Request {
    /// The session's CSRF token, created on first use so anonymous forms (login) carry one too.
    var csrfToken: String {
        if let token = session.data[CSRF.sessionKey] { return token }
        let token = SecretToken.generate()
        session.data[CSRF.sessionKey] = token
        return token
    }
}
