/// The OpenAPI 3.1 description of /api/v1. Every route registered under /api/v1 must appear
/// here; a test walks the router to keep it so.
enum APIDocumentation {
    static let operations: [APIOperation] = [
        APIOperation(
            method: "POST", path: "/api/v1/auth/tokens",
            summary: "Exchange email and password for a personal API token (shown once)",
            tag: "Auth", access: .publicAccess, requestSchema: "CreateToken", successStatus: 201,
            responseSchema: "TokenCreated",
            extraStatuses: [401, 429]),
        APIOperation(
            method: "GET", path: "/api/v1/auth/tokens", summary: "List my active tokens",
            tag: "Auth", access: .signedIn, responseSchema: "TokenPage"),
        APIOperation(
            method: "DELETE", path: "/api/v1/auth/tokens/{tokenID}", summary: "Revoke a token of mine (admins: any)",
            tag: "Auth", access: .signedIn, successStatus: 204),
        APIOperation(
            method: "GET", path: "/api/v1/me", summary: "The signed-in user",
            tag: "Users", access: .signedIn, responseSchema: "User"),
        APIOperation(
            method: "GET", path: "/api/v1/users", summary: "List users",
            tag: "Users", access: .adminOrManager, responseSchema: "UserPage",
            parameters: listParameters + [
                query("role", "admin, manager, rep or viewer"), query("teamId", "team id"),
                query("active", "true or false"),
            ]),
        APIOperation(
            method: "POST", path: "/api/v1/users", summary: "Create a user",
            tag: "Users", access: .admin, requestSchema: "CreateUser", successStatus: 201, responseSchema: "User"),
        APIOperation(
            method: "GET", path: "/api/v1/users/{userID}", summary: "One user",
            tag: "Users", access: .adminOrManager, responseSchema: "User"),
        APIOperation(
            method: "PATCH", path: "/api/v1/users/{userID}", summary: "Change a user; null clears teamId or managerId",
            tag: "Users", access: .admin, requestSchema: "UpdateUser", responseSchema: "User"),
        APIOperation(
            method: "DELETE", path: "/api/v1/users/{userID}", summary: "Deactivate a user (users are never erased)",
            tag: "Users", access: .admin, successStatus: 204),
        APIOperation(
            method: "GET", path: "/api/v1/teams", summary: "List teams",
            tag: "Teams", access: .signedIn, responseSchema: "TeamPage"),
        APIOperation(
            method: "POST", path: "/api/v1/teams", summary: "Create a team",
            tag: "Teams", access: .admin, requestSchema: "TeamInput", successStatus: 201, responseSchema: "Team"),
        APIOperation(
            method: "GET", path: "/api/v1/teams/{teamID}", summary: "One team",
            tag: "Teams", access: .signedIn, responseSchema: "Team"),
        APIOperation(
            method: "PATCH", path: "/api/v1/teams/{teamID}", summary: "Change a team",
            tag: "Teams", access: .admin, requestSchema: "TeamInput", responseSchema: "Team"),
        APIOperation(
            method: "DELETE", path: "/api/v1/teams/{teamID}",
            summary: "Delete a team; its members stay, without a team",
            tag: "Teams", access: .admin, successStatus: 204),
        APIOperation(
            method: "GET", path: "/api/v1/settings",
            summary: "Company settings: which roles may export records with personal data",
            tag: "Settings", access: .admin, responseSchema: "Settings"),
        APIOperation(
            method: "PATCH", path: "/api/v1/settings", summary: "Change company settings (admins always may export)",
            tag: "Settings", access: .admin, requestSchema: "Settings", responseSchema: "Settings"),
        APIOperation(
            method: "GET", path: "/api/v1/opportunities/{id}/approvals",
            summary: "A deal's approval requests, newest first, and whether it needs one to be won",
            tag: "Opportunities", access: .rowLevel, responseSchema: "ApprovalList"),
        APIOperation(
            method: "POST", path: "/api/v1/opportunities/{id}/approvals",
            summary: "Ask a manager to approve winning a deal above the company's approval amount",
            tag: "Opportunities", access: .rowLevel, requestSchema: "ApprovalRequest", successStatus: 201,
            responseSchema: "Approval"),
        APIOperation(
            method: "POST", path: "/api/v1/opportunities/{id}/approvals/{approvalID}/decision",
            summary: "Approve or reject a request to win a deal (managers of the owner or team, admins)",
            tag: "Opportunities", access: .approvers, requestSchema: "ApprovalDecision", responseSchema: "Approval"),
        APIOperation(
            method: "GET", path: "/api/v1/notifications",
            summary: "Your notifications, newest first (?unread=true for unread only, ?limit= up to 500)",
            tag: "Notifications", access: .signedIn),
        APIOperation(
            method: "POST", path: "/api/v1/notifications/{notificationID}/read",
            summary: "Mark one of your notifications read; answers the unread count",
            tag: "Notifications", access: .signedIn),
        APIOperation(
            method: "POST", path: "/api/v1/notifications/read-all", summary: "Mark all your notifications read",
            tag: "Notifications", access: .signedIn),
        APIOperation(
            method: "GET", path: "/api/v1/admin/jobs",
            summary:
                "Background jobs, newest first, with counts per state (?state=queued|running|done|failed|cancelled)",
            tag: "Jobs", access: .admin),
        APIOperation(
            method: "POST", path: "/api/v1/admin/jobs/{jobID}/retry",
            summary: "Run a failed or cancelled job again with a fresh set of attempts",
            tag: "Jobs", access: .admin),
        APIOperation(
            method: "POST", path: "/api/v1/admin/jobs/{jobID}/cancel", summary: "Cancel a job that is still waiting",
            tag: "Jobs", access: .admin),
        APIOperation(
            method: "GET", path: "/api/v1/openapi.json", summary: "This document",
            tag: "Meta", access: .publicAccess),
    ]

    static func document() -> JSONValue {
        var paths: [(String, [(String, JSONValue)])] = []
        for operation in operations + RecordDocumentation.operations + AnalyticsDocumentation.operations
            + ImportDocumentation.operations + ImportDocumentation.mergeOperations
            + BackupDocumentation.operations + PrivacyDocumentation.operations + IntakeDocumentation.operations
            + WebhookDocumentation.operations + SchoolDocumentation.operations + FieldSalesDocumentation.operations
            + ForecastDocumentation.operations + ReportDocumentation.operations
        {
            if let index = paths.firstIndex(where: { $0.0 == operation.path }) {
                paths[index].1.append((operation.method.lowercased(), operation.toJSON()))
            } else {
                paths.append((operation.path, [(operation.method.lowercased(), operation.toJSON())]))
            }
        }
        return [
            "openapi": "3.1.0",
            "info": [
                "title": "SalesPulse API",
                "version": "1",
                "description":
                    "JSON field names are camelCase. Errors are {\"error\": {\"code\", \"message\", \"field\"?}}. Lists return {items, nextCursor}; pass nextCursor back as ?cursor= for the next page.",
            ],
            "servers": [["url": "/"]],
            "security": [["bearerToken": []]],
            "paths": .object(paths.map { ($0.0, .object($0.1)) }),
            "components": [
                "securitySchemes": ["bearerToken": ["type": "http", "scheme": "bearer"]],
                "schemas": .object(
                    APISchemas.all + RecordDocumentation.schemas + AnalyticsDocumentation.schemas
                        + ImportDocumentation.schemas + BackupDocumentation.schemas + PrivacyDocumentation.schemas
                        + IntakeDocumentation.schemas + WebhookDocumentation.schemas + SchoolDocumentation.schemas
                        + FieldSalesDocumentation.schemas + ForecastDocumentation.schemas + ReportDocumentation.schemas
                        + QuestionDocumentation.schemas),
            ],
        ]
    }

    private static var listParameters: [JSONValue] {
        [
            query("q", "search text"),
            APISchemas.limit,
            query("cursor", "nextCursor from the previous page"),
        ]
    }

    private static func query(_ name: String, _ description: String) -> JSONValue {
        APISchemas.query(name, description)
    }
}
