import Fluent
import SQLKit
import Vapor

/// /health for load balancers and /metrics for Prometheus.
struct OperationsController: RouteCollection {
    struct Health: Content {
        let status: String
        let database: String
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("health", use: health)
        routes.get("metrics", use: metrics)
    }

    @Sendable func health(req: Request) async throws -> Response {
        do {
            try await req.db.sql.raw("SELECT 1").run()
            return try await Health(status: "ok", database: "ok").encodeResponse(for: req)
        } catch {
            req.logger.error("Health check: database unreachable: \(String(reflecting: error))")
            return try await Health(status: "unavailable", database: "unreachable")
                .encodeResponse(status: .serviceUnavailable, for: req)
        }
    }

    @Sendable func metrics(req: Request) async throws -> Response {
        let jobs = JobMetrics.prometheusText(try await req.application.jobs.summary(now: req.now))
        let response = Response(
            status: .ok, body: .init(string: req.application.requestMetrics.prometheusText() + jobs))
        response.headers.replaceOrAdd(name: .contentType, value: "text/plain; version=0.0.4; charset=utf-8")
        return response
    }
}
