import Fluent
import SalesPulseCore
import Vapor

/// /admin/teams: create, rename, set region and lead, delete.
struct AdminTeamsController: RouteCollection {
    struct TeamRow: Encodable {
        let id: String
        let name: String
        let region: String
        let lead: String
        let members: Int
    }

    struct ListPage: Encodable {
        let title = "Teams"
        let nav: Navigation
        let teams: [TeamRow]
        let form: FormState
    }

    struct EditPage: Encodable {
        let title: String
        let nav: Navigation
        let team: TeamRow
        let form: FormState
        let leads: [AdminUsersController.Choice]
    }

    struct TeamForm: Content {
        var name: String?
        var region: String?
        var leadId: String?

        var values: [String: String] { ["name": name ?? "", "region": region ?? "", "leadId": leadId ?? ""] }

        func toInput() throws -> TeamInput {
            var lead: UUID?? = nil
            if let leadId {
                if leadId.isEmpty {
                    lead = .some(nil)
                } else {
                    guard let id = UUID(uuidString: leadId) else {
                        throw DomainError.invalid(field: "leadId", "Choose from the list.")
                    }
                    lead = .some(id)
                }
            }
            return TeamInput(name: name, region: region.map { .some($0) }, leadID: lead)
        }
    }

    func boot(routes: any RoutesBuilder) throws {
        let teams = routes.grouped("admin", "teams")
        teams.get(use: list)
        teams.post(use: create)
        teams.get(":teamID", use: edit)
        teams.post(":teamID", use: update)
        teams.post(":teamID", "delete", use: delete)
    }

    @Sendable func list(req: Request) async throws -> View {
        try await req.authorize(.update, .team)
        return try await renderList(req, form: FormState())
    }

    @Sendable func create(req: Request) async throws -> Response {
        try await req.authorize(.create, .team)
        let form = try req.content.decode(TeamForm.self)
        do {
            _ = try await req.teamService.create(try form.toInput())
            return req.redirect(to: "/admin/teams")
        } catch {
            guard let state = FormState.failed(error, values: form.values) else { throw error }
            return try await renderList(req, form: state).response(.unprocessableEntity, for: req)
        }
    }

    @Sendable func edit(req: Request) async throws -> View {
        let team = try await find(req)
        return try await renderEdit(
            req, team: team,
            form: FormState(values: [
                "name": team.name, "region": team.region ?? "", "leadId": team.leadID?.uuidString ?? "",
            ]))
    }

    @Sendable func update(req: Request) async throws -> Response {
        let team = try await find(req)
        let form = try req.content.decode(TeamForm.self)
        do {
            try await req.teamService.update(team, with: try form.toInput())
            return req.redirect(to: "/admin/teams")
        } catch {
            guard let state = FormState.failed(error, values: form.values) else { throw error }
            return try await renderEdit(req, team: team, form: state).response(.unprocessableEntity, for: req)
        }
    }

    @Sendable func delete(req: Request) async throws -> Response {
        try await req.teamService.delete(try await find(req))
        return req.redirect(to: "/admin/teams")
    }

    private func find(_ req: Request) async throws -> Team {
        try await req.authorize(.update, .team)
        guard let id = req.parameters.get("teamID", as: UUID.self), let team = try await Team.find(id, on: req.db)
        else {
            throw DomainError.notFound("No such team.")
        }
        return team
    }

    private func rows(_ req: Request, _ teams: [Team]) async throws -> [TeamRow] {
        let users = try await User.query(on: req.db).all()
        let names = Dictionary(uniqueKeysWithValues: users.compactMap { user in user.id.map { ($0, user.name) } })
        return try teams.map { team in
            let id = try team.requireID()
            return TeamRow(
                id: id.uuidString, name: team.name, region: team.region ?? "",
                lead: team.leadID.flatMap { names[$0] } ?? "",
                members: users.filter { $0.$team.id == id }.count)
        }
    }

    private func renderList(_ req: Request, form: FormState) async throws -> View {
        let teams = try await Team.query(on: req.db).sort(\.$name).all()
        return try await req.view.render(
            "admin/teams", ListPage(nav: try req.navigation(), teams: try await rows(req, teams), form: form))
    }

    private func renderEdit(_ req: Request, team: Team, form: FormState) async throws -> View {
        let leads = try await User.query(on: req.db).filter(\.$role ~~ [Role.manager, Role.admin]).sort(\.$name).all()
        return try await req.view.render(
            "admin/team-form",
            EditPage(
                title: "Edit team \(team.name)", nav: try req.navigation(), team: try await rows(req, [team])[0],
                form: form,
                leads: try leads.map { .init(value: try $0.requireID().uuidString, label: $0.name) }))
    }
}
