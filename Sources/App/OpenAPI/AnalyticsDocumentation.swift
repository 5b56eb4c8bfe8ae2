/// The analytics endpoints and their schemas in the OpenAPI document.
enum AnalyticsDocumentation {
    static var filterParameters: [JSONValue] {
        [
            query("from", "first day, YYYY-MM-DD; default 29 days before `to`"), query("to", "last day, YYYY-MM-DD; default today"),
            query("region", "region id"), query("team", "team id"), query("rep", "user id; 404 for a rep outside your team"),
            query("productCategory", "product category id; revenue then counts that category's lines only"),
            query("source", "lead source"), query("segment", "customer segment id"),
        ]
    }

    static var operations: [APIOperation] {
        [
            APIOperation(method: "GET", path: "/api/v1/analytics/kpis", summary: "S6 key figures for a period, within what you may see",
                         tag: "Analytics", access: .rowLevel, responseSchema: "KPIs", parameters: filterParameters),
            APIOperation(method: "GET", path: "/api/v1/analytics/series", summary: "One metric grouped by time or a dimension, for charts",
                         tag: "Analytics", access: .rowLevel, responseSchema: "Series", parameters: filterParameters + [
                            query("metric", SeriesQuery.Metric.allCases.map(\.rawValue).joined(separator: ", ")),
                            query("groupBy", SeriesQuery.Grouping.allCases.map(\.rawValue).joined(separator: ", ")),
                         ]),
            APIOperation(method: "GET", path: "/api/v1/analytics/rollups", summary: "Daily roll-ups per rep (your scope) or per lead source (whole-company viewers)",
                         tag: "Analytics", access: .rowLevel, responseSchema: "Rollups", parameters: filterParameters + [query("by", "rep or source")]),
        ]
    }

    static var schemas: [(String, JSONValue)] {
        let number: JSONValue = ["type": "number"], nullableNumber: JSONValue = ["type": ["number", "null"]], integer: JSONValue = ["type": "integer"]
        return [
            ("KPIs", ["type": "object", "properties": [
                "from": APISchemas.string, "to": APISchemas.string, "revenue": number, "salesCount": integer, "averageDealSize": nullableNumber,
                "winRate": nullableNumber, "leadConversionRate": nullableNumber, "qualificationRate": nullableNumber,
                "customerAcquisitionCost": nullableNumber, "profitMargin": nullableNumber, "pipelineValue": number, "weightedPipeline": number,
                "openDeals": integer, "salesCycleDays": nullableNumber, "newLeads": integer, "leadVelocity": nullableNumber,
                "newCustomers": integer, "overdueFollowUps": integer, "stalledDeals": integer,
            ]]),
            ("Rollups", ["type": "object", "properties": [
                "by": APISchemas.string, "from": APISchemas.string, "to": APISchemas.string,
                "items": ["type": "array", "items": ["type": "object", "description": "day, repId or source, and the day's counts (camelCase of each roll-up column)"]],
            ]]),
            ("Series", ["type": "object", "properties": [
                "metric": APISchemas.string, "groupBy": APISchemas.string, "from": APISchemas.string, "to": APISchemas.string,
                "items": ["type": "array", "items": ["type": "object", "properties": ["key": APISchemas.string, "label": APISchemas.string, "value": number]]],
            ]]),
        ]
    }

    private static func query(_ name: String, _ description: String) -> JSONValue {
        ["name": .string(name), "in": "query", "description": .string(description), "schema": ["type": "string"]]
    }
}
