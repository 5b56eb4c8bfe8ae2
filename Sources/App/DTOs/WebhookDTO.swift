import Foundation
import Vapor

/// A webhook subscription as the API shows it, with the secret its deliveries are signed with.
struct WebhookItem: Content {
    let id: UUID
    let url: String
    let events: [String]
    let secret: String
    let active: Bool
    let pausedAt: Date?
    let failuresInRow: Int
    let createdAt: Date

    init(_ subscription: WebhookStore.Subscription) {
        id = subscription.id
        url = subscription.url
        events = subscription.eventList.map(\.rawValue)
        secret = subscription.secret
        active = subscription.isActive
        pausedAt = subscription.pausedAt
        failuresInRow = subscription.failuresInRow
        createdAt = subscription.createdAt
    }
}

struct WebhookListing: Content {
    let items: [WebhookItem]
}

struct WebhookBody: Content, StrictBody {
    var url: String?
    var events: [String]?

    enum CodingKeys: String, CodingKey, CaseIterable { case url, events }
}

struct WebhookState: Content, StrictBody {
    var active: Bool?

    enum CodingKeys: String, CodingKey, CaseIterable { case active }
}

struct WebhookDeliveryItem: Content {
    let id: UUID
    let webhookId: UUID
    let event: String
    let recordId: UUID
    let state: String
    let attempts: Int
    let statusCode: Int?
    let error: String?
    let createdAt: Date
    let deliveredAt: Date?

    init(_ delivery: WebhookStore.Delivery) {
        id = delivery.id
        webhookId = delivery.subscriptionId
        event = delivery.event
        recordId = delivery.recordId
        state = delivery.state
        attempts = delivery.attempts
        statusCode = delivery.statusCode
        error = delivery.error
        createdAt = delivery.createdAt
        deliveredAt = delivery.deliveredAt
    }
}

struct WebhookDeliveryListing: Content {
    let items: [WebhookDeliveryItem]
}
