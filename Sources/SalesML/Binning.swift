/// Features cut into at most 255 ordered bins by quantiles, computed once per training set.
/// Trees then find splits by counting per bin instead of sorting per node.
struct BinnedFeatures: Sendable {
    /// bins[feature][row]
    let bins: [[UInt8]]
    /// upperEdges[feature][bin]: a row goes left of a split after bin b when value <= upperEdges[b].
    let upperEdges: [[Double]]

    init(_ data: Dataset, maxBins: Int = 255) {
        var bins: [[UInt8]] = []
        var edges: [[Double]] = []
        for feature in 0..<data.featureCount {
            let column = (0..<data.rowCount).map { data.value($0, feature) }
            let sorted = column.sorted()
            var unique: [Double] = []
            for value in sorted where unique.last != value { unique.append(value) }
            var featureEdges: [Double]
            if unique.count <= maxBins {
                // Midpoints between distinct values, as exact thresholds.
                featureEdges = zip(unique, unique.dropFirst()).map { ($0 + $1) / 2 } + [Double.infinity]
            } else {
                featureEdges = []
                for bin in 1..<maxBins {
                    let cut = sorted[bin * sorted.count / maxBins]
                    if featureEdges.last.map({ cut > $0 }) ?? true { featureEdges.append(cut) }
                }
                featureEdges.append(Double.infinity)
            }
            bins.append(column.map { value in UInt8(Self.bin(of: value, edges: featureEdges)) })
            edges.append(featureEdges)
        }
        self.bins = bins
        self.upperEdges = edges
    }

    static func bin(of value: Double, edges: [Double]) -> Int {
        var low = 0, high = edges.count - 1
        while low < high {
            let middle = (low + high) / 2
            if value <= edges[middle] { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
