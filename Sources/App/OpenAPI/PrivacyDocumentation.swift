/// The personal-data endpoints and their schemas in the OpenAPI document.
enum PrivacyDocumentation {
    static var operations: [APIOperation] {
        let who = [
            APISchemas.query("email", "the person's email address (or give phone)"),
            APISchemas.query("phone", "the person's phone number (or give email)"),
        ]
        return [
            APIOperation(
                method: "GET", path: "/api/v1/admin/privacy/people",
                summary:
                    "Find a person by email or phone: their leads and contacts, what is linked to them and where else they are mentioned",
                tag: "Personal data", access: .privacy, responseSchema: "PersonFound", parameters: who),
            APIOperation(
                method: "GET", path: "/api/v1/admin/privacy/export",
                summary:
                    "Everything held about a person for their access request: JSON, or a PDF summary; written to their records' history",
                tag: "Personal data", access: .privacy,
                parameters: who + [
                    APISchemas.query(
                        "format", "json (default) or pdf", schema: ["type": "string", "enum": ["json", "pdf"]])
                ],
                responseMediaTypes: ["application/json", "application/pdf"]),
            APIOperation(
                method: "POST", path: "/api/v1/admin/privacy/erase",
                summary:
                    "Erase a person everywhere in one transaction, keeping amounts, stages and dates; confirm must be ERASE",
                tag: "Personal data", access: .privacy, requestSchema: "ErasureRequest", responseSchema: "ErasureDone"),
            APIOperation(
                method: "GET", path: "/api/v1/admin/privacy/settings",
                summary:
                    "Who besides admins answers personal-data requests, and after how many months lost leads lose their personal data",
                tag: "Personal data", access: .admin, responseSchema: "PrivacySettings"),
            APIOperation(
                method: "PATCH", path: "/api/v1/admin/privacy/settings", summary: "Change the personal-data rules",
                tag: "Personal data", access: .admin, requestSchema: "PrivacySettings",
                responseSchema: "PrivacySettings"),
        ]
    }

    static var schemas: [(String, JSONValue)] {
        let count: JSONValue = ["type": "integer", "minimum": 0]
        return [
            (
                "PersonFound",
                [
                    "type": "object",
                    "properties": [
                        "about": APISchemas.string,
                        "records": [
                            "type": "array",
                            "items": [
                                "type": "object",
                                "properties": [
                                    "kind": ["type": "string", "enum": ["lead", "contact"]], "id": APISchemas.uuid,
                                    "name": APISchemas.string,
                                    "email": ["type": ["string", "null"]],
                                    "phones": ["type": "array", "items": APISchemas.string],
                                ],
                            ],
                        ],
                        "linked": ["type": "object", "additionalProperties": count],
                        "mentionedElsewhere": [
                            "type": "array",
                            "items": ["type": "object", "properties": ["place": APISchemas.string, "rows": count]],
                        ],
                    ],
                ]
            ),
            (
                "ErasureRequest",
                [
                    "type": "object", "additionalProperties": false,
                    "properties": [
                        "email": APISchemas.string, "phone": APISchemas.string,
                        "confirm": ["type": "string", "const": "ERASE"],
                    ],
                ]
            ),
            (
                "ErasureDone",
                [
                    "type": "object",
                    "properties": [
                        "about": APISchemas.string, "leads": count, "contacts": count, "mentions": count,
                        "files": count,
                    ],
                ]
            ),
            (
                "PrivacySettings",
                [
                    "type": "object", "additionalProperties": false,
                    "properties": [
                        "roles": APISchemas.nullable([
                            "type": "array", "items": ["type": "string", "enum": ["manager", "rep", "viewer"]],
                        ]),
                        "retentionMonths": ["type": ["integer", "null"], "minimum": 1, "maximum": 240],
                    ],
                ]
            ),
        ]
    }
}
