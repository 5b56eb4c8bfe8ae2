import Foundation

/// Random forest of CART classification trees (Breiman): bootstrap rows, random feature
/// subsets at each split, probabilities averaged. Trees train in parallel; each tree's
/// randomness comes from (seed, tree index), so the forest is the same whatever the threads.
public struct RandomForest: Codable, Sendable, Equatable {
    public struct Settings: Codable, Sendable, Equatable {
        public var trees: Int
        public var tree: TreeSettings
        /// "sqrt", "log2", "all" or a number.
        public var maxFeatures: String
        public var bootstrap: Bool
        public var criterion: String
        public var seed: UInt64

        public init(
            trees: Int = 100, tree: TreeSettings = TreeSettings(), maxFeatures: String = "sqrt",
            bootstrap: Bool = true, criterion: String = "gini", seed: UInt64 = 42
        ) {
            self.trees = trees
            self.tree = tree
            self.maxFeatures = maxFeatures
            self.bootstrap = bootstrap
            self.criterion = criterion
            self.seed = seed
        }

        func featuresPerSplit(_ count: Int) -> Int {
            switch maxFeatures {
            case "sqrt": max(1, Int(Double(count).squareRoot()))
            case "log2": max(1, Int(log2(Double(count))))
            case "all": count
            default: min(count, max(1, Int(maxFeatures) ?? count))
            }
        }
    }

    public let settings: Settings
    public let featureNames: [String]
    let trees: [Tree]

    public static func fit(_ data: Dataset, settings: Settings = Settings()) async -> RandomForest {
        let binned = BinnedFeatures(data)
        var perTree = settings.tree
        perTree.maxFeatures = settings.featuresPerSplit(data.featureCount)
        let treeSettings = perTree
        let objective: SplitObjective = settings.criterion == "entropy" ? .entropy : .gini
        let positives = data.labels.map(Double.init)
        let buildTree = { @Sendable (index: Int) -> (Int, Tree) in
            var random = SeededRandom.stream(settings.seed, index)
            var weights = [Double](repeating: settings.bootstrap ? 0 : 1, count: data.rowCount)
            if settings.bootstrap {
                for _ in 0..<data.rowCount { weights[Int.random(in: 0..<data.rowCount, using: &random)] += 1 }
            }
            let rows = (0..<data.rowCount).filter { weights[$0] > 0 }
            var builder = TreeBuilder(
                binned: binned, objective: objective, settings: treeSettings, a: weights,
                b: zip(weights, positives).map(*), rows: rows, random: random)
            return (index, builder.build())
        }
        // One tree per core at a time: every tree queued at once would put each other task of
        // the process (a request, a job) behind the whole forest.
        let inFlight = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let trees = await withTaskGroup(of: (Int, Tree).self) { group in
            var next = 0
            while next < min(inFlight, settings.trees) {
                let index = next
                group.addTask { buildTree(index) }
                next += 1
            }
            var result = [Tree?](repeating: nil, count: settings.trees)
            for await (index, tree) in group {
                result[index] = tree
                if next < settings.trees {
                    let index = next
                    group.addTask { buildTree(index) }
                    next += 1
                }
            }
            return result.map { $0! }
        }
        return RandomForest(settings: settings, featureNames: data.featureNames, trees: trees)
    }
}

extension RandomForest: Classifier {
    public func probability<C: Collection<Double>>(_ row: C) -> Double where C.Index == Int {
        trees.leafSum(row, start: 0) / Double(trees.count)
    }

    public func probabilities(_ data: Dataset) -> [Double] {
        let count = Double(trees.count)
        return trees.leafSums(data, start: 0).map { $0 / count }
    }

    public func contributions<C: Collection<Double>>(_ row: C) -> Explanation where C.Index == Int {
        var totals = [Double](repeating: 0, count: featureNames.count)
        var bias = 0.0
        for tree in trees { bias += tree.contributions(row, into: &totals) }
        let count = Double(trees.count)
        return Explanation(bias: bias / count, contributions: totals.map { $0 / count }, scale: .probability)
    }

    public var impurityImportance: [Double] {
        var totals = [Double](repeating: 0, count: featureNames.count)
        for tree in trees { tree.addImportance(into: &totals) }
        let sum = totals.reduce(0, +)
        return sum > 0 ? totals.map { $0 / sum } : totals
    }
}
