/// A dense table of numeric features, row-major, with a binary label per row.
public struct Dataset: Sendable, Equatable {
    public let featureNames: [String]
    public private(set) var values: [Double]
    public let labels: [Int]

    public var rowCount: Int { labels.count }
    public var featureCount: Int { featureNames.count }

    public init(featureNames: [String], values: [Double], labels: [Int]) {
        precondition(values.count == featureNames.count * labels.count, "values must be rows × features")
        precondition(labels.allSatisfy { $0 == 0 || $0 == 1 }, "labels are 0 or 1")
        self.featureNames = featureNames
        self.values = values
        self.labels = labels
    }

    public init(featureNames: [String], rows: [[Double]], labels: [Int]) {
        self.init(featureNames: featureNames, values: rows.flatMap { $0 }, labels: labels)
    }

    @inlinable public func value(_ row: Int, _ feature: Int) -> Double { values[row * featureNames.count + feature] }

    public func row(_ index: Int) -> ArraySlice<Double> {
        values[(index * featureCount)..<((index + 1) * featureCount)]
    }

    /// The rows at `indices`, in that order.
    public func subset(_ indices: [Int]) -> Dataset {
        var picked: [Double] = []
        picked.reserveCapacity(indices.count * featureCount)
        for index in indices { picked.append(contentsOf: row(index)) }
        return Dataset(featureNames: featureNames, values: picked, labels: indices.map { labels[$0] })
    }

    /// The same rows with one feature's values shuffled (permutation importance).
    func permuting(feature: Int, using random: inout some RandomNumberGenerator) -> Dataset {
        var copy = self
        var column = (0..<rowCount).map { value($0, feature) }
        column.shuffle(using: &random)
        for row in 0..<rowCount { copy.values[row * featureCount + feature] = column[row] }
        return copy
    }
}

/// The generator every model uses: SplitMix64, the same sequence for a seed on every platform.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A generator for one of many parallel jobs, independent of how jobs are scheduled.
    public static func stream(_ seed: UInt64, _ index: Int) -> SeededRandom {
        var mixer = SeededRandom(seed: seed ^ (UInt64(index) &* 0xD1B5_4A32_D192_ED03))
        return SeededRandom(seed: mixer.next())
    }
}
