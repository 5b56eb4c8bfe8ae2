import Foundation

/// Akaike's criterion with the small-sample correction, for models fitted by least squares
/// with Gaussian errors: lower is better, and every estimated parameter or state costs more the
/// shorter the series.
public enum InformationCriterion {
    public static func aicc(squaredError: Double, observations n: Int, estimated k: Int) -> Double? {
        let count = Double(n), parameters = Double(k + 1)
        guard n > k + 2, squaredError.isFinite else { return nil }
        let logLikelihoodTerm = count * log(max(squaredError, 1e-300) / count)
        return logLikelihoodTerm + 2 * parameters + 2 * parameters * (parameters + 1) / (count - parameters - 1)
    }
}
