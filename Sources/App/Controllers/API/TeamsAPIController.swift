import Fluent
import SalesPulseCore
import Vapor

/// /api/v1/teams: every role reads them (reference data); admins maintain them.
struct TeamsAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let teams = routes.grouped("teams")
        teams.get(use: list)
        teams.post(use: create)
        teams.get(":teamID", use: show)
        teams.patch(":teamID", use: update)
        teams.delete(":teamID", use: delete)
    }

    @Sendable func list(req: Request) async throws -> Page<TeamResponse> {
        try await req.authorize(.read, .team)
        let teams = try await Team.query(on: req.db).sort(\.$name).all()
        return Page(items: try teams.map(TeamResponse.init), nextCursor: nil)
    }

    @Sendable func show(req: Request) async throws -> TeamResponse {
        try TeamResponse(try await find(req, for: .read))
    }

    @Sendable func create(req: Request) async throws -> Response {
        try await req.authorize(.create, .team)
        let team = try await req.teamService.create(try req.decodeStrict(TeamRequest.self).toInput())
        return try await TeamResponse(team).encodeResponse(status: .created, for: req)
    }

    @Sendable func update(req: Request) async throws -> TeamResponse {
        let team = try await find(req, for: .update)
        try await req.teamService.update(team, with: try req.decodeStrict(TeamRequest.self).toInput())
        return try TeamResponse(team)
    }

    @Sendable func delete(req: Request) async throws -> HTTPStatus {
        let team = try await find(req, for: .delete)
        try await req.teamService.delete(team)
        return .noContent
    }

    private func find(_ req: Request, for action: Action) async throws -> Team {
        try await req.authorize(action, .team)
        guard let id = req.parameters.get("teamID", as: UUID.self), let team = try await Team.find(id, on: req.db)
        else {
            throw DomainError.notFound("No such team.")
        }
        return team
    }
}
