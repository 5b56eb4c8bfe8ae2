import Foundation
import Testing

@testable import Forecasting

@Suite("Automatic forecasts, intervals and accuracy")
struct AutomaticForecastTests {
    @Test func everySeriesGetsAForecast() {
        let awkward: [[Double]] = [
            [], [42], [5, 5, 5, 5, 5, 5, 5, 5],
            [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
            [3, .nan, 5, .nan, .nan, 8, 9, 10, 12, .nan], [1, 2], [-5, 3, -2, 8, -1, 4, 0, 6, -3, 9, 1, 7, -4, 10],
        ]
        for series in awkward {
            let forecast = AutomaticForecast.forecast(series, season: 12, horizon: 6)
            #expect(forecast.mean.count == 6 && forecast.upper95.count == 6, "\(series)")
            #expect(forecast.mean.allSatisfy(\.isFinite) && forecast.lower95.allSatisfy(\.isFinite), "\(series)")
            #expect(zip(forecast.lower95, forecast.lower80).allSatisfy { $0 <= $1 }, "\(series)")
            #expect(zip(forecast.upper80, forecast.upper95).allSatisfy { $0 <= $1 }, "\(series)")
        }
        #expect(AutomaticForecast.forecast([5, 5, 5, 5, 5, 5, 5, 5], season: 1, horizon: 3).mean == [5, 5, 5])
        #expect(AutomaticForecast.forecast([], season: 12, horizon: 2).mean == [0, 0])
        #expect(AutomaticForecast.filledGaps([.nan, 3, .nan, .nan, 9, .nan]) == [3, 3, 5, 7, 9, 9])
    }

    @Test func aSeasonalSeriesIsForecastWellAheadOfTheNaiveMethods() {
        var maker = SeriesMaker(seed: 11)
        let series = maker.revenueLike(length: 84, noise: 2)
        let history = Array(series.prefix(72)), actual = Array(series.suffix(12))
        let forecast = AutomaticForecast.forecast(history, season: 12, horizon: 12)
        let naive = ForecastMethod.seasonalNaive.fit(history[...], season: 12).forecast(history[...], steps: 12)
        let ours = Accuracy.mase(actual: actual, forecast: forecast.mean, history: history, season: 12)
        let theirs = Accuracy.mase(actual: actual, forecast: naive, history: history, season: 12)
        #expect(ours < 0.8 * theirs, "\(forecast.method): \(ours) against \(theirs)")
        #expect(forecast.candidates.count > 5)
        #expect(forecast.yardstickLag == 12, "five years of history: measured against last year's months")
        #expect(AutomaticForecast.forecast(Array(history.prefix(14)), season: 12, horizon: 3).yardstickLag == 1)
    }

    /// A year of history cannot hold out half a year three times: Theta and the least-squares line
    /// forecast it together. A growing series keeps growing, and a level with noise stays near
    /// its level.
    @Test func aShortHistoryIsForecastByThetaAndTheTrendLine() {
        var maker = SeriesMaker(seed: 23)
        let growing = (0..<12).map { 20 + 10 * Double($0) + 8 * maker.normal() }
        let forecast = AutomaticForecast.forecast(growing, season: 12, horizon: 6)
        #expect(forecast.selection == .shortHistory)
        #expect(forecast.combined == [.theta, .trendLine], "\(forecast.combined)")
        let theta = ForecastMethod.theta.fit(growing[...], season: 12).forecast(growing[...], steps: 6)
        let line = ForecastMethod.trendLine.fit(growing[...], season: 12).forecast(growing[...], steps: 6)
        for step in 0..<6 { #expect(abs(forecast.mean[step] - (theta[step] + line[step]) / 2) < 1e-9) }
        #expect(forecast.mean[0] > growing.suffix(3).reduce(0, +) / 3, "the trend carried: \(forecast.mean)")
        #expect(forecast.mean[5] > forecast.mean[0], "\(forecast.mean)")
        let level = (0..<12).map { _ in 50 + 6 * maker.normal() }
        let flat = AutomaticForecast.forecast(level, season: 12, horizon: 6)
        #expect(flat.mean.allSatisfy { abs($0 - 50) < 8 }, "\(flat.mean)")
        let long = maker.revenueLike(length: 72, noise: 2)
        #expect(AutomaticForecast.forecast(long, season: 12, horizon: 6).selection == .backtest)
    }

    /// 80% and 95% intervals should hold about that share of what happened next.
    @Test func intervalsCoverWhatTheySayOnSimulatedSeries() {
        var maker = SeriesMaker(seed: 3)
        var inside80 = 0, inside95 = 0, total = 0
        for _ in 0..<60 {
            let series = maker.revenueLike(length: 66, noise: 4)
            let history = Array(series.prefix(60)), actual = Array(series.suffix(6))
            let forecast = AutomaticForecast.forecast(history, season: 12, horizon: 6)
            for (index, value) in actual.enumerated() {
                if value >= forecast.lower80[index] && value <= forecast.upper80[index] { inside80 += 1 }
                if value >= forecast.lower95[index] && value <= forecast.upper95[index] { inside95 += 1 }
                total += 1
            }
        }
        let coverage80 = Double(inside80) / Double(total), coverage95 = Double(inside95) / Double(total)
        #expect((0.72...0.9).contains(coverage80), "80%: \(coverage80)")
        #expect((0.88...0.99).contains(coverage95), "95%: \(coverage95)")
    }

    @Test func accuracyByHand() {
        // 200 × 50 / 150 on the first point, an exact zero on the second
        let smape = Accuracy.smape(actual: [100, 0], forecast: [50, 0])
        #expect(abs(smape - 100.0 / 3) < 1e-9)
        // naive one-step errors in history 1, 3, 2 → 2, 1 → scale 1.5; forecast error 3
        #expect(Accuracy.mase(actual: [5], forecast: [2], history: [1, 3, 2], season: 1) == 2)
        #expect(Accuracy.coverage(actual: [1, 5, 9], lower: [0, 0, 0], upper: [2, 6, 8]) == 2.0 / 3)
    }

    @Test func plantedAnomaliesAreFoundAndCleanSeriesLeftAlone() {
        var maker = SeriesMaker(seed: 5)
        var planted = maker.steady(length: 60, noise: 1.5)
        let clean = planted
        planted[20] += 60
        planted[41] -= 50
        let found = AnomalyFinder.find(planted, season: 12)
        #expect(found.map(\.index) == [20, 41], "\(found)")
        #expect(found.first?.direction == .above && found.last?.direction == .below)
        #expect(abs((found.first?.size ?? 0) - 60) < 15, "\(found)")
        #expect(AnomalyFinder.find(clean, season: 12).isEmpty)
        var falseAlarms = 0
        for _ in 0..<50 { falseAlarms += AnomalyFinder.find(maker.steady(length: 60, noise: 3), season: 12).count }
        #expect(falseAlarms <= 5, "\(falseAlarms) flagged in 3,000 clean points")
        #expect(AnomalyFinder.find([Double](repeating: 7, count: 30), season: 7).isEmpty)
    }

    @Test func aSummerPeakIsNamedAndNoiseIsNot() throws {
        var maker = SeriesMaker(seed: 9)
        let peaked = (0..<36).map { index in 100 + (index % 12 >= 5 && index % 12 <= 7 ? 40 : 0) + maker.normal() * 3 }
        let factors = try #require(SeasonalProfile.factors(peaked, season: 12))
        let strongest = factors.indices.sorted { factors[$0] > factors[$1] }.prefix(3).sorted()
        #expect(strongest == [5, 6, 7], "\(factors)")
        #expect(abs(factors.reduce(0, +) / 12 - 1) < 1e-9)
        let noise = (0..<36).map { _ in 100 + maker.normal() * 3 }
        #expect(SeasonalProfile.factors(noise, season: 12) == nil)
        #expect(SeasonalProfile.factors(Array(peaked.prefix(20)), season: 12) == nil, "less than two seasons")
    }
}
