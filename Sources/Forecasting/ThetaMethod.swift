import Foundation

/// The Theta method in its usual form: simple exponential smoothing plus half the slope of
/// the straight line through the data, on a series seasonally adjusted by classical
/// decomposition when it shows a season.
public struct ThetaMethod: Sendable {
    public let alpha: Double
    /// Observations per season; the series is seasonally adjusted only when it shows one.
    let season: Int

    /// Fits α on the whole series; forecasts from prefixes keep it.
    public static func fit(_ values: ArraySlice<Double>, season: Int) -> ThetaMethod {
        let adjusted = Self.seasonallyAdjusted(values, season: season).values
        let smoothing = ExponentialSmoothing.fit(
            adjusted[...], shape: .init(trend: .none, seasonality: .none, season: 1))
        return ThetaMethod(alpha: smoothing.parameters.alpha, season: season)
    }

    public func forecast(_ values: ArraySlice<Double>, steps: Int) -> [Double] {
        let (adjusted, factors) = Self.seasonallyAdjusted(values, season: season)
        guard adjusted.count >= 2 else { return [Double](repeating: adjusted.last ?? 0, count: steps) }
        let smoothing = ExponentialSmoothing(
            shape: .init(trend: .none, seasonality: .none, season: 1), parameters: .init(alpha: alpha))
        let level = smoothing.filter(adjusted[...]).state.level
        let n = Double(adjusted.count)
        let meanX = (n - 1) / 2, meanY = adjusted.reduce(0, +) / n
        var covariance = 0.0, variance = 0.0
        for (index, value) in adjusted.enumerated() {
            covariance += (Double(index) - meanX) * (value - meanY)
            variance += (Double(index) - meanX) * (Double(index) - meanX)
        }
        let halfSlope = variance > 0 ? covariance / variance / 2 : 0
        let carry = (1 - pow(1 - alpha, n)) / alpha
        return (0..<steps).map { step in
            let value = level + halfSlope * (Double(step) + carry)
            return factors.isEmpty ? value : value * factors[(adjusted.count + step) % season]
        }
    }

    /// Divides out multiplicative seasonal factors when the autocorrelation at the seasonal lag
    /// is significant at 90% and the data are positive; otherwise returns the series as it is.
    static func seasonallyAdjusted(_ values: ArraySlice<Double>, season: Int) -> (values: [Double], factors: [Double]) {
        let series = Array(values)
        guard season > 1, series.count >= 2 * season, series.allSatisfy({ $0 > 0 }),
            Seasonality.isSignificant(series, season: season)
        else { return (series, []) }
        let factors = Seasonality.classicalFactors(series, season: season)
        return (series.enumerated().map { $1 / factors[$0 % season] }, factors)
    }
}

/// Classical decomposition's pieces, shared by Theta and the anomaly finder.
enum Seasonality {
    static func autocorrelation(_ series: [Double], lag: Int) -> Double {
        let mean = series.reduce(0, +) / Double(series.count)
        let denominator = series.map { ($0 - mean) * ($0 - mean) }.reduce(0, +)
        guard denominator > 0, lag < series.count else { return 0 }
        var numerator = 0.0
        for index in lag..<series.count { numerator += (series[index] - mean) * (series[index - lag] - mean) }
        return numerator / denominator
    }

    static func isSignificant(_ series: [Double], season: Int) -> Bool {
        let earlier = (1..<season).map { autocorrelation(series, lag: $0) }
        let spread = sqrt((1 + 2 * earlier.map { $0 * $0 }.reduce(0, +)) / Double(series.count))
        return abs(autocorrelation(series, lag: season)) > 1.645 * spread
    }

    /// The centred moving average over one season (a 2×m average for even m), nil at the ends.
    static func centredMovingAverage(_ series: [Double], season: Int) -> [Double?] {
        let half = season / 2
        return series.indices.map { index -> Double? in
            guard index - half >= 0, index + half < series.count else { return nil }
            if season % 2 == 1 {
                return series[index - half...index + half].reduce(0, +) / Double(season)
            }
            let inner = series[index - half + 1...index + half - 1].reduce(0, +)
            return (inner + (series[index - half] + series[index + half]) / 2) / Double(season)
        }
    }

    /// Multiplicative factors per position in the season, averaging to one.
    static func classicalFactors(_ series: [Double], season: Int) -> [Double] {
        let trend = centredMovingAverage(series, season: season)
        var sums = [Double](repeating: 0, count: season), counts = [Double](repeating: 0, count: season)
        for (index, value) in series.enumerated() {
            guard let level = trend[index], level != 0 else { continue }
            sums[index % season] += value / level
            counts[index % season] += 1
        }
        let raw = zip(sums, counts).map { $1 > 0 ? $0 / $1 : 1 }
        let mean = raw.reduce(0, +) / Double(season)
        return raw.map { $0 / mean }
    }
}
