import Foundation
import SalesML
import SalesPulseCore

/// The models the product trains, and how many labelled rows each needs before it replaces
/// its fallback.
enum ModelKind: String, CaseIterable, Sendable, Codable {
    case leadScore = "lead_score"
    case winProbability = "win_probability"
    case agentTarget = "agent_target"

    var minimumRows: Int {
        switch self {
        case .leadScore: 50
        case .winProbability: 30
        case .agentTarget: 20
        }
    }

    var label: String {
        switch self {
        case .leadScore: "Lead score"
        case .winProbability: "Opportunity win probability"
        case .agentTarget: "Agent target (HIT/MISS)"
        }
    }

    /// What the model predicts, in words for its metrics: (the rows, what a positive did).
    var outcomeWords: (rows: String, positive: String) {
        switch self {
        case .leadScore: ("leads", "converted")
        case .winProbability: ("deals", "were won")
        case .agentTarget: ("rep-months", "hit target")
        }
    }

    var rowNoun: String {
        switch self {
        case .leadScore: "closed leads (converted or lost)"
        case .winProbability: "closed opportunities (won or lost)"
        case .agentTarget: "past agent-months"
        }
    }

    /// What a rescoring scores, counted.
    var scoredNoun: String {
        switch self {
        case .leadScore: "leads"
        case .winProbability: "deals"
        case .agentTarget: "agent-months"
        }
    }
}

/// A stored, versioned model and its record.
struct StoredModel: Sendable {
    let id: UUID
    let kind: ModelKind
    let version: Int
    let algorithm: String
    let featureNames: [String]
    let metrics: ClassificationMetrics
    let trainSeconds: Double
    let trainRows: Int
    let testRows: Int
    let trainedAt: Date
    let isActive: Bool

    var json: [String: Any] {
        [
            "id": id.uuidString, "kind": kind.rawValue, "version": version, "algorithm": algorithm,
            "features": featureNames,
            "metrics": [
                "accuracy": metrics.accuracy, "precision": metrics.precision, "recall": metrics.recall,
                "f1": metrics.f1,
                "rocAUC": metrics.rocAUC, "logLoss": metrics.logLoss, "brierScore": metrics.brierScore,
                "confusionMatrix": [
                    "truePositives": metrics.confusionMatrix.truePositives,
                    "falsePositives": metrics.confusionMatrix.falsePositives,
                    "trueNegatives": metrics.confusionMatrix.trueNegatives,
                    "falseNegatives": metrics.confusionMatrix.falseNegatives,
                ],
            ],
            "trainSeconds": trainSeconds, "trainRows": trainRows, "testRows": testRows,
            "trainedAt": InternetTime.format(trainedAt), "isActive": isActive,
        ]
    }
}
