import Foundation

/// The exponential smoothing family: simple, Holt's trend (optionally damped) and
/// Holt-Winters seasons (additive or multiplicative), in the component form statsmodels and
/// Hyndman's state-space models share (a season updates from the previous level and trend). Initial states come
/// from the first observations; smoothing parameters are fitted by minimising the squared
/// one-step errors.
public struct ExponentialSmoothing: Sendable {
    public enum Trend: Sendable { case none, additive, damped }
    public enum Seasonality: Sendable { case none, additive, multiplicative }

    public struct Shape: Sendable {
        public var trend: Trend
        public var seasonality: Seasonality
        /// Observations per season; ignored without seasonality.
        public var season: Int

        public init(trend: Trend, seasonality: Seasonality, season: Int) {
            self.trend = trend
            self.seasonality = seasonality
            self.season = seasonality == .none ? 1 : season
        }

        /// The fewest observations that give initial states and something left to fit.
        public var minimumLength: Int { seasonality == .none ? (trend == .none ? 2 : 3) : 2 * season + 1 }
    }

    public struct Parameters: Sendable, Equatable {
        public var alpha: Double
        public var beta: Double
        public var gamma: Double
        public var phi: Double

        public init(alpha: Double, beta: Double = 0, gamma: Double = 0, phi: Double = 1) {
            self.alpha = alpha
            self.beta = beta
            self.gamma = gamma
            self.phi = phi
        }
    }

    public struct State: Sendable {
        public var level: Double
        public var trend: Double
        /// The latest season, oldest first: `seasonals[0]` is the factor for the next observation.
        public var seasonals: [Double]
    }

    public let shape: Shape
    public let parameters: Parameters
    /// States before the first observation when they were estimated with the parameters; nil
    /// reads them off the first observations of whatever series is filtered.
    public let initial: State?

    public init(shape: Shape, parameters: Parameters, initial: State? = nil) {
        self.shape = shape
        self.parameters = parameters
        self.initial = initial
    }

    /// States before the first observation, read off the first season or two.
    public func initialState(_ values: ArraySlice<Double>) -> State {
        let start = values.startIndex, m = shape.season
        if shape.seasonality == .none {
            let span = min(values.count - 1, 3)
            let trend = shape.trend == .none || span < 1 ? 0 : (values[start + span] - values[start]) / Double(span)
            return State(level: values[start] - trend, trend: trend, seasonals: [])
        }
        let first = values[start..<start + m].reduce(0, +) / Double(m)
        let second = values[start + m..<start + 2 * m].reduce(0, +) / Double(m)
        let trend = shape.trend == .none ? 0 : (second - first) / Double(m)
        let seasonals = (0..<m).map { index -> Double in
            let centred = first + (Double(index) - Double(m - 1) / 2) * trend
            return shape.seasonality == .additive ? values[start + index] - centred : values[start + index] / centred
        }
        return State(level: first - Double(m + 1) / 2 * trend, trend: trend, seasonals: seasonals)
    }

    /// Runs the recursions over `values`: the sum of squared one-step errors and the state
    /// after the last observation. A multiplicative model whose level leaves the positive
    /// numbers has no valid fit and gives an infinite error.
    public func filter(_ values: ArraySlice<Double>, from initial: State? = nil) -> (squaredError: Double, state: State)
    {
        var state = initial ?? self.initial ?? initialState(values)
        let (alpha, beta, gamma) = (parameters.alpha, parameters.beta, parameters.gamma)
        let phi = shape.trend == .damped ? parameters.phi : 1
        let usesTrend = shape.trend != .none, m = shape.season
        var squaredError = 0.0
        var position = 0
        for value in values {
            let seasonal = shape.seasonality == .none ? 0 : state.seasonals[position]
            let base = state.level + phi * state.trend
            let prediction: Double
            let newLevel: Double
            switch shape.seasonality {
            case .none:
                prediction = base
                newLevel = alpha * value + (1 - alpha) * base
            case .additive:
                prediction = base + seasonal
                newLevel = alpha * (value - seasonal) + (1 - alpha) * base
            case .multiplicative:
                prediction = base * seasonal
                guard seasonal > 0 else { return (.infinity, state) }
                newLevel = alpha * (value / seasonal) + (1 - alpha) * base
                guard newLevel > 0, base > 0 else { return (.infinity, state) }
            }
            squaredError += (value - prediction) * (value - prediction)
            if usesTrend { state.trend = beta * (newLevel - state.level) + (1 - beta) * phi * state.trend }
            switch shape.seasonality {
            case .none: break
            case .additive: state.seasonals[position] = gamma * (value - base) + (1 - gamma) * seasonal
            case .multiplicative: state.seasonals[position] = gamma * (value / base) + (1 - gamma) * seasonal
            }
            state.level = newLevel
            if m > 1 { position = (position + 1) % m }
        }
        if m > 1 && position > 0 {
            state.seasonals = Array(state.seasonals[position...] + state.seasonals[..<position])
        }
        return (squaredError, state)
    }

    /// The next `steps` values after the state.
    public func forecast(from state: State, steps: Int) -> [Double] {
        let phi = shape.trend == .damped ? parameters.phi : 1
        var damping = 0.0, power = 1.0
        return (0..<steps).map { step in
            power *= phi
            damping += power
            let base = state.level + (shape.trend == .none ? 0 : damping * state.trend)
            switch shape.seasonality {
            case .none: return base
            case .additive: return base + state.seasonals[step % shape.season]
            case .multiplicative: return base * state.seasonals[step % shape.season]
            }
        }
    }

    public func forecast(_ values: ArraySlice<Double>, steps: Int) -> [Double] {
        forecast(from: filter(values).state, steps: steps)
    }

    /// The parameters and initial states with the least squared one-step error: α in (0, 1),
    /// β in (0, α), γ in (0, 1 − α), φ in [0.8, 0.98], searched on the logit scale. The
    /// parameters are searched first from states read off the first observations, then
    /// together with the states, as statsmodels' and statsforecast's estimated initialisation do.
    public static func fit(_ values: ArraySlice<Double>, shape: Shape) -> ExponentialSmoothing {
        func logistic(_ x: Double) -> Double { 1 / (1 + exp(-x)) }
        func parameters(_ point: [Double]) -> Parameters {
            var index = 0
            func next() -> Double {
                defer { index += 1 }
                return logistic(point[index])
            }
            let alpha = 0.0001 + 0.9998 * next()
            let beta = shape.trend == .none ? 0 : alpha * next()
            let gamma = shape.seasonality == .none ? 0 : (1 - alpha) * next()
            let phi = shape.trend == .damped ? 0.8 + 0.18 * next() : 1
            return Parameters(alpha: alpha, beta: beta, gamma: gamma, phi: phi)
        }
        var start = [-0.8]
        if shape.trend != .none { start.append(-1.5) }
        if shape.seasonality != .none { start.append(-1.5) }
        if shape.trend == .damped { start.append(1.0) }
        let read = ExponentialSmoothing(shape: shape, parameters: parameters(start)).initialState(values)
        let first = NelderMead.minimize(
            { ExponentialSmoothing(shape: shape, parameters: parameters($0)).filter(values).squaredError },
            from: start, step: 1.0, maxEvaluations: 120 * start.count)
        let scale = stateScale(values)
        func state(_ point: ArraySlice<Double>) -> State {
            var offsets = Array(point)
            var result = read
            result.level += scale * offsets.removeFirst()
            if shape.trend != .none { result.trend += scale / 4 * offsets.removeFirst() }
            if shape.seasonality != .none {
                for index in result.seasonals.indices {
                    result.seasonals[index] += (shape.seasonality == .additive ? scale : 0.05) * offsets[index]
                }
                result.seasonals = normalised(result.seasonals, shape.seasonality)
            }
            return result
        }
        let states = 1 + (shape.trend == .none ? 0 : 1) + (shape.seasonality == .none ? 0 : shape.season)
        guard values.count > start.count + states else {
            return ExponentialSmoothing(shape: shape, parameters: parameters(first.point))
        }
        let joint = NelderMead.minimize(
            { point in
                ExponentialSmoothing(shape: shape, parameters: parameters(Array(point.prefix(start.count))))
                    .filter(values, from: state(point.dropFirst(start.count))).squaredError
            },
            from: first.point + [Double](repeating: 0, count: states), step: 0.5,
            maxEvaluations: 100 * (start.count + states))
        guard joint.value < first.value else {
            return ExponentialSmoothing(shape: shape, parameters: parameters(first.point))
        }
        return ExponentialSmoothing(
            shape: shape, parameters: parameters(Array(joint.point.prefix(start.count))),
            initial: state(joint.point.dropFirst(start.count)))
    }

    /// How far initial states move per unit of the search: the typical step between observations.
    private static func stateScale(_ values: ArraySlice<Double>) -> Double {
        let steps = zip(values.dropFirst(), values).map { abs($0 - $1) }
        let typical = steps.isEmpty ? 0 : steps.reduce(0, +) / Double(steps.count)
        if typical > 0 { return typical }
        let level = values.map(abs).reduce(0, +) / Double(max(values.count, 1))
        return level > 0 ? level : 1
    }

    /// Seasonal states that sum to nothing (additive) or average one (multiplicative), so the
    /// level alone carries the series' height.
    private static func normalised(_ seasonals: [Double], _ seasonality: Seasonality) -> [Double] {
        let mean = seasonals.reduce(0, +) / Double(max(seasonals.count, 1))
        switch seasonality {
        case .none: return seasonals
        case .additive: return seasonals.map { $0 - mean }
        case .multiplicative: return mean > 0 ? seasonals.map { $0 / mean } : seasonals
        }
    }
}
