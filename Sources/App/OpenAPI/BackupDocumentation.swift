/// The backup endpoints and their schemas in the OpenAPI document.
enum BackupDocumentation {
    static var operations: [APIOperation] {
        [
            APIOperation(
                method: "GET", path: "/api/v1/admin/backups",
                summary: "Backups this server took, newest first, and the daily schedule",
                tag: "Backups", access: .admin, responseSchema: "BackupPage"),
            APIOperation(
                method: "POST", path: "/api/v1/admin/backups",
                summary: "Back up the whole company now, in the background; 409 while another backup is under way",
                tag: "Backups", access: .admin, successStatus: 202, responseSchema: "Backup", extraStatuses: [409]),
            APIOperation(
                method: "GET", path: "/api/v1/admin/backups/schedule",
                summary: "The daily backup: on or off, hour in the company's time zone, folder, how many to keep",
                tag: "Backups", access: .admin, responseSchema: "BackupSchedule"),
            APIOperation(
                method: "PATCH", path: "/api/v1/admin/backups/schedule",
                summary: "Change the daily backup; the folder must be one the server can write to",
                tag: "Backups", access: .admin, requestSchema: "BackupSchedule", responseSchema: "BackupSchedule"),
            APIOperation(
                method: "GET", path: "/api/v1/admin/backups/{backupID}",
                summary: "One backup: state, progress in tables, size and record count",
                tag: "Backups", access: .admin, responseSchema: "Backup"),
            APIOperation(
                method: "GET", path: "/api/v1/admin/backups/{backupID}/file",
                summary:
                    "The backup file (ZIP) that `salespulse restore` reads; 409 while it is still being written, 404 once removed",
                tag: "Backups", access: .admin, responseMediaTypes: ["application/zip"], extraStatuses: [409]),
            APIOperation(
                method: "POST", path: "/api/v1/admin/backups/{backupID}/restore",
                summary:
                    "Replace everything the company holds with this backup, in one transaction; confirm must be RESTORE; every session ends",
                tag: "Backups", access: .admin, requestSchema: "RestoreRequest", responseSchema: "RestoreDone"),
            APIOperation(
                method: "POST", path: "/api/v1/admin/exports",
                summary:
                    "Export everything (a ZIP of CSV and JSON Lines files per record type, people, teams and the audit trail), in the background; follow and download it as a backup; 409 while a backup or export is under way",
                tag: "Backups", access: .admin, successStatus: 202, responseSchema: "Backup", extraStatuses: [409]),
        ]
    }

    static var schemas: [(String, JSONValue)] {
        let integer: JSONValue = ["type": "integer"], nullableInteger: JSONValue = ["type": ["integer", "null"]]
        let nullableTime: JSONValue = ["type": ["string", "null"], "format": "date-time"]
        return [
            (
                "Backup",
                [
                    "type": "object",
                    "properties": [
                        "id": APISchemas.uuid,
                        "kind": [
                            "type": "string", "enum": .array(BackupRuns.Kind.allCases.map { .string($0.rawValue) }),
                        ], "trigger": ["type": "string", "enum": ["scheduled", "manual"]],
                        "requestedBy": ["type": ["string", "null"], "format": "uuid"],
                        "state": [
                            "type": "string", "enum": .array(BackupRuns.State.allCases.map { .string($0.rawValue) }),
                        ],
                        "fileName": APISchemas.string, "sizeBytes": nullableInteger, "tablesTotal": nullableInteger,
                        "tablesDone": integer,
                        "percent": ["type": "integer", "minimum": 0, "maximum": 100], "rows": nullableInteger,
                        "error": ["type": ["string", "null"]],
                        "createdAt": ["type": "string", "format": "date-time"], "startedAt": nullableTime,
                        "finishedAt": nullableTime, "removedAt": nullableTime,
                        "downloadable": APISchemas.boolean,
                    ],
                ]
            ),
            (
                "BackupSchedule",
                [
                    "type": "object", "additionalProperties": false,
                    "properties": [
                        "enabled": APISchemas.nullable(APISchemas.boolean),
                        "hour": APISchemas.nullable(["type": "integer", "minimum": 0, "maximum": 23]),
                        "folder": APISchemas.nullable(["type": "string", "minLength": 1, "pattern": "^/"]),
                        "keep": APISchemas.nullable(["type": "integer", "minimum": 1, "maximum": 365]),
                        "timeZone": [
                            "type": "string", "readOnly": true,
                            "description": "the company's zone the hour is in; change it in the settings",
                        ],
                    ],
                ]
            ),
            (
                "RestoreRequest",
                [
                    "type": "object", "additionalProperties": false,
                    "properties": ["confirm": ["type": "string", "const": "RESTORE"]],
                ]
            ),
            (
                "RestoreDone",
                [
                    "type": "object",
                    "properties": [
                        "backup": APISchemas.uuid, "takenAt": ["type": "string", "format": "date-time"],
                        "tables": integer, "rows": integer,
                    ],
                ]
            ),
            (
                "BackupPage",
                [
                    "type": "object",
                    "properties": [
                        "items": ["type": "array", "items": ["$ref": "#/components/schemas/Backup"]],
                        "nextCursor": ["type": ["string", "null"]],
                        "schedule": ["$ref": "#/components/schemas/BackupSchedule"],
                    ],
                ]
            ),
        ]
    }
}
