import Documents
import Foundation
import SalesPulseCore
import Vapor

/// Builds each dashboard from the KPI engine: figures, charts whose marks link to the
/// records behind them, and tables.
struct DashboardBuilder: Sendable {
    enum ChartKind: Sendable { case bar, stackedBar, line, area, donut, pie, funnel }

    let service: AnalyticsService
    let filter: AnalyticsFilter
    let request: Request

    var drill: DrillDown { DrillDown(filter: filter) }

    func build(_ kind: Dashboard.Kind) async throws -> Dashboard {
        switch kind {
        case .executive: try await executive()
        case .pipeline: try await pipeline()
        case .sources: try await sources()
        case .channels: try await channels()
        case .team: try await team()
        }
    }

    /// Days for short ranges, weeks up to about half a year, months beyond.
    var trendGrouping: SeriesQuery.Grouping {
        filter.dayCount <= 62 ? .day : filter.dayCount <= 200 ? .week : .month
    }

    func series(_ metric: SeriesQuery.Metric, by grouping: SeriesQuery.Grouping) async throws -> [SeriesQuery.Point] {
        try await service.series(metric, by: grouping, filter)
    }

    /// Where a point of a metric's series drills to.
    func link(_ metric: SeriesQuery.Metric, _ grouping: SeriesQuery.Grouping, key: String) -> String? {
        let days = grouping.isTime ? period(grouping, key: key) : nil
        switch metric {
        case .revenue, .profit, .salesCount:
            return drill.sales(drill.parameter(for: grouping, key: key, ownerParameter: "repId"), days: days)
        case .leads, .qualifiedLeads, .convertedLeads:
            var extra = drill.parameter(for: grouping, key: key, ownerParameter: "ownerId")
            if metric == .convertedLeads { extra.append(("status", LeadStatus.converted.rawValue)) }
            if metric == .qualifiedLeads { extra.append(("status", "qualified,converted")) }
            return drill.leads(extra, days: days)
        case .dealsWon, .dealsLost:
            return drill.opportunities(
                drill.parameter(for: grouping, key: key, ownerParameter: "ownerId")
                    + [("stage", metric == .dealsWon ? "closed_won" : "closed_lost")], closed: true, days: days)
        case .openDeals, .pipeline, .weightedPipeline:
            return drill.opportunities(drill.parameter(for: grouping, key: key, ownerParameter: "ownerId"))
        case .marketingSpend, .impressions, .clicks:
            let range = days ?? filter.from...filter.to
            var items = [("dayFrom", range.lowerBound.text), ("dayTo", range.upperBound.text)]
            if grouping == .source, !key.isEmpty { items.append(("channel", key)) }
            return "/marketing-spend?" + items.queryString
        }
    }

    /// The days a time bucket covers, clipped to the filter's range.
    func period(_ grouping: SeriesQuery.Grouping, key: String) -> ClosedRange<CalendarDay>? {
        let start: CalendarDay?, end: CalendarDay?
        switch grouping {
        case .day: start = CalendarDay(text: key); end = start
        case .week: start = CalendarDay(text: key); end = start?.adding(days: 6)
        case .month:
            start = CalendarDay(text: key + "-01")
            end = start.map { $0.adding(days: 31).monthStart.adding(days: -1) }
        default: return nil
        }
        guard let start, let end else { return nil }
        return max(start, filter.from)...min(end, filter.to)
    }

    /// A chart of one metric's series; `limit` keeps the largest points of a dimension.
    func chart(
        _ id: String, _ title: String, _ metric: SeriesQuery.Metric, by grouping: SeriesQuery.Grouping,
        as kind: ChartKind,
        limit: Int? = nil, points given: [SeriesQuery.Point]? = nil
    ) async throws -> Dashboard.Chart {
        var points: [SeriesQuery.Point]
        if let given { points = given } else { points = try await series(metric, by: grouping) }
        if let limit { points = Array(points.prefix(limit)) }
        let format = Self.format(metric)
        let data = ChartData(
            title: title, categories: points.map(\.label),
            series: [
                .init(
                    name: "", values: points.map(\.value),
                    links: points.map { $0.key == Self.unallocatedKey ? nil : link(metric, grouping, key: $0.key) })
            ],
            format: format, categoryColors: grouping == .stage ? points.map { StageColor.of($0.key) } : nil)
        return Dashboard.Chart(id: id, title: title, drawing: Self.draw(data, kind), table: data.table)
    }

    static func draw(_ data: ChartData, _ kind: ChartKind) -> Drawing {
        switch kind {
        case .bar: BarChart.draw(data)
        case .stackedBar: BarChart.draw(data, mode: .stacked)
        case .line: LineChart.draw(data)
        case .area: LineChart.draw(data, area: true)
        case .donut: PieChart.draw(data)
        case .pie: PieChart.draw(data, donut: false)
        case .funnel: FunnelChart.draw(data)
        }
    }

    static func format(_ metric: SeriesQuery.Metric) -> ValueFormat { metric.isMoney ? .money : .count }

    /// The key of a slice for revenue no line item accounts for: it has no single list behind it.
    static let unallocatedKey = "unallocated"

    /// Percent of part in whole, nil without a whole.
    static func rate(_ part: Double, _ whole: Double) -> Double? { whole > 0 ? part / whole * 100 : nil }

    static func cell(_ value: Double?, _ format: ValueFormat) -> DataTable.Cell {
        value.map { .number($0, format) } ?? .empty
    }
}
