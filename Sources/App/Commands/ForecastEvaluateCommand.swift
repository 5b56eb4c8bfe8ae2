import Documents
import Forecasting
import Foundation
import SalesPulseCore
import Vapor

/// `forecast evaluate`: holds out the end of any series in a CSV file, forecasts it with every
/// method and with the automatic choice, and prints the accuracy of each as JSON.
struct ForecastEvaluateCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "data", help: "CSV file with one row per period.")
        var data: String?
        @Option(name: "date-column", help: "Column with the period (rows are ordered by it).")
        var dateColumn: String?
        @Option(name: "value-column", help: "Column with the value; an empty cell is a gap.")
        var valueColumn: String?
        @Option(name: "horizon", help: "How many periods to hold out and forecast (default 12).")
        var horizon: Int?
        @Option(name: "season", help: "Periods per season (default from the dates: 12 monthly, 7 daily …).")
        var season: Int?
    }

    var help: String {
        "Holds out the last periods of a series, forecasts them with every method and prints the accuracy as JSON."
    }

    struct Score: Encodable {
        let method: String
        let name: String
        let smape: Double
        let mase: Double
        let coverage80: Double
        let coverage95: Double
        let milliseconds: Double
    }

    struct Output: Encodable {
        let points: Int
        let horizon: Int
        let season: Int
        let chosen: String
        let chosenName: String
        let combined: [String]
        /// "backtest" or "shortHistory" (Theta and the least-squares line): how the automatic choice chose.
        let selection: String
        let automatic: Score
        let methods: [Score]
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let path = signature.data else {
            throw DomainError.invalid(field: "data", "--data FILE.csv is required.")
        }
        let table = try MLEvaluateCommand.read(path, option: "data")
        let series = try SeriesColumns(table, date: signature.dateColumn, value: signature.valueColumn)
        let horizon = signature.horizon ?? 12
        guard horizon >= 1 else { throw DomainError.invalid(field: "horizon", "Give a horizon of at least 1.") }
        guard series.values.count >= horizon + 2 else {
            throw DomainError.invalid(
                field: "horizon",
                "The file has \(series.values.count) values; holding out \(horizon) needs at least \(horizon + 2).")
        }
        let season = signature.season ?? series.inferredSeason
        guard season >= 1 else { throw DomainError.invalid(field: "season", "Give a season of at least 1.") }
        let history = AutomaticForecast.filledGaps(Array(series.values.dropLast(horizon)))
        let actual = Array(series.values.suffix(horizon))
        func score(_ methods: [ForecastMethod]) -> (Forecasting.Forecast, Score) {
            let began = ContinuousClock.now
            let forecast = AutomaticForecast.forecast(history, season: season, horizon: horizon, methods: methods)
            let took = ContinuousClock.now - began
            let known = actual.indices.filter { actual[$0].isFinite }
            func pick(_ values: [Double]) -> [Double] { known.map { values[$0] } }
            let observed = pick(actual)
            return (
                forecast,
                Score(
                    method: methods.count == 1 ? forecast.method.rawValue : "automatic",
                    name: methods.count == 1 ? forecast.method.words : "Automatic choice",
                    smape: Accuracy.smape(actual: observed, forecast: pick(forecast.mean)),
                    mase: Accuracy.mase(
                        actual: observed, forecast: pick(forecast.mean), history: history, season: season),
                    coverage80: Accuracy.coverage(
                        actual: observed, lower: pick(forecast.lower80), upper: pick(forecast.upper80)),
                    coverage95: Accuracy.coverage(
                        actual: observed, lower: pick(forecast.lower95), upper: pick(forecast.upper95)),
                    milliseconds: Double(took.components.attoseconds) / 1e15 + Double(took.components.seconds) * 1_000)
            )
        }
        let (chosen, automatic) = score(ForecastMethod.allCases)
        let methods = ForecastMethod.allCases.filter { $0.applies(to: history[...], season: season) }.map {
            score([$0]).1
        }
        let output = Output(
            points: series.values.count, horizon: horizon, season: season, chosen: chosen.method.rawValue,
            chosenName: chosen.method.words, combined: chosen.combined.map(\.rawValue),
            selection: chosen.selection.rawValue, automatic: automatic,
            methods: methods)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        context.console.output(String(decoding: try encoder.encode(output), as: UTF8.self).consoleText())
    }
}

struct ForecastCommands: AsyncCommandGroup {
    var commands: [String: any AnyAsyncCommand] { ["evaluate": ForecastEvaluateCommand()] }
    var help: String { "Forecasting tools: measure every forecasting method on your own series." }
}
