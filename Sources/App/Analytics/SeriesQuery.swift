import Foundation
import SalesPulseCore
import SQLKit

/// One metric grouped by time or by a dimension, aggregated by the database.
struct SeriesQuery: Sendable {
    enum Metric: String, CaseIterable, Sendable {
        case revenue, profit, salesCount, leads, qualifiedLeads, convertedLeads, dealsWon, dealsLost, openDeals,
            pipeline, weightedPipeline
        case marketingSpend, impressions, clicks

        var isMoney: Bool { [.revenue, .profit, .pipeline, .weightedPipeline, .marketingSpend].contains(self) }
    }

    enum Grouping: String, CaseIterable, Sendable {
        case day, week, month, region, segment, rep, team, source, product, productCategory, stage

        var isTime: Bool { self == .day || self == .week || self == .month }
    }

    struct Point: Sendable, Equatable, Codable {
        /// The id, day or raw value the point groups by ("" for rows without one).
        let key: String
        let label: String
        let value: Double
    }

    let metric: Metric
    let grouping: Grouping
    let sql: AnalyticsSQL
    let scope: FactScope

    func points() async throws -> [Point] {
        let (query, dayKeys) = try statement()
        var raw: [(key: String, value: Double)] = []
        for row in try await sql.rows(query) {
            let key: String
            if dayKeys == .number {
                key = (try row.decode(column: "bucket", as: Int?.self)).map { CalendarDay(number: $0).text } ?? ""
            } else {
                let text = try row.decode(column: "bucket", as: String?.self) ?? ""
                key = UUID(uuidString: text)?.uuidString ?? text
            }
            let value = Double(try row.decode(column: "value", as: Int64.self))
            raw.append((key, metric.isMoney ? value / 100 : value))
        }
        if grouping.isTime { return timeline(raw) }
        let labels = try await DimensionLabels.load(grouping, keys: raw.map(\.key).filter { !$0.isEmpty }, db: sql.db)
        return raw.map {
            Point(
                key: $0.key, label: labels[$0.key] ?? ($0.key.isEmpty ? "(none)" : LeadSourceAdvice.label($0.key)),
                value: $0.value)
        }
        .sorted { $0.value != $1.value ? $0.value > $1.value : $0.label < $1.label }
    }

    private enum DayKey { case none, text, number }

    private func statement() throws -> (SQLQueryString, DayKey) {
        switch metric {
        case .revenue, .profit, .salesCount: return try salesStatement()
        case .leads, .qualifiedLeads, .convertedLeads: return try leadsStatement()
        case .dealsWon, .dealsLost, .openDeals, .pipeline, .weightedPipeline: return try dealsStatement()
        case .marketingSpend, .impressions, .clicks: return try marketingStatement()
        }
    }

    private func unsupported() -> DomainError {
        .invalid(field: "groupBy", "\(metric.rawValue) cannot be grouped by \(grouping.rawValue).")
    }

    private func salesStatement() throws -> (SQLQueryString, DayKey) {
        let byLine = grouping == .product || grouping == .productCategory || scope.filter.productCategoryID != nil
        let value: SQLQueryString
        switch (metric, byLine) {
        case (.salesCount, true): value = "COUNT(DISTINCT \(ident: "sales").\(ident: "id"))"
        case (.salesCount, false): value = "COUNT(*)"
        case (.revenue, true):
            value = AnalyticsSQL.sum(
                "\(ident: "sale_lines").\(ident: "quantity") * \(ident: "sale_lines").\(ident: "unit_price")")
        case (.revenue, false): value = AnalyticsSQL.sum("\(ident: "sales").\(ident: "amount")")
        case (_, true):
            value = AnalyticsSQL.sum(
                "\(ident: "sale_lines").\(ident: "quantity") * (\(ident: "sale_lines").\(ident: "unit_price") - \(ident: "sale_lines").\(ident: "unit_cost"))"
            )
        case (_, false):
            value = AnalyticsSQL.sum("\(ident: "sales").\(ident: "amount") - \(ident: "sales").\(ident: "cost")")
        }
        var from: SQLQueryString =
            byLine
            ? "\(ident: "sale_lines") JOIN \(ident: "sales") ON \(ident: "sales").\(ident: "id") = \(ident: "sale_lines").\(ident: "sale_id")"
            : "\(ident: "sales")"
        let bucket: SQLQueryString
        var dayKey = DayKey.none
        switch grouping {
        case .day, .week, .month: bucket = "\(ident: "sales").\(ident: "sold_on")"; dayKey = .text
        case .rep: bucket = "\(ident: "sales").\(ident: "rep_id")"
        case .team:
            from +=
                " LEFT JOIN \(ident: "users") ON \(ident: "users").\(ident: "id") = \(ident: "sales").\(ident: "rep_id")";
            bucket = "\(ident: "users").\(ident: "team_id")"
        case .region, .segment, .source: bucket = dimensionColumn(of: "sales")
        case .product: bucket = "\(ident: "sale_lines").\(ident: "product_id")"
        case .productCategory:
            from +=
                " LEFT JOIN \(ident: "products") ON \(ident: "products").\(ident: "id") = \(ident: "sale_lines").\(ident: "product_id")"
            bucket = "\(ident: "products").\(ident: "category_id")"
        case .stage: throw unsupported()
        }
        let conditions = scope.sales(byLine: byLine) + (byLine ? scope.saleLines() : [])
        return (grouped(value: value, bucket: bucket, from: from, conditions: conditions), dayKey)
    }

    private func leadsStatement() throws -> (SQLQueryString, DayKey) {
        let status: SQLQueryString = "\(ident: "leads").\(ident: "status")"
        let value: SQLQueryString =
            switch metric {
            case .qualifiedLeads:
                AnalyticsSQL.count(
                    when:
                        "\(status) IN \(AnalyticsSQL.inList([LeadStatus.qualified.rawValue, LeadStatus.converted.rawValue]))"
                )
            case .convertedLeads: AnalyticsSQL.count(when: "\(status) = \(bind: LeadStatus.converted.rawValue)")
            default: "COUNT(*)"
            }
        var from: SQLQueryString = "\(ident: "leads")"
        let bucket: SQLQueryString
        var dayKey = DayKey.none
        switch grouping {
        case .day, .week, .month: bucket = sql.dayNumber("leads", "created_at"); dayKey = .number
        case .rep: bucket = "\(ident: "leads").\(ident: "owner_id")"
        case .team:
            from +=
                " LEFT JOIN \(ident: "users") ON \(ident: "users").\(ident: "id") = \(ident: "leads").\(ident: "owner_id")";
            bucket = "\(ident: "users").\(ident: "team_id")"
        case .region: bucket = "\(ident: "leads").\(ident: "region_id")"
        case .segment: bucket = "\(ident: "leads").\(ident: "segment_id")"
        case .source: bucket = "\(ident: "leads").\(ident: "source")"
        case .product, .productCategory, .stage: throw unsupported()
        }
        return (grouped(value: value, bucket: bucket, from: from, conditions: scope.leads()), dayKey)
    }

    private func dealsStatement() throws -> (SQLQueryString, DayKey) {
        let closed = metric == .dealsWon || metric == .dealsLost
        let value: SQLQueryString =
            switch metric {
            case .pipeline: AnalyticsSQL.sum("\(ident: "opportunities").\(ident: "amount")")
            case .weightedPipeline:
                AnalyticsSQL.sum(
                    "\(ident: "opportunities").\(ident: "amount") * \(ident: "opportunities").\(ident: "probability") / 100"
                )
            default: "COUNT(*)"
            }
        var conditions = scope.opportunities(closed: closed)
        conditions.append(
            closed
                ? "\(ident: "opportunities").\(ident: "stage") = \(bind: metric == .dealsWon ? OpportunityStage.closedWon.rawValue : OpportunityStage.closedLost.rawValue)"
                : "\(ident: "opportunities").\(ident: "stage") IN \(AnalyticsSQL.inList(KPIQueries.openStages))")
        var from: SQLQueryString = "\(ident: "opportunities")"
        let bucket: SQLQueryString
        var dayKey = DayKey.none
        switch grouping {
        case .day, .week, .month:
            guard closed else { throw unsupported() }
            bucket = sql.dayNumber("opportunities", "closed_at"); dayKey = .number
        case .rep: bucket = "\(ident: "opportunities").\(ident: "owner_id")"
        case .stage: bucket = "\(ident: "opportunities").\(ident: "stage")"
        case .team:
            from +=
                " LEFT JOIN \(ident: "users") ON \(ident: "users").\(ident: "id") = \(ident: "opportunities").\(ident: "owner_id")";
            bucket = "\(ident: "users").\(ident: "team_id")"
        case .region, .segment, .source: bucket = dimensionColumn(of: "opportunities")
        case .product, .productCategory: throw unsupported()
        }
        return (grouped(value: value, bucket: bucket, from: from, conditions: conditions), dayKey)
    }

    /// The region, segment or lead source a sale or deal carries (FactDimensions).
    private func dimensionColumn(of table: String) -> SQLQueryString {
        let column =
            switch grouping {
            case .region: "region_id"
            case .segment: "segment_id"
            default: "lead_source"
            }
        return "\(ident: table).\(ident: column)"
    }

    private var bucketIsText: Bool { grouping.isTime || grouping == .source || grouping == .stage }

    /// Company costs: empty for viewers who see only part of the company (see FactScope).
    private func marketingStatement() throws -> (SQLQueryString, DayKey) {
        let column = metric == .marketingSpend ? "spend" : metric.rawValue
        let bucket: SQLQueryString
        switch grouping {
        case .day, .week, .month: bucket = "\(ident: "day")"
        case .source: bucket = "\(ident: "channel")"
        default: throw unsupported()
        }
        let conditions = scope.marketingSpend() + (scope.includesCompanyCosts ? [] : ["1 = 0"])
        return (
            grouped(
                value: AnalyticsSQL.sum("\(ident: column)"), bucket: bucket, from: "\(ident: "marketing_spend")",
                conditions: conditions),
            grouping.isTime ? .text : .none
        )
    }

    private func grouped(
        value: SQLQueryString, bucket: SQLQueryString, from: SQLQueryString, conditions: [SQLQueryString]
    ) -> SQLQueryString {
        // Ids are read as text so one decoder serves both databases' uuid representations.
        let bucket: SQLQueryString = bucketIsText ? bucket : "CAST(\(bucket) AS TEXT)"
        return
            "SELECT \(bucket) AS \(ident: "bucket"), \(value) AS \(ident: "value") FROM \(from)\(conditions.whereClause) GROUP BY \(bucket)"
    }

    /// Days folded into weeks or months, with every period of the range present (zero when
    /// nothing happened), in order.
    private func timeline(_ raw: [(key: String, value: Double)]) -> [Point] {
        func period(_ day: CalendarDay) -> String {
            switch grouping {
            case .week: day.weekStart.text
            case .month: day.monthText
            default: day.text
            }
        }
        var totals: [String: Double] = [:]
        for (key, value) in raw {
            guard let day = CalendarDay(text: key) else { continue }
            totals[period(day), default: 0] += value
        }
        var keys: [String] = []
        var day = scope.filter.from
        while day <= scope.filter.to {
            let key = period(day)
            if keys.last != key { keys.append(key) }
            day = day.adding(days: 1)
        }
        return keys.map { Point(key: $0, label: $0, value: totals[$0] ?? 0) }
    }
}

extension Array where Element == SeriesQuery.Point {
    /// The value of the point with this key; 0 when nothing was counted for it.
    func value(for key: String) -> Double { first { $0.key == key }?.value ?? 0 }
}
