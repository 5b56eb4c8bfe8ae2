import Fluent
import Foundation
import SalesPulseCore
import Vapor

/// /api/v1/agents/performance and /api/v1/models: S4's team numbers and the model registry.
struct ScoringAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("agents", "performance", use: performance)
        let models = routes.grouped("models")
        models.get(use: list)
        models.post(":kind", "train", use: train)
        models.post(":kind", "versions", ":version", "activate", use: activate)
    }

    @Sendable func performance(req: Request) async throws -> Response {
        let month = try Self.month(req)
        let report = try await AgentPerformanceReport.make(
            db: req.db, actor: try await req.actor(), month: month, now: req.now)
        return try RecordJSON.response([
            "month": month.text, "modelVersion": report.modelVersion ?? NSNull() as Any,
            "items": report.rows.map(\.json),
        ])
    }

    static func month(_ req: Request) throws -> MonthSpan {
        guard let text = req.query[String.self, at: "month"], !text.isEmpty else {
            return MonthSpan(containing: req.now)
        }
        guard let month = MonthSpan(text: text) else {
            throw DomainError.invalid(field: "month", "Use YYYY-MM, like 2026-03.")
        }
        return month
    }

    @Sendable func list(req: Request) async throws -> Response {
        try await req.authorize(.read, .model)
        return try RecordJSON.response([
            "items": try await ModelRegistry(db: req.db).list().map(\.json), "nextCursor": NSNull(),
        ])
    }

    @Sendable func train(req: Request) async throws -> Response {
        try await req.authorize(.create, .model)
        let kind = try Self.kind(req)
        let stored = try await ScoringService(db: req.db, now: req.now).train(kind, by: try req.requireUser().id)
        return try RecordJSON.response(stored.json, status: .created)
    }

    @Sendable func activate(req: Request) async throws -> Response {
        try await req.authorize(.update, .model)
        let kind = try Self.kind(req)
        guard let version = req.parameters.get("version", as: Int.self) else {
            throw DomainError.notFound("No such version.")
        }
        let registry = ModelRegistry(db: req.db)
        try await registry.activate(kind: kind, version: version)
        try await ScoringService(db: req.db, now: req.now).rescore(kind)
        return try RecordJSON.response([
            "items": try await registry.list().filter { $0.kind == kind }.map(\.json), "nextCursor": NSNull(),
        ])
    }

    static func kind(_ req: Request) throws -> ModelKind {
        guard let kind = req.parameters.get("kind").flatMap(ModelKind.init(rawValue:)) else {
            throw DomainError.notFound(
                "No such model kind; use \(ModelKind.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        return kind
    }
}
