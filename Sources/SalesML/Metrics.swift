import Foundation

/// Binary classification metrics of S5, computed from labels and predicted probabilities.
public struct ClassificationMetrics: Codable, Sendable, Equatable {
    public struct ConfusionMatrix: Codable, Sendable, Equatable {
        public let truePositives: Int
        public let falsePositives: Int
        public let trueNegatives: Int
        public let falseNegatives: Int
    }

    public struct CalibrationBin: Codable, Sendable, Equatable {
        public let lower: Double
        public let upper: Double
        public let count: Int
        public let meanPredicted: Double
        public let observedRate: Double
    }

    public let accuracy: Double
    public let precision: Double
    public let recall: Double
    public let f1: Double
    public let rocAUC: Double
    public let logLoss: Double
    public let brierScore: Double
    public let confusionMatrix: ConfusionMatrix
    public let calibration: [CalibrationBin]

    public init(labels: [Int], probabilities: [Double], threshold: Double = 0.5, calibrationBins: Int = 10) {
        precondition(labels.count == probabilities.count && !labels.isEmpty)
        var tp = 0, fp = 0, tn = 0, fn = 0
        for (label, p) in zip(labels, probabilities) {
            switch (label == 1, p >= threshold) {
            case (true, true): tp += 1
            case (false, true): fp += 1
            case (false, false): tn += 1
            case (true, false): fn += 1
            }
        }
        let n = Double(labels.count)
        accuracy = Double(tp + tn) / n
        precision = tp + fp == 0 ? 0 : Double(tp) / Double(tp + fp)
        recall = tp + fn == 0 ? 0 : Double(tp) / Double(tp + fn)
        f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
        rocAUC = Self.rocAUC(labels: labels, scores: probabilities)
        logLoss =
            zip(labels, probabilities).reduce(0) { total, pair in
                let p = min(max(pair.1, 1e-15), 1 - 1e-15)
                return total - (pair.0 == 1 ? log(p) : log(1 - p))
            } / n
        brierScore = zip(labels, probabilities).reduce(0) { $0 + pow($1.1 - Double($1.0), 2) } / n
        confusionMatrix = ConfusionMatrix(truePositives: tp, falsePositives: fp, trueNegatives: tn, falseNegatives: fn)
        calibration = (0..<calibrationBins).compactMap { bin in
            let lower = Double(bin) / Double(calibrationBins), upper = Double(bin + 1) / Double(calibrationBins)
            let members = zip(labels, probabilities).filter {
                $0.1 >= lower && ($0.1 < upper || (bin == calibrationBins - 1 && $0.1 <= upper))
            }
            guard !members.isEmpty else { return nil }
            return CalibrationBin(
                lower: lower, upper: upper, count: members.count,
                meanPredicted: members.reduce(0) { $0 + $1.1 } / Double(members.count),
                observedRate: Double(members.filter { $0.0 == 1 }.count) / Double(members.count))
        }
    }

    /// Area under the ROC curve by ranks (Mann–Whitney), ties sharing their average rank.
    public static func rocAUC(labels: [Int], scores: [Double]) -> Double {
        let positives = labels.filter { $0 == 1 }.count, negatives = labels.count - positives
        guard positives > 0, negatives > 0 else { return 0.5 }
        let order = scores.indices.sorted { scores[$0] < scores[$1] }
        var rankSum = 0.0
        var start = 0
        while start < order.count {
            var end = start
            while end + 1 < order.count, scores[order[end + 1]] == scores[order[start]] { end += 1 }
            let averageRank = Double(start + end) / 2 + 1
            for index in start...end where labels[order[index]] == 1 { rankSum += averageRank }
            start = end + 1
        }
        return (rankSum - Double(positives) * Double(positives + 1) / 2) / (Double(positives) * Double(negatives))
    }
}
