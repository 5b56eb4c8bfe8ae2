import Vapor

/// Browser hardening on every response: no inline script, no framing, no MIME sniffing.
struct SecurityHeadersMiddleware: AsyncMiddleware {
    /// Where pictures may also come from: the map tile server, when one is set.
    var imageOrigins: [String] = []

    static func contentSecurityPolicy(imageOrigins: [String] = []) -> String {
        [
            "default-src 'self'", "script-src 'self'", "style-src 'self'",
            (["img-src 'self' data:"] + imageOrigins).joined(separator: " "), "connect-src 'self'", "font-src 'self'",
            "object-src 'none'", "base-uri 'self'", "form-action 'self'", "frame-ancestors 'none'",
        ].joined(separator: "; ")
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        response.headers.replaceOrAdd(
            name: "Content-Security-Policy", value: Self.contentSecurityPolicy(imageOrigins: imageOrigins))
        response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        response.headers.replaceOrAdd(name: "X-Frame-Options", value: "DENY")
        response.headers.replaceOrAdd(name: "Referrer-Policy", value: "same-origin")
        if !request.isAPIRequest, response.headers.contentType == .html {
            response.headers.replaceOrAdd(name: "Cache-Control", value: "no-store")
        }
        return response
    }
}
