import Foundation
import SalesPulseCore
import Vapor

/// /admin/webhooks: send events to other systems. An admin gives the receiver's address and
/// the events, copies the signing secret, follows each delivery's answer, sends one again,
/// and starts a paused webhook again.
struct AdminWebhooksController: RouteCollection {
    struct Row: Encodable {
        let id: String
        let url: String
        let events: String
        let secret: String
        let state: String
        let stateLabel: String
        let active: Bool
    }

    struct DeliveryRow: Encodable {
        let id: String
        let when: String
        let event: String
        let url: String
        let state: String
        let stateLabel: String
        let answer: String
    }

    struct Page: Encodable {
        let title = "Webhooks"
        let nav: Navigation
        let rows: [Row]
        let deliveries: [DeliveryRow]
        let events: [FormField.Option]
        let url: String
        let errors: [String: String]
        let notice: String?
    }

    func boot(routes: any RoutesBuilder) throws {
        let webhooks = routes.grouped("admin", "webhooks")
        webhooks.get(use: show)
        webhooks.post(use: create)
        webhooks.post(":webhookID", "active", use: toggle)
        webhooks.post("deliveries", ":deliveryID", "replay", use: replay)
    }

    @Sendable func show(req: Request) async throws -> View {
        try await req.authorize(.read, .settings)
        let notice: String? =
            switch req.query[String.self, at: "done"] {
            case "created":
                "The webhook is set up. Give its secret to the receiver so it can check each delivery's signature."
            case "replayed": "The delivery is on its way again."
            default: nil
            }
        return try await render(req, url: "", chosen: [], notice: notice)
    }

    @Sendable func create(req: Request) async throws -> Response {
        try await req.authorize(.update, .settings)
        struct Form: Content { var url: String?; var events: [String]? }
        let form = try req.content.decode(Form.self)
        do {
            let (url, events) = try WebhookStore.checked(url: form.url, events: form.events)
            _ = try await WebhookStore(db: req.db).create(
                url: url, events: events, by: try req.requireUser().requireID(), now: req.now)
        } catch let error as DomainError {
            guard case .invalid(let field) = error else { throw error }
            return try await render(
                req, url: form.url ?? "", chosen: Set(form.events ?? []), errors: [field.field: field.message]
            )
            .encodeResponse(status: .unprocessableEntity, for: req)
        }
        return req.redirect(to: "/admin/webhooks?done=created")
    }

    @Sendable func toggle(req: Request) async throws -> Response {
        try await req.authorize(.update, .settings)
        let store = WebhookStore(db: req.db)
        guard let id = req.parameters.get("webhookID", as: UUID.self),
            let subscription = try await store.subscription(id)
        else {
            throw DomainError.notFound("No such webhook.")
        }
        try await store.setActive(id, !subscription.delivering)
        return req.redirect(to: "/admin/webhooks")
    }

    @Sendable func replay(req: Request) async throws -> Response {
        try await req.authorize(.update, .settings)
        _ = try await WebhooksAPIController.replay(req)
        return req.redirect(to: "/admin/webhooks?done=replayed")
    }

    private func render(
        _ req: Request, url: String, chosen: Set<String>, errors: [String: String] = [:], notice: String? = nil
    ) async throws -> View {
        let store = WebhookStore(db: req.db)
        let subscriptions = try await store.list()
        let addresses = subscriptions.reduce(into: [UUID: String]()) { $0[$1.id] = $1.url }
        let rows = subscriptions.map { subscription in
            let state = subscription.pausedAt != nil ? "failed" : subscription.isActive ? "done" : "queued"
            let label =
                subscription.pausedAt.map {
                    "Paused \(PageDate.format($0)) after \(subscription.failuresInRow) failures"
                }
                ?? (subscription.isActive ? "Delivering" : "Stopped")
            return Row(
                id: subscription.id.uuidString, url: subscription.url,
                events: subscription.eventList.map(\.label).joined(separator: ", "),
                secret: subscription.secret, state: state, stateLabel: label, active: subscription.delivering)
        }
        let labels = Dictionary(uniqueKeysWithValues: WebhookStore.Event.allCases.map { ($0.rawValue, $0.label) })
        let deliveries = try await store.recentDeliveries(limit: 50).map { delivery in
            DeliveryRow(
                id: delivery.id.uuidString, when: PageDate.format(delivery.createdAt),
                event: labels[delivery.event] ?? delivery.event,
                url: addresses[delivery.subscriptionId] ?? "",
                state: delivery.state == "delivered" ? "done" : delivery.state == "failed" ? "failed" : "queued",
                stateLabel: [
                    "queued": "Waiting", "retrying": "Trying again", "delivered": "Delivered", "failed": "Failed",
                    "skipped": "Not sent",
                ][delivery.state] ?? delivery.state,
                answer: [delivery.statusCode.map { "HTTP \($0)" }, delivery.error].compactMap { $0 }.joined(
                    separator: " · "))
        }
        let events = WebhookStore.Event.allCases.map {
            FormField.Option(value: $0.rawValue, label: $0.label, selected: chosen.contains($0.rawValue))
        }
        return try await req.view.render(
            "admin/webhooks",
            Page(
                nav: try req.navigation(), rows: rows, deliveries: deliveries, events: events, url: url,
                errors: errors, notice: notice))
    }
}
