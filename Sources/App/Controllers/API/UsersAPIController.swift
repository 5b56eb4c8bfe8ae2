import Fluent
import SalesPulseCore
import Vapor

/// /api/v1/users: admins do everything; managers read their team and reports.
/// DELETE deactivates: users own records and appear in history, so they are never erased.
struct UsersAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let users = routes.grouped("users")
        users.get(use: list)
        users.post(use: create)
        users.get(":userID", use: show)
        users.patch(":userID", use: update)
        users.delete(":userID", use: deactivate)
    }

    @Sendable func list(req: Request) async throws -> Page<UserResponse> {
        try await req.authorize(.read, .user)
        let page = try PageRequest(req)
        let filter = try UserListFilter(req)
        let rows = try await UserDirectory(db: req.db).list(for: try await req.actor(), filter: filter, page: page)
        let items = try rows.prefix(page.limit).map(UserResponse.init)
        return Page(items: items, nextCursor: rows.count > page.limit ? items.last?.email : nil)
    }

    @Sendable func show(req: Request) async throws -> UserResponse {
        try UserResponse(try await findVisible(req, for: .read))
    }

    @Sendable func create(req: Request) async throws -> Response {
        try await req.authorize(.create, .user)
        let input = try req.decodeStrict(CreateUserRequest.self).body.toInput()
        let user = try await req.userService.create(input)
        return try await UserResponse(user).encodeResponse(status: .created, for: req)
    }

    @Sendable func update(req: Request) async throws -> UserResponse {
        let user = try await findVisible(req, for: .update)
        let input = try req.decodeStrict(UpdateUserRequest.self).toInput()
        if input.isActive == false { try await req.userService.deactivate(user, by: try await req.actor().userID) }
        try await req.userService.update(user, with: input)
        return try UserResponse(user)
    }

    @Sendable func deactivate(req: Request) async throws -> HTTPStatus {
        let user = try await findVisible(req, for: .delete)
        try await req.userService.deactivate(user, by: try await req.actor().userID)
        return .noContent
    }

    private func findVisible(_ req: Request, for action: Action) async throws -> User {
        guard let id = req.parameters.get("userID", as: UUID.self),
            let user = try await User.find(id, on: req.db)
        else {
            try await req.authorize(action, .user)
            throw DomainError.notFound("No such user.")
        }
        try await req.authorize(action, .user, record: user.recordScope)
        return user
    }
}
