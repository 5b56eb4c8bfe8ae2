import Fluent
import SalesPulseCore
import Vapor

/// The signed-in home page and a manager's view of their team.
struct HomeController: RouteCollection {
    struct TeamPage: Encodable {
        let title = "My team"
        let nav: Navigation
        let members: [UserRow]
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get(use: home)
        routes.get("team", use: team)
    }

    @Sendable func home(req: Request) async throws -> View {
        try await req.view.render("home", try await HomePage.make(req))
    }

    @Sendable func team(req: Request) async throws -> View {
        try await req.authorize(.read, .user)
        let users = try await UserDirectory(db: req.db)
            .list(for: try await req.actor(), filter: UserListFilter(), page: try PageRequest(req))
        return try await req.view.render(
            "team", TeamPage(nav: try req.navigation(), members: try users.map(UserRow.init)))
    }
}

/// A user as a row of a page table.
struct UserRow: Encodable {
    let id: String
    let email: String
    let name: String
    let role: String
    let active: Bool
    let awayUntil: String?
    let monthlyTarget: String
    let lastLogin: String

    init(_ user: User) throws {
        id = try user.requireID().uuidString
        email = user.email
        name = user.name
        role = user.role.displayName
        active = user.isActive
        awayUntil = user.awayUntil
        monthlyTarget = user.monthlyTarget.description
        lastLogin = user.lastLoginAt.map(PageDate.format) ?? "never"
    }
}
