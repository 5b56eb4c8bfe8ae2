import Vapor

/// Times every request. Routes are labelled by their pattern (/api/v1/users/:userID), never by
/// the concrete path, so ids do not explode the number of series.
struct MetricsMiddleware: AsyncMiddleware {
    let metrics: RequestMetrics

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await next.respond(to: request)
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let route = request.route.map { "/" + $0.path.map(\.description).joined(separator: "/") } ?? "unmatched"
        metrics.record(method: request.method.rawValue, route: route, status: response.status.code, seconds: seconds)
        return response
    }
}

extension Application {
    private struct MetricsKey: StorageKey { typealias Value = RequestMetrics }

    var requestMetrics: RequestMetrics {
        if let metrics = storage[MetricsKey.self] { return metrics }
        let metrics = RequestMetrics()
        storage[MetricsKey.self] = metrics
        return metrics
    }
}
