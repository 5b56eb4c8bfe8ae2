import Fluent
import Foundation
import SalesPulseCore
import SQLKit

/// The webhook subscriptions an admin set up and the log of their deliveries.
struct WebhookStore: Sendable {
    static let subscriptions = "webhook_subscriptions"
    static let deliveries = "webhook_deliveries"
    /// Deliveries that failed for good in a row before a subscription pauses.
    static let pauseAfter = 5

    /// What a receiver can be told about.
    enum Event: String, Sendable, Codable, CaseIterable {
        case leadCreated = "lead.created", leadAssigned = "lead.assigned", leadConverted = "lead.converted", leadLost =
            "lead.lost"
        case dealStageChanged = "deal.stage_changed", dealWon = "deal.won", dealLost = "deal.lost"
        case taskDue = "task.due"
        case trialBooked = "trial.booked", trialAttended = "trial.attended"

        var label: String {
            switch self {
            case .leadCreated: "A lead is created"
            case .leadAssigned: "A lead is given to someone"
            case .leadConverted: "A lead is converted"
            case .leadLost: "A lead is lost"
            case .dealStageChanged: "A deal changes stage"
            case .dealWon: "A deal is won"
            case .dealLost: "A deal is lost"
            case .taskDue: "A task falls due"
            case .trialBooked: "A trial lesson is booked"
            case .trialAttended: "A trial lesson is attended"
            }
        }
    }

    struct Subscription: Sendable, Decodable {
        let id: UUID
        let url: String
        let events: String
        let secret: String
        let isActive: Bool
        let pausedAt: Date?
        let failuresInRow: Int
        let createdBy: UUID
        let createdAt: Date

        enum CodingKeys: String, CodingKey {
            case id, url, events, secret
            case isActive = "is_active", pausedAt = "paused_at", failuresInRow = "failures_in_row", createdBy =
                "created_by", createdAt = "created_at"
        }

        var eventList: [Event] { events.split(separator: " ").compactMap { Event(rawValue: String($0)) } }
        var delivering: Bool { isActive && pausedAt == nil }
    }

    struct Delivery: Sendable, Decodable {
        let id: UUID
        let subscriptionId: UUID
        let event: String
        let resource: String
        let recordId: UUID
        let state: String
        let attempts: Int
        let statusCode: Int?
        let error: String?
        let createdAt: Date
        let deliveredAt: Date?

        enum CodingKeys: String, CodingKey {
            case id, event, resource, state, attempts, error
            case subscriptionId = "subscription_id", recordId = "record_id", statusCode = "status_code", createdAt =
                "created_at", deliveredAt = "delivered_at"
        }
    }

    let db: any Database
    private var sql: any SQLDatabase { db.sql }

    /// Checks the address and events; field errors name the field.
    static func checked(url: String?, events: [String]?) throws -> (URL, [Event]) {
        guard let text = url?.trimmingCharacters(in: .whitespaces), let address = URL(string: text),
            ["http", "https"].contains(address.scheme ?? ""),
            address.host != nil
        else {
            throw DomainError.invalid(
                field: "url", "Give the receiver's full address, starting with https:// (or http://).")
        }
        var chosen: [Event] = []
        for name in events ?? [] {
            guard let event = Event(rawValue: name) else {
                throw DomainError.invalid(field: "events", "Unknown event '\(name)'.")
            }
            chosen.append(event)
        }
        guard !chosen.isEmpty else { throw DomainError.invalid(field: "events", "Choose at least one event to send.") }
        return (address, chosen)
    }

    func create(url: URL, events: [Event], by userID: UUID, now: Date) async throws -> Subscription {
        let id = UUID()
        try await sql.insert(into: Self.subscriptions)
            .columns("id", "url", "events", "secret", "is_active", "failures_in_row", "created_by", "created_at")
            .values(
                SQLBind(id), SQLBind(url.absoluteString), SQLBind(events.map(\.rawValue).joined(separator: " ")),
                SQLBind(IntakeForms.randomKey()),
                SQLBind(true), SQLBind(0), SQLBind(userID), SQLBind(now)
            )
            .run()
        guard let made = try await subscription(id) else { throw DomainError.notFound("The webhook was not saved.") }
        return made
    }

    /// The subscriptions switched on (paused ones included: `delivering` tells them apart).
    static func active(_ sql: any SQLDatabase) async throws -> [Subscription] {
        try await sql.select().column("*").from(subscriptions).where("is_active", .equal, SQLBind(true)).all(
            decoding: Subscription.self)
    }

    func subscription(_ id: UUID) async throws -> Subscription? {
        try await sql.select().column("*").from(Self.subscriptions).where("id", .equal, SQLBind(id)).first(
            decoding: Subscription.self)
    }

    func list() async throws -> [Subscription] {
        try await sql.select().column("*").from(Self.subscriptions).orderBy("created_at", .descending).all(
            decoding: Subscription.self)
    }

    /// Turns a subscription on (which also ends a pause) or off.
    func setActive(_ id: UUID, _ active: Bool) async throws {
        try await sql.update(Self.subscriptions).set("is_active", to: SQLBind(active)).set(
            "paused_at", to: SQLLiteral.null
        )
        .set("failures_in_row", to: SQLBind(0)).where("id", .equal, SQLBind(id)).run()
    }

    func delivery(_ id: UUID) async throws -> Delivery? {
        try await sql.select().column("*").from(Self.deliveries).where("id", .equal, SQLBind(id)).first(
            decoding: Delivery.self)
    }

    func recentDeliveries(limit: Int = 100) async throws -> [Delivery] {
        try await sql.select().column("*").from(Self.deliveries).orderBy("created_at", .descending).limit(limit).all(
            decoding: Delivery.self)
    }
}
