import Foundation

/// A forecast with its intervals and the reasons for the method it used.
public struct Forecast: Sendable {
    public struct Candidate: Sendable, Codable {
        public let method: ForecastMethod
        /// Mean absolute back-test error over the in-sample seasonal naive's; lower is better.
        public let scaledError: Double
    }

    /// How the methods were chosen.
    public enum Selection: String, Sendable, Codable {
        /// The few with the least error when forecasting the end of the history from before it.
        case backtest
        /// The Theta method averaged with the least-squares line: a history too short to hold out
        /// a whole horizon ranks methods on a few points almost at random, and a criterion charges
        /// a trend so much on a dozen points that it keeps a growing series flat. Both carry the
        /// trend; the line weighs every month alike where Theta's level follows the latest ones,
        /// so their average is steadier on noisy months than either.
        case shortHistory
    }

    /// The method chosen first: the least back-test error, or Theta on a short history.
    public let method: ForecastMethod
    /// The methods whose forecasts are averaged: the best few by back-test.
    public let combined: [ForecastMethod]
    public let selection: Selection
    public let mean: [Double]
    public let lower80: [Double]
    public let upper80: [Double]
    public let lower95: [Double]
    public let upper95: [Double]
    /// The chosen method's back-test error, nil when the history was too short to hold any out.
    public let scaledError: Double?
    /// What that error is measured against: repeating the value this many periods back (the
    /// season when the history held more than one, otherwise the period before).
    public let yardstickLag: Int
    public let candidates: [Candidate]
}

/// Picks a method per series by rolling-origin back-tests and forecasts with it. Every series
/// gets a forecast: gaps are filled, an empty series forecasts zeros, and one too short to
/// hold anything out falls back to the last value.
public enum AutomaticForecast {
    public static func forecast(
        _ series: [Double], season: Int, horizon: Int, methods: [ForecastMethod] = ForecastMethod.allCases,
        nonNegative: Bool = false
    ) -> Forecast {
        let values = filledGaps(series)
        let steps = max(horizon, 0)
        guard !values.isEmpty else {
            let zeros = [Double](repeating: 0, count: steps)
            return Forecast(
                method: .naive, combined: [.naive], selection: .backtest, mean: zeros, lower80: zeros, upper80: zeros,
                lower95: zeros,
                upper95: zeros,
                scaledError: nil, yardstickLag: 1, candidates: [])
        }
        let candidates = backtest(values, season: season, horizon: max(steps, 1), methods: methods)
        // Averaging the best few is steadier than trusting one back-test's winner: a handful of
        // origins rank close methods almost at random.
        let ranked = candidates.sorted { $0.scaledError < $1.scaledError }
        let selection: Forecast.Selection =
            layout(values.count, horizon: max(steps, 1)).window < max(steps, 1) ? .shortHistory : .backtest
        let (picked, choseBy) = pick(selection, values: values, season: season, methods: methods, ranked: ranked)
        let combined = picked.map(\.method)
        let fitted = FittedMethod.average(picked, season: season)
        let chosen = candidates.first { $0.method == combined[0] }
        let mean = fitted.forecast(values[...], steps: steps)
        let widening = PredictionSpread.outOfSampleWidening(
            picked.map(\.method), fitted: fitted, values: values, season: season,
            layout: layout(values.count, horizon: max(steps, 1)))
        let spread = PredictionSpread.standardDeviations(fitted, values: values, season: season, steps: steps).map {
            $0 * widening
        }
        func band(_ z: Double, _ sign: Double) -> [Double] {
            zip(mean, spread).map { value, deviation in
                let edge = value + sign * z * deviation
                return nonNegative ? max(edge, 0) : edge
            }
        }
        return Forecast(
            method: combined[0], combined: combined, selection: choseBy,
            mean: nonNegative ? mean.map { max($0, 0) } : mean,
            lower80: band(1.2816, -1), upper80: band(1.2816, 1), lower95: band(1.96, -1), upper95: band(1.96, 1),
            scaledError: chosen?.scaledError,
            yardstickLag: naiveLag(count: layout(values.count, horizon: max(steps, 1)).first, season: season),
            candidates: candidates)
    }

    static let combinationSize = 3
    static let shortHistoryMethods: [ForecastMethod] = [.theta, .trendLine]

    /// The fitted methods whose forecasts are averaged, and how they were chosen; the last value
    /// carried forward when no method could be tried.
    static func pick(
        _ selection: Forecast.Selection, values: [Double], season: Int, methods: [ForecastMethod],
        ranked: [Forecast.Candidate]
    ) -> ([FittedMethod], Forecast.Selection) {
        if selection == .shortHistory {
            let short = shortHistoryMethods.filter {
                methods.contains($0) && $0.applies(to: values[...], season: season)
            }
            if !short.isEmpty { return (short.map { $0.fit(values[...], season: season) }, .shortHistory) }
        }
        let best = ranked.prefix(combinationSize).map { $0.method.fit(values[...], season: season) }
        return (best.isEmpty ? [ForecastMethod.naive.fit(values[...], season: season)] : best, .backtest)
    }

    /// Each applicable method's mean scaled error over up to three origins, refitted at each on
    /// what precedes it. More origins would start earlier, before the seasonal methods have the
    /// two seasons they need, and leave them out of the race.
    public static func backtest(
        _ values: [Double], season: Int, horizon: Int, methods: [ForecastMethod]
    ) -> [Forecast.Candidate] {
        let n = values.count
        let (first, window, origins, stride) = layout(n, horizon: horizon)
        guard first >= 2 else { return [] }
        let training = values[..<first]
        let scale = naiveScale(Array(training), season: season)
        return methods.compactMap { method in
            guard method.applies(to: training, season: season) else { return nil }
            var total = 0.0, count = 0
            for origin in 0..<origins {
                let start = first + origin * stride
                let forecast = method.fit(values[..<start], season: season).forecast(values[..<start], steps: window)
                for (offset, predicted) in forecast.enumerated() where start + offset < n {
                    total += abs(values[start + offset] - predicted)
                    count += 1
                }
            }
            guard count > 0 else { return nil }
            let error = total / Double(count) / scale
            return error.isFinite ? Forecast.Candidate(method: method, scaledError: error) : nil
        }
    }

    /// Where the back-test's first origin falls, how far each looks ahead, how many there are
    /// and how far apart.
    static func layout(_ n: Int, horizon: Int) -> (first: Int, window: Int, origins: Int, stride: Int) {
        let window = min(horizon, max(1, n / 4))
        let origins = n >= 4 * window + 2 ? 3 : (n >= 2 * window + 2 ? 2 : 1)
        let stride = max(1, window / 2)
        return (n - window - (origins - 1) * stride, window, origins, stride)
    }

    static func naiveLag(count: Int, season: Int) -> Int { season > 1 && count > season ? season : 1 }

    /// The in-sample seasonal naive error that makes back-test errors comparable across series.
    static func naiveScale(_ values: [Double], season: Int) -> Double {
        let lag = naiveLag(count: values.count, season: season)
        guard values.count > lag else { return 1 }
        let errors = (lag..<values.count).map { abs(values[$0] - values[$0 - lag]) }
        let scale = errors.reduce(0, +) / Double(errors.count)
        if scale > 0 { return scale }
        let level = values.map(abs).reduce(0, +) / Double(values.count)
        return level > 0 ? level : 1
    }

    /// Missing observations (NaN) drawn on a straight line between their neighbours, and carried
    /// from the nearest one at the ends.
    public static func filledGaps(_ series: [Double]) -> [Double] {
        let known = series.indices.filter { series[$0].isFinite }
        guard let firstKnown = known.first, let lastKnown = known.last else { return [] }
        var filled = series
        for index in 0..<firstKnown { filled[index] = series[firstKnown] }
        for index in (lastKnown + 1)..<series.count { filled[index] = series[lastKnown] }
        for (left, right) in zip(known, known.dropFirst()) where right > left + 1 {
            for index in (left + 1)..<right {
                let share = Double(index - left) / Double(right - left)
                filled[index] = series[left] + share * (series[right] - series[left])
            }
        }
        return filled
    }
}
