/// A tree's node arrays as raw buffers, so a walk runs without generic dispatch or bounds
/// checks: the hot loop of scoring a million rows.
struct TreeNodes {
    let feature: UnsafeBufferPointer<Int32>
    let threshold: UnsafeBufferPointer<Double>
    let left: UnsafeBufferPointer<Int32>
    let right: UnsafeBufferPointer<Int32>
    let value: UnsafeBufferPointer<Double>

    /// The leaf value for the row whose first feature is at `row`.
    @inline(__always)
    func predict(_ row: UnsafePointer<Double>) -> Double {
        var node = 0
        while true {
            let split = feature[node]
            if split < 0 { return value[node] }
            node = Int(row[Int(split)] <= threshold[node] ? left[node] : right[node])
        }
    }
}

extension Tree {
    func withNodes<R>(_ body: (TreeNodes) -> R) -> R {
        feature.withUnsafeBufferPointer { feature in
            threshold.withUnsafeBufferPointer { threshold in
                left.withUnsafeBufferPointer { left in
                    right.withUnsafeBufferPointer { right in
                        value.withUnsafeBufferPointer { value in
                            body(TreeNodes(feature: feature, threshold: threshold, left: left, right: right, value: value))
                        }
                    }
                }
            }
        }
    }
}

extension Array where Element == Tree {
    /// `start` plus every tree's leaf value for one row, in tree order.
    func leafSum<C: Collection<Double>>(_ row: C, start: Double) -> Double where C.Index == Int {
        let fast = row.withContiguousStorageIfAvailable { buffer -> Double in
            guard let first = buffer.baseAddress else { return reduce(start) { $0 + $1.predict(row) } }
            return reduce(start) { sum, tree in sum + tree.withNodes { $0.predict(first) } }
        }
        return fast ?? reduce(start) { $0 + $1.predict(row) }
    }

    /// `start` plus every tree's leaf value, for every row of `data`. Tree by tree over all rows,
    /// so one tree's nodes stay in cache; each row still adds its trees in tree order, so the
    /// sums equal `leafSum` row by row exactly.
    func leafSums(_ data: Dataset, start: Double) -> [Double] {
        var sums = [Double](repeating: start, count: data.rowCount)
        let width = data.featureCount
        guard data.rowCount > 0, width > 0 else { return data.rowCount > 0 ? (0..<data.rowCount).map { leafSum(data.row($0), start: start) } : [] }
        data.values.withUnsafeBufferPointer { values in
            sums.withUnsafeMutableBufferPointer { sums in
                let base = values.baseAddress!
                for tree in self {
                    tree.withNodes { nodes in
                        for row in 0..<sums.count { sums[row] += nodes.predict(base + row * width) }
                    }
                }
            }
        }
        return sums
    }
}
