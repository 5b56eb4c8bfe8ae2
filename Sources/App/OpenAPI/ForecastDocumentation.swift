/// The monthly forecasts and the insights in the OpenAPI document.
enum ForecastDocumentation {
    static var operations: [APIOperation] {
        [
            APIOperation(
                method: "GET", path: "/api/v1/forecasts",
                summary:
                    "Monthly forecasts of revenue, new leads or won deals for the whole company or its six largest regions, product categories, teams or reps you may see: three years of full months as history, the months ahead with 80% and 95% ranges, the methods chosen by back-tests and their error against simply repeating the same month a year earlier (the month before, on short histories), and (revenue) open deals weighted by probability by expected close month",
                tag: "Analytics", access: .rowLevel, responseSchema: "Forecasts",
                parameters: AnalyticsDocumentation.dimensionParameters + [
                    APISchemas.query(
                        "metric", "what to forecast; default revenue",
                        schema: choice(ForecastQuery.Metric.allCases.map(\.rawValue))),
                    APISchemas.query(
                        "by", "one forecast for the company or one per group; default company",
                        schema: choice(ForecastQuery.Breakdown.allCases.map(\.rawValue))),
                    APISchemas.query(
                        "horizon", "months ahead, 1 to 12; default 6",
                        schema: ["type": "integer", "minimum": 1, "maximum": 12]),
                ]),
            APIOperation(
                method: "GET", path: "/api/v1/insights",
                summary:
                    "What moved and why, in words with their figures, within what you may see: each figure's last three full months against the three before and the same months a year earlier, risks (reps likely to miss target, stalled deals, a forecast below the reps' targets) and recommendations, the regions, reps, lead sources, product categories, products and customer segments that moved revenue most, the calendar months that run above or below an average one, unusual weeks of the last year (revenue, new leads, won deals, calls, lead conversion) and unusual days of the last thirteen weeks",
                tag: "Analytics", access: .rowLevel, responseSchema: "Insights",
                parameters: AnalyticsDocumentation.dimensionParameters),
        ]
    }

    static var schemas: [(String, JSONValue)] {
        let number: JSONValue = ["type": "number"],
            month: JSONValue = ["type": "string", "pattern": "^[0-9]{4}-[0-9]{2}$"]
        let monthValue: JSONValue = ["type": "object", "properties": ["month": month, "value": number]]
        let step: JSONValue = [
            "type": "object",
            "properties": [
                "month": month, "value": number, "lower80": number, "upper80": number, "lower95": number,
                "upper95": number,
            ],
        ]
        let group: JSONValue = [
            "type": "object",
            "properties": [
                "key": ["type": ["string", "null"]], "label": APISchemas.string, "method": APISchemas.string,
                "methodName": APISchemas.string, "combinedMethods": ["type": "array", "items": APISchemas.string],
                "selection": ["type": "string", "enum": ["backtest", "shortHistory"]],
                "backtestError": ["type": ["number", "null"]], "history": ["type": "array", "items": monthValue],
                "forecast": ["type": "array", "items": step],
                "weightedPipeline": ["type": "array", "items": monthValue],
            ],
        ]
        let statement: JSONValue = [
            "type": "object",
            "properties": [
                "kind": [
                    "type": "string", "enum": ["trend", "risk", "recommendation", "contribution", "season", "unusual"],
                ],
                "text": APISchemas.string, "href": APISchemas.string,
                "figures": ["type": "object", "additionalProperties": number],
            ],
        ]
        let section: JSONValue = [
            "type": "object",
            "properties": [
                "id": APISchemas.string, "title": APISchemas.string, "items": ["type": "array", "items": statement],
            ],
        ]
        return [
            (
                "Insights",
                [
                    "type": "object",
                    "properties": ["period": APISchemas.string, "sections": ["type": "array", "items": section]],
                ]
            ),
            (
                "Forecasts",
                [
                    "type": "object",
                    "properties": [
                        "metric": APISchemas.string, "by": APISchemas.string, "horizon": ["type": "integer"],
                        "historyFrom": month, "historyTo": month, "groups": ["type": "array", "items": group],
                    ],
                ]
            ),
        ]
    }

    private static func choice(_ options: [String]) -> JSONValue {
        ["type": "string", "enum": .array(options.map { .string($0) })]
    }
}
