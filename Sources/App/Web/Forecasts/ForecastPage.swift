import Documents
import Forecasting
import Foundation
import SalesPulseCore
import Vapor

/// The Leaf context of /forecasts: the choice of figure, breakdown and months ahead, and per
/// group a chart of history and forecast with the months ahead as a table.
struct ForecastPage: Encodable {
    struct Cell: Encodable {
        let text: String
        let href: String?
        let numeric: Bool
        /// The column's name, shown above the value where the table stacks on a phone.
        let label: String
    }

    struct Card: Encodable {
        let title: String
        let svg: String
        let summary: String
        let header: [String]
        let rows: [[Cell]]
    }

    let title: String
    let nav: Navigation
    let selects: [DashboardPage.Select]
    let intro: String
    let cards: [Card]

    static func make(
        _ request: ForecastRequest, query: ForecastQuery, groups: [ForecastQuery.Group], req: Request
    )
        async throws -> ForecastPage
    {
        let format = request.metric.format
        let history = query.historyFilter
        func option(_ value: String, _ label: String, _ selected: Bool) -> FormField.Option {
            FormField.Option(value: value, label: label, selected: selected)
        }
        let choices = [
            DashboardPage.Select(
                name: "metric", label: "Figure",
                options: ForecastQuery.Metric.allCases.map { option($0.rawValue, $0.title, $0 == request.metric) }),
            DashboardPage.Select(
                name: "by", label: "Show",
                options: ForecastQuery.Breakdown.allCases.map { option($0.rawValue, $0.title, $0 == request.breakdown) }
            ),
            DashboardPage.Select(
                name: "horizon", label: "Months ahead",
                options: ForecastQuery.horizons.map { option(String($0), String($0), $0 == request.horizon) }),
        ]
        let filters = try await DashboardPage.selects(request.filter, actor: try await req.actor(), db: req.db.sql)
        return ForecastPage(
            title: "Forecasts", nav: try req.navigation(), selects: choices + filters,
            intro:
                "Learned from \(monthWords(groups.compactMap(\.months.first).min() ?? history.from.monthText)) to \(monthWords(history.to.monthText)), the last full month. Shaded: where the figure should land 80 and 95 times out of 100.",
            cards: groups.map { card($0, metric: request.metric, format: format) })
    }

    private static func card(_ group: ForecastQuery.Group, metric: ForecastQuery.Metric, format: ValueFormat) -> Card {
        let forecast = group.forecast
        let months = group.months + group.forecastMonths
        let past = group.months.count, ahead = group.forecastMonths.count
        func padded<T>(_ values: [T], before: Int, after: Int) -> [T?] {
            Array(repeating: nil, count: before) + values.map { Optional($0) } + Array(repeating: nil, count: after)
        }
        let drill = { (month: String) -> String? in
            CalendarDay(text: month + "-01").map { metric.records(group.filter, days: $0...$0.monthEnd) }
        }
        let pipelineLink = { (month: String) -> String? in
            guard let start = CalendarDay(text: month + "-01") else { return nil }
            return DrillDown(filter: group.filter).opportunities([
                ("expectedCloseDateFrom", start.text), ("expectedCloseDateTo", start.monthEnd.text),
            ])
        }
        let data = ForecastChart.Data(
            title: "\(metric.title): \(group.label)", months: months.map(monthLabel),
            actual: padded(group.history, before: 0, after: ahead),
            forecast: padded(forecast.mean, before: past, after: 0),
            range80: padded(zip(forecast.lower80, forecast.upper80).map { $0...$1 }, before: past, after: 0),
            range95: padded(zip(forecast.lower95, forecast.upper95).map { $0...$1 }, before: past, after: 0),
            pipeline: group.pipeline.map { padded($0, before: past, after: 0) } ?? [],
            links: group.months.map(drill) + Array(repeating: nil, count: ahead),
            pipelineLinks: Array(repeating: nil, count: past) + group.forecastMonths.map(pipelineLink), format: format)
        func figure(_ value: Double) -> String { format.whole(value) }
        var header = ["Month", "Forecast", "80% range", "95% range"]
        if group.pipeline != nil { header.append("Weighted pipeline") }
        let rows = group.forecastMonths.indices.map { index -> [Cell] in
            func cell(_ text: String, _ href: String? = nil) -> Cell {
                Cell(text: text, href: href, numeric: true, label: "")
            }
            var row = [
                Cell(text: monthWords(group.forecastMonths[index]), href: nil, numeric: false, label: ""),
                cell(figure(forecast.mean[index])),
                cell("\(figure(forecast.lower80[index])) – \(figure(forecast.upper80[index]))"),
                cell("\(figure(forecast.lower95[index])) – \(figure(forecast.upper95[index]))"),
            ]
            if let pipeline = group.pipeline {
                row.append(cell(figure(pipeline[index]), pipelineLink(group.forecastMonths[index])))
            }
            return zip(row, header).map { Cell(text: $0.text, href: $0.href, numeric: $0.numeric, label: $1) }
        }
        return Card(
            title: group.label, svg: SVGWriter.svg(ForecastChart.draw(data)), summary: summary(forecast),
            header: header, rows: rows)
    }

    /// The method in words and how it did when tried on months already known.
    static func summary(_ forecast: Forecast) -> String {
        // Mid-sentence, plain names go lower case; Holt, Winters and Theta are people's names.
        let names = forecast.combined.map { method -> String in
            let words = method.words
            return words.hasPrefix("Holt") || words.hasPrefix("Theta")
                ? words : words.prefix(1).lowercased() + words.dropFirst()
        }
        let why =
            "with this little history, testing methods against each other on a few months would pick one almost at random"
        let method =
            switch (forecast.selection, names.count) {
            case (.shortHistory, 1): "Forecast by the \(names[0]), which carries the trend forward: \(why)"
            case (.shortHistory, _):
                "Forecast by averaging the \(names.joined(separator: " and the ")), which both carry the trend forward: \(why)"
            case (.backtest, 1): "Forecast by \(names[0])"
            case (.backtest, _): "Forecast by averaging \(names.dropLast().joined(separator: ", ")) and \(names.last!)"
            }
        guard let error = forecast.scaledError else {
            return "\(method). There is too little history yet to test it on months already known."
        }
        let size =
            switch error {
            case ..<0.95: "off by \(Int((error * 100).rounded()))% as much as"
            case ..<1.05: "about as far off as"
            default: "off by \(ValueFormat.trimmed(error, digits: 1)) times as much as"
            }
        let yardstick =
            forecast.yardstickLag == 12
            ? "simply repeating the same month a year earlier" : "simply repeating the month before"
        // The error shown is the first method's: the best by back-test, or Theta on a short history.
        let tested =
            switch (forecast.selection, names.count) {
            case (_, 1): "it was"
            case (.shortHistory, _): "the \(names[0]) was"
            case (.backtest, _): "the best of them was"
            }
        return "\(method). Tested on months already known, \(tested) \(size) \(yardstick)."
    }

    static func monthLabel(_ month: String) -> String {
        CalendarDay(text: month + "-01")?.shortMonth ?? month
    }

    static func monthWords(_ month: String) -> String {
        guard let day = CalendarDay(text: month + "-01") else { return month }
        let names = CalendarDay.monthNames
        let civil = day.civil
        return "\(names[civil.month - 1]) \(civil.year)"
    }
}
