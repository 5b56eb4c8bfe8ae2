import Foundation
import Vapor

/// /notifications: the person's own notifications, newest first, unread marked; opening one
/// marks it read and goes to the record it is about.
struct NotificationsController: RouteCollection {
    struct Row: Encodable {
        let id: String
        let title: String
        let when: String
        let unread: Bool
        let hasLink: Bool
    }

    struct ListPage: Encodable {
        let title = "Notifications"
        let nav: Navigation
        let rows: [Row]
        let unread: Int
    }

    func boot(routes: any RoutesBuilder) throws {
        let notifications = routes.grouped("notifications")
        notifications.get(use: list)
        notifications.post("read-all", use: readAll)
        notifications.post(":notificationID", "open", use: open)
    }

    @Sendable func list(req: Request) async throws -> View {
        let userID = try req.requireUser().requireID()
        let items = try await req.notifications.list(userID, limit: 100)
        let rows = items.map {
            Row(
                id: $0.id.uuidString, title: $0.title, when: PageDate.format($0.createdAt), unread: $0.readAt == nil,
                hasLink: $0.link != nil)
        }
        return try await req.view.render(
            "notifications", ListPage(nav: try req.navigation(), rows: rows, unread: rows.filter(\.unread).count))
    }

    @Sendable func open(req: Request) async throws -> Response {
        let userID = try req.requireUser().requireID()
        guard let id = req.parameters.get("notificationID", as: UUID.self),
            try await req.notifications.markRead(id, userID: userID, now: req.now),
            let item = try await req.notifications.find(id, userID: userID)
        else {
            throw DomainError.notFound("No such notification.")
        }
        return req.redirect(to: item.link.flatMap { $0.hasPrefix("/") ? $0 : nil } ?? "/notifications")
    }

    @Sendable func readAll(req: Request) async throws -> Response {
        try await req.notifications.markAllRead(try req.requireUser().requireID(), now: req.now)
        return req.redirect(to: "/notifications")
    }
}

/// /api/v1/notifications: the same list for scripts and apps.
struct NotificationsAPIController: RouteCollection {
    struct Item: Content {
        let id: UUID
        let kind: String
        let title: String
        let body: String?
        let link: String?
        let createdAt: Date
        let readAt: Date?
    }

    struct Summary: Content { let unread: Int }

    func boot(routes: any RoutesBuilder) throws {
        let notifications = routes.grouped("notifications")
        notifications.get(use: list)
        notifications.post("read-all", use: readAll)
        notifications.post(":notificationID", "read", use: read)
    }

    @Sendable func list(req: Request) async throws -> Page<Item> {
        struct Query: Decodable { var unread: Bool?; var limit: Int? }
        let query = try req.query.decode(Query.self)
        let limit = query.limit ?? 50
        guard (1...500).contains(limit) else {
            throw DomainError.invalid(field: "limit", "Give a limit from 1 to 500.")
        }
        let items = try await req.notifications.list(
            try req.requireUser().requireID(), unreadOnly: query.unread ?? false, limit: limit)
        return Page(
            items: items.map {
                Item(
                    id: $0.id, kind: $0.kind, title: $0.title, body: $0.body, link: $0.link, createdAt: $0.createdAt,
                    readAt: $0.readAt)
            },
            nextCursor: nil)
    }

    @Sendable func read(req: Request) async throws -> Summary {
        let userID = try req.requireUser().requireID()
        guard let id = req.parameters.get("notificationID", as: UUID.self),
            try await req.notifications.markRead(id, userID: userID, now: req.now)
        else {
            throw DomainError.notFound("No such notification.")
        }
        return Summary(unread: try await req.notifications.unreadCount(userID))
    }

    @Sendable func readAll(req: Request) async throws -> Summary {
        let userID = try req.requireUser().requireID()
        try await req.notifications.markAllRead(userID, now: req.now)
        return Summary(unread: 0)
    }
}
