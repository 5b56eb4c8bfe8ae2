/// The import endpoints and their schemas in the OpenAPI document.
enum ImportDocumentation {
    static var operations: [APIOperation] {
        [
            APIOperation(
                method: "GET", path: "/api/v1/imports", summary: "Your imports, newest first (admins: everyone's)",
                tag: "Imports", access: .signedIn, responseSchema: "ImportPage"),
            APIOperation(
                method: "POST", path: "/api/v1/imports",
                summary:
                    "Upload a CSV or XLSX file as the body, or name a spreadsheet link with ?url=; answers the guessed mapping and the first lines",
                tag: "Imports", access: .rowLevel, successStatus: 201, responseSchema: "Import",
                parameters: [
                    APISchemas.query(
                        "type", "what the file holds",
                        schema: ["type": "string", "enum": ["leads", "contacts", "accounts"]]),
                    APISchemas.query("fileName", "the file's name, for the import log"),
                    APISchemas.query("url", "a Google Sheets link or any http(s) CSV address, fetched by the server"),
                ], fileUpload: true),
            APIOperation(
                method: "GET", path: "/api/v1/imports/{importID}",
                summary:
                    "An import: mapping, check, progress and counts (created + updated + skipped + failed = lines read)",
                tag: "Imports", access: .signedIn, responseSchema: "Import"),
            APIOperation(
                method: "PATCH", path: "/api/v1/imports/{importID}",
                summary: "Change the mapping, sheet or choices before the import starts; the check is redone",
                tag: "Imports", access: .signedIn, requestSchema: "ImportChoices", responseSchema: "Import"),
            APIOperation(
                method: "POST", path: "/api/v1/imports/{importID}/check",
                summary: "Check every line (field rules and duplicates) without writing anything",
                tag: "Imports", access: .signedIn, responseSchema: "Import"),
            APIOperation(
                method: "POST", path: "/api/v1/imports/{importID}/start",
                summary: "Start the import in the background; follow it with GET",
                tag: "Imports", access: .signedIn, successStatus: 202, responseSchema: "Import"),
            APIOperation(
                method: "POST", path: "/api/v1/imports/{importID}/undo",
                summary:
                    "Delete what the import created and restore what it updated, in one transaction; 409 if any record changed since",
                tag: "Imports", access: .signedIn, responseSchema: "Import"),
            APIOperation(
                method: "POST", path: "/api/v1/merges/{mergeID}/undo",
                summary:
                    "Bring a merged record back with its links, and the kept record's fields; 409 if any changed since",
                tag: "Duplicates", access: .signedIn),
            APIOperation(
                method: "GET", path: "/api/v1/imports/{importID}/report",
                summary: "CSV of every skipped or failed line with its line number, reason and original values",
                tag: "Imports", access: .signedIn, responseMediaTypes: ["text/csv"]),
        ]
    }

    /// Likely pairs and merging, for the types imports write.
    static var mergeOperations: [APIOperation] {
        DuplicatePairs.types.flatMap { spec in
            [
                APIOperation(
                    method: "GET", path: "/api/v1/\(spec.path)/duplicates",
                    summary:
                        "Likely duplicate \(spec.label)s you may change: same email, phone or similar name at the same company",
                    tag: "Duplicates", access: .rowLevel),
                APIOperation(
                    method: "POST", path: "/api/v1/\(spec.path)/{id}/merge",
                    summary:
                        "Merge another \(spec.label) into this one: empty fields filled, its links moved, it removed",
                    tag: "Duplicates", access: .rowLevel, requestSchema: "Merge"),
            ]
        }
    }

    static var schemas: [(String, JSONValue)] {
        let integer: JSONValue = ["type": "integer"], nullableInteger: JSONValue = ["type": ["integer", "null"]]
        let nullableString: JSONValue = ["type": ["string", "null"]]
        let options: JSONValue = [
            "type": "object",
            "properties": [
                "onDuplicate": ["type": "string", "enum": ["skip", "update", "create"]],
                "updateMode": ["type": "string", "enum": ["fillEmpty", "overwrite"]],
                "defaultOwnerId": ["type": ["string", "null"], "format": "uuid"], "defaultSource": nullableString,
                "defaultCountryCode": ["type": ["string", "null"], "pattern": "^\\+?[0-9]{1,3}$"],
                "emailProviderRules": APISchemas.boolean,
            ],
        ]
        return [
            (
                "Import",
                [
                    "type": "object",
                    "properties": [
                        "id": APISchemas.uuid, "type": APISchemas.string, "fileName": APISchemas.string,
                        "fileSize": integer, "format": ["type": "string", "enum": ["csv", "xlsx"]],
                        "sheet": nullableString,
                        "state": ["type": "string", "enum": .array(ImportState.allCases.map { .string($0.rawValue) })],
                        "stateText": APISchemas.string,
                        "columns": [
                            "type": "array",
                            "items": [
                                "type": "object",
                                "properties": [
                                    "position": integer, "header": APISchemas.string, "field": nullableString,
                                ],
                            ],
                        ],
                        "fields": ["type": "array", "items": APISchemas.string], "options": options,
                        "totalRows": nullableInteger, "processedRows": integer,
                        "counts": [
                            "type": "object",
                            "properties": [
                                "created": integer, "updated": integer, "skipped": integer, "failed": integer,
                            ],
                        ],
                        "check": [
                            "type": ["object", "null"],
                            "properties": [
                                "rows": integer, "valid": integer, "invalid": integer, "duplicatesOfRecords": integer,
                                "duplicatesInFile": integer,
                                "problems": [
                                    "type": "array",
                                    "items": [
                                        "type": "object",
                                        "properties": [
                                            "line": integer, "field": nullableString, "message": APISchemas.string,
                                        ],
                                    ],
                                ],
                                "duplicates": [
                                    "type": "array",
                                    "items": [
                                        "type": "object",
                                        "properties": [
                                            "line": integer, "reason": APISchemas.string, "score": ["type": "number"],
                                            "recordId": ["type": ["string", "null"], "format": "uuid"],
                                            "matchedLine": nullableInteger, "matchedName": APISchemas.string,
                                        ],
                                    ],
                                ],
                            ],
                        ],
                        "error": nullableString, "createdAt": APISchemas.dateTime,
                        "startedAt": APISchemas.nullable(APISchemas.dateTime),
                        "finishedAt": APISchemas.nullable(APISchemas.dateTime),
                        "undoneAt": APISchemas.nullable(APISchemas.dateTime),
                        "preview": [
                            "type": ["array", "null"], "items": ["type": "array", "items": APISchemas.string],
                        ],
                    ],
                ]
            ),
            ("Merge", APISchemas.object(["otherId": APISchemas.uuid], required: ["otherId"])),
            (
                "ImportPage",
                ["type": "object", "properties": ["items": ["type": "array", "items": APISchemas.ref("Import")]]]
            ),
            (
                "ImportChoices",
                [
                    "type": "object", "additionalProperties": false,
                    "properties": [
                        "mapping": [
                            "oneOf": [
                                ["type": "array", "items": nullableString],
                                ["type": "object", "additionalProperties": nullableString],
                            ]
                        ],
                        "sheet": APISchemas.string,
                        "onDuplicate": ["type": "string", "enum": ["skip", "update", "create"]],
                        "updateMode": ["type": "string", "enum": ["fillEmpty", "overwrite"]],
                        "defaultOwnerId": ["type": ["string", "null"], "format": "uuid"],
                        "defaultSource": nullableString,
                        "defaultCountryCode": nullableString, "emailProviderRules": APISchemas.boolean,
                    ],
                ]
            ),
        ]
    }
}
