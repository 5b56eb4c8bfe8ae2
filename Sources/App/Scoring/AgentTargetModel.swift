import Fluent
import Foundation
import SalesML
import SalesPulseCore

/// S4's HIT/MISS model: month-to-date snapshots (days 7, 14, 21, 28) of past agent-months,
/// labelled by whether the month ended at or above the agent's target.
struct AgentTargetModel: Sendable {
    let db: any Database
    let now: Date

    static let featureNames = [
        "calls", "meetings", "leads", "deals", "sales", "monthly target", "sales %", "conversion rate",
        "meeting-to-deal rate", "days elapsed",
    ]
    static let snapshotDays = [7, 14, 21, 28]
    static let historyMonths = 18

    static func features(_ activity: AgentPerformance.Activity, targetCents: Int64, daysElapsed: Int) -> [Double] {
        let sales = Double(activity.salesCents) / 100, target = Double(targetCents) / 100
        return [
            Double(activity.calls), Double(activity.meetings), Double(activity.leads), Double(activity.deals), sales,
            target,
            target > 0 ? sales / target : 0, activity.leads > 0 ? Double(activity.deals) / Double(activity.leads) : 0,
            activity.meetings > 0 ? Double(activity.deals) / Double(activity.meetings) : 0, Double(daysElapsed),
        ]
    }

    /// Agents are users with a monthly target.
    static func agents(_ db: any Database) async throws -> [User] {
        try await User.query(on: db).filter(\.$monthlyTargetCents > 0).filter(\.$isActive == true).sort(\.$name).all()
    }

    func dataset() async throws -> Dataset {
        let current = MonthSpan(containing: now)
        var first = current
        for _ in 0..<Self.historyMonths { first = first.previous }
        let activity = try await AgentActivity.load(db: db, since: first.start)
        var rows: [[Double]] = [], labels: [Int] = []
        for agent in try await Self.agents(db) {
            let id = try agent.requireID()
            var month = first
            while month != current {
                let whole = activity.total(id, from: month.firstDay, to: month.firstDay + month.dayCount)
                // Months before the agent's first recorded activity teach nothing.
                if whole.calls + whole.meetings + whole.leads > 0 {
                    for day in Self.snapshotDays {
                        let soFar = activity.total(id, from: month.firstDay, to: month.firstDay + day)
                        rows.append(Self.features(soFar, targetCents: agent.monthlyTargetCents, daysElapsed: day))
                        labels.append(whole.salesCents >= agent.monthlyTargetCents ? 1 : 0)
                    }
                }
                month = month.next
            }
        }
        return Dataset(featureNames: Self.featureNames, rows: rows, labels: labels)
    }

    func train(by userID: UUID?) async throws -> StoredModel {
        let data = try await dataset()
        let hits = data.labels.filter { $0 == 1 }.count
        guard data.rowCount >= ModelKind.agentTarget.minimumRows, hits >= 5, data.rowCount - hits >= 5 else {
            throw DomainError.invalid(
                field: "kind",
                "The HIT/MISS model needs at least \(ModelKind.agentTarget.minimumRows) agent-month snapshots with at least 5 hits and 5 misses; there are \(data.rowCount) (\(hits) hits). Record more months of activity and sales."
            )
        }
        let fitted = await ScoringService.fitAndEvaluate(data)
        return try await ModelRegistry(db: db).store(
            kind: .agentTarget, forest: fitted.forest, metrics: fitted.metrics, trainSeconds: fitted.seconds,
            trainRows: fitted.trainRows, testRows: fitted.testRows, by: userID, at: now)
    }
}
