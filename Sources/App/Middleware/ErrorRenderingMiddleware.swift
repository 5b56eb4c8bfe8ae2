import Vapor

/// Turns every thrown error into the house error shape: JSON under /api, a page elsewhere.
/// Unexpected errors are logged in full and shown only as a generic message.
struct ErrorRenderingMiddleware: AsyncMiddleware {
    struct Body: Content {
        struct Detail: Content {
            let code: String
            let message: String
            let field: String?
        }
        let error: Detail
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            var payload = ErrorPayload(error)
            // No route matched this method (or only one with a parameter where the path names
            // another address): if one matches the path under another method, say so.
            var allowed: [HTTPMethod] = []
            if let route = request.route, (400..<500).contains(payload.status.code) {
                allowed = AllowedMethods.atNamedAddress(request, matched: route)
            } else if request.route == nil, payload.status == .notFound {
                allowed = AllowedMethods.at(request)
            }
            if !allowed.isEmpty {
                let names = allowed.map(\.rawValue).joined(separator: ", ")
                payload = ErrorPayload(
                    status: .methodNotAllowed, code: ErrorPayload.code(for: .methodNotAllowed),
                    message: "This address does not take \(request.method.rawValue); it takes \(names).")
            }
            if payload.status.code >= 500 {
                request.logger.report(error: error)
            }
            let response =
                request.isAPIRequest
                ? try jsonResponse(payload)
                : await pageResponse(payload, for: request)
            if !allowed.isEmpty {
                response.headers.replaceOrAdd(name: .allow, value: allowed.map(\.rawValue).joined(separator: ", "))
            }
            if payload.code == ErrorPayload.busyCode { response.headers.replaceOrAdd(name: .retryAfter, value: "1") }
            if let abort = error as? any AbortError {
                for (name, value) in abort.headers where name.lowercased() != "content-type" {
                    response.headers.replaceOrAdd(name: name, value: value)
                }
            }
            return response
        }
    }

    private func jsonResponse(_ payload: ErrorPayload) throws -> Response {
        let body = Body(error: .init(code: payload.code, message: payload.message, field: payload.field))
        let response = Response(status: payload.status)
        try response.content.encode(body, as: .json)
        return response
    }

    private func pageResponse(_ payload: ErrorPayload, for request: Request) async -> Response {
        struct Context: Encodable {
            let title: String
            let status: UInt
            let message: String
            let nav: Navigation?
        }
        let context = Context(
            title: payload.status.reasonPhrase, status: payload.status.code,
            message: payload.message, nav: request.navigationIfSignedIn)
        do {
            let response = try await request.view.render("error", context).encodeResponse(for: request)
            response.status = payload.status
            return response
        } catch {
            let response = Response(status: payload.status, body: .init(string: payload.message))
            response.headers.contentType = .plainText
            return response
        }
    }
}

extension Request {
    /// The JSON API, and the channel webhooks platforms deliver to (forms answer people, in pages).
    var isAPIRequest: Bool {
        url.path.hasPrefix("/api/")
            || (url.path.hasPrefix(IntakeController.pathPrefix)
                && !url.path.hasPrefix(IntakeController.pathPrefix + "forms/"))
    }
}
