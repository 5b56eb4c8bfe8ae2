import Forecasting
import Foundation
import SalesPulseCore
import Vapor

/// GET /api/v1/forecasts: monthly forecasts with 80% and 95% ranges, the method used and how
/// it did in back-tests, for the caller's scope.
struct ForecastAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("forecasts", use: forecasts)
    }

    @Sendable func forecasts(req: Request) async throws -> Response {
        let request = try ForecastRequest(req)
        let query = request.query(try await AnalyticsService(req: req))
        let groups = try await query.groups()
        let history = query.historyFilter
        return try RecordJSON.response([
            "metric": request.metric.rawValue, "by": request.breakdown.rawValue, "horizon": request.horizon,
            "historyFrom": history.from.monthText, "historyTo": history.to.monthText,
            "groups": groups.map(\.json),
        ])
    }
}

extension ForecastQuery.Group {
    var json: [String: Any] {
        var body: [String: Any] = [
            "key": key ?? NSNull(), "label": label, "method": forecast.method.rawValue,
            "methodName": forecast.method.words, "combinedMethods": forecast.combined.map(\.rawValue),
            "selection": forecast.selection.rawValue,
            "backtestError": forecast.scaledError ?? NSNull(),
            "history": zip(months, history).map { ["month": $0, "value": $1] as [String: Any] },
            "forecast": forecastMonths.indices.map { index -> [String: Any] in
                [
                    "month": forecastMonths[index], "value": forecast.mean[index],
                    "lower80": forecast.lower80[index], "upper80": forecast.upper80[index],
                    "lower95": forecast.lower95[index], "upper95": forecast.upper95[index],
                ]
            },
        ]
        if let pipeline {
            body["weightedPipeline"] = zip(forecastMonths, pipeline).map {
                ["month": $0, "value": $1] as [String: Any]
            }
        }
        return body
    }
}
