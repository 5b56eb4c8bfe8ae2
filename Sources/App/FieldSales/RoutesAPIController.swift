import Foundation
import SalesPulseCore
import Vapor

/// The day planner and territory coverage over the API.
struct RoutesAPIController: RouteCollection {
    struct Saved: Content {
        let taskIds: [UUID]
        let route: DayRoute
    }

    func boot(routes: any RoutesBuilder) throws {
        let group = routes.grouped("routes")
        group.post("plan", use: plan)
        group.post("visits", use: saveVisits)
        routes.get("territories", "coverage", use: coverage)
        routes.post("accounts", ":id", "check-in", use: checkIn)
    }

    @Sendable func plan(req: Request) async throws -> Response {
        try await req.authorize(.read, .businessRecord)
        let route = try await DayRoutePlanner(req: req).plan(try req.content.decode(DayRouteRequest.self))
        return try SchoolAPIController.json(route)
    }

    /// Plans (or re-times the order given) and saves the visits as the person's tasks.
    @Sendable func saveVisits(req: Request) async throws -> Response {
        try await req.authorize(.create, .businessRecord)
        let route = try await DayRoutePlanner(req: req).plan(try req.content.decode(DayRouteRequest.self))
        let ids = try await DayRouteVisits(context: try await req.recordContext()).save(route)
        let response = try SchoolAPIController.json(Saved(taskIds: ids, route: route))
        response.status = .created
        return response
    }

    @Sendable func checkIn(req: Request) async throws -> Response {
        let account = try await req.visibleRecord(.accounts, for: .read)
        try await req.authorize(.create, .businessRecord)
        let result = try await VisitCheckIn(req: req).checkIn(
            at: account, try req.content.decode(VisitCheckIn.Position.self))
        let response = try SchoolAPIController.json(result)
        response.status = .created
        return response
    }

    @Sendable func coverage(req: Request) async throws -> Response {
        try await req.authorize(.read, .businessRecord)
        return try SchoolAPIController.json(try await TerritoryCoverage.make(req))
    }
}
