import Foundation
import Testing

@testable import Forecasting

@Suite("Exponential smoothing and the simple methods")
struct ExponentialSmoothingTests {
    private let quarterly: [Double] = [30, 21, 29, 31, 40, 48, 53, 47, 37, 39, 49, 50, 56, 62, 69, 61]

    /// Expected values from statsmodels' ExponentialSmoothing with the same fixed parameters
    /// and known initial states (fit(optimized=False), initialization_method="known"). At the
    /// fourth step (one whole season ahead) older statsmodels releases reuse the season before
    /// last (statsmodels issue 9538); there the value is Hyndman's ℓ + (φ + … + φ⁴)b + s from
    /// statsmodels' own final level, trend and season.
    @Test(arguments: [
        (
            ExponentialSmoothing.Seasonality.additive, false,
            ExponentialSmoothing.Parameters(alpha: 0.3, beta: 0.1, gamma: 0.2),
            [-3.0, -8, 2, 9], [63.788935, 64.036962, 72.338138, 73.760676, 72.590101, 72.838129], 1446.914046
        ),
        (
            .multiplicative, false, .init(alpha: 0.3, beta: 0.1, gamma: 0.2), [0.9, 0.8, 1.05, 1.25],
            [63.093463, 61.359938, 72.540218, 76.612604, 71.490268, 69.263088], 1621.646737
        ),
        (
            .additive, true, .init(alpha: 0.4, beta: 0.05, gamma: 0.1, phi: 0.9), [-3.0, -8, 2, 9],
            [59.377677, 56.459626, 64.562507, 67.886798, 61.624426, 58.4817], 1602.961189
        ),
    ])
    func holtWintersMatchesStatsmodels(
        seasonality: ExponentialSmoothing.Seasonality, damped: Bool, parameters: ExponentialSmoothing.Parameters,
        seasonals: [Double], expected: [Double], squaredError: Double
    ) {
        let model = ExponentialSmoothing(
            shape: .init(trend: damped ? .damped : .additive, seasonality: seasonality, season: 4),
            parameters: parameters)
        let run = model.filter(quarterly[...], from: .init(level: 30, trend: 2, seasonals: seasonals))
        #expect(abs(run.squaredError - squaredError) < 1e-4)
        let forecast = model.forecast(from: run.state, steps: 6)
        for (got, want) in zip(forecast, expected) {
            #expect(abs(got - want) < 1e-5, "\(forecast) against \(expected)")
        }
    }

    @Test func simpleSmoothingByHand() {
        // level starts at 10; errors 0, 2, 0 with α = ½, so the level ends at 11
        let model = ExponentialSmoothing(
            shape: .init(trend: .none, seasonality: .none, season: 1), parameters: .init(alpha: 0.5))
        let run = model.filter([10, 12, 11])
        #expect(run.squaredError == 4 && run.state.level == 11)
        #expect(model.forecast(from: run.state, steps: 2) == [11, 11])
    }

    @Test func benchmarksByHand() {
        let values: [Double] = [1, 5, 3, 7, 2, 6]
        #expect(ForecastMethod.naive.fit(values[...], season: 2).forecast(values[...], steps: 2) == [6, 6])
        #expect(
            ForecastMethod.seasonalNaive.fit(values[...], season: 4).forecast(values[...], steps: 5) == [3, 7, 2, 6, 3])
        #expect(ForecastMethod.drift.fit(values[...], season: 1).forecast(values[...], steps: 2) == [7, 8])
        // Least squares on positions 0…5: slope 10 / 17.5 = 4/7 through the means (2.5, 4), so
        // 18/7 + 4/7·x gives 42/7 at 6 and 46/7 at 7.
        let line = ForecastMethod.trendLine.fit(values[...], season: 1).forecast(values[...], steps: 2)
        #expect(abs(line[0] - 6) < 1e-12 && abs(line[1] - 46.0 / 7) < 1e-12, "\(line)")
    }

    @Test func thetaByHand() {
        // SES(α = ½) on 1, 2, 3, 4 ends at 3.125; the line's slope is 1, so the drift is ½ a step,
        // plus ½ × (1 − ½⁴) / ½ = 0.9375 carried from the smoothing's lag.
        let theta = ThetaMethod(alpha: 0.5, season: 1)
        #expect(theta.forecast([1, 2, 3, 4], steps: 2) == [4.0625, 4.5625])
    }

    @Test func fittingFindsParametersAtLeastAsGoodAsTheOnesThatMadeTheSeries() {
        var maker = SeriesMaker(seed: 7)
        let truth = ExponentialSmoothing(
            shape: .init(trend: .additive, seasonality: .additive, season: 12),
            parameters: .init(alpha: 0.3, beta: 0.05, gamma: 0.2))
        let series = maker.revenueLike(length: 72, noise: 3)
        let fitted = ExponentialSmoothing.fit(series[...], shape: truth.shape)
        #expect(fitted.filter(series[...]).squaredError <= truth.filter(series[...]).squaredError)
        #expect(
            fitted.parameters.beta <= fitted.parameters.alpha && fitted.parameters.gamma <= 1 - fitted.parameters.alpha)
    }

    /// A first year unlike the rest misleads states read off it; estimated states fit better,
    /// normalised so the seasons add to nothing.
    @Test func estimatedInitialStatesFitBetterThanStatesReadOffTheFirstSeason() {
        var maker = SeriesMaker(seed: 19)
        var series = maker.revenueLike(length: 60, noise: 2)
        for index in 0..<12 { series[index] += index.isMultiple(of: 2) ? 15 : -15 }
        let shape = ExponentialSmoothing.Shape(trend: .additive, seasonality: .additive, season: 12)
        let fitted = ExponentialSmoothing.fit(series[...], shape: shape)
        let readOff = ExponentialSmoothing(shape: shape, parameters: fitted.parameters, initial: nil)
        let estimated = fitted.filter(series[...]).squaredError
        #expect(fitted.initial != nil)
        #expect(estimated < 0.95 * readOff.filter(series[...], from: readOff.initialState(series[...])).squaredError)
        #expect(abs(fitted.initial!.seasonals.reduce(0, +)) < 1e-9)
    }

    @Test func nelderMeadFindsTheBottomOfRosenbrocksValley() {
        let best = NelderMead.minimize(
            { p in (1 - p[0]) * (1 - p[0]) + 100 * (p[1] - p[0] * p[0]) * (p[1] - p[0] * p[0]) },
            from: [-1.2, 1], maxEvaluations: 2_000, tolerance: 1e-14)
        #expect(abs(best.point[0] - 1) < 1e-3 && abs(best.point[1] - 1) < 1e-3, "\(best)")
    }
}
