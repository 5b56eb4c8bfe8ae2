import Vapor

struct MeAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("me", use: me)
    }

    @Sendable func me(req: Request) async throws -> UserResponse {
        try UserResponse(try req.requireUser())
    }
}
