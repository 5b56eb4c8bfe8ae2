import Foundation

/// L2-regularised logistic regression fitted by Newton's method on standardised features.
/// Contributions are coefficient × (standardised value): exact on the log-odds scale.
public struct LogisticRegression: Codable, Sendable, Equatable {
    public struct Settings: Codable, Sendable, Equatable {
        /// Inverse regularisation strength, as in scikit-learn: smaller is stronger.
        public var c: Double
        public var maxIterations: Int
        public var tolerance: Double

        public init(c: Double = 1, maxIterations: Int = 100, tolerance: Double = 1e-8) {
            self.c = c
            self.maxIterations = maxIterations
            self.tolerance = tolerance
        }
    }

    public let settings: Settings
    public let featureNames: [String]
    let means: [Double]
    let scales: [Double]
    /// coefficients[0] is the intercept; then one per feature, on standardised inputs.
    public let coefficients: [Double]

    public static func fit(_ data: Dataset, settings: Settings = Settings()) -> LogisticRegression {
        let d = data.featureCount, n = data.rowCount
        var means = [Double](repeating: 0, count: d), scales = [Double](repeating: 1, count: d)
        for feature in 0..<d {
            let column = (0..<n).map { data.value($0, feature) }
            let mean = column.reduce(0, +) / Double(max(n, 1))
            let variance = column.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(max(n, 1))
            means[feature] = mean
            scales[feature] = variance > 1e-12 ? variance.squareRoot() : 1
        }
        func x(_ row: Int, _ j: Int) -> Double { j == 0 ? 1 : (data.value(row, j - 1) - means[j - 1]) / scales[j - 1] }
        var w = [Double](repeating: 0, count: d + 1)
        let penalty = 1 / settings.c
        for _ in 0..<settings.maxIterations {
            var gradient = [Double](repeating: 0, count: d + 1)
            var hessian = [Double](repeating: 0, count: (d + 1) * (d + 1))
            for row in 0..<n {
                var z = 0.0
                for j in 0...d { z += w[j] * x(row, j) }
                let p = 1 / (1 + exp(-z))
                let error = p - Double(data.labels[row])
                let weight = p * (1 - p)
                for j in 0...d {
                    let xj = x(row, j)
                    gradient[j] += error * xj
                    for k in j...d { hessian[j * (d + 1) + k] += weight * xj * x(row, k) }
                }
            }
            for j in 0...d {
                for k in 0..<j { hessian[j * (d + 1) + k] = hessian[k * (d + 1) + j] }
                if j > 0 {
                    gradient[j] += penalty * w[j]
                    hessian[j * (d + 1) + j] += penalty
                }
                hessian[j * (d + 1) + j] += 1e-10
            }
            guard let step = Cholesky.solve(hessian, gradient, size: d + 1) else { break }
            for j in 0...d { w[j] -= step[j] }
            if step.reduce(0, { max($0, abs($1)) }) < settings.tolerance { break }
        }
        return LogisticRegression(
            settings: settings, featureNames: data.featureNames, means: means, scales: scales, coefficients: w)
    }
}

extension LogisticRegression: Classifier {
    public func probability<C: Collection<Double>>(_ row: C) -> Double where C.Index == Int {
        1 / (1 + exp(-contributions(row).contributions.reduce(coefficients[0], +)))
    }

    public func contributions<C: Collection<Double>>(_ row: C) -> Explanation where C.Index == Int {
        let start = row.startIndex
        let values = (0..<featureNames.count).map { coefficients[$0 + 1] * (row[start + $0] - means[$0]) / scales[$0] }
        return Explanation(bias: coefficients[0], contributions: values, scale: .logOdds)
    }

    public var impurityImportance: [Double] {
        let magnitudes = coefficients.dropFirst().map(abs)
        let sum = magnitudes.reduce(0, +)
        return sum > 0 ? magnitudes.map { $0 / sum } : Array(magnitudes)
    }
}

/// Solves A x = b for a symmetric positive definite A (row-major, size × size).
enum Cholesky {
    static func solve(_ a: [Double], _ b: [Double], size n: Int) -> [Double]? {
        var l = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in 0...i {
                var sum = a[i * n + j]
                for k in 0..<j { sum -= l[i * n + k] * l[j * n + k] }
                if i == j {
                    guard sum > 0 else { return nil }
                    l[i * n + i] = sum.squareRoot()
                } else {
                    l[i * n + j] = sum / l[j * n + j]
                }
            }
        }
        var y = [Double](repeating: 0, count: n)
        for i in 0..<n {
            var sum = b[i]
            for k in 0..<i { sum -= l[i * n + k] * y[k] }
            y[i] = sum / l[i * n + i]
        }
        var x = [Double](repeating: 0, count: n)
        for i in stride(from: n - 1, through: 0, by: -1) {
            var sum = y[i]
            for k in (i + 1)..<n { sum -= l[k * n + i] * x[k] }
            x[i] = sum / l[i * n + i]
        }
        return x
    }
}
