import SalesPulseCore

/// OpenAPI operations and schemas for the CRM record types, generated from their specs so the
/// document cannot drift from what the API accepts.
enum RecordDocumentation {
    static var operations: [APIOperation] {
        RecordCatalog.all.flatMap(operations(for:)) + actionOperations
    }

    static func operations(for spec: RecordSpec) -> [APIOperation] {
        let base = "/api/v1/\(spec.path)", one = "\(base)/{id}", name = spec.schemaName, tag = name
        let access: APIOperation.Access =
            switch spec.policy {
            case .referenceData: .referenceData
            case .fieldDefinition: .fieldDefinition
            default: .rowLevel
            }
        let export: [APIOperation] =
            spec.policy != .businessRecord
            ? []
            : [
                APIOperation(
                    method: "GET", path: "\(base)/export",
                    summary:
                        "Every \(spec.label) the list would give, with its filters, search and sort, as CSV or XLSX (needs the export grant)",
                    tag: tag, access: access,
                    parameters: listParameters(spec) + [
                        query("format", "csv (default) or xlsx", schema: ["type": "string", "enum": ["csv", "xlsx"]])
                    ],
                    responseMediaTypes: ["text/csv", APIOperation.xlsxMediaType])
            ]
        return export + [
            APIOperation(
                method: "GET", path: base, summary: "List \(spec.label)s you may see", tag: tag, access: access,
                responseSchema: "\(name)Page", parameters: listParameters(spec)),
            APIOperation(
                method: "POST", path: base, summary: "Create a \(spec.label)", tag: tag, access: access,
                requestSchema: "\(name)New", successStatus: 201, responseSchema: name),
            APIOperation(
                method: "GET", path: one, summary: "One \(spec.label)", tag: tag, access: access, responseSchema: name),
            APIOperation(
                method: "PATCH", path: one, summary: "Change fields of a \(spec.label) (null clears one)", tag: tag,
                access: access,
                requestSchema: "\(name)Input", responseSchema: name),
            APIOperation(
                method: "DELETE", path: one, summary: "Delete a \(spec.label)", tag: tag, access: access,
                successStatus: 204,
                parameters: [
                    query("cascade", "admins only: true also deletes what belongs to it", schema: APISchemas.flag)
                ]),
            APIOperation(
                method: "GET", path: "\(one)/history", summary: "Audit history of a \(spec.label), newest first",
                tag: tag,
                access: access, responseSchema: "AuditPage"),
        ]
    }

    static let actionOperations: [APIOperation] = [
        APIOperation(
            method: "POST", path: "/api/v1/leads/{id}/convert",
            summary: "Convert a lead: link or create account and contact, optionally an opportunity",
            tag: "Lead", access: .rowLevel, requestSchema: "LeadConversion", responseSchema: "LeadConversionResult"),
        APIOperation(
            method: "POST", path: "/api/v1/leads/{id}/snooze", summary: "Hide a lead from active views until a time",
            tag: "Lead", access: .rowLevel, requestSchema: "Snooze", responseSchema: "Lead"),
        APIOperation(
            method: "POST", path: "/api/v1/leads/{id}/follow-up", summary: "Schedule a follow-up with a note",
            tag: "Lead", access: .rowLevel, requestSchema: "FollowUp", responseSchema: "Lead"),
        APIOperation(
            method: "POST", path: "/api/v1/tasks/{id}/complete", summary: "Mark a task done",
            tag: "Task", access: .rowLevel, responseSchema: "Task"),
        APIOperation(
            method: "GET", path: "/api/v1/agents/performance",
            summary: "S4: each agent's monthly score, level, progress and HIT/MISS risk, HIGH first",
            tag: "Performance", access: .rowLevel, responseSchema: "AgentPerformancePage",
            parameters: [
                query(
                    "month", "YYYY-MM; default this month",
                    schema: ["type": "string", "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])$"])
            ]),
        APIOperation(
            method: "GET", path: "/api/v1/models", summary: "Every trained model version with its metrics",
            tag: "Models", access: .models, responseSchema: "ModelPage"),
        APIOperation(
            method: "POST", path: "/api/v1/models/{kind}/train",
            summary: "Train a new version (lead_score, win_probability, agent_target) and activate it",
            tag: "Models", access: .models, successStatus: 201, responseSchema: "Model"),
        APIOperation(
            method: "POST", path: "/api/v1/models/{kind}/versions/{version}/activate",
            summary: "Make an earlier (or later) version the active one",
            tag: "Models", access: .models, responseSchema: "ModelPage"),
        APIOperation(
            method: "GET", path: "/api/v1/audit", summary: "Search every recorded change, newest first",
            tag: "Audit", access: .admin, responseSchema: "AuditPage",
            parameters: [
                query("resource"), query("recordId"), query("actorId"), query("action"), query("from"), query("to"),
                query("limit"), query("cursor"),
            ]),
    ]

    static var schemas: [(String, JSONValue)] {
        var result: [(String, JSONValue)] = []
        for spec in RecordCatalog.all {
            var output: [(String, JSONValue)] = [
                ("id", APISchemas.uuid), ("createdAt", APISchemas.dateTime), ("updatedAt", APISchemas.dateTime),
            ]
            var input: [(String, JSONValue)] = []
            for field in spec.fields {
                output.append((field.name, APISchemas.nullable(schema(field.kind))))
                if field.writable { input.append((field.name, inputSchema(field))) }
            }
            result.append(
                (spec.schemaName, object(output, required: ["id"] + spec.fields.filter(\.required).map(\.name))))
            result.append((spec.schemaName + "Input", object(input, required: [])))
            // Creating needs the required fields that have no default (the owner defaults to you).
            let needed = spec.fields.filter {
                $0.required && $0.writable && $0.defaultValue.isNull && $0.name != spec.ownerField
            }.map(\.name)
            result.append((spec.schemaName + "New", object(input, required: needed)))
            result.append((spec.schemaName + "Page", APISchemas.page(of: spec.schemaName)))
        }
        result += [
            (
                "AuditEntry",
                object(
                    [
                        ("id", APISchemas.uuid), ("resource", APISchemas.string), ("recordId", APISchemas.uuid),
                        ("action", APISchemas.string),
                        ("actorId", APISchemas.uuid), ("at", APISchemas.dateTime),
                        (
                            "changes",
                            [
                                "type": "array",
                                "items": [
                                    "type": "object",
                                    "properties": ["field": APISchemas.string, "old": [:], "new": [:]],
                                ],
                            ]
                        ),
                    ], required: ["id", "resource", "recordId", "action", "actorId", "at", "changes"])
            ),
            ("AuditPage", APISchemas.page(of: "AuditEntry")),
            (
                "LeadConversion",
                object(
                    [
                        ("accountId", APISchemas.uuid), ("account", ref("AccountInput")),
                        ("contactId", APISchemas.uuid),
                        ("contact", ref("ContactInput")), ("opportunity", ref("OpportunityInput")),
                    ], required: [])
            ),
            (
                "LeadConversionResult",
                object(
                    [
                        ("lead", ref("Lead")), ("account", ref("Account")), ("contact", ref("Contact")),
                        ("opportunity", ["oneOf": [ref("Opportunity"), ["type": "null"]]]),
                    ], required: ["lead", "account", "contact", "opportunity"])
            ),
            ("Snooze", object([("until", APISchemas.dateTime)], required: ["until"])),
            (
                "Model",
                [
                    "type": "object",
                    "properties": [
                        "id": APISchemas.uuid, "kind": APISchemas.string, "version": ["type": "integer"],
                        "algorithm": APISchemas.string,
                        "features": ["type": "array", "items": APISchemas.string], "metrics": ["type": "object"],
                        "trainSeconds": ["type": "number"],
                        "trainRows": ["type": "integer"], "testRows": ["type": "integer"],
                        "trainedAt": APISchemas.dateTime, "isActive": APISchemas.boolean,
                    ],
                ]
            ),
            ("ModelPage", APISchemas.page(of: "Model")),
            (
                "AgentPerformance",
                [
                    "type": "object",
                    "properties": [
                        "agentId": APISchemas.uuid, "name": APISchemas.string, "score": ["type": "number"],
                        "level": APISchemas.string,
                        "progress": ["type": "number"], "prediction": ["type": ["string", "null"]],
                        "missProbability": ["type": ["number", "null"]],
                        "risk": ["type": ["string", "null"], "description": "HIGH, MEDIUM or LOW"],
                        "factors": ["type": "array"],
                    ],
                ]
            ),
            (
                "AgentPerformancePage",
                object(
                    [
                        ("month", APISchemas.string), ("modelVersion", ["type": ["integer", "null"]]),
                        ("items", ["type": "array", "items": ref("AgentPerformance")]),
                    ], required: ["month", "items"])
            ),
            (
                "FollowUp",
                object(
                    [("at", APISchemas.dateTime), ("note", APISchemas.nullable(APISchemas.string))], required: ["at"])
            ),
        ]
        return result
    }

    /// What a client may send for a field: null or blank text leaves an optional one (or one
    /// the system fills when empty) empty; a required one takes a value, and required text at
    /// least one character.
    private static func inputSchema(_ field: FieldSpec) -> JSONValue {
        let value = schema(field.kind)
        guard field.required && field.whenEmpty == nil else {
            return ["anyOf": .array([value] + (isText(field.kind) ? [blank] : []) + [["type": "null"]])]
        }
        if case .text(let max) = field.kind {
            return ["type": "string", "minLength": 1, "maxLength": .int(max), "pattern": "\\S"]
        }
        return value
    }

    /// Text that is empty once trimmed: the API reads it as no value.
    private static let blank: JSONValue = ["type": "string", "pattern": "^\\s*$"]

    private static func isText(_ kind: FieldKind) -> Bool {
        switch kind {
        case .text, .email, .phone, .url, .day, .instant, .choice, .reference: true
        case .integer, .money, .percent, .bool, .coordinate, .json: false
        }
    }

    static func schema(_ kind: FieldKind) -> JSONValue {
        switch kind {
        case .text(let max): ["type": "string", "maxLength": .int(max)]
        case .email: APISchemas.email
        case .phone:
            [
                "type": "string", "maxLength": 40,
                "description": "7 to 15 digits, with an optional + and any spaces, dashes, dots or brackets",
            ]
        case .url:
            [
                "type": "string", "maxLength": 500,
                "description": "a web address; https:// is added when it has no scheme",
            ]
        case .integer(let range):
            ["type": "integer", "minimum": .int(Int(range.lowerBound)), "maximum": .int(Int(range.upperBound))]
        case .money: APISchemas.money
        case .percent: ["type": "integer", "minimum": 0, "maximum": 100]
        case .day: ["type": "string", "format": "date"]
        case .instant: APISchemas.dateTime
        case .bool: APISchemas.boolean
        case .choice(let options): ["type": "string", "enum": .array(options.map { .string($0) })]
        case .reference: APISchemas.uuid
        case .coordinate: ["type": "number"]
        case .json: ["type": "object"]
        }
    }

    private static func listParameters(_ spec: RecordSpec) -> [JSONValue] {
        let sortable = ["createdAt", "updatedAt"] + spec.fields.filter(\.sortable).map(\.name)
        var parameters: [JSONValue] = [
            query("q", "prefix search over \(spec.search.map(\.column).joined(separator: ", "))"),
            query(
                "sort", "a field, prefix - for descending",
                schema: ["type": "string", "enum": .array((sortable + sortable.map { "-" + $0 }).map { .string($0) })]),
            APISchemas.limit,
            query("cursor", "nextCursor of the previous page"),
            query("team", "only rows owned by members of this team", schema: APISchemas.uuid),
            query("createdFrom", schema: APISchemas.dateTime), query("createdTo", schema: APISchemas.dateTime),
        ]
        for field in spec.fields where field.filterable {
            if case .reference = field.kind, !field.required {
                parameters.append(
                    query(
                        field.name,
                        "equals (comma-separated for any of several), or \(RecordListQuery.noneValue) for rows with none",
                        schema: [
                            "anyOf": [
                                filterSchema(field.kind),
                                ["type": "string", "enum": [.string(RecordListQuery.noneValue)]],
                            ]
                        ]))
            } else {
                parameters.append(
                    query(field.name, "equals (comma-separated for any of several)", schema: filterSchema(field.kind)))
            }
            if field.isRange {
                parameters += [
                    query(field.name + "From", "at least", schema: filterSchema(field.kind)),
                    query(field.name + "To", "at most", schema: filterSchema(field.kind)),
                ]
            }
        }
        if spec.field("snoozedUntil") != nil {
            parameters.append(query("snoozed", "true to include snoozed rows", schema: APISchemas.flag))
        }
        if spec.path == "opportunities" {
            parameters.append(
                query(
                    "stalled",
                    "true for open deals with no change and no activity for \(KPIQueries.stalledAfterDays) days",
                    schema: APISchemas.flag))
        }
        for related in FactFilters.related(for: spec.path) {
            parameters.append(
                query(
                    related.name, related.description,
                    schema: related.choices.map { schema(.choice($0)) } ?? APISchemas.uuid))
        }
        return parameters
    }

    /// A filter's value as the query string carries it: one value of the field's kind.
    private static func filterSchema(_ kind: FieldKind) -> JSONValue {
        switch kind {
        case .json: APISchemas.string
        case .bool: APISchemas.boolean
        default: schema(kind)
        }
    }

    private static func query(
        _ name: String, _ description: String = "", schema: JSONValue = APISchemas.string
    ) -> JSONValue {
        APISchemas.query(name, description, schema: schema)
    }

    private static func ref(_ name: String) -> JSONValue { ["$ref": .string("#/components/schemas/\(name)")] }

    private static func object(_ properties: [(String, JSONValue)], required: [String]) -> JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("type", "object"), ("additionalProperties", false), ("properties", .object(properties)),
        ]
        if !required.isEmpty { pairs.append(("required", .array(required.map { .string($0) }))) }
        return .object(pairs)
    }
}
