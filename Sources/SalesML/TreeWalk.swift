import Foundation

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
                            body(
                                TreeNodes(
                                    feature: feature, threshold: threshold, left: left, right: right, value: value))
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

    /// `start` plus every tree's leaf value, for every row of `data`. Tree by tree over a block
    /// of rows, so one tree's nodes stay in cache; blocks run on every core. Each row still adds
    /// its trees in tree order, so the sums equal `leafSum` row by row exactly.
    func leafSums(_ data: Dataset, start: Double) -> [Double] {
        let rows = data.rowCount, width = data.featureCount
        guard rows > 0 else { return [] }
        guard width > 0 else { return (0..<rows).map { leafSum(data.row($0), start: start) } }
        var sums = [Double](repeating: start, count: rows)
        let blocks = rows >= Self.rowsWorthSplitting ? ProcessInfo.processInfo.activeProcessorCount : 1
        let blockSize = (rows + blocks - 1) / blocks
        data.values.withUnsafeBufferPointer { values in
            sums.withUnsafeMutableBufferPointer { sums in
                let buffers = RowBuffers(values: values.baseAddress!, sums: sums.baseAddress!)
                DispatchQueue.concurrentPerform(iterations: blocks) { block in
                    let base = buffers.values, out = buffers.sums
                    let first = block * blockSize, end = Swift.min(rows, first + blockSize)
                    guard first < end else { return }
                    for tree in self {
                        tree.withNodes { nodes in
                            for row in first..<end { out[row] += nodes.predict(base + row * width) }
                        }
                    }
                }
            }
        }
        return sums
    }

    /// Below this many rows one core finishes before others would start.
    static let rowsWorthSplitting = 4_096
}

/// The table and the sums, shared by the blocks: each block reads the table and writes only
/// its own rows' sums, so no two touch the same memory.
private struct RowBuffers: @unchecked Sendable {
    let values: UnsafePointer<Double>
    let sums: UnsafeMutablePointer<Double>
}
