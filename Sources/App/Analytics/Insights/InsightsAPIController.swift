import Foundation
import Vapor

/// GET /api/v1/insights: what moved, who moved it and which weeks stood out, in words with
/// their figures, within the caller's scope.
struct InsightsAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("insights", use: insights)
    }

    @Sendable func insights(req: Request) async throws -> Response {
        try RecordJSON.response(try await InsightsReport.make(req: req).json)
    }
}
