import Documents
import FieldRoutes
import Fluent
import Foundation
import SalesPulseCore
import Vapor

/// The coverage page a manager reads, with the territories drawn on its map: drawn by tapping
/// the map's corners (or typing them), given to a rep or a team, and removed again.
struct TerritoryPagesController: RouteCollection {
    struct RepRow: Encodable {
        let rep: TerritoryCoverage.Rep
        let customerTime: String
        let travelTime: String
    }

    /// What the drawing form holds, kept when it comes back with an error.
    struct DrawForm: Content {
        var name: String?
        /// "rep:<id>" or "team:<id>".
        var assignee: String?
        var corners: String?
    }

    struct CoveragePage: Encodable {
        let title = "Territory coverage"
        let nav: Navigation
        let coverage: TerritoryCoverage
        let reps: [RepRow]
        let map: String
        let canDraw: Bool
        let assignees: [FormField.Option]
        let form: DrawForm
        let errors: [String: String]
        let notice: String?
        /// How the map lies in the picture, for turning a tap into a corner.
        let mapScale: Double
        let mapOffsetX: Double
        let mapOffsetY: Double
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("coverage", use: coverage)
        routes.post("coverage", "territories", use: draw)
        routes.post("coverage", "territories", ":id", "remove", use: remove)
    }

    @Sendable func coverage(req: Request) async throws -> View {
        let notice: String? =
            switch req.query[String.self, at: "done"] {
            case "drawn": "The territory is saved. Its accounts now count towards its coverage."
            case "removed": "The territory is removed."
            default: nil
            }
        return try await render(req, form: DrawForm(), notice: notice)
    }

    @Sendable func draw(req: Request) async throws -> Response {
        try await req.authorize(.create, .referenceData)
        let form = try req.content.decode(DrawForm.self)
        do {
            let parts = (form.assignee ?? "").split(separator: ":", maxSplits: 1).map(String.init)
            let id = parts.count == 2 ? UUID(uuidString: parts[1]) : nil
            let draft = try Territories.draft(
                name: form.name, repID: parts.first == "rep" ? id : nil, teamID: parts.first == "team" ? id : nil
            ) { () throws(GeoArea.Invalid) in try GeoArea.parse(form.corners ?? "") }
            _ = try await Territories(req: req).create(draft)
        } catch let error as DomainError {
            guard case .invalid(let field) = error else { throw error }
            let name = ["repId", "teamId"].contains(field.field) ? "assignee" : field.field
            return try await render(req, form: form, errors: [name: field.message])
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
        return req.redirect(to: "/coverage?done=drawn#territories")
    }

    @Sendable func remove(req: Request) async throws -> Response {
        guard let id = req.parameters.get("id", as: UUID.self) else {
            throw DomainError.notFound("There is no such territory.")
        }
        try await Territories(req: req).delete(id)
        return req.redirect(to: "/coverage?done=removed#territories")
    }

    private func render(
        _ req: Request, form: DrawForm, errors: [String: String] = [:], notice: String? = nil
    ) async throws -> View {
        try await req.authorize(.read, .businessRecord)
        let actor = try await req.actor()
        let coverage = try await TerritoryCoverage.make(req)
        let placed = coverage.accounts.filter { $0.latitude != nil }
        let areas = coverage.territories.map { area in
            PlaceMap.Area(label: area.name, corners: area.corners.map { ($0.latitude, $0.longitude) })
        }
        let projection = PlaceMap.projection(
            places: placed.map {
                PlaceMap.Place(label: $0.name, latitude: $0.latitude!, longitude: $0.longitude!, color: .ink)
            }, areas: areas)
        let canDraw = AccessPolicy.decide(actor, .create, .referenceData) == .allowed
        return try await req.view.render(
            "routes/coverage",
            CoveragePage(
                nav: try req.navigation(), coverage: coverage,
                reps: coverage.reps.map {
                    RepRow(
                        rep: $0, customerTime: RoutePagesController.duration($0.customerMinutes),
                        travelTime: RoutePagesController.duration($0.travelMinutes))
                },
                map: SVGWriter.svg(
                    RoutePagesController.map(placed, route: nil, areas: areas, tiles: req.application.settings.mapTiles)
                ),
                canDraw: canDraw,
                assignees: canDraw ? try await assignees(req, actor: actor, chosen: form.assignee) : [],
                form: form, errors: errors, notice: notice, mapScale: projection?.scale ?? 0,
                mapOffsetX: projection?.offsetX ?? 0, mapOffsetY: projection?.offsetY ?? 0))
    }

    /// The reps and teams the person may draw for: all for admins, their own people for managers.
    private func assignees(_ req: Request, actor: Actor, chosen: String?) async throws -> [FormField.Option] {
        let visible = AccessPolicy.visibleOwnerIDs(actor)
        let users = try await User.query(on: req.db).filter(\.$isActive == true).sort(\.$name).all()
            .filter { user in visible.map { $0.contains(user.id!) } ?? true }
        let teams = try await Team.query(on: req.db).sort(\.$name).all()
            .filter { actor.role == .admin || actor.teamIDs.contains($0.id!) }
        let options =
            users.map { ("rep:\($0.id!.uuidString)", $0.name) }
            + teams.map { ("team:\($0.id!.uuidString)", "Team \($0.name)") }
        return options.map { FormField.Option(value: $0.0, label: $0.1, selected: $0.0 == chosen) }
    }
}
