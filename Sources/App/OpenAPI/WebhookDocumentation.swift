/// The outbound webhook endpoints and their schemas in the OpenAPI document.
enum WebhookDocumentation {
    static var operations: [APIOperation] {
        [
            APIOperation(
                method: "GET", path: "/api/v1/admin/webhooks",
                summary:
                    "Webhook subscriptions: the receiver's address, the events it is sent and the secret deliveries are signed with",
                tag: "Webhooks", access: .admin, responseSchema: "WebhookPage"),
            APIOperation(
                method: "POST", path: "/api/v1/admin/webhooks",
                summary:
                    "Send events to an address: each delivery is JSON signed with X-SalesPulse-Signature (HMAC-SHA256 of timestamp.body), retried with backoff, and the webhook pauses after 5 deliveries fail in a row",
                tag: "Webhooks", access: .admin, requestSchema: "NewWebhook", successStatus: 201,
                responseSchema: "Webhook"),
            APIOperation(
                method: "PATCH", path: "/api/v1/admin/webhooks/{webhookID}",
                summary: "Stop a webhook, or start it again (which ends a pause)",
                tag: "Webhooks", access: .admin, requestSchema: "WebhookState", responseSchema: "Webhook"),
            APIOperation(
                method: "GET", path: "/api/v1/admin/webhooks/deliveries",
                summary: "The latest deliveries with the receiver's answer, newest first",
                tag: "Webhooks", access: .admin, responseSchema: "WebhookDeliveryPage"),
            APIOperation(
                method: "POST", path: "/api/v1/admin/webhooks/deliveries/{deliveryID}/replay",
                summary: "Send a delivery again",
                tag: "Webhooks", access: .admin, successStatus: 202, responseSchema: "WebhookDelivery"),
        ]
    }

    static var schemas: [(String, JSONValue)] {
        let events: JSONValue = [
            "type": "string", "enum": .array(WebhookStore.Event.allCases.map { .string($0.rawValue) }),
        ]
        let nullableTime: JSONValue = ["type": ["string", "null"], "format": "date-time"]
        let time: JSONValue = ["type": "string", "format": "date-time"]
        return [
            (
                "Webhook",
                [
                    "type": "object",
                    "properties": [
                        "id": APISchemas.uuid, "url": APISchemas.string, "events": ["type": "array", "items": events],
                        "secret": APISchemas.string,
                        "active": APISchemas.boolean, "pausedAt": nullableTime,
                        "failuresInRow": ["type": "integer", "minimum": 0], "createdAt": time,
                    ],
                ]
            ),
            (
                "WebhookPage",
                [
                    "type": "object",
                    "properties": ["items": ["type": "array", "items": ["$ref": "#/components/schemas/Webhook"]]],
                ]
            ),
            (
                "NewWebhook",
                [
                    "type": "object", "additionalProperties": false, "required": ["url", "events"],
                    "properties": [
                        "url": ["type": "string", "format": "uri"],
                        "events": ["type": "array", "minItems": 1, "items": events],
                    ],
                ]
            ),
            (
                "WebhookState",
                [
                    "type": "object", "additionalProperties": false, "required": ["active"],
                    "properties": ["active": APISchemas.boolean],
                ]
            ),
            (
                "WebhookDelivery",
                [
                    "type": "object",
                    "properties": [
                        "id": APISchemas.uuid, "webhookId": APISchemas.uuid, "event": events,
                        "recordId": APISchemas.uuid,
                        "state": ["type": "string", "enum": ["queued", "retrying", "delivered", "failed", "skipped"]],
                        "attempts": ["type": "integer", "minimum": 0],
                        "statusCode": ["type": ["integer", "null"]], "error": ["type": ["string", "null"]],
                        "createdAt": time, "deliveredAt": nullableTime,
                    ],
                ]
            ),
            (
                "WebhookDeliveryPage",
                [
                    "type": "object",
                    "properties": [
                        "items": ["type": "array", "items": ["$ref": "#/components/schemas/WebhookDelivery"]]
                    ],
                ]
            ),
        ]
    }
}
