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

/// Grows one tree over binned features, choosing at each node the split of best objective gain.
/// When every feature is a candidate at every node (single trees, boosting), a node's
/// histograms are kept: a split counts only its smaller child's rows and takes the larger
/// child's histograms as the parent's minus the smaller's, so each level reads at most half
/// the rows. A forest's nodes each draw their own features, so they count per node.
struct TreeBuilder {
    let binned: BinnedFeatures
    let objective: SplitObjective
    let settings: TreeSettings
    /// Per-row weights the objective sums: (1, label) for impurity, (hessian, gradient) for boosting.
    let a: [Double]
    let b: [Double]
    var random: SeededRandom

    private var tree = Tree()
    /// The rows, reordered so that each leaf's rows are one range (`leaves`).
    private(set) var rows: [Int]
    /// Each leaf and the range of `rows` that ends in it.
    private(set) var leaves: [(node: Int, start: Int, end: Int)] = []

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

    private var keepsHistograms: Bool { (settings.maxFeatures ?? Int.max) >= binned.bins.count }

    mutating func build() -> Tree {
        let histogram = keepsHistograms ? Histogram(binned, a: a, b: b, rows: rows[...]) : nil
        grow(start: 0, end: rows.count, depth: 0, histogram: histogram)
        return tree
    }

    @discardableResult
    private mutating func grow(start: Int, end: Int, depth: Int, histogram: Histogram?) -> Int32 {
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
            let split = bestSplit(start: start, end: end, sumA: sumA, sumB: sumB, histogram: histogram)
        else {
            leaves.append((Int(node), start, end))
            return node
        }
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
        var leftHistogram: Histogram?, rightHistogram: Histogram?
        if let histogram, depth + 1 < settings.maxDepth {
            let leftIsSmaller = middle - start <= end - middle
            let smaller = Histogram(
                binned, a: a, b: b, rows: leftIsSmaller ? rows[start..<middle] : rows[middle..<end])
            let larger = histogram.minus(smaller)
            (leftHistogram, rightHistogram) = leftIsSmaller ? (smaller, larger) : (larger, smaller)
        }
        let leftChild = grow(start: start, end: middle, depth: depth + 1, histogram: leftHistogram)
        let rightChild = grow(start: middle, end: end, depth: depth + 1, histogram: rightHistogram)
        tree.left[Int(node)] = leftChild
        tree.right[Int(node)] = rightChild
        return node
    }

    private mutating func bestSplit(
        start: Int, end: Int, sumA: Double, sumB: Double, histogram: Histogram?
    ) -> (feature: Int, bin: Int, gain: Double)? {
        let featureCount = binned.bins.count
        var candidates = Array(0..<featureCount)
        if let limit = settings.maxFeatures, limit < featureCount {
            candidates.shuffle(using: &random)
            candidates = Array(candidates.prefix(limit))
        }
        let parentScore = objective.score(sumA, sumB)
        var best: (feature: Int, bin: Int, gain: Double)?
        var counted = Histogram(features: 1)
        for feature in candidates {
            let binCount = binned.upperEdges[feature].count
            let bins: Histogram
            let offset: Int
            if let histogram {
                (bins, offset) = (histogram, feature * Histogram.binsPerFeature)
            } else {
                counted.recount(binned.bins[feature], bins: binCount, a: a, b: b, rows: rows[start..<end])
                (bins, offset) = (counted, 0)
            }
            var leftCount = 0, leftA = 0.0, leftB = 0.0
            let total = end - start
            for bin in 0..<(binCount - 1) {
                let binRows = Int(bins.counts[offset + bin])
                leftCount += binRows
                leftA += bins.sumA[offset + bin]
                leftB += bins.sumB[offset + bin]
                guard binRows > 0 || leftCount == 0 else { continue }
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

/// Rows counted per bin of each feature, with their sums of `a` and `b`.
struct Histogram {
    static let binsPerFeature = 256
    var counts: [Int32]
    var sumA: [Double]
    var sumB: [Double]

    init(features: Int) {
        counts = [Int32](repeating: 0, count: features * Self.binsPerFeature)
        sumA = [Double](repeating: 0, count: features * Self.binsPerFeature)
        sumB = sumA
    }

    /// Every feature's bins over `rows`, features counted side by side on a large node.
    init(_ binned: BinnedFeatures, a: [Double], b: [Double], rows: ArraySlice<Int>) {
        let features = binned.bins.count
        self.init(features: features)
        guard rows.count * features >= 200_000, features > 1 else {
            for feature in 0..<features {
                count(binned.bins[feature], a: a, b: b, rows: rows, at: feature * Self.binsPerFeature)
            }
            return
        }
        counts.withUnsafeMutableBufferPointer { counts in
            sumA.withUnsafeMutableBufferPointer { sumA in
                sumB.withUnsafeMutableBufferPointer { sumB in
                    // Each feature writes only its own bins.
                    let shared = SharedBins(counts: counts, sumA: sumA, sumB: sumB)
                    DispatchQueue.concurrentPerform(iterations: features) { feature in
                        Self.count(
                            binned.bins[feature], a: a, b: b, rows: rows, into: shared.counts, shared.sumA,
                            shared.sumB, at: feature * Self.binsPerFeature)
                    }
                }
            }
        }
    }

    /// Replaces the first `bins` bins with one feature's counts over `rows`.
    mutating func recount(_ column: [UInt8], bins: Int, a: [Double], b: [Double], rows: ArraySlice<Int>) {
        for bin in 0..<bins { counts[bin] = 0; sumA[bin] = 0; sumB[bin] = 0 }
        count(column, a: a, b: b, rows: rows, at: 0)
    }

    /// Adds one feature's counts over `rows` to the bins at `offset`.
    mutating func count(_ column: [UInt8], a: [Double], b: [Double], rows: ArraySlice<Int>, at offset: Int) {
        counts.withUnsafeMutableBufferPointer { counts in
            sumA.withUnsafeMutableBufferPointer { sumA in
                sumB.withUnsafeMutableBufferPointer { sumB in
                    Self.count(column, a: a, b: b, rows: rows, into: counts, sumA, sumB, at: offset)
                }
            }
        }
    }

    private static func count(
        _ column: [UInt8], a: [Double], b: [Double], rows: ArraySlice<Int>,
        into counts: UnsafeMutableBufferPointer<Int32>, _ sumA: UnsafeMutableBufferPointer<Double>,
        _ sumB: UnsafeMutableBufferPointer<Double>, at offset: Int
    ) {
        column.withUnsafeBufferPointer { column in
            a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in
                    for row in rows {
                        let bin = offset + Int(column[row])
                        counts[bin] += 1
                        sumA[bin] += a[row]
                        sumB[bin] += b[row]
                    }
                }
            }
        }
    }

    func minus(_ other: Histogram) -> Histogram {
        var result = self
        for bin in counts.indices {
            result.counts[bin] -= other.counts[bin]
            result.sumA[bin] -= other.sumA[bin]
            result.sumB[bin] -= other.sumB[bin]
        }
        return result
    }
}

private struct SharedBins: @unchecked Sendable {
    let counts: UnsafeMutableBufferPointer<Int32>
    let sumA: UnsafeMutableBufferPointer<Double>
    let sumB: UnsafeMutableBufferPointer<Double>
}
