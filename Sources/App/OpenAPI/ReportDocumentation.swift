/// The sales reports, saved reports and questions in words in the OpenAPI document.
enum ReportDocumentation {
    static var operations: [APIOperation] {
        [
            APIOperation(
                method: "GET", path: "/api/v1/reports/sales",
                summary:
                    "The sales report for a period against another, within what you may see: key numbers with their change, what moved revenue by region, product category, rep and lead source, risks (reps likely to miss target, stalled deals, unusual weeks, a forecast below the reps' targets), recommendations, and revenue by month. As JSON, or as a PDF or Word file for roles that may export",
                tag: "Analytics", access: .rowLevel, responseSchema: "SalesReport",
                parameters: periodParameters + AnalyticsDocumentation.dimensionParameters + [
                    APISchemas.query(
                        "format", "json (default), pdf or docx",
                        schema: [
                            "type": "string", "enum": .array(SalesReport.Format.allCases.map { .string($0.rawValue) }),
                        ])
                ],
                responseMediaTypes: SalesReport.Format.allCases.map(\.contentType)),
            APIOperation(
                method: "POST", path: "/api/v1/questions",
                summary:
                    "A question in words (\"deals closing this month\", \"how many calls this week\", \"leads by source last quarter\", \"top 5 reps by revenue this quarter\", \"win rate this quarter\") answered from the record lists within what you may see: one sentence, what was understood, the records or groups, and the list that shows the same rows. Send `query` instead of `text` to ask an answer's structured question again, changed. Unreadable questions and names that fit several people answer with questions to try; with a language model configured, a question the parser cannot read is read by it into a structured question, used only when valid",
                tag: "Analytics", access: .rowLevel, requestSchema: "Question", responseSchema: "QuestionAnswer"),
            APIOperation(
                method: "GET", path: "/api/v1/reports/saved",
                summary: "My saved reports and who gets each by email on Mondays", tag: "Analytics",
                access: .signedIn, responseSchema: "SavedReportPage"),
            APIOperation(
                method: "POST", path: "/api/v1/reports/saved",
                summary:
                    "Keep a report's period, comparison and filters, and choose who gets it by email every Monday (yourself; managers: also the people they manage; admins: anyone). Each recipient's copy shows what they may see",
                tag: "Analytics", access: .signedIn, requestSchema: "SavedReportInput", successStatus: 201,
                responseSchema: "SavedReport"),
            APIOperation(
                method: "DELETE", path: "/api/v1/reports/saved/{reportID}",
                summary: "Delete a saved report of mine (admins: any)", tag: "Analytics", access: .signedIn,
                successStatus: 204),
        ]
    }

    static var periodParameters: [JSONValue] {
        [
            APISchemas.query(
                "period", "a month as YYYY-MM, or last-month (default), this-month or last-week",
                schema: ["type": "string", "pattern": "^([0-9]{4}-[0-9]{2}|last-month|this-month|last-week)$"]),
            APISchemas.query(
                "compare", "a month as YYYY-MM, previous (the same stretch just before; default) or last-year",
                schema: ["type": "string", "pattern": "^([0-9]{4}-[0-9]{2}|previous|last-year)$"]),
        ]
    }

    static var schemas: [(String, JSONValue)] {
        let number: JSONValue = ["type": "number"], nullableNumber: JSONValue = ["type": ["number", "null"]]
        let text = APISchemas.string
        let span: JSONValue = ["type": "object", "properties": ["from": text, "to": text, "label": text]]
        let sentence: JSONValue = ["type": "object", "properties": ["text": text]]
        let figure: JSONValue = [
            "type": "object",
            "properties": ["key": text, "label": text, "current": nullableNumber, "previous": nullableNumber],
        ]
        let row: JSONValue = [
            "type": "object",
            "properties": [
                "key": text, "label": text, "previous": number, "current": number, "change": number, "share": number,
            ],
        ]
        let movement: JSONValue = [
            "type": "object",
            "properties": ["by": text, "title": text, "rows": ["type": "array", "items": row]],
        ]
        let optionalText: JSONValue = ["type": ["string", "null"]]
        let saved: JSONValue = [
            "type": "object",
            "properties": [
                "id": ["type": "string", "format": "uuid"], "name": text,
                "parameters": ["type": "object", "additionalProperties": text],
                "weeklyTo": ["type": "array", "items": ["type": "string", "format": "uuid"]],
                "lastSentWeek": optionalText,
            ],
        ]
        return [
            (
                "SalesReport",
                [
                    "type": "object",
                    "properties": [
                        "title": text, "period": span, "comparison": span, "scope": text,
                        "summary": ["type": "array", "items": text],
                        "summaryAuthor": ["type": "string", "enum": ["figures", "languageModel"]],
                        "figures": ["type": "array", "items": figure],
                        "movements": ["type": "array", "items": movement],
                        "risks": ["type": "array", "items": sentence],
                        "recommendations": ["type": "array", "items": sentence],
                        "revenueByMonth": [
                            "type": "array",
                            "items": ["type": "object", "properties": ["month": text, "revenue": number]],
                        ],
                    ],
                ]
            ),
            (
                "Question",
                [
                    "type": "object", "additionalProperties": false,
                    "anyOf": [["required": ["text"]], ["required": ["query"]]],
                    "properties": [
                        "text": ["type": ["string", "null"], "minLength": 1, "maxLength": 300, "pattern": "\\S"],
                        "query": [
                            "anyOf": [["$ref": "#/components/schemas/StructuredQuestion"], ["type": "null"]]
                        ],
                    ],
                ]
            ),
            (
                "QuestionAnswer",
                [
                    "type": "object",
                    "properties": [
                        "question": text, "answer": text, "value": nullableNumber, "previousValue": nullableNumber,
                        "link": optionalText,
                        "understood": [
                            "type": "array",
                            "items": ["type": "object", "properties": ["name": text, "value": text]],
                        ],
                        "items": [
                            "type": "array",
                            "items": ["type": "object", "properties": ["title": text, "detail": text, "href": text]],
                        ],
                        "groups": [
                            "type": "array",
                            "items": [
                                "type": "object",
                                "properties": [
                                    "key": text, "label": text, "count": ["type": "integer"], "value": nullableNumber,
                                    "link": text,
                                ],
                            ],
                        ],
                        "suggestions": ["type": "array", "items": text],
                        "query": [
                            "anyOf": [["$ref": "#/components/schemas/StructuredQuestion"], ["type": "null"]]
                        ],
                        "readBy": ["type": "string", "enum": ["parser", "languageModel"]],
                    ],
                ]
            ),
            ("SavedReport", saved),
            ("SavedReportPage", ["type": "object", "properties": ["items": ["type": "array", "items": saved]]]),
            (
                "SavedReportInput",
                [
                    "type": "object", "additionalProperties": false, "required": ["name"],
                    "properties": [
                        "name": ["type": "string", "minLength": 1, "maxLength": 120, "pattern": "\\S"],
                        "period": optionalText, "compare": optionalText, "region": optionalText, "team": optionalText,
                        "rep": optionalText, "productCategory": optionalText, "source": optionalText,
                        "segment": optionalText,
                        "weeklyTo": [
                            "type": ["array", "null"], "maxItems": 20, "items": ["type": "string", "format": "uuid"],
                        ],
                    ],
                ]
            ),
        ]
    }
}
