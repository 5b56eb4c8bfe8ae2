import Foundation
@testable import SalesML
import Testing

@Suite("Histograms")
struct HistogramTests {
    /// A child's histograms taken as its parent's minus its sibling's are the ones counted on
    /// its own rows, and features counted side by side (a large node) match one at a time.
    @Test func theLargerChildIsTheParentLessTheSmaller() {
        var random = SeededRandom(seed: 9)
        let rows = (0..<20_000).map { _ in (0..<12).map { _ in Double.random(in: 0..<1, using: &random) } }
        let data = Dataset(
            featureNames: (0..<12).map { "x\($0)" }, rows: rows, labels: rows.map { $0[0] + $0[1] > 1 ? 1 : 0 })
        let binned = BinnedFeatures(data)
        let a = (0..<data.rowCount).map { _ in Double.random(in: 0.01..<0.25, using: &random) }
        let b = (0..<data.rowCount).map { _ in Double.random(in: -1..<1, using: &random) }
        let all = Array(0..<data.rowCount)
        let left = all.filter { binned.bins[0][$0] < 40 }, right = all.filter { binned.bins[0][$0] >= 40 }
        let parent = Histogram(binned, a: a, b: b, rows: all[...])  // 240,000 counts: side by side
        let counted = Histogram(binned, a: a, b: b, rows: right[...])
        let subtracted = parent.minus(Histogram(binned, a: a, b: b, rows: left[...]))
        #expect(subtracted.counts == counted.counts)
        #expect(zip(subtracted.sumA, counted.sumA).allSatisfy { abs($0 - $1) < 1e-9 })
        #expect(zip(subtracted.sumB, counted.sumB).allSatisfy { abs($0 - $1) < 1e-9 })
        var oneAtATime = Histogram(features: 12)
        for feature in 0..<12 {
            oneAtATime.count(binned.bins[feature], a: a, b: b, rows: all[...], at: feature * Histogram.binsPerFeature)
        }
        #expect(oneAtATime.counts == parent.counts && oneAtATime.sumA == parent.sumA && oneAtATime.sumB == parent.sumB)
        #expect(parent.counts.reduce(0) { $0 + Int($1) } == 12 * data.rowCount)
    }

    /// A boosted model adds each round's tree to every training row through the leaf the row
    /// reached while the tree grew; scoring the rows afresh gives the same log-odds.
    @Test func roundsUpdateTheRowsTheyGrewOn() {
        let data = syntheticData(rows: 3_000, seed: 5)
        let model = GradientBoosting.fit(
            data, settings: .init(maxIterations: 30, learningRate: 0.3, validationFraction: 0))
        let withSample = GradientBoosting.fit(
            data, settings: .init(maxIterations: 30, learningRate: 0.3, subsample: 0.999_999, validationFraction: 0))
        // Same trees whether the rounds read the leaves (no sampling) or walk the trees (a
        // sample that happens to hold every row).
        #expect(model.trees.count == 30)
        let same = model.trees == withSample.trees
        #expect(same)
    }
}
