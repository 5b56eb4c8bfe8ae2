import Vapor

/// A query parameter with nothing after "=" means "not given": a filter form's empty choice
/// and a client's `sort=` read as if the parameter were absent, never as an invalid value.
struct EmptyQueryParameters: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let query = request.url.query, query.hasSuffix("=") || query.contains("=&") {
            let kept = query.split(separator: "&").filter { !$0.hasSuffix("=") }
            request.url.query = kept.isEmpty ? nil : kept.joined(separator: "&")
        }
        return try await next.respond(to: request)
    }
}
