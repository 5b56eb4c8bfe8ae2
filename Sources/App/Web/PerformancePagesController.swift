import Fluent
import Foundation
import SalesPulseCore
import Vapor

/// S4's team dashboard and agent pages, and the model registry page.
struct PerformancePagesController: RouteCollection {
    struct AgentRow: Encodable {
        let id: String
        let name: String
        let score: String
        let level: String
        let progress: String
        let sales: String
        let target: String
        let prediction: String
        let risk: String
        let missChance: String
        let components: [RecordShowPage.Fact]
        let factors: [RecordShowPage.Fact]
    }

    struct TeamPage: Encodable {
        let title = "Team performance"
        let nav: Navigation
        let month: String
        let previousMonth: String
        let nextMonth: String
        let modelNote: String
        let agents: [AgentRow]
        let single: Bool
    }

    struct ModelRow: Encodable {
        let kind: String
        let label: String
        let version: Int
        let active: Bool
        let auc: String
        let accuracy: String
        let f1: String
        let rows: String
        let trainedAt: String
        /// The metrics in words a sales manager uses.
        let summary: String
    }

    struct ModelsPage: Encodable {
        let title = "Models"
        let nav: Navigation
        let canTrain: Bool
        let kinds: [FormField.Option]
        let models: [ModelRow]
        let message: String?
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("performance", use: team)
        routes.get("agents", ":userID", use: agent)
        routes.get("models", use: models)
        routes.post("models", ":kind", "train", use: train)
        routes.post("models", ":kind", "versions", ":version", "activate", use: activate)
    }

    @Sendable func team(req: Request) async throws -> View {
        try await render(req, agent: nil)
    }

    @Sendable func agent(req: Request) async throws -> View {
        guard let id = req.parameters.get("userID", as: UUID.self) else { throw DomainError.notFound("No such agent.") }
        return try await render(req, agent: id)
    }

    private func render(_ req: Request, agent: UUID?) async throws -> View {
        let month = try ScoringAPIController.month(req)
        let report = try await AgentPerformanceReport.make(
            db: req.db, actor: try await req.actor(), month: month, now: req.now, onlyAgent: agent)
        if agent != nil, report.rows.isEmpty { throw DomainError.notFound("No such agent in your team.") }
        let rows = report.rows.map { row in
            AgentRow(
                id: row.agent.id?.uuidString ?? "", name: row.agent.name,
                score: String(format: "%.1f", row.performance.score),
                level: row.performance.level.rawValue, progress: String(format: "%.0f%%", row.progress * 100),
                sales: RecordDisplay.money(row.performance.activity.salesCents),
                target: RecordDisplay.money(row.performance.salesTargetCents),
                prediction: row.prediction ?? "—", risk: row.risk?.rawValue ?? "—",
                missChance: row.missProbability.map { String(format: "%.0f%%", $0 * 100) } ?? "—",
                components: ["calls", "meetings", "leads", "deals", "sales"].map { key in
                    .init(
                        label: FieldLabel.value(key),
                        text: String(format: "%.0f / 100", row.performance.components[key] ?? 0), href: nil)
                } + [
                    .init(label: "Calls made", text: "\(row.performance.activity.calls)", href: nil),
                    .init(label: "Meetings held", text: "\(row.performance.activity.meetings)", href: nil),
                    .init(label: "New leads", text: "\(row.performance.activity.leads)", href: nil),
                    .init(label: "Deals won", text: "\(row.performance.activity.deals)", href: nil),
                ],
                factors: row.factors.map {
                    .init(
                        label: FactorWords.say($0.name), text: String(format: "%+.1f points of HIT chance", $0.effect),
                        href: nil)
                })
        }
        return try await req.view.render(
            "performance",
            TeamPage(
                nav: try req.navigation(), month: month.text, previousMonth: month.previous.text,
                nextMonth: month.next.text,
                modelNote: report.modelVersion.map { "Predictions by HIT/MISS model version \($0)." }
                    ?? (MonthSpan(containing: req.now) == month
                        ? "No HIT/MISS model trained yet: train one on the Models page."
                        : "Past month: actual results."),
                agents: rows, single: agent != nil))
    }

    /// For the people who train models: managers and admins. Reps see a score's reasons on the
    /// lead itself.
    @Sendable func models(req: Request) async throws -> View {
        try await req.authorize(.create, .model)
        let actor = try await req.actor()
        let stored = try await ModelRegistry(db: req.db).list()
        return try await req.view.render(
            "models",
            ModelsPage(
                nav: try req.navigation(), canTrain: AccessPolicy.decide(actor, .create, .model) == .allowed,
                kinds: ModelKind.allCases.map { .init(value: $0.rawValue, label: $0.label) },
                models: stored.map { model in
                    ModelRow(
                        kind: model.kind.rawValue, label: model.kind.label, version: model.version,
                        active: model.isActive,
                        auc: String(format: "%.3f", model.metrics.rocAUC),
                        accuracy: String(format: "%.3f", model.metrics.accuracy),
                        f1: String(format: "%.3f", model.metrics.f1), rows: "\(model.trainRows) / \(model.testRows)",
                        trainedAt: PageDate.format(model.trainedAt), summary: Self.inWords(model))
                },
                message: req.query[String.self, at: "message"]))
    }

    /// "Of 100 leads it calls hot, 62 converted; it finds 71 of every 100 that convert; …"
    static func inWords(_ model: StoredModel) -> String {
        let words = model.kind.outcomeWords
        let metrics = model.metrics
        func per100(_ value: Double) -> Int { Int((value * 100).rounded()) }
        return "Of 100 \(words.rows) it expects to have \(words.positive), \(per100(metrics.precision)) did; "
            + "it spots \(per100(metrics.recall)) of every 100 that \(words.positive); "
            + "shown one that \(words.positive) and one that did not, it ranks them the right way round \(per100(metrics.rocAUC)) times in 100. "
            + "Tested on \(model.testRows) \(words.rows) it had not seen."
    }

    @Sendable func train(req: Request) async throws -> Response {
        try await req.authorize(.create, .model)
        let kind = try ScoringAPIController.kind(req)
        do {
            let model = try await ScoringService(db: req.db, now: req.now).train(kind, by: try req.requireUser().id)
            return req.redirect(
                to: URLQuery.path("/models", ["message": "\(kind.label): version \(model.version) trained and active."])
            )
        } catch let error as DomainError where error.status == .unprocessableEntity {
            return req.redirect(to: URLQuery.path("/models", ["message": error.reason]))
        }
    }

    @Sendable func activate(req: Request) async throws -> Response {
        try await req.authorize(.update, .model)
        let kind = try ScoringAPIController.kind(req)
        guard let version = req.parameters.get("version", as: Int.self) else {
            throw DomainError.notFound("No such version.")
        }
        try await ModelRegistry(db: req.db).activate(kind: kind, version: version)
        try await ScoringService(db: req.db, now: req.now).rescore(kind)
        return req.redirect(
            to: URLQuery.path("/models", ["message": "\(kind.label): version \(version) is active again."]))
    }
}
