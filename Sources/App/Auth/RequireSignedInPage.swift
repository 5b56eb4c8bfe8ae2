import Vapor

/// Pages for signed-in users send everyone else to the login page, and back afterwards.
struct RequireSignedInPage: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.auth.has(User.self) else {
            let target = request.method == .GET ? request.url.path : "/"
            let encoded = target.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? "/"
            return request.redirect(to: "/login?next=\(encoded)")
        }
        return try await next.respond(to: request)
    }
}

/// API routes answer 401 JSON to anyone not signed in by token or session.
struct RequireAPIUser: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        _ = try request.requireUser()
        return try await next.respond(to: request)
    }
}

extension Request {
    /// Only same-site relative paths are followed after login, never another host.
    func safeRedirectTarget(_ raw: String?) -> String {
        guard let raw, raw.hasPrefix("/"), !raw.hasPrefix("//"), !raw.contains("\\") else { return "/" }
        return raw
    }
}
