import Foundation
import SalesPulseCore
import Vapor

/// /forecasts: the months ahead for revenue, new leads or won deals, for the company or its
/// largest regions, categories, teams or reps, within what the viewer may see.
struct ForecastPagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("forecasts", use: page)
    }

    @Sendable func page(req: Request) async throws -> View {
        let request = try ForecastRequest(req)
        let query = request.query(try await AnalyticsService(req: req))
        let groups = try await query.groups()
        return try await req.view.render(
            "forecasts", try await ForecastPage.make(request, query: query, groups: groups, req: req))
    }
}
