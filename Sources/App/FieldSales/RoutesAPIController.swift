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
        routes.get("territories", use: territories)
        routes.post("territories", use: drawTerritory)
        routes.delete("territories", ":id", use: removeTerritory)
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

    @Sendable func territories(req: Request) async throws -> Response {
        try await req.authorize(.read, .referenceData)
        struct Page: Content { let items: [Territories.Item] }
        return try SchoolAPIController.json(Page(items: try await Territories(req: req).items()))
    }

    @Sendable func drawTerritory(req: Request) async throws -> Response {
        try await req.authorize(.create, .referenceData)
        let draft = try Territories.draft(try req.content.decode(Territories.Input.self))
        let territory = try await Territories(req: req).create(draft)
        let item = try await Territories(req: req).items().first { $0.id == territory.id }
        let response = try SchoolAPIController.json(item)
        response.status = .created
        return response
    }

    @Sendable func removeTerritory(req: Request) async throws -> HTTPStatus {
        guard let id = req.parameters.get("id", as: UUID.self) else {
            throw DomainError.notFound("There is no such territory.")
        }
        try await Territories(req: req).delete(id)
        return .noContent
    }

    @Sendable func coverage(req: Request) async throws -> Response {
        try await req.authorize(.read, .businessRecord)
        return try SchoolAPIController.json(try await TerritoryCoverage.make(req))
    }
}
