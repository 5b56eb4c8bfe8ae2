/// Splits that keep each class's share the same in every part.
public enum StratifiedSplit {
    /// Row indices for training and testing; `testFraction` of each class goes to the test part.
    public static func trainTest(labels: [Int], testFraction: Double, seed: UInt64) -> (train: [Int], test: [Int]) {
        var random = SeededRandom(seed: seed)
        var train: [Int] = [], test: [Int] = []
        for label in [0, 1] {
            var members = labels.indices.filter { labels[$0] == label }
            members.shuffle(using: &random)
            let testCount = Int((Double(members.count) * testFraction).rounded())
            test += members.prefix(testCount)
            train += members.dropFirst(testCount)
        }
        return (train.sorted(), test.sorted())
    }

    /// k folds; each row is in exactly one test fold, classes spread evenly across folds.
    public static func kFold(labels: [Int], folds k: Int, seed: UInt64) -> [(train: [Int], test: [Int])] {
        precondition(k >= 2)
        var random = SeededRandom(seed: seed)
        var foldOf = [Int](repeating: 0, count: labels.count)
        for label in [0, 1] {
            var members = labels.indices.filter { labels[$0] == label }
            members.shuffle(using: &random)
            for (position, row) in members.enumerated() { foldOf[row] = position % k }
        }
        return (0..<k).map { fold in
            (labels.indices.filter { foldOf[$0] != fold }, labels.indices.filter { foldOf[$0] == fold })
        }
    }
}

/// Importance as the loss of ROC AUC when one feature's values are shuffled.
public enum PermutationImportance {
    public static func compute(
        _ model: some Classifier, on data: Dataset, repeats: Int = 3, seed: UInt64 = 42
    ) -> [Double] {
        let baseline = ClassificationMetrics.rocAUC(labels: data.labels, scores: model.probabilities(data))
        return (0..<data.featureCount).map { feature in
            var drop = 0.0
            for repeatIndex in 0..<repeats {
                var random = SeededRandom.stream(seed, feature * 1_000 + repeatIndex)
                let shuffled = data.permuting(feature: feature, using: &random)
                drop +=
                    baseline
                    - ClassificationMetrics.rocAUC(labels: shuffled.labels, scores: model.probabilities(shuffled))
            }
            return drop / Double(repeats)
        }
    }
}
