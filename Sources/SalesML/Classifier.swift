/// A fitted binary classifier that can say why it scored a row as it did.
public protocol Classifier: Sendable {
    var featureNames: [String] { get }
    /// P(label = 1) for one row of features, in the training column order.
    func probability<C: Collection<Double>>(_ row: C) -> Double where C.Index == Int
    /// How each feature moved this row's score away from the model's baseline.
    func contributions<C: Collection<Double>>(_ row: C) -> Explanation where C.Index == Int
    /// P(label = 1) for every row, as `probability` gives it row by row.
    func probabilities(_ data: Dataset) -> [Double]
    /// Global importance from the model's own structure, summing to 1 (empty if it has none).
    var impurityImportance: [Double] { get }
}

extension Classifier {
    public func probabilities(_ data: Dataset) -> [Double] {
        (0..<data.rowCount).map { probability(data.row($0)) }
    }
}

/// One prediction taken apart: bias + Σ contributions = the score on `scale`.
public struct Explanation: Sendable, Equatable, Codable {
    public enum Scale: String, Sendable, Codable {
        case probability
        case logOdds
    }

    public let bias: Double
    public let contributions: [Double]
    public let scale: Scale

    /// The features that moved the score most, strongest first.
    public func top(_ count: Int, names: [String]) -> [(name: String, contribution: Double)] {
        zip(names, contributions).sorted { abs($0.1) > abs($1.1) }.prefix(count).map { ($0.0, $0.1) }
    }
}
