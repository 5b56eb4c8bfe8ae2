import Foundation

/// Gradient-boosted trees for binary classification: logistic loss, Newton leaf values,
/// shrinkage, row subsampling, early stopping on a held-out part of the training data.
public struct GradientBoosting: Codable, Sendable, Equatable {
    public struct Settings: Codable, Sendable, Equatable {
        public var maxIterations: Int
        public var learningRate: Double
        public var tree: TreeSettings
        public var subsample: Double
        /// Share of the training rows held out to decide when to stop; 0 turns early stopping off.
        public var validationFraction: Double
        /// Stop after this many rounds without a better validation loss.
        public var patience: Int
        public var l2: Double
        public var seed: UInt64

        public init(
            maxIterations: Int = 100, learningRate: Double = 0.1,
            tree: TreeSettings = TreeSettings(maxDepth: 6, minSamplesLeaf: 20),
            subsample: Double = 1, validationFraction: Double = 0.1, patience: Int = 10, l2: Double = 0,
            seed: UInt64 = 42
        ) {
            self.maxIterations = maxIterations
            self.learningRate = learningRate
            self.tree = tree
            self.subsample = subsample
            self.validationFraction = validationFraction
            self.patience = patience
            self.l2 = l2
            self.seed = seed
        }
    }

    public let settings: Settings
    public let featureNames: [String]
    let baseScore: Double
    let trees: [Tree]

    public static func fit(_ full: Dataset, settings: Settings = Settings()) -> GradientBoosting {
        var data = full
        var validation: Dataset?
        if settings.validationFraction > 0, full.rowCount >= 50 {
            let split = StratifiedSplit.trainTest(
                labels: full.labels, testFraction: settings.validationFraction, seed: settings.seed ^ 0xB005)
            data = full.subset(split.train)
            validation = full.subset(split.test)
        }
        let binned = BinnedFeatures(data)
        let positiveRate = min(max(Double(data.labels.reduce(0, +)) / Double(max(1, data.rowCount)), 1e-6), 1 - 1e-6)
        let base = log(positiveRate / (1 - positiveRate))
        var raw = [Double](repeating: base, count: data.rowCount)
        var validationRaw = [Double](repeating: base, count: validation?.rowCount ?? 0)
        var trees: [Tree] = []
        var bestLoss = Double.infinity, bestCount = 0, sinceBest = 0
        var random = SeededRandom(seed: settings.seed)
        let labels = data.labels.map(Double.init)
        for _ in 0..<settings.maxIterations {
            var hessian = [Double](repeating: 0, count: data.rowCount)
            var gradient = [Double](repeating: 0, count: data.rowCount)
            for row in 0..<data.rowCount {
                let p = 1 / (1 + exp(-raw[row]))
                gradient[row] = labels[row] - p
                hessian[row] = max(p * (1 - p), 1e-12)
            }
            var rows = Array(0..<data.rowCount)
            if settings.subsample < 1 {
                rows = rows.filter { _ in Double.random(in: 0..<1, using: &random) < settings.subsample }
            }
            var builder = TreeBuilder(
                binned: binned, objective: .newton(lambda: settings.l2), settings: settings.tree,
                a: hessian, b: gradient, rows: rows, random: SeededRandom(seed: random.next()))
            var tree = builder.build()
            tree.value = tree.value.map { $0 * settings.learningRate }
            if settings.subsample >= 1 {
                // Every row went down the tree while it grew: each leaf holds its rows.
                for leaf in builder.leaves {
                    for index in leaf.start..<leaf.end { raw[builder.rows[index]] += tree.value[leaf.node] }
                }
            } else {
                for row in 0..<data.rowCount { raw[row] += tree.predict(data.row(row)) }
            }
            trees.append(tree)
            guard let validation else { continue }
            var loss = 0.0
            for row in 0..<validation.rowCount {
                validationRaw[row] += tree.predict(validation.row(row))
                let p = min(max(1 / (1 + exp(-validationRaw[row])), 1e-15), 1 - 1e-15)
                loss -= validation.labels[row] == 1 ? log(p) : log(1 - p)
            }
            if loss < bestLoss - 1e-9 {
                bestLoss = loss
                bestCount = trees.count
                sinceBest = 0
            } else {
                sinceBest += 1
                if sinceBest >= settings.patience { break }
            }
        }
        if validation != nil { trees = Array(trees.prefix(max(1, bestCount))) }
        return GradientBoosting(settings: settings, featureNames: full.featureNames, baseScore: base, trees: trees)
    }

    public var iterations: Int { trees.count }
}

extension GradientBoosting: Classifier {
    public func probability<C: Collection<Double>>(_ row: C) -> Double where C.Index == Int {
        1 / (1 + exp(-trees.leafSum(row, start: baseScore)))
    }

    public func probabilities(_ data: Dataset) -> [Double] {
        trees.leafSums(data, start: baseScore).map { 1 / (1 + exp(-$0)) }
    }

    /// Contributions in log-odds: base score + Σ contributions = the model's log-odds.
    public func contributions<C: Collection<Double>>(_ row: C) -> Explanation where C.Index == Int {
        var totals = [Double](repeating: 0, count: featureNames.count)
        var bias = baseScore
        for tree in trees { bias += tree.contributions(row, into: &totals) }
        return Explanation(bias: bias, contributions: totals, scale: .logOdds)
    }

    public var impurityImportance: [Double] {
        var totals = [Double](repeating: 0, count: featureNames.count)
        for tree in trees { tree.addImportance(into: &totals) }
        let sum = totals.reduce(0, +)
        return sum > 0 ? totals.map { $0 / sum } : totals
    }
}
