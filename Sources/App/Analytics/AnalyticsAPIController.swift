import Foundation
import SalesPulseCore
import Vapor

/// GET /api/v1/analytics/kpis and /api/v1/analytics/series: S6 figures for the caller's scope.
struct AnalyticsAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let analytics = routes.grouped("analytics")
        analytics.get("kpis", use: kpis)
        analytics.get("series", use: series)
        analytics.get("rollups", use: rollups)
    }

    @Sendable func rollups(req: Request) async throws -> Response {
        let filter = try AnalyticsFilter(request: req, extra: ["by"])
        let text = req.query[String.self, at: "by"] ?? "rep"
        guard let kind = DailyRollupQuery.Kind(rawValue: text) else {
            throw DomainError.invalid(
                field: "by", "Choose one of: \(DailyRollupQuery.Kind.allCases.map(\.rawValue).joined(separator: ", "))."
            )
        }
        let rows = try await AnalyticsService(req: req).rollups(kind, filter)
        return try RecordJSON.response([
            "by": kind.rawValue, "from": filter.from.text, "to": filter.to.text, "items": rows,
        ])
    }

    @Sendable func kpis(req: Request) async throws -> Response {
        let filter = try AnalyticsFilter(request: req)
        let service = try await AnalyticsService(req: req)
        var body = try await service.kpis(filter).json
        body["from"] = filter.from.text
        body["to"] = filter.to.text
        return try RecordJSON.response(body)
    }

    @Sendable func series(req: Request) async throws -> Response {
        let filter = try AnalyticsFilter(request: req, extra: ["metric", "groupBy"])
        let metricText = req.query[String.self, at: "metric"] ?? "revenue"
        guard let metric = SeriesQuery.Metric(rawValue: metricText) else {
            throw DomainError.invalid(
                field: "metric",
                "Choose one of: \(SeriesQuery.Metric.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        let groupingText = req.query[String.self, at: "groupBy"] ?? "month"
        guard let grouping = SeriesQuery.Grouping(rawValue: groupingText) else {
            throw DomainError.invalid(
                field: "groupBy",
                "Choose one of: \(SeriesQuery.Grouping.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        let points = try await AnalyticsService(req: req).series(metric, by: grouping, filter)
        return try RecordJSON.response([
            "metric": metric.rawValue, "groupBy": grouping.rawValue, "from": filter.from.text, "to": filter.to.text,
            "items": points.map { ["key": $0.key, "label": $0.label, "value": $0.value] as [String: Any] },
        ])
    }
}
