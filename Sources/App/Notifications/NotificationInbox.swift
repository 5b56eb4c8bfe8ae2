import Fluent
import Foundation
import SalesPulseCore
import SQLKit
import Vapor

/// In-app notifications, each with a key that makes it happen once however many workers see
/// the same due task; and, when the person wants that kind by email, the email, written to
/// the outbox in the same transaction.
struct NotificationInbox: Sendable {
    static let table = "notifications"

    enum Kind: String, Sendable, CaseIterable, Codable {
        case taskDue = "task_due", followUpDue = "follow_up_due", snoozeEnded = "snooze_ended"
        case leadAssigned = "lead_assigned", dealClosed = "deal_closed"
        case approvalRequested = "approval_requested", approvalDecided = "approval_decided"
        case backupFailed = "backup_failed"
        case webhookPaused = "webhook_paused"
        case trialSoon = "trial_soon"

        var label: String {
            switch self {
            case .taskDue: "A task is due"
            case .followUpDue: "A follow-up is due"
            case .snoozeEnded: "A snoozed lead is back"
            case .leadAssigned: "A lead was given to me"
            case .dealClosed: "A deal in my team was won or lost"
            case .approvalRequested: "A deal waits for my approval"
            case .approvalDecided: "My request to win a deal was answered"
            case .backupFailed: "A backup failed"
            case .webhookPaused: "A webhook was paused"
            case .trialSoon: "A trial lesson of mine is coming up or needs its result"
            }
        }
    }

    struct Email: Sendable {
        let template: String
        let subject: String
        let context: [String: String]
    }

    struct Item: Sendable, Codable {
        let id: UUID
        let kind: String
        let title: String
        let body: String?
        let link: String?
        let createdAt: Date
        let readAt: Date?

        enum CodingKeys: String, CodingKey {
            case id, kind, title, body, link
            case createdAt = "created_at", readAt = "read_at"
        }
    }

    let app: Application
    let db: any Database

    var sql: any SQLDatabase { db.sql }

    /// True when this call created the notification (and so sent its email).
    @discardableResult
    func notify(
        _ userID: UUID, _ kind: Kind, title: String, body: String? = nil, link: String? = nil, key: String,
        email: Email? = nil, now: Date
    ) async throws -> Bool {
        let created = try await sql.raw(
            """
            INSERT INTO \(ident: Self.table) (\(ident: "id"), \(ident: "user_id"), \(ident: "kind"), \(ident: "title"), \(ident: "body"),
              \(ident: "link"), \(ident: "dedupe_key"), \(ident: "created_at"))
            VALUES (\(bind: UUID()), \(bind: userID), \(bind: kind.rawValue), \(bind: title), \(bind: body), \(bind: link), \(bind: key), \(bind: now))
            ON CONFLICT DO NOTHING RETURNING \(ident: "id")
            """
        ).all()
        guard !created.isEmpty else { return false }
        if let email, let user = try await User.find(userID, on: db), user.isActive, try await wantsEmail(userID, kind)
        {
            var context = email.context
            context["name"] = user.name
            context["link"] = link.map { app.settings.publicURL + $0 } ?? app.settings.publicURL
            let message = try await MailComposer(app: app).compose(
                email.template, to: user.email, subject: email.subject, context: context)
            try await Outbox(db: db).enqueue(message, now: now)
        }
        return true
    }

    /// The kinds a person can receive: only admins hear about backups.
    static func kinds(for role: Role) -> [Kind] {
        Kind.allCases.filter { ![.backupFailed, .webhookPaused].contains($0) || role == .admin }
    }

    func wantsEmail(_ userID: UUID, _ kind: Kind) async throws -> Bool {
        try await UserPreferences(sql: sql, userID: userID).value(Self.emailKey(kind)) != "off"
    }

    static func emailKey(_ kind: Kind) -> String { "email:\(kind.rawValue)" }

    func unreadCount(_ userID: UUID) async throws -> Int {
        try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(Self.table)
            .where("user_id", .equal, SQLBind(userID)).where("read_at", .is, SQLLiteral.null).first()?.decode(
                column: "n", as: Int.self) ?? 0
    }

    /// Newest first; `before` pages on.
    func list(_ userID: UUID, unreadOnly: Bool = false, limit: Int = 50) async throws -> [Item] {
        var query = sql.select().columns("id", "kind", "title", "body", "link", "created_at", "read_at").from(
            Self.table
        )
        .where("user_id", .equal, SQLBind(userID))
        if unreadOnly { query = query.where("read_at", .is, SQLLiteral.null) }
        return try await query.orderBy("created_at", .descending).limit(limit).all(decoding: Item.self)
    }

    func find(_ id: UUID, userID: UUID) async throws -> Item? {
        try await sql.select().columns("id", "kind", "title", "body", "link", "created_at", "read_at").from(Self.table)
            .where("id", .equal, SQLBind(id)).where("user_id", .equal, SQLBind(userID)).first(decoding: Item.self)
    }

    /// Marks one of the person's notifications read; false when it is not theirs.
    func markRead(_ id: UUID, userID: UUID, now: Date) async throws -> Bool {
        let rows = try await db.serialWrite { sql in
            try await sql.update(Self.table).set("read_at", to: SQLBind(now)).where("id", .equal, SQLBind(id))
                .where("user_id", .equal, SQLBind(userID)).returning("id").all()
        }
        return !rows.isEmpty
    }

    func markAllRead(_ userID: UUID, now: Date) async throws {
        try await db.serialWrite { sql in
            try await sql.update(Self.table).set("read_at", to: SQLBind(now)).where("user_id", .equal, SQLBind(userID))
                .where("read_at", .is, SQLLiteral.null).run()
        }
    }
}

extension Request {
    var notifications: NotificationInbox { NotificationInbox(app: application, db: db) }
}
