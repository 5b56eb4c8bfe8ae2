import Foundation
import SQLKit
import Vapor

/// Pages render and read times in the signed-in person's zone: their own, else the company's.
/// The API keeps to UTC and ISO 8601 with explicit offsets.
struct PageTimeZoneMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard !request.isAPIRequest, let user = request.auth.get(User.self) else {
            return try await next.respond(to: request)
        }
        var zone = user.timeZone.flatMap(TimeZone.init(identifier:))
        if zone == nil, let company = try await request.companySettings.value(.timeZone) {
            zone = TimeZone(identifier: company)
        }
        return try await PageDate.$zone.withValue(zone ?? PageDate.utc) { try await next.respond(to: request) }
    }
}
