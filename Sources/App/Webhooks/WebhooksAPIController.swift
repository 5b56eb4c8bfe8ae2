import Foundation
import SalesPulseCore
import SQLKit
import Vapor

/// /api/v1/admin/webhooks: who is told of which events, and what each delivery answered.
/// Admins only.
struct WebhooksAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let webhooks = routes.grouped("admin", "webhooks")
        webhooks.get(use: list)
        webhooks.post(use: create)
        webhooks.patch(":webhookID", use: update)
        webhooks.get("deliveries", use: deliveries)
        webhooks.post("deliveries", ":deliveryID", "replay", use: replay)
    }

    @Sendable func list(req: Request) async throws -> WebhookListing {
        try await req.authorize(.read, .settings)
        return WebhookListing(items: try await WebhookStore(db: req.db).list().map(WebhookItem.init))
    }

    @Sendable func create(req: Request) async throws -> Response {
        try await req.authorize(.update, .settings)
        let body = try req.decodeStrict(WebhookBody.self).body
        let (url, events) = try WebhookStore.checked(url: body.url, events: body.events)
        let made = try await WebhookStore(db: req.db).create(
            url: url, events: events, by: try req.requireUser().requireID(), now: req.now)
        return try await WebhookItem(made).encodeResponse(status: .created, for: req)
    }

    @Sendable func update(req: Request) async throws -> WebhookItem {
        try await req.authorize(.update, .settings)
        let body = try req.decodeStrict(WebhookState.self).body
        let store = WebhookStore(db: req.db)
        guard let id = req.parameters.get("webhookID", as: UUID.self), try await store.subscription(id) != nil else {
            throw DomainError.notFound("No such webhook.")
        }
        guard let active = body.active else {
            throw DomainError.invalid(field: "active", "Send active: true to deliver (ending a pause), false to stop.")
        }
        try await store.setActive(id, active)
        guard let updated = try await store.subscription(id) else { throw DomainError.notFound("No such webhook.") }
        return WebhookItem(updated)
    }

    @Sendable func deliveries(req: Request) async throws -> WebhookDeliveryListing {
        try await req.authorize(.read, .settings)
        return WebhookDeliveryListing(
            items: try await WebhookStore(db: req.db).recentDeliveries(limit: 200).map(WebhookDeliveryItem.init))
    }

    @Sendable func replay(req: Request) async throws -> Response {
        try await req.authorize(.update, .settings)
        let delivery = try await Self.replay(req)
        return try await WebhookDeliveryItem(delivery).encodeResponse(status: .accepted, for: req)
    }

    /// Sends a delivery again, whatever it answered before.
    static func replay(_ req: Request) async throws -> WebhookStore.Delivery {
        let store = WebhookStore(db: req.db)
        guard let id = req.parameters.get("deliveryID", as: UUID.self), let delivery = try await store.delivery(id)
        else {
            throw DomainError.notFound("No such delivery.")
        }
        try await req.db.writeTransaction { tx in
            try await tx.sql.update(WebhookStore.deliveries).set("state", to: SQLBind("queued")).where(
                "id", .equal, SQLBind(id)
            ).run()
            try await JobQueue(db: tx).enqueue(
                OutboundWebhooks.deliverKind, payload: OutboundWebhooks.Deliver(deliveryID: id),
                maxAttempts: OutboundWebhooks.attempts, now: req.now)
        }
        return try await store.delivery(id) ?? delivery
    }
}
