import Forecasting
import Foundation
import SalesPulseCore

/// What changed and what stands out (S7): each figure's last three full months against the
/// three before and the same months a year earlier, the regions, reps, sources and product
/// categories that moved revenue most, and unusual weeks of the last year. All from the
/// dashboards' own queries, within the viewer's scope.
struct InsightsQuery: Sendable {
    typealias Metric = HeadlineMetric

    struct Trend: Sendable {
        let metric: Metric
        let recent: AnalyticsFilter
        let recentValue: Double
        let previousValue: Double
        let lastYearValue: Double
    }

    struct Contribution: Sendable {
        let grouping: SeriesQuery.Grouping
        let key: String
        let label: String
        let recentValue: Double
        let previousValue: Double
        var change: Double { recentValue - previousValue }
        /// The filter of the recent period narrowed to this group, for the records behind it.
        let filter: AnalyticsFilter
    }

    /// A day or a week of a watched figure far from those around it.
    struct Unusual: Sendable {
        let metric: WatchedMetric
        let days: ClosedRange<CalendarDay>
        let anomaly: Anomaly
        var isWeek: Bool { days.lowerBound != days.upperBound }
    }

    /// A figure's calendar months that run above or below an average month, from the last
    /// three years.
    struct SeasonalMonths: Sendable {
        let metric: Metric
        /// Calendar month (1–12) and its factor (1.25: a quarter above an average month).
        let factors: [(month: Int, factor: Double)]
        let lastFullMonth: CalendarDay
    }

    /// The groups whose revenue rose or fell most, per breakdown, that the page names.
    static let contributionsShown = 3
    static let contributionGroupings: [SeriesQuery.Grouping] = [
        .region, .rep, .source, .productCategory, .product, .segment,
    ]

    let service: AnalyticsService
    /// Region, team, rep, category, source and segment; the dates are set here.
    let base: AnalyticsFilter
    let today: CalendarDay

    /// The last three full months, the three before them, and the same three a year earlier.
    var periods: (recent: AnalyticsFilter, previous: AnalyticsFilter, lastYear: AnalyticsFilter) {
        func months(endingBefore start: CalendarDay, count: Int) -> AnalyticsFilter {
            var filter = base
            filter.to = start.adding(days: -1)
            var first = start
            for _ in 0..<count { first = first.adding(days: -1).monthStart }
            filter.from = first
            return filter
        }
        let recent = months(endingBefore: today.monthStart, count: 3)
        let previous = months(endingBefore: recent.from, count: 3)
        var yearAgo = recent.from
        for _ in 0..<9 { yearAgo = yearAgo.adding(days: -1).monthStart }
        return (recent, previous, months(endingBefore: yearAgo, count: 3))
    }

    func trends() async throws -> [Trend] {
        let (recent, previous, lastYear) = periods
        var trends: [Trend] = []
        for metric in Metric.allCases {
            func total(_ filter: AnalyticsFilter) async throws -> Double {
                try await service.series(metric.series, by: .month, filter).reduce(0) { $0 + $1.value }
            }
            trends.append(
                Trend(
                    metric: metric, recent: recent, recentValue: try await total(recent),
                    previousValue: try await total(previous), lastYearValue: try await total(lastYear)))
        }
        return trends
    }

    /// The groups whose revenue moved between two periods, largest change first.
    static func contributions(
        service: AnalyticsService, by grouping: SeriesQuery.Grouping, recent: AnalyticsFilter,
        previous: AnalyticsFilter, limit: Int
    ) async throws -> [Contribution] {
        let now = try await service.series(.revenue, by: grouping, recent)
        let before = try await service.series(.revenue, by: grouping, previous)
        var labels: [String: String] = [:]
        for point in before + now { labels[point.key] = point.label }
        let keys: Set<String> = Set(now.map(\.key) + before.map(\.key)).filter { !$0.isEmpty }
        var moved: [Contribution] = []
        for key in keys {
            let contribution = Contribution(
                grouping: grouping, key: key, label: labels[key] ?? key, recentValue: now.value(for: key),
                previousValue: before.value(for: key), filter: recent)
            if contribution.change != 0 { moved.append(contribution) }
        }
        moved.sort { left, right in
            abs(left.change) != abs(right.change) ? abs(left.change) > abs(right.change) : left.label < right.label
        }
        return Array(moved.prefix(limit))
    }

    /// Revenue's and new leads' seasons, where three years (at least two) show one.
    func seasonality() async throws -> [SeasonalMonths] {
        var filter = base
        filter.to = today.monthStart.adding(days: -1)
        var start = today.monthStart
        for _ in 0..<36 { start = start.adding(days: -1).monthStart }
        filter.from = start
        var found: [SeasonalMonths] = []
        for metric in [Metric.revenue, .leads] {
            let points = try await service.series(metric.series, by: .month, filter)
            let used = Array(points.drop { $0.value == 0 })
            guard let first = used.first.flatMap({ CalendarDay(text: $0.key + "-01") }),
                let factors = SeasonalProfile.factors(used.map(\.value), season: 12)
            else { continue }
            let firstMonth = first.civil.month
            found.append(
                SeasonalMonths(
                    metric: metric,
                    factors: factors.indices.map { ((firstMonth - 1 + $0) % 12 + 1, factors[$0]) },
                    lastFullMonth: filter.to.monthStart))
        }
        return found
    }

    /// Weeks of the last year far from their neighbours, newest first.
    func unusualWeeks() async throws -> [Unusual] {
        var filter = base
        let thisWeek = today.weekStart
        filter.to = thisWeek.adding(days: -1)
        filter.from = thisWeek.adding(days: -52 * 7)
        return try await unusual(filter, by: .week, season: 1, metrics: WatchedMetric.allCases)
    }

    /// Days of the last thirteen weeks whose new leads or calls stood far from the same weekday
    /// around them, newest first.
    func unusualDays() async throws -> [Unusual] {
        var filter = base
        filter.to = today.adding(days: -1)
        filter.from = today.weekStart.adding(days: -13 * 7)
        // Revenue comes in lumps of single sales: its unusual weeks say more than its days.
        return try await unusual(filter, by: .day, season: 7, metrics: [.leads, .calls])
    }

    private func unusual(
        _ filter: AnalyticsFilter, by bucket: SeriesQuery.Grouping, season: Int, metrics: [WatchedMetric]
    ) async throws -> [Unusual] {
        var found: [Unusual] = []
        for metric in metrics {
            guard let points = try await values(metric, by: bucket, filter) else { continue }
            // A figure that is zero on most days makes every busy day unusual; days are judged
            // only for figures that happen on most days (weekends may rest).
            let active = points.filter { $0.value != 0 }.count
            guard active > 0, bucket != .day || Double(active) >= 0.6 * Double(points.count) else { continue }
            for anomaly in AnomalyFinder.find(points.map(\.value), season: season) {
                let start = points[anomaly.index].day
                // Leads of the last weeks have not had time to convert yet: their low rate is
                // the calendar, not news.
                if metric == .conversion, start > today.adding(days: -35) { continue }
                found.append(
                    Unusual(metric: metric, days: start...start.adding(days: bucket == .week ? 6 : 0), anomaly: anomaly)
                )
            }
        }
        return found.sorted { $0.days.lowerBound > $1.days.lowerBound }
    }

    /// A watched figure per day or week of the filter; nil where it cannot be counted fairly:
    /// calls under a region, category, source or segment filter (calls carry none of them), and
    /// conversion when some week had too few leads to make a rate of.
    func values(
        _ metric: WatchedMetric, by bucket: SeriesQuery.Grouping, _ filter: AnalyticsFilter
    ) async throws -> [(day: CalendarDay, value: Double)]? {
        func series(_ measure: SeriesQuery.Metric) async throws -> [(day: CalendarDay, value: Double)] {
            try await service.series(measure, by: bucket, filter).compactMap { point in
                CalendarDay(text: point.key).map { ($0, point.value) }
            }
        }
        switch metric {
        case .revenue, .leads, .dealsWon:
            return try await series(metric.headline!.series)
        case .conversion:
            let leads = try await series(.leads), converted = try await series(.convertedLeads)
            guard leads.count == converted.count,
                leads.allSatisfy({ $0.value >= WatchedMetric.fewestLeadsForConversion })
            else { return nil }
            return zip(leads, converted).map { ($0.day, $1.value / $0.value * 100) }
        case .calls:
            guard filter.regionID == nil, filter.productCategoryID == nil, filter.source == nil,
                filter.segmentID == nil
            else { return nil }
            var calls: [CalendarDay: Double] = [:]
            for row in try await service.rollups(.rep, filter) {
                guard let day = (row["day"] as? String).flatMap({ CalendarDay(text: $0) }) else { continue }
                calls[bucket == .week ? day.weekStart : day, default: 0] += Double(row["calls"] as? Int ?? 0)
            }
            var grid: [(day: CalendarDay, value: Double)] = []
            var day = bucket == .week ? filter.from.weekStart : filter.from
            while day <= filter.to {
                grid.append((day, calls[day] ?? 0))
                day = day.adding(days: bucket == .week ? 7 : 1)
            }
            return grid
        }
    }
}
