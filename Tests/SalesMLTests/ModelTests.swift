import Foundation
@testable import SalesML
import Testing

/// A deterministic synthetic problem: y = 1 when x0 + x1 > 1 (x2 is noise), flipped for 5% of rows.
func syntheticData(rows: Int, seed: UInt64) -> Dataset {
    var random = SeededRandom(seed: seed)
    var values: [[Double]] = [], labels: [Int] = []
    for _ in 0..<rows {
        let x = (0..<3).map { _ in Double.random(in: 0..<1, using: &random) }
        var label = x[0] + x[1] > 1 ? 1 : 0
        if Double.random(in: 0..<1, using: &random) < 0.05 { label = 1 - label }
        values.append(x)
        labels.append(label)
    }
    return Dataset(featureNames: ["x0", "x1", "noise"], rows: values, labels: labels)
}

@Suite("Models")
struct ModelTests {
    @Test func aStumpSplitsWhereGiniSaysByHand() {
        // x: 1 2 3 4 with labels 0 0 1 1: the best split is x <= 2.5, leaves pure
        let data = Dataset(featureNames: ["x"], rows: [[1], [2], [3], [4]], labels: [0, 0, 1, 1])
        let binned = BinnedFeatures(data)
        var builder = TreeBuilder(
            binned: binned, objective: .gini, settings: TreeSettings(maxDepth: 1), a: [1, 1, 1, 1], b: [0, 0, 1, 1],
            rows: [0, 1, 2, 3], random: SeededRandom(seed: 1))
        let tree = builder.build()
        #expect(tree.nodeCount == 3)
        #expect(tree.threshold[0] == 2.5)
        #expect(tree.predict([2.0]) == 0 && tree.predict([3.0]) == 1)
        // gini gain: parent 4 × 0.5 = 2, children 0
        #expect(tree.gain[0] == 2)
        var contributions = [0.0]
        let bias = tree.contributions([4.0], into: &contributions)
        #expect(bias == 0.5 && contributions == [0.5])
    }

    @Test func entropyGainByHand() {
        #expect(SplitObjective.entropy.score(4, 2) == 4)
        #expect(SplitObjective.gini.score(4, 1) == 4 * (1 - 0.0625 - 0.5625))
    }

    @Test func forestLearnsAndExplains() async {
        let data = syntheticData(rows: 3_000, seed: 1)
        let split = StratifiedSplit.trainTest(labels: data.labels, testFraction: 0.3, seed: 2)
        let forest = await RandomForest.fit(
            data.subset(split.train), settings: .init(trees: 30, tree: TreeSettings(maxDepth: 8), seed: 3))
        let test = data.subset(split.test)
        let metrics = ClassificationMetrics(labels: test.labels, probabilities: forest.probabilities(test))
        #expect(metrics.rocAUC > 0.9)
        let importance = forest.impurityImportance
        #expect(importance[2] < importance[0] && importance[2] < importance[1])
        #expect(abs(importance.reduce(0, +) - 1) < 1e-9)
        let row = [0.9, 0.9, 0.5]
        let explanation = forest.contributions(row)
        #expect(abs(explanation.bias + explanation.contributions.reduce(0, +) - forest.probability(row)) < 1e-9)
        #expect(explanation.contributions[0] > 0 && explanation.contributions[1] > 0)
    }

    @Test func fastWalksScoreExactlyAsTheTreesDo() async {
        let data = syntheticData(rows: 5_000, seed: 21)  // above `rowsWorthSplitting`: blocks on several cores
        let forest = await RandomForest.fit(data, settings: .init(trees: 20, tree: TreeSettings(maxDepth: 7), seed: 4))
        let boosting = GradientBoosting.fit(data, settings: .init(maxIterations: 40, learningRate: 0.2))
        // the plain walk: one tree at a time through the generic row, as the trees define it
        let byTree = (0..<data.rowCount).map { row in
            forest.trees.reduce(0) { $0 + $1.predict(Array(data.row(row))) } / Double(forest.trees.count)
        }
        let boosted = (0..<data.rowCount).map { row in
            1 / (1 + exp(-boosting.trees.reduce(boosting.baseScore) { $0 + $1.predict(Array(data.row(row))) }))
        }
        #expect(forest.probabilities(data) == byTree)
        #expect((0..<data.rowCount).map { forest.probability(data.row($0)) } == byTree)
        #expect(boosting.probabilities(data) == boosted)
        #expect((0..<data.rowCount).map { boosting.probability(Array(data.row($0))) } == boosted)
        #expect(
            forest.probability(AnyRandomAccessRow(Array(data.row(7)))) == byTree[7],
            "rows without contiguous storage take the plain walk")
        #expect(forest.probabilities(Dataset(featureNames: data.featureNames, values: [], labels: [])).isEmpty)
    }

    @Test func forestIsTheSameForTheSameSeedWhateverTheScheduling() async throws {
        let data = syntheticData(rows: 800, seed: 5)
        let settings = RandomForest.Settings(trees: 12, tree: TreeSettings(maxDepth: 6), seed: 9)
        let first = await RandomForest.fit(data, settings: settings)
        let second = await Task.detached(priority: .low) { await RandomForest.fit(data, settings: settings) }.value
        #expect(first == second)
        let other = await RandomForest.fit(data, settings: .init(trees: 12, tree: TreeSettings(maxDepth: 6), seed: 10))
        #expect(first != other)
    }

    @Test func boostingLearnsStopsEarlyAndExplainsInLogOdds() {
        let data = syntheticData(rows: 3_000, seed: 11)
        let split = StratifiedSplit.trainTest(labels: data.labels, testFraction: 0.3, seed: 2)
        let model = GradientBoosting.fit(
            data.subset(split.train), settings: .init(maxIterations: 300, learningRate: 0.3, patience: 5))
        let test = data.subset(split.test)
        #expect(ClassificationMetrics(labels: test.labels, probabilities: model.probabilities(test)).rocAUC > 0.9)
        #expect(model.iterations < 300)
        let row = [0.2, 0.1, 0.7]
        let explanation = model.contributions(row)
        let logOdds = explanation.bias + explanation.contributions.reduce(0, +)
        #expect(abs(1 / (1 + exp(-logOdds)) - model.probability(row)) < 1e-9)
    }

    @Test func logisticRegressionMatchesAKnownFit() {
        // Perfectly balanced symmetric data: the intercept is 0 and the slope positive.
        let data = Dataset(featureNames: ["x"], rows: [[-2], [-1], [-1], [1], [1], [2]], labels: [0, 0, 1, 0, 1, 1])
        let model = LogisticRegression.fit(data, settings: .init(c: 1e6))
        #expect(abs(model.coefficients[0]) < 1e-6)
        #expect(model.coefficients[1] > 0)
        #expect(abs(model.probability([0.0]) - 0.5) < 1e-6)
        let explanation = model.contributions([2.0])
        #expect(explanation.scale == .logOdds)
        #expect(
            abs(1 / (1 + exp(-(explanation.bias + explanation.contributions[0]))) - model.probability([2.0])) < 1e-12)
        let learned = LogisticRegression.fit(syntheticData(rows: 2_000, seed: 4))
        #expect(learned.coefficients[1] > 1 && learned.coefficients[2] > 1 && abs(learned.coefficients[3]) < 0.5)
    }

    @Test func modelsRoundTripExactly() async throws {
        let data = syntheticData(rows: 500, seed: 21)
        let forest = await RandomForest.fit(data, settings: .init(trees: 5, seed: 1))
        let boosting = GradientBoosting.fit(data, settings: .init(maxIterations: 20))
        let logistic = LogisticRegression.fit(data)
        let rows = (0..<50).map { Array(data.row($0)) }
        let decodedForest = try JSONDecoder().decode(RandomForest.self, from: JSONEncoder().encode(forest))
        let decodedBoosting = try JSONDecoder().decode(GradientBoosting.self, from: JSONEncoder().encode(boosting))
        let decodedLogistic = try JSONDecoder().decode(LogisticRegression.self, from: JSONEncoder().encode(logistic))
        #expect(decodedForest == forest && decodedBoosting == boosting && decodedLogistic == logistic)
        for row in rows {
            #expect(decodedForest.probability(row) == forest.probability(row))
            #expect(decodedBoosting.probability(row) == boosting.probability(row))
            #expect(decodedLogistic.probability(row) == logistic.probability(row))
        }
    }

    @Test func permutationImportanceFindsTheNoise() async {
        let data = syntheticData(rows: 1_500, seed: 31)
        let model = LogisticRegression.fit(data)
        let importance = PermutationImportance.compute(model, on: data, repeats: 2, seed: 1)
        #expect(importance[0] > 0.1 && importance[1] > 0.1 && abs(importance[2]) < 0.02)
    }
}

@Suite("Decision tree")
struct DecisionTreeTests {
    @Test func entropyAndGiniTreesSplitTheObviousWay() throws {
        // y = 1 exactly when x0 > 5; x1 is noise. Both criteria find x0 <= 5.5 at the root.
        let rows: [[Double]] = (0..<20).map { (index: Int) -> [Double] in
            let x0 = Double(index % 10 + 1)
            let x1 = Double((index * 7) % 3)
            return [x0, x1]
        }
        let labels: [Int] = rows.map { $0[0] > 5 ? 1 : 0 }
        let data = Dataset(featureNames: ["x0", "x1"], rows: rows, labels: labels)
        for criterion in [DecisionTree.Criterion.gini, .entropy] {
            let tree = DecisionTree.fit(data, criterion: criterion, settings: TreeSettings(maxDepth: 3))
            #expect(tree.nodeCount == 3)
            #expect(tree.probability([3.0, 0.0]) == 0 && tree.probability([8.0, 2.0]) == 1)
            #expect(tree.impurityImportance == [1, 0])
            let decoded = try JSONDecoder().decode(DecisionTree.self, from: JSONEncoder().encode(tree))
            #expect(decoded == tree)
        }
    }
}

/// A row with no contiguous storage to borrow, for the generic fallback.
struct AnyRandomAccessRow: RandomAccessCollection {
    let values: [Double]
    init(_ values: [Double]) { self.values = values }
    var startIndex: Int { 0 }
    var endIndex: Int { values.count }
    subscript(position: Int) -> Double { values[position] }
}
