import Foundation

/// What `evaluate` reports: hold-out metrics, timings and the features that matter.
public struct EvaluationReport: Codable, Sendable {
    public struct Feature: Codable, Sendable {
        public let name: String
        public let importance: Double
        public let permutationImportance: Double
    }

    public let model: String
    public let trainRows: Int
    public let testRows: Int
    public let features: Int
    public let trainSeconds: Double
    public let predictRowsPerSecond: Double
    public let iterations: Int?
    public let metrics: ClassificationMetrics
    public let topFeatures: [Feature]
}

public enum Evaluation {
    public struct UnknownModel: Error, CustomStringConvertible {
        public let name: String
        public var description: String { "Unknown model '\(name)': use forest, boosting or logistic." }
    }

    /// Trains on `data` and tests on `test`, or on a stratified hold-out of `data` when no test set is given.
    public static func run(
        data: Dataset, test given: Dataset? = nil, model name: String, testFraction: Double, seed: UInt64,
        trees: Int? = nil,
        maxDepth: Int? = nil, maxIterations: Int? = nil, learningRate: Double? = nil
    ) async throws -> EvaluationReport {
        let train: Dataset, test: Dataset
        if let given {
            (train, test) = (data, given)
        } else {
            let split = StratifiedSplit.trainTest(labels: data.labels, testFraction: testFraction, seed: seed)
            (train, test) = (data.subset(split.train), data.subset(split.test))
        }
        let started = Date()
        let model: any Classifier
        var iterations: Int?
        switch name {
        case "forest":
            model = await RandomForest.fit(
                train, settings: .init(trees: trees ?? 100, tree: TreeSettings(maxDepth: maxDepth ?? 10), seed: seed))
        case "boosting":
            let boosting = GradientBoosting.fit(
                train,
                settings: .init(
                    maxIterations: maxIterations ?? 100, learningRate: learningRate ?? 0.1,
                    tree: TreeSettings(maxDepth: maxDepth ?? 6, minSamplesLeaf: 20), seed: seed))
            iterations = boosting.iterations
            model = boosting
        case "logistic":
            model = LogisticRegression.fit(train)
        default:
            throw UnknownModel(name: name)
        }
        let trainSeconds = Date().timeIntervalSince(started)
        let predictStarted = Date()
        let probabilities = model.probabilities(test)
        let predictSeconds = max(Date().timeIntervalSince(predictStarted), 1e-9)
        let permutation = PermutationImportance.compute(
            model, on: test.rowCount > 5_000 ? test.subset(Array(0..<5_000)) : test, repeats: 1, seed: seed)
        let importance = model.impurityImportance
        let features = data.featureNames.indices.map {
            EvaluationReport.Feature(
                name: data.featureNames[$0], importance: importance.isEmpty ? 0 : importance[$0],
                permutationImportance: permutation[$0])
        }.sorted { $0.importance > $1.importance }
        return EvaluationReport(
            model: name, trainRows: train.rowCount, testRows: test.rowCount, features: data.featureCount,
            trainSeconds: trainSeconds, predictRowsPerSecond: Double(test.rowCount) / predictSeconds,
            iterations: iterations,
            metrics: ClassificationMetrics(labels: test.labels, probabilities: probabilities),
            topFeatures: Array(features.prefix(10)))
    }
}
