import Forecasting
import Foundation
import SalesPulseCore
import SQLKit

/// Monthly forecasts of one metric for the company or for each of its largest groups (S7):
/// three years of full months from the same queries the dashboards use, within the viewer's
/// scope, forecast by the automatic choice.
struct ForecastQuery: Sendable {
    typealias Metric = HeadlineMetric

    enum Breakdown: String, CaseIterable, Sendable {
        case company, region, productCategory, team, rep

        var grouping: SeriesQuery.Grouping? {
            switch self {
            case .company: nil
            case .region: .region
            case .productCategory: .productCategory
            case .team: .team
            case .rep: .rep
            }
        }

        var title: String {
            switch self {
            case .company: "Whole company"
            case .region: "By region"
            case .productCategory: "By product category"
            case .team: "By team"
            case .rep: "By rep"
            }
        }
    }

    struct Group: Sendable {
        /// The region, category, team or rep id; nil for the whole company.
        let key: String?
        let label: String
        /// The filter the group's figures were counted with, for drill-down links.
        let filter: AnalyticsFilter
        let months: [String]
        let history: [Double]
        let forecastMonths: [String]
        let forecast: Forecast
        /// Revenue only: open deals' amount × probability by the month they are expected to close.
        let pipeline: [Double]?
    }

    static let historyMonths = 36
    static let largestGroups = 6
    static let horizons = 1...12

    let service: AnalyticsService
    let metric: Metric
    let breakdown: Breakdown
    let horizon: Int
    /// Region, team, rep, category, source and segment narrow every group; dates are set here.
    let base: AnalyticsFilter
    let today: CalendarDay

    /// The last full month and the 35 before it.
    var historyFilter: AnalyticsFilter {
        var filter = base
        let thisMonth = today.monthStart
        filter.to = thisMonth.adding(days: -1)
        var start = thisMonth
        for _ in 0..<Self.historyMonths { start = start.adding(days: -1).monthStart }
        filter.from = start
        return filter
    }

    var forecastMonths: [String] {
        var month = today.monthStart, months: [String] = []
        for _ in 0..<horizon {
            months.append(month.monthText)
            month = month.adding(days: 32).monthStart
        }
        return months
    }

    func groups() async throws -> [Group] {
        let history = historyFilter
        guard let grouping = breakdown.grouping else {
            return [try await group(key: nil, label: "Whole company", filter: history)]
        }
        let totals = try await service.series(metric.series, by: grouping, history)
        var groups: [Group] = []
        for point in totals.filter({ !$0.key.isEmpty && $0.value > 0 }).prefix(Self.largestGroups) {
            guard let id = UUID(uuidString: point.key) else { continue }
            var filter = history
            switch breakdown {
            case .region: filter.regionID = id
            case .productCategory: filter.productCategoryID = id
            case .team: filter.teamID = id
            case .rep: filter.repID = id
            case .company: break
            }
            groups.append(try await group(key: point.key, label: point.label, filter: filter))
        }
        return groups
    }

    private func group(key: String?, label: String, filter: AnalyticsFilter) async throws -> Group {
        // Months before the first figure are before the company (or the group) began, not zeros.
        let all = try await service.series(metric.series, by: .month, filter)
        let points = Array(all.drop { $0.value == 0 }).nonEmpty ?? all
        let values = points.map(\.value)
        let forecast = AutomaticForecast.forecast(values, season: 12, horizon: horizon, nonNegative: true)
        let pipeline = metric == .revenue ? try await weightedPipeline(filter) : nil
        return Group(
            key: key, label: label, filter: filter, months: points.map(\.key), history: values,
            forecastMonths: forecastMonths, forecast: forecast, pipeline: pipeline)
    }

    /// Open deals in scope, weighted by probability, by expected close month within the horizon.
    private func weightedPipeline(_ filter: AnalyticsFilter) async throws -> [Double] {
        let months = forecastMonths
        guard let first = months.first, let last = months.last else { return [] }
        var conditions = try service.scope(filter).opportunities()
        conditions.append(
            "\(ident: "opportunities").\(ident: "stage") IN \(AnalyticsSQL.inList(KPIQueries.openStages))")
        conditions.append("\(ident: "opportunities").\(ident: "expected_close_date") >= \(bind: first + "-01")")
        conditions.append("\(ident: "opportunities").\(ident: "expected_close_date") <= \(bind: last + "-31")")
        let month: SQLQueryString = "SUBSTR(\(ident: "opportunities").\(ident: "expected_close_date"), 1, 7)"
        let value = AnalyticsSQL.sum(
            "\(ident: "opportunities").\(ident: "amount") * \(ident: "opportunities").\(ident: "probability") / 100")
        let rows = try await AnalyticsSQL(db: service.db).rows(
            "SELECT \(month) AS \(ident: "month"), \(value) AS \(ident: "value") FROM \(ident: "opportunities")\(conditions.whereClause) GROUP BY \(month)"
        )
        var byMonth: [String: Double] = [:]
        for row in rows {
            byMonth[try row.decode(column: "month", as: String.self)] =
                Double(try row.decode(column: "value", as: Int64.self)) / 100
        }
        return months.map { byMonth[$0] ?? 0 }
    }
}

extension Array {
    fileprivate var nonEmpty: Self? { isEmpty ? nil : self }
}
