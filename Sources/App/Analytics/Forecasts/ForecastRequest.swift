import Foundation
import SalesPulseCore
import Vapor

/// The forecast's query string, read strictly for the API and the page alike.
struct ForecastRequest: Sendable {
    let metric: ForecastQuery.Metric
    let breakdown: ForecastQuery.Breakdown
    let horizon: Int
    let filter: AnalyticsFilter

    init(_ req: Request) throws {
        let parameters = try req.query.decode([String: String].self)
        filter = try AnalyticsFilter.undated(
            parameters, today: CalendarDay(containing: req.now), extra: ["metric", "by", "horizon"],
            reason: "Forecasts always learn from the last 36 full months; leave out from and to.")
        let metricText = parameters["metric"].flatMap { $0.isEmpty ? nil : $0 } ?? "revenue"
        guard let metric = ForecastQuery.Metric(rawValue: metricText) else {
            throw DomainError.invalid(
                field: "metric",
                "Choose one of: \(ForecastQuery.Metric.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        let byText = parameters["by"].flatMap { $0.isEmpty ? nil : $0 } ?? "company"
        guard let breakdown = ForecastQuery.Breakdown(rawValue: byText) else {
            throw DomainError.invalid(
                field: "by",
                "Choose one of: \(ForecastQuery.Breakdown.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        if breakdown == .productCategory && metric != .revenue {
            throw DomainError.invalid(
                field: "by", "\(metric.title) have no product; split them by region, team or rep instead.")
        }
        let horizonText = parameters["horizon"].flatMap { $0.isEmpty ? nil : $0 } ?? "6"
        guard let horizon = Int(horizonText), ForecastQuery.horizons.contains(horizon) else {
            throw DomainError.invalid(field: "horizon", "Choose 1 to 12 months ahead.")
        }
        self.metric = metric
        self.breakdown = breakdown
        self.horizon = horizon
    }

    func query(_ service: AnalyticsService) -> ForecastQuery {
        ForecastQuery(
            service: service, metric: metric, breakdown: breakdown, horizon: horizon, base: filter,
            today: CalendarDay(containing: service.now))
    }
}
