/// A single CART classification tree (gini or entropy), for when one readable tree is wanted.
public struct DecisionTree: Codable, Sendable, Equatable {
    public enum Criterion: String, Codable, Sendable {
        case gini, entropy
    }

    public let criterion: Criterion
    public let settings: TreeSettings
    public let featureNames: [String]
    let tree: Tree

    /// Grows the tree on every row, trying every feature (or `settings.maxFeatures` of them, drawn with `seed`).
    public static func fit(
        _ data: Dataset, criterion: Criterion = .gini, settings: TreeSettings = TreeSettings(), seed: UInt64 = 42
    ) -> DecisionTree {
        var builder = TreeBuilder(
            binned: BinnedFeatures(data), objective: criterion == .gini ? .gini : .entropy, settings: settings,
            a: [Double](repeating: 1, count: data.rowCount), b: data.labels.map(Double.init),
            rows: Array(0..<data.rowCount), random: SeededRandom(seed: seed))
        return DecisionTree(
            criterion: criterion, settings: settings, featureNames: data.featureNames, tree: builder.build())
    }

    public var nodeCount: Int { tree.nodeCount }
}

extension DecisionTree: Classifier {
    public func probability<C: Collection<Double>>(_ row: C) -> Double where C.Index == Int { tree.predict(row) }

    public func contributions<C: Collection<Double>>(_ row: C) -> Explanation where C.Index == Int {
        var totals = [Double](repeating: 0, count: featureNames.count)
        let bias = tree.contributions(row, into: &totals)
        return Explanation(bias: bias, contributions: totals, scale: .probability)
    }

    public var impurityImportance: [Double] {
        var totals = [Double](repeating: 0, count: featureNames.count)
        tree.addImportance(into: &totals)
        let sum = totals.reduce(0, +)
        return sum > 0 ? totals.map { $0 / sum } : totals
    }
}
