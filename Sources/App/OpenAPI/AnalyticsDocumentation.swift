import SalesPulseCore

/// The analytics endpoints and their schemas in the OpenAPI document.
enum AnalyticsDocumentation {
    static var filterParameters: [JSONValue] {
        [
            query("from", "first day; default 29 days before `to`", schema: APISchemas.day),
            query("to", "last day; default today", schema: APISchemas.day),
        ] + dimensionParameters
    }

    /// The filters besides the dates: who and what the figures cover.
    static var dimensionParameters: [JSONValue] {
        [
            query("region", "region id", schema: APISchemas.uuid), query("team", "team id", schema: APISchemas.uuid),
            query("rep", "user id; 404 for a rep outside your team", schema: APISchemas.uuid),
            query(
                "productCategory", "product category id; revenue then counts that category's lines only",
                schema: APISchemas.uuid),
            query("source", "lead source", schema: choice(LeadSource.allCases.map(\.rawValue))),
            query("segment", "customer segment id", schema: APISchemas.uuid),
        ]
    }

    static var operations: [APIOperation] {
        [
            APIOperation(
                method: "GET", path: "/api/v1/analytics/kpis",
                summary: "S6 key figures for a period, within what you may see",
                tag: "Analytics", access: .rowLevel, responseSchema: "KPIs", parameters: filterParameters),
            APIOperation(
                method: "GET", path: "/api/v1/analytics/series",
                summary: "One metric grouped by time or a dimension, for charts",
                tag: "Analytics", access: .rowLevel, responseSchema: "Series",
                parameters: filterParameters + [
                    query("metric", "what to measure", schema: choice(SeriesQuery.Metric.allCases.map(\.rawValue))),
                    query("groupBy", "how to group it", schema: choice(SeriesQuery.Grouping.allCases.map(\.rawValue))),
                ]),
            APIOperation(
                method: "GET", path: "/api/v1/analytics/rollups",
                summary: "Daily roll-ups per rep (your scope) or per lead source (whole-company viewers)",
                tag: "Analytics", access: .rowLevel, responseSchema: "Rollups",
                parameters: filterParameters + [
                    query(
                        "by", "per rep or per lead source",
                        schema: choice(DailyRollupQuery.Kind.allCases.map(\.rawValue)))
                ]),
        ]
    }

    static var schemas: [(String, JSONValue)] {
        let number: JSONValue = ["type": "number"], nullableNumber: JSONValue = ["type": ["number", "null"]],
            integer: JSONValue = ["type": "integer"]
        return [
            (
                "KPIs",
                [
                    "type": "object",
                    "properties": [
                        "from": APISchemas.string, "to": APISchemas.string, "revenue": number, "salesCount": integer,
                        "averageDealSize": nullableNumber,
                        "winRate": nullableNumber, "leadConversionRate": nullableNumber,
                        "qualificationRate": nullableNumber,
                        "customerAcquisitionCost": nullableNumber, "profitMargin": nullableNumber,
                        "pipelineValue": number, "weightedPipeline": number,
                        "openDeals": integer, "salesCycleDays": nullableNumber, "newLeads": integer,
                        "leadVelocity": nullableNumber,
                        "newCustomers": integer, "overdueFollowUps": integer, "stalledDeals": integer,
                    ],
                ]
            ),
            (
                "Rollups",
                [
                    "type": "object",
                    "properties": [
                        "by": APISchemas.string, "from": APISchemas.string, "to": APISchemas.string,
                        "items": [
                            "type": "array",
                            "items": [
                                "type": "object",
                                "description":
                                    "day, repId or source, and the day's counts (camelCase of each roll-up column)",
                            ],
                        ],
                    ],
                ]
            ),
            (
                "Series",
                [
                    "type": "object",
                    "properties": [
                        "metric": APISchemas.string, "groupBy": APISchemas.string, "from": APISchemas.string,
                        "to": APISchemas.string,
                        "items": [
                            "type": "array",
                            "items": [
                                "type": "object",
                                "properties": ["key": APISchemas.string, "label": APISchemas.string, "value": number],
                            ],
                        ],
                    ],
                ]
            ),
        ]
    }

    private static func query(_ name: String, _ description: String, schema: JSONValue) -> JSONValue {
        APISchemas.query(name, description, schema: schema)
    }

    private static func choice(_ options: [String]) -> JSONValue {
        ["type": "string", "enum": .array(options.map { .string($0) })]
    }
}
