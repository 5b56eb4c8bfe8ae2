import SalesPulseCore

/// The lead-form endpoints and their schemas in the OpenAPI document.
enum IntakeDocumentation {
    static var operations: [APIOperation] {
        [
            APIOperation(
                method: "GET", path: "/api/v1/admin/intake/forms",
                summary:
                    "Lead forms for landing pages and channel webhooks (Telegram, WhatsApp, call tracking, Facebook and Instagram lead ads, any service posting JSON), with the address each takes deliveries at, a form's snippet and a channel's secret",
                tag: "Lead forms", access: .admin, responseSchema: "IntakeFormPage"),
            APIOperation(
                method: "POST", path: "/api/v1/admin/intake/forms",
                summary:
                    "Create a lead form: its lead source, who gets its leads, the sites that may post it from scripts",
                tag: "Lead forms", access: .admin, requestSchema: "NewIntakeForm", successStatus: 201,
                responseSchema: "IntakeForm"),
            APIOperation(
                method: "PATCH", path: "/api/v1/admin/intake/forms/{formID}", summary: "Pause or resume a lead form",
                tag: "Lead forms", access: .admin, requestSchema: "IntakeFormState", responseSchema: "IntakeForm"),
            APIOperation(
                method: "GET", path: "/api/v1/admin/intake/log",
                summary:
                    "What the lead forms received lately, newest first: the lead created or matched, or why it was refused",
                tag: "Lead forms", access: .admin, responseSchema: "IntakeLogPage",
                parameters: [APISchemas.query("form", "only this form's", schema: APISchemas.uuid)]),
            APIOperation(
                method: "POST", path: "/api/v1/admin/intake/log/{entryID}/replay",
                summary:
                    "Send a kept delivery (one that could not be read or whose lead ads could not be fetched) through its channel again, once",
                tag: "Lead forms", access: .admin, responseSchema: "IntakeReplayResult"),
        ]
    }

    static var schemas: [(String, JSONValue)] {
        let count: JSONValue = ["type": "integer", "minimum": 0]
        let sources: JSONValue = [
            "type": "string",
            "enum": .array(LeadSource.allCases.filter { $0 != .importFile }.map { .string($0.rawValue) }),
        ]
        let nullableUUID: JSONValue = ["type": ["string", "null"], "format": "uuid"]
        let channels: JSONValue = [
            "type": "string", "enum": .array(IntakeForms.Channel.allCases.map { .string($0.rawValue) }),
        ]
        let route: JSONValue = [
            "type": "object",
            "properties": [
                "when": ["type": "string", "enum": .array(LeadRoute.Detail.allCases.map { .string($0.rawValue) })],
                "contains": ["type": "string", "maxLength": 100],
                "assignTo": ["type": "string", "description": "a person's id, roundRobin or leastLoaded"],
                "team": nullableUUID,
            ],
        ]
        let mapping: JSONValue = [
            "type": "string",
            "description":
                "one `detail = path` per line; details: name, first_name, last_name, email, phone, company, message, sender",
        ]
        return [
            (
                "IntakeForm",
                [
                    "type": "object",
                    "properties": [
                        "id": APISchemas.uuid, "channel": channels,
                        "secret": ["type": ["string", "null"]], "verifyToken": ["type": ["string", "null"]],
                        "mapping": ["type": ["string", "null"], "description": "another service's field mapping"],
                        "name": APISchemas.string, "source": sources,
                        "assignTo": ["type": "string", "description": "a person's id, roundRobin or leastLoaded"],
                        "team": nullableUUID,
                        "routes": ["type": "array", "items": route],
                        "fallbackOwnerId": nullableUUID, "origins": ["type": "array", "items": APISchemas.string],
                        "thankYouUrl": ["type": ["string", "null"]], "active": APISchemas.boolean, "received": count,
                        "refused": count,
                        "address": APISchemas.string, "snippet": APISchemas.string,
                        "createdAt": ["type": "string", "format": "date-time"],
                    ],
                ]
            ),
            (
                "IntakeFormPage",
                [
                    "type": "object",
                    "properties": ["items": ["type": "array", "items": ["$ref": "#/components/schemas/IntakeForm"]]],
                ]
            ),
            (
                "NewIntakeForm",
                [
                    "type": "object", "additionalProperties": false, "required": ["name", "source", "assignTo"],
                    "properties": [
                        "channel": channels, "appSecret": APISchemas.string, "accessToken": APISchemas.string,
                        "mapping": mapping,
                        "name": ["type": "string", "minLength": 1, "maxLength": 120], "source": sources,
                        "assignTo": ["type": "string", "description": "a person's id, roundRobin or leastLoaded"],
                        "team": APISchemas.uuid,
                        "fallbackOwnerId": APISchemas.uuid,
                        "origins": ["type": "array", "items": ["type": "string", "format": "uri"]],
                        "thankYouUrl": ["type": "string", "format": "uri"],
                        "routes": ["type": "array", "maxItems": 10, "items": route],
                    ],
                ]
            ),
            (
                "IntakeFormState",
                [
                    "type": "object", "additionalProperties": false, "required": ["active"],
                    "properties": ["active": APISchemas.boolean],
                ]
            ),
            (
                "IntakeLogPage",
                [
                    "type": "object",
                    "properties": [
                        "items": [
                            "type": "array",
                            "items": [
                                "type": "object",
                                "properties": [
                                    "id": APISchemas.uuid, "formId": APISchemas.uuid,
                                    "receivedAt": ["type": "string", "format": "date-time"],
                                    "outcome": ["type": "string", "enum": ["created", "matched", "refused"]],
                                    "reason": ["type": ["string", "null"]], "leadId": nullableUUID,
                                    "canReplay": APISchemas.boolean,
                                    "replayedAt": ["type": ["string", "null"], "format": "date-time"],
                                ],
                            ],
                        ]
                    ],
                ]
            ),
            (
                "IntakeReplayResult",
                [
                    "type": "object",
                    "properties": [
                        "received": [
                            "type": "array", "items": ["type": "string", "enum": ["created", "matched", "refused"]],
                        ]
                    ],
                ]
            ),
        ]
    }
}
