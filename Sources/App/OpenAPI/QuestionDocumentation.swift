import SalesPulseCore

/// A question's structured form in the OpenAPI document: what an answer gives back as
/// `query` and what a client may send instead of words. Every part may be null (left out).
enum QuestionDocumentation {
    static var schemas: [(String, JSONValue)] {
        func nullable(_ type: String, _ extra: [(String, JSONValue)] = []) -> JSONValue {
            .object([("type", [.string(type), "null"])] + extra)
        }
        func choice(_ values: [String]) -> JSONValue {
            ["type": ["string", "null"], "enum": .array(values.map { .string($0) } + [.null])]
        }
        let name = nullable("string", [("minLength", 1), ("maxLength", 80), ("pattern", "\\S")])
        let states = Set(ParsedQuestion.Subject.allCases.flatMap(ParsedQuestion.states)).sorted()
        let period: JSONValue = [
            "type": ["object", "null"], "additionalProperties": false,
            "properties": [
                "from": nullable("string", [("format", "date")]), "to": nullable("string", [("format", "date")]),
                "words": nullable("string", [("maxLength", 60)]),
            ],
        ]
        return [
            (
                "StructuredQuestion",
                [
                    "type": "object", "additionalProperties": false, "required": ["records"],
                    "properties": [
                        "records": [
                            "type": "string",
                            "enum": .array(ParsedQuestion.Subject.allCases.map { .string($0.rawValue) } + ["deals"]),
                        ],
                        "answer": choice(ParsedQuestion.answerKinds),
                        "groupBy": choice(ParsedQuestion.Grouping.allCases.map(\.rawValue)),
                        "top": nullable("integer", [("minimum", 1), ("maximum", 1000)]),
                        "owner": name, "team": name, "region": name, "account": name, "product": name, "category": name,
                        "states": [
                            "type": ["array", "null"], "maxItems": 6,
                            "items": ["type": "string", "enum": .array(states.map { .string($0) })],
                        ],
                        "activityType": choice(ActivityType.allCases.map(\.rawValue)),
                        "priority": choice(TaskPriority.allCases.map(\.rawValue)),
                        "source": choice(LeadSource.allCases.map(\.rawValue)),
                        "amountFrom": nullable("number", [("minimum", 0), ("maximum", .int(1_000_000_000_000))]),
                        "amountTo": nullable("number", [("minimum", 0), ("maximum", .int(1_000_000_000_000))]),
                        "scoreFrom": nullable("integer", [("minimum", 0), ("maximum", 100)]),
                        "limit": nullable("integer", [("minimum", 1), ("maximum", 100)]),
                        "period": period, "comparedWith": period,
                        "byCloseDate": nullable("boolean"), "stalled": nullable("boolean"),
                        "snoozed": nullable("boolean"),
                    ],
                ]
            )
        ]
    }
}
