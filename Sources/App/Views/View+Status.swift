import Vapor

extension View {
    /// A rendered page with a status other than 200, e.g. a form shown again with errors.
    func response(_ status: HTTPResponseStatus, for request: Request) async throws -> Response {
        let response = try await encodeResponse(for: request)
        response.status = status
        return response
    }
}
