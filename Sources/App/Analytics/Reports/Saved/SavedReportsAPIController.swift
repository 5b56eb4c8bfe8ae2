import Foundation
import SalesPulseCore
import Vapor

/// /api/v1/reports/saved: the caller's saved sales reports and who gets each by email weekly.
struct SavedReportsAPIController: RouteCollection {
    struct CreateBody: Content, StrictBody {
        var name: String?
        var period: String?
        var compare: String?
        var region: String?
        var team: String?
        var rep: String?
        var productCategory: String?
        var source: String?
        var segment: String?
        var weeklyTo: [String]?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case name, period, compare, region, team, rep, productCategory, source, segment, weeklyTo
        }

        var parameters: [String: String] {
            var result: [String: String] = [:]
            for (key, value) in [
                ("period", period), ("compare", compare), ("region", region), ("team", team), ("rep", rep),
                ("productCategory", productCategory), ("source", source), ("segment", segment),
            ] {
                if let value { result[key] = value }
            }
            return result
        }
    }

    func boot(routes: any RoutesBuilder) throws {
        let saved = routes.grouped("reports", "saved")
        saved.get(use: list)
        saved.post(use: create)
        saved.delete(":reportID", use: delete)
    }

    @Sendable func list(req: Request) async throws -> Response {
        try RecordJSON.response(["items": try await req.savedReports().list().map(SavedReports.json)])
    }

    @Sendable func create(req: Request) async throws -> Response {
        let body = try req.decodeStrict(CreateBody.self).body
        var recipients: [UUID] = []
        for text in body.weeklyTo ?? [] {
            guard let id = UUID(uuidString: text) else {
                throw DomainError.invalid(field: "weeklyTo", "Give the ids of the people to send it to.")
            }
            recipients.append(id)
        }
        let report = try await req.savedReports().create(
            name: body.name ?? "", parameters: body.parameters, recipients: recipients)
        return try RecordJSON.response(SavedReports.json(report), status: .created)
    }

    @Sendable func delete(req: Request) async throws -> HTTPStatus {
        guard let id = req.parameters.get("reportID", as: UUID.self) else {
            throw DomainError.notFound("No such saved report.")
        }
        try await req.savedReports().delete(id)
        return .noContent
    }
}

extension Request {
    func savedReports() async throws -> SavedReports {
        SavedReports(db: db, actor: try await actor(), today: CalendarDay(containing: now))
    }
}
