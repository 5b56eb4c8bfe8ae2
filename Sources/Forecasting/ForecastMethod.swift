import Foundation

/// Every method the automatic choice weighs, from the plainest benchmarks up.
public enum ForecastMethod: String, CaseIterable, Sendable, Codable {
    case naive
    case seasonalNaive
    case drift
    case trendLine
    case simpleSmoothing
    case holt
    case dampedHolt
    case holtWintersAdditive
    case holtWintersMultiplicative
    case dampedHoltWintersAdditive
    case dampedHoltWintersMultiplicative
    case theta

    /// The name a manager reads beside the chart.
    public var words: String {
        switch self {
        case .naive: "Last value carried forward"
        case .seasonalNaive: "Same period last season"
        case .drift: "Straight line from first to last"
        case .trendLine: "Straight line fitted through the history"
        case .simpleSmoothing: "Exponential smoothing"
        case .holt: "Exponential smoothing with trend (Holt)"
        case .dampedHolt: "Exponential smoothing with damped trend"
        case .holtWintersAdditive: "Holt-Winters, added seasons"
        case .holtWintersMultiplicative: "Holt-Winters, proportional seasons"
        case .dampedHoltWintersAdditive: "Holt-Winters, damped trend, added seasons"
        case .dampedHoltWintersMultiplicative: "Holt-Winters, damped trend, proportional seasons"
        case .theta: "Theta method"
        }
    }

    var smoothingShape: ExponentialSmoothing.Shape? {
        switch self {
        case .simpleSmoothing: .init(trend: .none, seasonality: .none, season: 1)
        case .holt: .init(trend: .additive, seasonality: .none, season: 1)
        case .dampedHolt: .init(trend: .damped, seasonality: .none, season: 1)
        case .holtWintersAdditive: .init(trend: .additive, seasonality: .additive, season: 0)
        case .holtWintersMultiplicative: .init(trend: .additive, seasonality: .multiplicative, season: 0)
        case .dampedHoltWintersAdditive: .init(trend: .damped, seasonality: .additive, season: 0)
        case .dampedHoltWintersMultiplicative: .init(trend: .damped, seasonality: .multiplicative, season: 0)
        default: nil
        }
    }

    public var isSeasonal: Bool {
        switch self {
        case .seasonalNaive, .holtWintersAdditive, .holtWintersMultiplicative, .dampedHoltWintersAdditive,
            .dampedHoltWintersMultiplicative:
            true
        default: false
        }
    }

    /// The fewest observations the method needs with this season length.
    public func minimumLength(season: Int) -> Int {
        switch self {
        case .naive: return 1
        case .seasonalNaive: return season
        case .drift: return 2
        case .trendLine: return 3
        case .theta: return 3
        default:
            var shape = smoothingShape!
            if isSeasonal { shape.season = season }
            return shape.minimumLength + (shape.trend == .none ? 1 : 3)
        }
    }

    /// Parameters and initial states the method estimates from the data, for degrees of freedom.
    public func estimatedCount(season: Int) -> Int {
        switch self {
        case .naive, .seasonalNaive: 0
        case .drift: 1
        case .trendLine: 2
        case .simpleSmoothing: 2
        case .theta: 3
        case .holt: 4
        case .dampedHolt: 5
        case .holtWintersAdditive, .holtWintersMultiplicative: 4 + season
        case .dampedHoltWintersAdditive, .dampedHoltWintersMultiplicative: 5 + season
        }
    }

    /// Whether the method can run on these values at all.
    public func applies(to values: ArraySlice<Double>, season: Int) -> Bool {
        if isSeasonal && season < 2 { return false }
        if self == .holtWintersMultiplicative || self == .dampedHoltWintersMultiplicative {
            guard values.allSatisfy({ $0 > 0 }) else { return false }
        }
        return values.count >= minimumLength(season: season)
    }

    /// Fits the method's parameters on `values`.
    public func fit(_ values: ArraySlice<Double>, season: Int) -> FittedMethod {
        switch self {
        case .naive:
            return FittedMethod(method: self) { prefix, steps in
                [Double](repeating: prefix.last ?? 0, count: steps)
            }
        case .seasonalNaive:
            return FittedMethod(method: self) { prefix, steps in
                guard prefix.count >= season else { return [Double](repeating: prefix.last ?? 0, count: steps) }
                let last = Array(prefix.suffix(season))
                return (0..<steps).map { last[$0 % season] }
            }
        case .drift:
            return FittedMethod(method: self) { prefix, steps in
                guard let first = prefix.first, let last = prefix.last else {
                    return [Double](repeating: 0, count: steps)
                }
                let slope = prefix.count > 1 ? (last - first) / Double(prefix.count - 1) : 0
                return (1...steps).map { last + slope * Double($0) }
            }
        case .trendLine:
            return FittedMethod(method: self) { prefix, steps in
                let line = TrendLine(prefix)
                return (1...steps).map { line.value(at: Double(prefix.count - 1 + $0)) }
            }
        case .theta:
            let model = ThetaMethod.fit(values, season: season)
            return FittedMethod(method: self) { prefix, steps in model.forecast(prefix, steps: steps) }
        default:
            var shape = smoothingShape!
            if isSeasonal { shape.season = season }
            let model = ExponentialSmoothing.fit(values, shape: shape)
            let minimumLength = shape.minimumLength
            return FittedMethod(method: self, parameters: model.parameters) { prefix, steps in
                guard prefix.count >= minimumLength else {
                    return [Double](repeating: prefix.last ?? 0, count: steps)
                }
                return model.forecast(prefix, steps: steps)
            }
        }
    }
}

/// A method with its parameters fixed: it forecasts from the whole series or any prefix of it,
/// which is how back-tests and intervals see its errors without refitting.
public struct FittedMethod: Sendable {
    public let method: ForecastMethod
    public let parameters: ExponentialSmoothing.Parameters?
    /// How much history a forecast from a prefix needs to mean anything.
    let minimumLength: Int
    let forecastFrom: @Sendable (ArraySlice<Double>, Int) -> [Double]

    init(
        method: ForecastMethod, parameters: ExponentialSmoothing.Parameters? = nil, minimumLength: Int? = nil,
        _ forecastFrom: @escaping @Sendable (ArraySlice<Double>, Int) -> [Double]
    ) {
        self.method = method
        self.parameters = parameters
        self.minimumLength = minimumLength ?? 0
        self.forecastFrom = forecastFrom
    }

    /// The mean of several fitted methods' forecasts, needing as much history as the most
    /// demanding of them.
    static func average(_ parts: [FittedMethod], season: Int) -> FittedMethod {
        guard parts.count > 1 else { return parts[0] }
        let minimumLength = parts.map { $0.method.minimumLength(season: season) }.max()
        return FittedMethod(method: parts[0].method, minimumLength: minimumLength) { prefix, steps in
            var sum = [Double](repeating: 0, count: steps)
            for part in parts {
                for (index, value) in part.forecast(prefix, steps: steps).enumerated() { sum[index] += value }
            }
            return sum.map { $0 / Double(parts.count) }
        }
    }

    public func forecast(_ prefix: ArraySlice<Double>, steps: Int) -> [Double] {
        guard steps > 0 else { return [] }
        return forecastFrom(prefix, steps).map { $0.isFinite ? $0 : (prefix.last ?? 0) }
    }
}
