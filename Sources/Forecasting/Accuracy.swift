import Foundation

/// Forecast accuracy as the forecasting literature reports it.
public enum Accuracy {
    /// Symmetric mean absolute percentage error, 0–200; a point where both are zero is exact.
    public static func smape(actual: [Double], forecast: [Double]) -> Double {
        let terms = zip(actual, forecast).map { a, f -> Double in
            let scale = abs(a) + abs(f)
            return scale == 0 ? 0 : 200 * abs(a - f) / scale
        }
        return terms.isEmpty ? .nan : terms.reduce(0, +) / Double(terms.count)
    }

    /// Mean absolute scaled error: the forecast's mean absolute error over the in-sample
    /// one-season-back naive forecast's (one step back when the history is shorter than a season).
    public static func mase(actual: [Double], forecast: [Double], history: [Double], season: Int) -> Double {
        let lag = season > 1 && history.count > season ? season : 1
        guard history.count > lag, !actual.isEmpty else { return .nan }
        let naive = (lag..<history.count).map { abs(history[$0] - history[$0 - lag]) }
        let scale = naive.reduce(0, +) / Double(naive.count)
        let error = zip(actual, forecast).map { abs($0 - $1) }.reduce(0, +) / Double(min(actual.count, forecast.count))
        if scale == 0 { return error == 0 ? 0 : .infinity }
        return error / scale
    }

    /// The share of actual values inside their intervals.
    public static func coverage(actual: [Double], lower: [Double], upper: [Double]) -> Double {
        let inside = zip(actual, zip(lower, upper)).filter { $0 >= $1.0 && $0 <= $1.1 }.count
        return actual.isEmpty ? .nan : Double(inside) / Double(actual.count)
    }
}
