import Documents
import Forecasting
import Foundation
import SalesPulseCore

/// One finding in words with the figures behind it and a link to the records it counts.
struct InsightStatement: Sendable {
    let kind: String
    let text: String
    let href: String
    let figures: [String: Double]
}

/// Turns the insight queries' results into statements, the same for the page and the API.
enum InsightWords {

    /// "Sep–Nov 2026", or "Nov 2025–Jan 2026" across a new year.
    static func period(_ filter: AnalyticsFilter) -> String {
        let names = CalendarDay.shortMonthNames
        let first = filter.from.civil, last = filter.to.civil
        if first.year == last.year { return "\(names[first.month - 1])–\(names[last.month - 1]) \(last.year)" }
        return "\(names[first.month - 1]) \(first.year)–\(names[last.month - 1]) \(last.year)"
    }

    static func change(_ now: Double, _ before: Double) -> String {
        guard before != 0 else { return "nothing to compare with" }
        let percent = Int(((now - before) / abs(before) * 100).rounded())
        switch percent {
        case 0: return "about the same as"
        case 1...: return "\(percent)% more than"
        default: return "\(-percent)% less than"
        }
    }

    static func trend(
        _ trend: InsightsQuery.Trend, previous: AnalyticsFilter, lastYear: AnalyticsFilter
    ) -> InsightStatement {
        let format = trend.metric.format
        var text = "\(trend.metric.title) in \(period(trend.recent)): \(format.whole(trend.recentValue))"
        let versusPrevious = change(trend.recentValue, trend.previousValue)
        let versusYear = change(trend.recentValue, trend.lastYearValue)
        text +=
            versusPrevious == "nothing to compare with"
            ? ", with nothing in \(period(previous)) to compare with"
            : ", \(versusPrevious) in \(period(previous))"
        text += versusYear == "nothing to compare with" ? "." : " and \(versusYear) in \(period(lastYear))."
        return InsightStatement(
            kind: "trend", text: text, href: trend.metric.records(trend.recent),
            figures: ["recent": trend.recentValue, "previous": trend.previousValue, "lastYear": trend.lastYearValue])
    }

    static func contribution(
        _ item: InsightsQuery.Contribution, total: Double, previous: AnalyticsFilter
    )
        -> InsightStatement
    {
        let amount = ValueFormat.money.whole(abs(item.change))
        let direction = item.change > 0 ? "more" : "less"
        var text = "\(item.label): \(amount) \(direction) revenue than in \(period(previous))"
        if item.previousValue != 0 {
            text += " (\(item.change > 0 ? "+" : "−")\(Int((abs(item.change) / item.previousValue * 100).rounded()))%)"
        }
        if total != 0, (total > 0) == (item.change > 0) {
            text += ", \(Int((item.change / total * 100).rounded()))% of the company's whole change"
        }
        let extra = DrillDown(filter: item.filter).parameter(for: item.grouping, key: item.key, ownerParameter: "repId")
        return InsightStatement(
            kind: "contribution", text: text + ".", href: HeadlineMetric.revenue.records(item.filter, extra: extra),
            figures: ["recent": item.recentValue, "previous": item.previousValue, "change": item.change])
    }

    /// "Revenue in the week of 2 Nov 2026: $21,500, $20,000 above the usual $1,500." A rate's
    /// distance from usual is in points, not percent of percent.
    static func unusual(_ item: InsightsQuery.Unusual, base: AnalyticsFilter) -> InsightStatement {
        let format = item.metric.format
        let anomaly = item.anomaly
        let civil = item.days.lowerBound.civil
        let date = "\(civil.day) \(CalendarDay.shortMonthNames[civil.month - 1]) \(civil.year)"
        let when =
            item.isWeek ? "in the week of \(date)" : "on \(weekdayNames[(item.days.lowerBound.number + 3) % 7]) \(date)"
        // The figures cannot go below zero, so neither can what is usual for them.
        let expected = max(anomaly.expected, 0), size = anomaly.actual - expected
        let gap = format == .percent ? "\(ValueFormat.trimmed(abs(size), digits: 1)) points" : format.whole(abs(size))
        let text =
            "\(item.metric.title) \(when): \(format.whole(anomaly.actual)), \(gap) \(size >= 0 ? "above" : "below") the usual \(format.whole(expected))."
        return InsightStatement(
            kind: "unusual", text: text, href: item.metric.records(base, days: item.days),
            figures: ["actual": anomaly.actual, "expected": expected, "score": anomaly.score])
    }

    static let weekdayNames = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

    /// "Revenue is usually strongest in Jun, Jul and Aug (+25% on an average month) and weakest
    /// in Jan (−18%)": months at least a tenth away from average, linking to the records of
    /// the strongest month's latest occurrence.
    static func seasonal(_ season: InsightsQuery.SeasonalMonths, base: AnalyticsFilter) -> InsightStatement? {
        let names = CalendarDay.shortMonthNames
        let ranked = season.factors.sorted { $0.factor > $1.factor }
        let strong = ranked.prefix(3).filter { $0.factor >= 1.1 }.sorted { $0.month < $1.month }
        let weak = ranked.suffix(2).filter { $0.factor <= 0.9 }.sorted { $0.month < $1.month }
        guard let peak = ranked.first, !strong.isEmpty || !weak.isEmpty else { return nil }
        func list(_ months: [(month: Int, factor: Double)]) -> String {
            let words = months.map { names[$0.month - 1] }
            return words.count > 1 ? words.dropLast().joined(separator: ", ") + " and " + words.last! : words[0]
        }
        func size(_ months: [(month: Int, factor: Double)]) -> String {
            let mean = months.reduce(0) { $0 + $1.factor } / Double(months.count)
            let percent = Int(((mean - 1) * 100).rounded())
            return "\(percent >= 0 ? "+" : "−")\(abs(percent))% on an average month"
        }
        var parts: [String] = []
        if !strong.isEmpty { parts.append("strongest in \(list(strong)) (\(size(strong)))") }
        if !weak.isEmpty { parts.append("weakest in \(list(weak)) (\(size(weak)))") }
        var month = season.lastFullMonth
        while month.civil.month != peak.month { month = month.adding(days: -1).monthStart }
        return InsightStatement(
            kind: "season", text: "\(season.metric.title) is usually \(parts.joined(separator: " and ")).",
            href: season.metric.records(base, days: month...month.monthEnd),
            figures: Dictionary(uniqueKeysWithValues: season.factors.map { (names[$0.month - 1], $0.factor) }))
    }
}
