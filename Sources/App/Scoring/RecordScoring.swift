import Fluent
import Foundation
import SalesML
import SalesPulseCore
import SQLKit

/// How leads and opportunities become model rows: S5's features, labels and the columns the
/// score is written to.
protocol RecordScoring: Sendable {
    var kind: ModelKind { get }
    var spec: RecordSpec { get }
    var featureNames: [String] { get }
    /// Conditions selecting closed rows, and each one's label.
    var closedConditions: [RecordListQuery.Condition] { get }
    func label(_ record: Record) -> Int
    /// Conditions selecting the rows that get a score.
    var openConditions: [RecordListQuery.Condition] { get }
    func features(_ record: Record, now: Date) -> [Double]
    /// Column values written for a score: without a model, a fallback (or nothing).
    func scoreColumns(_ record: Record, now: Date, model: (forest: RandomForest, version: Int)?) -> [String: FieldValue]
}

struct LeadScoring: RecordScoring {
    let kind = ModelKind.leadScore
    let spec = RecordSpec.leads
    let featureNames = LeadSnapshot.featureNames
    let closedConditions: [RecordListQuery.Condition] = [
        .equals(column: "status", values: [.text("converted"), .text("lost")])
    ]
    let openConditions: [RecordListQuery.Condition] = [
        .equals(column: "status", values: LeadStatus.allCases.filter(\.isOpen).map { .text($0.rawValue) })
    ]

    func label(_ record: Record) -> Int { record[.status].text == LeadStatus.converted.rawValue ? 1 : 0 }

    func snapshot(_ record: Record, now: Date) -> LeadSnapshot {
        LeadSnapshot(
            source: LeadSource(rawValue: record[.source].text ?? "") ?? .other, budgetCents: record[.budget].int,
            authority: record[.authority].bool,
            hasNeed: record[.need].text != nil, hasTimeline: record[.timeline].text != nil,
            engagement: EngagementLevel(rawValue: record[.engagement].text ?? "") ?? .low,
            interactionCount: Int(record[.interactionCount].int ?? 0),
            daysSinceLastInteraction: record[.lastInteractionAt].date.map { now.timeIntervalSince($0) / 86_400 },
            daysSinceCreated: record.createdAt.map { now.timeIntervalSince($0) / 86_400 } ?? 0,
            hasEmail: record[.email].text != nil, hasPhone: record[.phone].text != nil)
    }

    func features(_ record: Record, now: Date) -> [Double] { snapshot(record, now: now).features }

    func scoreColumns(_ record: Record, now: Date, model: (forest: RandomForest, version: Int)?) -> [String: FieldValue]
    {
        let lead = snapshot(record, now: now)
        let score: Int, explanation: ScoreExplanation
        if let model {
            let row = lead.features
            score = Int((model.forest.probability(row) * 100).rounded())
            let factors = model.forest.contributions(row).top(5, names: featureNames).map {
                ScoreFactor(name: $0.name, effect: ($0.contribution * 1000).rounded() / 10)
            }
            explanation = ScoreExplanation(method: .model, factors: factors, version: model.version)
        } else {
            let (heuristic, factors) = LeadHeuristic.score(lead)
            score = heuristic
            explanation = ScoreExplanation(method: .heuristic, factors: factors)
        }
        return ["score": .int(Int64(min(max(score, 0), 100))), "scoreFactors": .text(explanation.text)]
    }
}

/// Win probability of open deals, learned from won and lost ones. Stage is left out on purpose:
/// for closed deals it is the answer.
struct OpportunityScoring: RecordScoring {
    let kind = ModelKind.winProbability
    let spec = RecordSpec.opportunities
    let featureNames = [
        "log amount", "has primary contact", "came from a lead", "days open", "days to expected close",
        "competitors named",
        "risks named", "requirements named", "manual probability",
    ]
    let closedConditions: [RecordListQuery.Condition] = [
        .equals(column: "stage", values: [.text("closed_won"), .text("closed_lost")])
    ]
    let openConditions: [RecordListQuery.Condition] = [
        .equals(column: "stage", values: OpportunityStage.allCases.filter { !$0.isClosed }.map { .text($0.rawValue) })
    ]

    func label(_ record: Record) -> Int { record[.stage].text == OpportunityStage.closedWon.rawValue ? 1 : 0 }

    func features(_ record: Record, now: Date) -> [Double] {
        let created = record.createdAt ?? now
        let end = record[.closedAt].date ?? now
        let expected = record[.expectedCloseDate].text.flatMap {
            InternetTime.parse($0 + "T00:00:00Z")
        }
        let stage = OpportunityStage(rawValue: record[.stage].text ?? "") ?? .prospecting
        // Closed deals' manual probability is 0 or 100 by definition; use the stage before closing.
        let manual = stage.isClosed ? 50 : Double(record[.probability].int ?? Int64(stage.defaultProbability))
        return [
            log1p(Double(record[.amount].int ?? 0) / 100), record[.primaryContactId].isNull ? 0 : 1,
            record[.leadId].isNull ? 0 : 1,
            end.timeIntervalSince(created) / 86_400, expected.map { $0.timeIntervalSince(created) / 86_400 } ?? 60,
            record[.competitors].isNull ? 0 : 1, record[.risks].isNull ? 0 : 1, record[.requirements].isNull ? 0 : 1,
            manual,
        ]
    }

    func scoreColumns(_ record: Record, now: Date, model: (forest: RandomForest, version: Int)?) -> [String: FieldValue]
    {
        guard let model else { return [:] }
        return ["winProbability": .int(Int64((model.forest.probability(features(record, now: now)) * 100).rounded()))]
    }
}
