import SalesPulseCore
/// JSON Schemas of the request and response bodies named by `APIDocumentation`.
enum APISchemas {
    static let all: [(String, JSONValue)] = [
        (
            "Error",
            object(
                [
                    "error": object(
                        [
                            "code": string, "message": string, "field": string,
                        ], required: ["code", "message"])
                ], required: ["error"])
        ),
        (
            "CreateToken",
            object(["email": email, "password": string, "name": string], required: ["email", "password", "name"])
        ),
        (
            "TokenCreated",
            object(["id": uuid, "token": string, "name": string, "createdAt": dateTime], required: ["id", "token"])
        ),
        (
            "Token",
            object([
                "id": uuid, "name": string, "prefix": string, "createdAt": dateTime, "lastUsedAt": nullable(dateTime),
            ])
        ),
        ("TokenPage", page(of: "Token")),
        (
            "User",
            object(
                [
                    "id": uuid, "email": email, "name": string, "role": role, "teamId": nullable(uuid),
                    "managerId": nullable(uuid),
                    "isActive": boolean, "awayUntil": nullable(["type": "string", "format": "date"]),
                    "monthlyTarget": money, "createdAt": dateTime,
                    "lastLoginAt": nullable(dateTime),
                ], required: ["id", "email", "name", "role", "isActive", "monthlyTarget"])
        ),
        ("UserPage", page(of: "User")),
        (
            "CreateUser",
            object(
                [
                    "email": email, "name": string, "password": password, "role": role,
                    "teamId": nullable(uuid), "managerId": nullable(uuid), "monthlyTarget": money,
                ], required: ["email", "password", "role"])
        ),
        (
            "UpdateUser",
            object([
                "email": email, "name": string, "password": password, "role": role,
                "teamId": nullable(uuid), "managerId": nullable(uuid), "monthlyTarget": money, "isActive": boolean,
                "awayUntil": nullable([
                    "type": "string", "format": "date", "description": "the last day of leave; null when back",
                ]),
            ])
        ),
        (
            "Team",
            object(
                ["id": uuid, "name": string, "region": nullable(string), "leadId": nullable(uuid)],
                required: ["id", "name"])
        ),
        ("TeamPage", page(of: "Team")),
        ("TeamInput", object(["name": string, "region": nullable(string), "leadId": nullable(uuid)])),
        // Settings, like the backup schedule and the privacy rules, change only what is given: null leaves a setting as it is.
        (
            "Settings",
            object([
                "exportRoles": nullable([
                    "type": "array", "items": ["type": "string", "enum": ["admin", "manager", "rep", "viewer"]],
                ]),
                "timeZone": nullable(["type": "string", "description": "IANA time zone, e.g. Europe/Berlin"]),
                "approvalAmount": nullable([
                    "type": "number", "minimum": 0,
                    "description":
                        "Deals above this amount need a manager's approval before a rep wins them; null or 0 for none",
                ]),
                "teacherClash": nullable([
                    "type": "string", "enum": ["refuse", "warn"],
                    "description": "Whether a teacher booked in two groups at the same time is refused, or allowed",
                ]),
                "travel": nullable([
                    "type": "object",
                    "description":
                        "Road factor (1 to 3) and average speed (1 to 200 km/h) per travel mode; a mode left out or null keeps its figures",
                    "properties": .object(
                        ["car", "walking", "publicTransport"].map { mode in
                            (
                                mode,
                                [
                                    "type": ["object", "null"],
                                    "required": ["roadFactor", "speedKmh"],
                                    "properties": [
                                        "roadFactor": ["type": "number", "minimum": 1, "maximum": 3],
                                        "speedKmh": ["type": "number", "minimum": 1, "maximum": 200],
                                    ],
                                ]
                            )
                        }),
                ]),
                "schoolSteps": nullable([
                    "type": "object", "additionalProperties": false,
                    "description": "The lead status each education step moves a lead to (only forward); none leaves it",
                    "properties": .object(
                        SchoolSteps.Step.allCases.map {
                            (
                                $0.rawValue,
                                nullable(["type": "string", "enum": ["none", "new", "contacted", "qualified"]])
                            )
                        }),
                ]),
            ])
        ),
        ("Person", object(["id": uuid, "name": string], required: ["id", "name"])),
        (
            "Approval",
            object(
                [
                    "id": uuid, "opportunityId": uuid, "amount": money,
                    "state": ["type": "string", "enum": ["pending", "approved", "rejected"]],
                    "requestedBy": ref("Person"), "requestedAt": dateTime, "note": nullable(string),
                    "decidedBy": ["oneOf": [ref("Person"), ["type": "null"]]], "decidedAt": nullable(dateTime),
                    "decisionNote": nullable(string),
                ], required: ["id", "opportunityId", "amount", "state", "requestedBy", "requestedAt"])
        ),
        (
            "ApprovalList",
            object(
                [
                    "approvalAmount": nullable(money), "needsApproval": boolean,
                    "items": ["type": "array", "items": ref("Approval")],
                ],
                required: ["needsApproval", "items"])
        ),
        ("ApprovalRequest", object(["note": ["type": "string", "maxLength": 1000]])),
        (
            "ApprovalDecision",
            object(
                [
                    "decision": ["type": "string", "enum": ["approved", "rejected"]],
                    "note": ["type": "string", "maxLength": 1000],
                ],
                required: ["decision"])
        ),
    ]

    static let string: JSONValue = ["type": "string"]
    static let boolean: JSONValue = ["type": "boolean"]
    /// A yes/no query parameter as forms and clients send it (`QueryFlag`).
    static let flag: JSONValue = ["type": "string", "enum": .array(QueryFlag.words.map { .string($0) })]
    static let uuid: JSONValue = ["type": "string", "format": "uuid"]
    static let email: JSONValue = ["type": "string", "format": "email"]
    static let dateTime: JSONValue = ["type": "string", "format": "date-time"]
    static let money: JSONValue = ["type": "number", "minimum": 0]
    static let password: JSONValue = ["type": "string", "minLength": 10, "writeOnly": true]
    static let role: JSONValue = ["type": "string", "enum": ["admin", "manager", "rep", "viewer"]]

    static func ref(_ name: String) -> JSONValue { ["$ref": .string("#/components/schemas/\(name)")] }

    /// A query parameter. Every one may be sent empty, which means "not given".
    static func query(_ name: String, _ description: String = "", schema: JSONValue = string) -> JSONValue {
        [
            "name": .string(name), "in": "query", "description": .string(description), "allowEmptyValue": true,
            "schema": schema,
        ]
    }

    /// The page size every list takes.
    static let limit = query(
        "limit", "rows per page", schema: ["type": "integer", "minimum": 1, "maximum": 500, "default": 50])

    static let day: JSONValue = ["type": "string", "format": "date"]

    /// The schema, or null (a choice lists null among its values too).
    static func nullable(_ schema: JSONValue) -> JSONValue {
        guard case .string(let type) = schema["type"] ?? "" else { return schema }
        guard case .object(var pairs) = schema else { return schema }
        pairs.removeAll { $0.0 == "type" }
        pairs = pairs.map { key, value in
            guard key == "enum", case .array(let values) = value else { return (key, value) }
            return (key, .array(values + [.null]))
        }
        return .object([("type", [.string(type), "null"])] + pairs)
    }

    static func object(_ properties: KeyValuePairs<String, JSONValue>, required: [String] = []) -> JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("type", "object"),
            ("additionalProperties", false),
            ("properties", .object(properties.map { ($0.key, $0.value) })),
        ]
        if !required.isEmpty { pairs.append(("required", .array(required.map { .string($0) }))) }
        return .object(pairs)
    }

    static func page(of item: String) -> JSONValue {
        object(
            [
                "items": ["type": "array", "items": ["$ref": .string("#/components/schemas/\(item)")]],
                "nextCursor": nullable(string),
            ], required: ["items"])
    }
}
