import Foundation

/// A fitted binary tree: arrays of nodes, leaves holding a value (a probability for
/// classification trees, a log-odds step for boosting trees).
public struct Tree: Codable, Sendable, Equatable {
    /// -1 marks a leaf.
    var feature: [Int32] = []
    var threshold: [Double] = []
    var left: [Int32] = []
    var right: [Int32] = []
    var value: [Double] = []
    /// Weighted impurity decrease of each split (0 at leaves), for importance.
    var gain: [Double] = []

    public var nodeCount: Int { feature.count }

    func leaf<C: Collection<Double>>(for row: C) -> Int where C.Index == Int {
        var node = 0
        let start = row.startIndex
        while feature[node] >= 0 {
            node = Int(row[start + Int(feature[node])] <= threshold[node] ? left[node] : right[node])
        }
        return node
    }

    func predict<C: Collection<Double>>(_ row: C) -> Double where C.Index == Int { value[leaf(for: row)] }

    /// Saabas path contributions: each split on the way to the leaf moves the value by
    /// (child − parent), credited to the split's feature. bias + Σ contributions = prediction.
    func contributions<C: Collection<Double>>(_ row: C, into totals: inout [Double]) -> Double where C.Index == Int {
        var node = 0
        let start = row.startIndex
        while feature[node] >= 0 {
            let next = Int(row[start + Int(feature[node])] <= threshold[node] ? left[node] : right[node])
            totals[Int(feature[node])] += value[next] - value[node]
            node = next
        }
        return value[0]
    }

    func addImportance(into totals: inout [Double]) {
        for node in 0..<nodeCount where feature[node] >= 0 { totals[Int(feature[node])] += gain[node] }
    }
}

/// What a split optimises. Each row carries two sums: (weight, positives) for classification,
/// (hessian, gradient) for boosting.
enum SplitObjective: Sendable {
    case gini
    case entropy
    /// Newton boosting with L2 on leaf values.
    case newton(lambda: Double)

    func score(_ a: Double, _ b: Double) -> Double {
        switch self {
        case .gini:
            guard a > 0 else { return 0 }
            let p = b / a
            return a * (1 - p * p - (1 - p) * (1 - p))
        case .entropy:
            guard a > 0 else { return 0 }
            let p = b / a
            func term(_ q: Double) -> Double { q > 0 ? -q * log2(q) : 0 }
            return a * (term(p) + term(1 - p))
        case .newton(let lambda):
            return -(b * b) / (a + lambda)
        }
    }

    func leafValue(_ a: Double, _ b: Double) -> Double {
        switch self {
        case .gini, .entropy: a > 0 ? b / a : 0
        case .newton(let lambda): b / (a + lambda)
        }
    }
}

public struct TreeSettings: Codable, Sendable, Equatable {
    public var maxDepth: Int
    public var minSamplesSplit: Int
    public var minSamplesLeaf: Int
    /// Features tried at each split; nil tries all.
    public var maxFeatures: Int?

    public init(maxDepth: Int = 10, minSamplesSplit: Int = 2, minSamplesLeaf: Int = 1, maxFeatures: Int? = nil) {
        self.maxDepth = maxDepth
        self.minSamplesSplit = minSamplesSplit
        self.minSamplesLeaf = minSamplesLeaf
        self.maxFeatures = maxFeatures
    }
}

/// Grows one tree over binned features by histogram split search.
struct TreeBuilder {
    let binned: BinnedFeatures
    let objective: SplitObjective
    let settings: TreeSettings
    /// Per-row sums (see SplitObjective).
    let a: [Double]
    let b: [Double]
    var random: SeededRandom

    private var tree = Tree()
    private var rows: [Int]

    init(
        binned: BinnedFeatures, objective: SplitObjective, settings: TreeSettings, a: [Double], b: [Double],
        rows: [Int], random: SeededRandom
    ) {
        self.binned = binned
        self.objective = objective
        self.settings = settings
        self.a = a
        self.b = b
        self.rows = rows
        self.random = random
    }

    mutating func build() -> Tree {
        grow(start: 0, end: rows.count, depth: 0)
        return tree
    }

    @discardableResult
    private mutating func grow(start: Int, end: Int, depth: Int) -> Int32 {
        var sumA = 0.0, sumB = 0.0
        for index in start..<end { sumA += a[rows[index]]; sumB += b[rows[index]] }
        let node = Int32(tree.nodeCount)
        tree.feature.append(-1)
        tree.threshold.append(0)
        tree.left.append(-1)
        tree.right.append(-1)
        tree.value.append(objective.leafValue(sumA, sumB))
        tree.gain.append(0)
        let count = end - start
        guard depth < settings.maxDepth, count >= settings.minSamplesSplit, count >= 2 * settings.minSamplesLeaf,
            let split = bestSplit(start: start, end: end, sumA: sumA, sumB: sumB)
        else { return node }
        // Partition rows so the left child's rows come first.
        var middle = start
        let column = binned.bins[split.feature]
        for index in start..<end where Int(column[rows[index]]) <= split.bin {
            rows.swapAt(index, middle)
            middle += 1
        }
        tree.feature[Int(node)] = Int32(split.feature)
        tree.threshold[Int(node)] = binned.upperEdges[split.feature][split.bin]
        tree.gain[Int(node)] = split.gain
        let leftChild = grow(start: start, end: middle, depth: depth + 1)
        let rightChild = grow(start: middle, end: end, depth: depth + 1)
        tree.left[Int(node)] = leftChild
        tree.right[Int(node)] = rightChild
        return node
    }

    private mutating func bestSplit(
        start: Int, end: Int, sumA: Double, sumB: Double
    ) -> (feature: Int, bin: Int, gain: Double)? {
        let featureCount = binned.bins.count
        var candidates = Array(0..<featureCount)
        if let limit = settings.maxFeatures, limit < featureCount {
            candidates.shuffle(using: &random)
            candidates = Array(candidates.prefix(limit))
        }
        let parentScore = objective.score(sumA, sumB)
        var best: (feature: Int, bin: Int, gain: Double)?
        var counts = [Int](repeating: 0, count: 256)
        var histA = [Double](repeating: 0, count: 256)
        var histB = [Double](repeating: 0, count: 256)
        for feature in candidates {
            let column = binned.bins[feature]
            let binCount = binned.upperEdges[feature].count
            for bin in 0..<binCount { counts[bin] = 0; histA[bin] = 0; histB[bin] = 0 }
            for index in start..<end {
                let row = rows[index]
                let bin = Int(column[row])
                counts[bin] += 1
                histA[bin] += a[row]
                histB[bin] += b[row]
            }
            var leftCount = 0, leftA = 0.0, leftB = 0.0
            let total = end - start
            for bin in 0..<(binCount - 1) {
                leftCount += counts[bin]
                leftA += histA[bin]
                leftB += histB[bin]
                guard counts[bin] > 0 || leftCount == 0 else { continue }
                let rightCount = total - leftCount
                if leftCount < settings.minSamplesLeaf { continue }
                if rightCount < settings.minSamplesLeaf { break }
                let gain = parentScore - objective.score(leftA, leftB) - objective.score(sumA - leftA, sumB - leftB)
                if gain > 1e-12, gain > (best?.gain ?? 0) { best = (feature, bin, gain) }
            }
        }
        return best
    }
}
