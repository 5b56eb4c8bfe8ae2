import Crypto
import Fluent
import Foundation
import SalesPulseCore
import SQLKit
import Vapor

/// Tells other systems what happened. A record write that is an event (a lead created, given,
/// converted or lost; a deal changing stage, won or lost; a trial lesson booked or attended) queues one delivery per subscription
/// in its own transaction, so a write rolled back tells nobody; a task falling due is queued
/// by the reminder scan. The delivery job posts the
/// event as JSON, signed, and retries with backoff; after `WebhookStore.pauseAfter` deliveries
/// failed for good in a row the subscription pauses and the admins are told.
enum OutboundWebhooks {
    static let deliverKind = "webhook.deliver"
    static let attempts = 6

    struct Deliver: Codable, Sendable { let deliveryID: UUID }

    /// Queues the event for every subscription that wants it.
    static func emit(_ event: WebhookStore.Event, resource: RecordSpec, id: UUID, context: RecordContext) async throws {
        let subscriptions: [WebhookStore.Subscription] = try await context.lookup("webhook_subscriptions") {
            try await WebhookStore.active(context.sql)
        }
        for subscription in subscriptions where subscription.delivering && subscription.eventList.contains(event) {
            try await queue(event, resource: resource, id: id, for: subscription, db: context.db, now: context.now)
        }
    }

    /// One delivery of the event to one subscription, and the job that sends it.
    static func queue(
        _ event: WebhookStore.Event, resource: RecordSpec, id: UUID, for subscription: WebhookStore.Subscription,
        db: any Database, now: Date
    ) async throws {
        let delivery = UUID()
        try await db.sql.insert(into: WebhookStore.deliveries)
            .columns("id", "subscription_id", "event", "resource", "record_id", "state", "attempts", "created_at")
            .values(
                SQLBind(delivery), SQLBind(subscription.id), SQLBind(event.rawValue), SQLBind(resource.path),
                SQLBind(id),
                SQLBind("queued"), SQLBind(0), SQLBind(now)
            )
            .run()
        try await JobQueue(db: db).enqueue(
            deliverKind, payload: Deliver(deliveryID: delivery), maxAttempts: attempts, now: now)
    }

    /// The signature header's value: HMAC-SHA256 over "timestamp.body" with the subscription's secret.
    static func signature(timestamp: String, body: Data, secret: String) -> String {
        var signed = Data(timestamp.utf8)
        signed.append(UInt8(ascii: "."))
        signed.append(body)
        return "sha256="
            + HMAC<SHA256>.authenticationCode(for: signed, using: SymmetricKey(data: Data(secret.utf8))).map {
                String(format: "%02x", $0)
            }.joined()
    }

    static func register(_ app: Application) {
        app.jobHandlers.register(deliverKind) { context in
            try await deliver(
                try context.payload(Deliver.self).deliveryID,
                lastAttempt: context.job.attempts >= context.job.maxAttempts, app: context.app)
        }
    }

    /// One attempt. A refusal or an unreachable receiver throws, so the job queue tries again
    /// later; the last attempt's failure counts against the subscription.
    static func deliver(_ id: UUID, lastAttempt: Bool, app: Application) async throws {
        let store = WebhookStore(db: app.db)
        guard let delivery = try await store.delivery(id), delivery.state != "delivered",
            let subscription = try await store.subscription(delivery.subscriptionId)
        else { return }
        guard subscription.delivering else {
            try await record(id, state: "skipped", status: nil, error: "The webhook is paused or off.", app: app)
            return
        }
        let now = app.clock.now()
        let body = try await payload(delivery, now: now, app: app)
        let timestamp = String(Int(now.timeIntervalSince1970))
        var headers = HTTPHeaders()
        headers.contentType = .json
        headers.add(name: "User-Agent", value: "SalesPulse-Webhooks/1")
        headers.add(name: "X-SalesPulse-Event", value: delivery.event)
        headers.add(name: "X-SalesPulse-Delivery", value: delivery.id.uuidString)
        headers.add(name: "X-SalesPulse-Timestamp", value: timestamp)
        headers.add(
            name: "X-SalesPulse-Signature",
            value: signature(timestamp: timestamp, body: body, secret: subscription.secret))
        var status: Int?
        var failure: String?
        do {
            let response = try await app.client.post(URI(string: subscription.url), headers: headers) { request in
                request.body = ByteBuffer(data: body)
                request.timeout = .seconds(10)
            }
            status = Int(response.status.code)
            if !(200..<300).contains(response.status.code) {
                failure = "The receiver answered \(response.status.code)."
            }
        } catch {
            app.logger.debug("webhook delivery \(id) could not connect: \(String(reflecting: error))")
            failure =
                "The receiver could not be reached (no answer from \(URL(string: subscription.url)?.host ?? "its address"))."
        }
        guard let failure else {
            try await record(id, state: "delivered", status: status, error: nil, app: app)
            try await app.db.sql.update(WebhookStore.subscriptions).set("failures_in_row", to: SQLBind(0)).where(
                "id", .equal, SQLBind(subscription.id)
            ).run()
            return
        }
        try await record(id, state: lastAttempt ? "failed" : "retrying", status: status, error: failure, app: app)
        if lastAttempt { try await countFailure(subscription, reason: failure, app: app) }
        throw DomainError.badRequest(failure)
    }

    /// { id, event, occurredAt, resource, data: the record as the API shows it }.
    private static func payload(_ delivery: WebhookStore.Delivery, now: Date, app: Application) async throws -> Data {
        var object: [String: Any] = [
            "id": delivery.id.uuidString, "event": delivery.event,
            "occurredAt": InternetTime.format(delivery.createdAt),
            "resource": delivery.resource, "recordId": delivery.recordId.uuidString,
        ]
        if let spec = RecordCatalog.spec(path: delivery.resource),
            let record = try await RecordStore(spec: spec, db: app.db).find(delivery.recordId)
        {
            object["data"] = RecordJSON.object(record, spec: spec)
        }
        return JSONWriter.data(object)
    }

    private static func record(_ id: UUID, state: String, status: Int?, error: String?, app: Application) async throws {
        try await app.db.serialWrite { sql in
            var update = sql.update(WebhookStore.deliveries).set("state", to: SQLBind(state)).set(
                "attempts", to: SQLRaw("attempts + 1")
            )
            .set("status_code", to: SQLBind(status)).set("error", to: SQLBind(error))
            if state == "delivered" { update = update.set("delivered_at", to: SQLBind(app.clock.now())) }
            try await update.where("id", .equal, SQLBind(id)).run()
        }
    }

    private static func countFailure(
        _ subscription: WebhookStore.Subscription, reason: String, app: Application
    ) async throws {
        let failures = subscription.failuresInRow + 1
        let now = app.clock.now()
        let pausing = failures >= WebhookStore.pauseAfter
        try await app.db.writeTransaction { tx in
            var update = tx.sql.update(WebhookStore.subscriptions).set("failures_in_row", to: SQLBind(failures))
            if pausing { update = update.set("paused_at", to: SQLBind(now)) }
            try await update.where("id", .equal, SQLBind(subscription.id)).run()
            guard pausing else { return }
            let admins = try await User.query(on: tx).filter(\.$role == .admin).filter(\.$isActive == true).all()
            let inbox = NotificationInbox(app: app, db: tx)
            let host = URL(string: subscription.url)?.host ?? subscription.url
            for admin in admins {
                let headline = "Deliveries to \(host) stopped after \(failures) failures in a row."
                try await inbox.notify(
                    try admin.requireID(), .webhookPaused, title: "A webhook was paused", body: "\(headline) \(reason)",
                    link: "/admin/webhooks",
                    key: "webhook-paused:\(subscription.id):\(now.timeIntervalSince1970):\(try admin.requireID())",
                    email: .init(
                        template: "reminder", subject: "SalesPulse paused a webhook",
                        context: ["headline": headline, "detail": reason]),
                    now: now)
            }
        }
    }
}
