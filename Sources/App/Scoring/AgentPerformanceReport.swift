import Fluent
import Foundation
import SalesML
import SalesPulseCore

/// S4's team view for one month: each visible agent's score, level, progress to target and,
/// for the current month, the HIT/MISS prediction with its risk and reasons.
struct AgentPerformanceReport: Sendable {
    struct Row: Sendable {
        let agent: User
        let performance: AgentPerformance
        let progress: Double
        let prediction: String?
        let missProbability: Double?
        let risk: MissRisk?
        let factors: [ScoreFactor]

        var json: [String: Any] {
            [
                "agentId": agent.id?.uuidString ?? "", "name": agent.name, "email": agent.email,
                "score": performance.score, "level": performance.level.rawValue, "components": performance.components,
                "calls": performance.activity.calls, "meetings": performance.activity.meetings,
                "leads": performance.activity.leads,
                "deals": performance.activity.deals, "sales": Double(performance.activity.salesCents) / 100,
                "monthlyTarget": Double(performance.salesTargetCents) / 100, "progress": progress,
                "prediction": prediction ?? NSNull(), "missProbability": missProbability ?? NSNull(),
                "risk": risk?.rawValue ?? NSNull(),
                "factors": factors.map { ["name": $0.name, "effect": $0.effect] },
            ]
        }
    }

    let month: MonthSpan
    let rows: [Row]
    let modelVersion: Int?

    static func make(
        db: any Database, actor: Actor, month: MonthSpan, now: Date, onlyAgent: UUID? = nil
    ) async throws -> AgentPerformanceReport {
        let visible = AccessPolicy.visibleOwnerIDs(actor)
        let agents = try await AgentTargetModel.agents(db).filter { agent in
            guard let id = agent.id else { return false }
            return (visible.map { $0.contains(id) } ?? true) && (onlyAgent.map { $0 == id } ?? true)
        }
        let activity = try await AgentActivity.load(db: db, since: month.start)
        let today = Int(now.timeIntervalSince1970 / 86_400)
        let isCurrent = MonthSpan(containing: now) == month
        let daysElapsed = isCurrent ? max(1, today - month.firstDay + 1) : month.dayCount
        let model = isCurrent ? try await ModelRegistry(db: db).active(.agentTarget) : nil
        var rows: [Row] = []
        for agent in agents {
            let id = try agent.requireID()
            let soFar = activity.total(id, from: month.firstDay, to: month.firstDay + daysElapsed)
            let performance = AgentPerformance(activity: soFar, salesTargetCents: agent.monthlyTargetCents)
            let progress =
                agent.monthlyTargetCents > 0 ? Double(soFar.salesCents) / Double(agent.monthlyTargetCents) : 0
            var prediction: String?, miss: Double?, risk: MissRisk?, factors: [ScoreFactor] = []
            if let model {
                let row = AgentTargetModel.features(
                    soFar, targetCents: agent.monthlyTargetCents, daysElapsed: min(daysElapsed, 28))
                let bounded = TargetPace.missProbability(
                    model: 1 - model.forest.probability(row), progress: progress,
                    monthElapsed: Double(daysElapsed) / Double(month.dayCount))
                miss = bounded
                prediction = bounded < 0.5 ? "HIT" : "MISS"
                risk = MissRisk(missProbability: bounded)
                factors = model.forest.contributions(row).top(4, names: AgentTargetModel.featureNames)
                    .map { ScoreFactor(name: $0.name, effect: ($0.contribution * 1000).rounded() / 10) }
            } else if !isCurrent {
                prediction = soFar.salesCents >= agent.monthlyTargetCents ? "HIT" : "MISS"
            }
            rows.append(
                Row(
                    agent: agent, performance: performance, progress: progress, prediction: prediction,
                    missProbability: miss, risk: risk, factors: factors))
        }
        rows.sort {
            ($0.risk ?? .low, -($0.missProbability ?? 0), $0.agent.name) < (
                $1.risk ?? .low, -($1.missProbability ?? 0), $1.agent.name
            )
        }
        return AgentPerformanceReport(month: month, rows: rows, modelVersion: model?.version)
    }
}
