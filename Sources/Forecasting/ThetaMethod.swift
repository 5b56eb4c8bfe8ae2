import Foundation

/// The Theta method, optimised (Fiorucci, Pellegrini, Louzada, Petropoulos and Koehler, 2016):
/// simple exponential smoothing plus a share 1 − 1/θ of the slope of the straight line through
/// the data, on a series seasonally adjusted by classical decomposition when it shows a season.
/// θ, α and the first level are fitted by one-step error; θ = 2 with the first observation as
/// the first level is the method in its usual form (half the slope, Hyndman and Billah's SES
/// with drift).
public struct ThetaMethod: Sendable {
    public let alpha: Double
    public let theta: Double
    /// The level before the first observation, as an offset from the first observation.
    let initialOffset: Double
    /// Observations per season; the series is seasonally adjusted only when it shows one.
    let season: Int

    public init(alpha: Double, theta: Double = 2, initialOffset: Double = 0, season: Int) {
        self.alpha = alpha
        self.theta = theta
        self.initialOffset = initialOffset
        self.season = season
    }

    /// Fits on the whole series; forecasts from prefixes keep the fit.
    public static func fit(_ values: ArraySlice<Double>, season: Int) -> ThetaMethod {
        let adjusted = Self.seasonallyAdjusted(values, season: season).values
        let steps = zip(adjusted.dropFirst(), adjusted).map { abs($0 - $1) }
        let scale = steps.isEmpty ? 1 : max(steps.reduce(0, +) / Double(steps.count), 1e-9)
        func model(_ point: [Double]) -> ThetaMethod {
            ThetaMethod(
                alpha: 0.0001 + 0.9998 / (1 + exp(-point[0])), theta: 1 + exp(point[1]),
                initialOffset: scale * point[2], season: season)
        }
        let best = NelderMead.minimize(
            { model($0).run(adjusted).squaredError }, from: [0, 0, 0], step: 1, maxEvaluations: 600)
        return model(best.point)
    }

    public func forecast(_ values: ArraySlice<Double>, steps: Int) -> [Double] {
        let (adjusted, factors) = Self.seasonallyAdjusted(values, season: season)
        guard adjusted.count >= 2 else { return [Double](repeating: adjusted.last ?? 0, count: steps) }
        let end = run(adjusted)
        let carry = (1 - pow(1 - alpha, Double(adjusted.count))) / alpha
        return (0..<steps).map { step in
            let value = end.level + (1 - 1 / theta) * end.slope * (Double(step) + carry)
            return factors.isEmpty ? value : value * factors[(adjusted.count + step) % season]
        }
    }

    /// The one-step recursion over the series with the slope of its least-squares line: the
    /// squared errors, the last level and the slope.
    func run(_ series: [Double]) -> (squaredError: Double, level: Double, slope: Double) {
        guard let first = series.first else { return (0, 0, 0) }
        let slope = TrendLine(series[...]).slope
        let share = 1 - 1 / theta
        var level = first + initialOffset, carry = 0.0, squaredError = 0.0
        for value in series {
            let predicted = level + share * slope * carry
            squaredError += (value - predicted) * (value - predicted)
            level = alpha * value + (1 - alpha) * level
            carry = 1 + (1 - alpha) * carry
        }
        return (squaredError, level, slope)
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
