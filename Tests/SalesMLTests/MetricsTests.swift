import Foundation
@testable import SalesML
import Testing

@Suite("Metrics and splits")
struct MetricsTests {
    @Test func knownAnswers() {
        // labels and scores worked by hand: threshold 0.5 gives TP 2, FP 1, TN 2, FN 1
        let labels = [1, 1, 1, 0, 0, 0]
        let scores = [0.9, 0.8, 0.3, 0.6, 0.2, 0.1]
        let metrics = ClassificationMetrics(labels: labels, probabilities: scores)
        #expect(
            metrics.confusionMatrix == .init(truePositives: 2, falsePositives: 1, trueNegatives: 2, falseNegatives: 1))
        #expect(abs(metrics.accuracy - 4.0 / 6) < 1e-12)
        #expect(abs(metrics.precision - 2.0 / 3) < 1e-12)
        #expect(abs(metrics.recall - 2.0 / 3) < 1e-12)
        #expect(abs(metrics.f1 - 2.0 / 3) < 1e-12)
        // 9 positive-negative pairs; the positive scores higher in 8 (0.3 < 0.6 is the miss)
        #expect(abs(metrics.rocAUC - 8.0 / 9) < 1e-12)
        let brier = (0.01 + 0.04 + 0.49 + 0.36 + 0.04 + 0.01) / 6
        #expect(abs(metrics.brierScore - brier) < 1e-12)
        let logLoss = -(log(0.9) + log(0.8) + log(0.3) + log(0.4) + log(0.8) + log(0.9)) / 6
        #expect(abs(metrics.logLoss - logLoss) < 1e-12)
        #expect(metrics.calibration.reduce(0) { $0 + $1.count } == 6)
    }

    @Test func tiedScoresShareTheirRank() {
        #expect(ClassificationMetrics.rocAUC(labels: [1, 0], scores: [0.5, 0.5]) == 0.5)
        #expect(ClassificationMetrics.rocAUC(labels: [1, 1, 0, 0], scores: [0.7, 0.4, 0.4, 0.1]) == 0.875)
    }

    @Test func stratifiedSplitsKeepClassShares() {
        let labels = (0..<1_000).map { $0 % 4 == 0 ? 1 : 0 }
        let split = StratifiedSplit.trainTest(labels: labels, testFraction: 0.2, seed: 7)
        #expect(split.test.count == 200 && split.train.count == 800)
        #expect(split.test.filter { labels[$0] == 1 }.count == 50)
        #expect(Set(split.train).isDisjoint(with: split.test))
        #expect(StratifiedSplit.trainTest(labels: labels, testFraction: 0.2, seed: 7).test == split.test)
        let folds = StratifiedSplit.kFold(labels: labels, folds: 5, seed: 3)
        #expect(folds.count == 5)
        #expect(folds.flatMap(\.test).sorted() == Array(0..<1_000))
        for fold in folds { #expect(fold.test.filter { labels[$0] == 1 }.count == 50) }
    }
}
