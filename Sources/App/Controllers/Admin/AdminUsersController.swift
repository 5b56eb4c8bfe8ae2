import Fluent
import SalesPulseCore
import Vapor

/// /admin/users: list and search, create, edit role/team/manager/target, deactivate and
/// reactivate, set a new password. Admins only; the policy refuses everyone else.
struct AdminUsersController: RouteCollection {
    struct ListPage: Encodable {
        let title = "Users"
        let nav: Navigation
        let users: [UserRow]
        let query: String
        let nextCursor: String?
    }

    struct FormPage: Encodable {
        let title: String
        let nav: Navigation
        let action: String
        let isNew: Bool
        let user: UserRow?
        let form: FormState
        let roles: [Choice]
        let teams: [Choice]
        let managers: [Choice]
        let saved: Bool
    }

    struct Choice: Encodable {
        let value: String
        let label: String
    }

    struct UserForm: Content {
        var email: String?
        var name: String?
        var password: String?
        var role: String?
        var teamId: String?
        var managerId: String?
        var monthlyTarget: String?
        var awayUntil: String?

        var values: [String: String] {
            [
                "email": email ?? "", "name": name ?? "", "role": role ?? "", "teamId": teamId ?? "",
                "managerId": managerId ?? "", "monthlyTarget": monthlyTarget ?? "", "awayUntil": awayUntil ?? "",
            ]
        }

        /// Empty selects mean "none"; the password is only read when creating.
        func toInput(includePassword: Bool) throws -> UserInput {
            func optionalID(_ text: String?, field: String) throws -> UUID?? {
                guard let text else { return nil }
                if text.isEmpty { return .some(nil) }
                guard let id = UUID(uuidString: text) else {
                    throw DomainError.invalid(field: field, "Choose from the list.")
                }
                return .some(id)
            }
            let target = try monthlyTarget.flatMap { $0.isEmpty ? nil : $0 }
                .map { try MoneyAmount(parsing: $0, field: "monthlyTarget") }
            return UserInput(
                email: email, name: name, password: includePassword ? (password ?? "") : nil, role: role,
                teamID: try optionalID(teamId, field: "teamId"),
                managerID: try optionalID(managerId, field: "managerId"),
                monthlyTarget: target, awayUntil: awayUntil.map { .some($0) })
        }
    }

    func boot(routes: any RoutesBuilder) throws {
        let users = routes.grouped("admin", "users")
        users.get(use: list)
        users.get("new", use: newForm)
        users.post(use: create)
        users.get(":userID", use: editForm)
        users.post(":userID", use: update)
        users.post(":userID", "deactivate", use: deactivate)
        users.post(":userID", "activate", use: activate)
        users.post(":userID", "password", use: setPassword)
    }

    @Sendable func list(req: Request) async throws -> View {
        try await req.authorize(.update, .user)
        let page = try PageRequest(req)
        var filter = try UserListFilter(req)
        filter.search = filter.search?.trimmingCharacters(in: .whitespaces)
        let rows = try await UserDirectory(db: req.db).list(for: try await req.actor(), filter: filter, page: page)
        let shown = Array(rows.prefix(page.limit))
        return try await req.view.render(
            "admin/users",
            ListPage(
                nav: try req.navigation(), users: try shown.map(UserRow.init), query: filter.search ?? "",
                nextCursor: rows.count > page.limit ? shown.last?.email : nil))
    }

    @Sendable func newForm(req: Request) async throws -> View {
        try await req.authorize(.create, .user)
        return try await renderForm(req, user: nil, form: FormState(values: ["role": Role.rep.rawValue]))
    }

    @Sendable func create(req: Request) async throws -> Response {
        try await req.authorize(.create, .user)
        let form = try req.content.decode(UserForm.self)
        do {
            let user = try await req.userService.create(try form.toInput(includePassword: true))
            return req.redirect(to: "/admin/users/\(try user.requireID())?saved=1")
        } catch {
            guard let state = FormState.failed(error, values: form.values) else { throw error }
            return try await renderForm(req, user: nil, form: state).response(.unprocessableEntity, for: req)
        }
    }

    @Sendable func editForm(req: Request) async throws -> View {
        let user = try await find(req)
        return try await renderForm(
            req, user: user, form: FormState(values: Self.values(of: user)),
            saved: req.query[String.self, at: "saved"] != nil)
    }

    @Sendable func update(req: Request) async throws -> Response {
        let user = try await find(req)
        let form = try req.content.decode(UserForm.self)
        do {
            try await req.userService.update(user, with: try form.toInput(includePassword: false))
            return req.redirect(to: "/admin/users/\(try user.requireID())?saved=1")
        } catch {
            guard let state = FormState.failed(error, values: form.values) else { throw error }
            return try await renderForm(req, user: user, form: state).response(.unprocessableEntity, for: req)
        }
    }

    @Sendable func deactivate(req: Request) async throws -> Response {
        let user = try await find(req)
        do {
            try await req.userService.deactivate(user, by: try await req.actor().userID)
        } catch {
            guard let state = FormState.failed(error, values: Self.values(of: user)) else { throw error }
            return try await renderForm(req, user: user, form: state).response(.conflict, for: req)
        }
        return req.redirect(to: "/admin/users/\(try user.requireID())?saved=1")
    }

    @Sendable func activate(req: Request) async throws -> Response {
        let user = try await find(req)
        try await req.userService.update(user, with: UserInput(isActive: true))
        return req.redirect(to: "/admin/users/\(try user.requireID())?saved=1")
    }

    @Sendable func setPassword(req: Request) async throws -> Response {
        struct Form: Content { var password: String? }
        let user = try await find(req)
        do {
            try await req.userService.update(
                user, with: UserInput(password: try req.content.decode(Form.self).password ?? ""))
        } catch {
            guard var state = FormState.failed(error, values: Self.values(of: user)) else { throw error }
            if let message = state.errors.removeValue(forKey: "password") { state.errors["newPassword"] = message }
            return try await renderForm(req, user: user, form: state).response(.unprocessableEntity, for: req)
        }
        return req.redirect(to: "/admin/users/\(try user.requireID())?saved=1")
    }

    private func find(_ req: Request) async throws -> User {
        try await req.authorize(.update, .user)
        guard let id = req.parameters.get("userID", as: UUID.self), let user = try await User.find(id, on: req.db)
        else {
            throw DomainError.notFound("No such user.")
        }
        return user
    }

    private static func values(of user: User) -> [String: String] {
        [
            "email": user.email, "name": user.name, "role": user.role.rawValue,
            "teamId": user.$team.id?.uuidString ?? "", "managerId": user.$manager.id?.uuidString ?? "",
            "monthlyTarget": user.monthlyTarget.description, "awayUntil": user.awayUntil ?? "",
        ]
    }

    private func renderForm(_ req: Request, user: User?, form: FormState, saved: Bool = false) async throws -> View {
        let teams = try await Team.query(on: req.db).sort(\.$name).all()
        let managers = try await User.query(on: req.db)
            .filter(\.$role ~~ [Role.manager, Role.admin]).filter(\.$isActive == true).sort(\.$name).all()
        let id = try user?.requireID().uuidString
        return try await req.view.render(
            "admin/user-form",
            FormPage(
                title: user.map { "Edit \($0.name)" } ?? "New user",
                nav: try req.navigation(),
                action: id.map { "/admin/users/\($0)" } ?? "/admin/users",
                isNew: user == nil,
                user: try user.map(UserRow.init),
                form: form,
                roles: Role.allCases.map { Choice(value: $0.rawValue, label: $0.displayName) },
                teams: try teams.map { Choice(value: try $0.requireID().uuidString, label: $0.name) },
                managers: try managers.filter { $0.id != user?.id }.map {
                    Choice(value: try $0.requireID().uuidString, label: "\($0.name) (\($0.email))")
                },
                saved: saved))
    }
}
