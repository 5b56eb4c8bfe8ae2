import Documents
import Fluent
import Foundation
import SalesPulseCore
import SQLKit
import Vapor

/// What a record write tells people: a lead given to someone else, a deal won or lost in a
/// manager's team, and the order confirmation of a won deal. The write enqueues a job in its
/// own transaction (a write rolled back tells nobody); the job writes the notifications and
/// emails.
enum RecordEvents {
    static let leadAssignedKind = "notify.lead-assigned"
    static let dealClosedKind = "notify.deal-closed"
    static let meetingInvitationKind = "mail.meeting-invitation"

    struct LeadAssigned: Codable, Sendable {
        let leadID: UUID
        let ownerID: UUID
        let byUserID: UUID
        /// The lead form or channel it came in through, when nobody gave it by hand.
        var via: String?
    }
    struct DealClosed: Codable, Sendable { let opportunityID: UUID; let won: Bool; let byUserID: UUID }
    struct MeetingBooked: Codable, Sendable { let activityID: UUID; let userID: UUID }

    static func leadAssigned(_ leadID: UUID, to ownerID: UUID, context: RecordContext) async throws {
        guard ownerID != context.actor.userID, !context.tellsNewOwnerItself else { return }
        let event = LeadAssigned(
            leadID: leadID, ownerID: ownerID, byUserID: context.actor.userID, via: context.arrivedThrough)
        try await JobQueue(db: context.db).enqueue(leadAssignedKind, payload: event, now: context.now)
    }

    /// Tells the new owner of a lead, in the app and (by their choice) by email. A caller that
    /// has just written the lead gives its name and company, sparing the read.
    static func announce(
        _ event: LeadAssigned, key: String, lead known: (name: String, company: String?)? = nil, app: Application,
        db: any Database, now: Date
    ) async throws {
        struct Lead: Decodable { let name: String; let company: String? }
        var lead = known.map { Lead(name: $0.name, company: $0.company) }
        if lead == nil {
            lead = try await db.sql.select().columns("name", "company").from("leads").where(
                "id", .equal, SQLBind(event.leadID)
            ).first(decoding: Lead.self)
        }
        guard let lead else { return }
        let detail = [lead.name, lead.company].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ")
        let title: String, headline: String
        if let via = event.via {
            (title, headline) = ("New lead from \(via): \(detail)", "A new lead came in through \(via)")
        } else {
            let by = try await User.find(event.byUserID, on: db)?.name ?? "Someone"
            (title, headline) = ("\(by) gave you the lead \(detail)", "\(by) gave you a lead")
        }
        try await NotificationInbox(app: app, db: db).notify(
            event.ownerID, .leadAssigned, title: title, link: "/leads/\(event.leadID)", key: key,
            email: .init(
                template: "reminder", subject: "New lead for you: \(lead.name)",
                context: ["headline": headline, "detail": detail]), now: now)
    }

    static func dealClosed(_ opportunityID: UUID, won: Bool, context: RecordContext) async throws {
        try await JobQueue(db: context.db).enqueue(
            dealClosedKind, payload: DealClosed(opportunityID: opportunityID, won: won, byUserID: context.actor.userID),
            now: context.now)
    }

    /// A meeting booked ahead goes to its owner's calendar as an invitation.
    static func meetingBooked(_ activityID: UUID, for userID: UUID, context: RecordContext) async throws {
        try await JobQueue(db: context.db).enqueue(
            meetingInvitationKind, payload: MeetingBooked(activityID: activityID, userID: userID), now: context.now)
    }

    static func register(_ app: Application) {
        app.jobHandlers.register(leadAssignedKind) { context in
            let event = try context.payload(LeadAssigned.self)
            let now = context.app.clock.now()
            try await context.app.db.writeTransaction { tx in
                try await announce(event, key: "lead-assigned:\(context.job.id)", app: context.app, db: tx, now: now)
            }
        }
        app.jobHandlers.register(dealClosedKind) { context in try await dealClosedJob(context) }
        app.jobHandlers.register(meetingInvitationKind) { context in try await meetingInvitationJob(context) }
    }

    private static func dealClosedJob(_ context: JobContext) async throws {
        let event = try context.payload(DealClosed.self)
        let app = context.app, now = app.clock.now()
        let sql = app.db.sql
        struct Deal: Decodable { let name: String; let amount: Int64?; let owner_id: UUID? }
        guard
            let deal = try await sql.select().columns("name", "amount", "owner_id").from("opportunities")
                .where("id", .equal, SQLBind(event.opportunityID)).first(decoding: Deal.self),
            let ownerID = deal.owner_id,
            let owner = try await User.find(ownerID, on: app.db)
        else { return }
        let amount = ValueFormat.money(cents: deal.amount ?? 0)
        let outcome = event.won ? "won" : "lost"
        // Read before the transaction: inside it, a second connection may never come free.
        let confirmation =
            event.won && owner.isActive
            ? try await orderConfirmation(event.opportunityID, deal.name, amount, to: owner, app: app) : nil
        try await app.db.writeTransaction { tx in
            let center = NotificationInbox(app: app, db: tx)
            if let managerID = owner.$manager.id, managerID != event.byUserID {
                try await center.notify(
                    managerID, .dealClosed, title: "\(owner.name) \(outcome) \(deal.name) (\(amount))",
                    link: "/opportunities/\(event.opportunityID)", key: "deal-closed:\(context.job.id)",
                    email: .init(
                        template: "reminder", subject: "\(owner.name) \(outcome) \(deal.name)",
                        context: [
                            "headline": "A deal in your team was \(outcome)", "detail": "\(deal.name), \(amount)",
                        ]),
                    now: now)
            }
            if let confirmation { try await Outbox(db: tx).enqueue(confirmation, now: now) }
        }
    }

    private static func meetingInvitationJob(_ context: JobContext) async throws {
        let event = try context.payload(MeetingBooked.self)
        let app = context.app
        struct Meeting: Decodable {
            let subject: String; let notes: String?; let occurred_at: Date; let duration_minutes: Int64?
        }
        guard
            let meeting = try await app.db.sql.select().columns("subject", "notes", "occurred_at", "duration_minutes")
                .from("activities").where("id", .equal, SQLBind(event.activityID)).first(decoding: Meeting.self),
            let user = try await User.find(event.userID, on: app.db), user.isActive
        else { return }
        let end = meeting.occurred_at.addingTimeInterval(Double(meeting.duration_minutes ?? 60) * 60)
        let link = "\(app.settings.publicURL)/activities/\(event.activityID)"
        let calendar = ICalendar.document(
            [
                CalendarEvent(
                    uid: "activity-\(event.activityID)@salespulse", start: meeting.occurred_at, end: end,
                    summary: meeting.subject, description: meeting.notes, url: link, alarmMinutes: 15,
                    organizer: SMTPClient.address(in: app.settings.mailFrom), attendees: [user.email])
            ],
            name: "SalesPulse", stamp: app.clock.now(), invitation: true)
        let zone = TimeZone(identifier: user.timeZone ?? "") ?? PageDate.utc
        let when = PageDate.$zone.withValue(zone) { PageDate.format(meeting.occurred_at) }
        let message = try await MailComposer(app: app).compose(
            "reminder", to: user.email, subject: "Invitation: \(meeting.subject)",
            context: ["name": user.name, "headline": "Meeting on \(when)", "detail": meeting.subject, "link": link],
            attachments: [
                .init(
                    filename: "invite.ics", contentType: "text/calendar; method=REQUEST; charset=utf-8",
                    data: Data(calendar.utf8))
            ])
        try await Outbox(db: app.db).enqueue(message, now: app.clock.now())
    }

    /// The won deal's order with its lines, for the rep to check and pass on.
    private static func orderConfirmation(
        _ id: UUID, _ name: String, _ amount: String, to owner: User, app: Application
    ) async throws -> MailMessage {
        struct Line: Decodable { let product: String?; let quantity: Int64; let unit_price: Int64 }
        let lines = try await app.db.sql.raw(
            """
            SELECT \(ident: "products").\(ident: "name") AS \(ident: "product"), \(ident: "opportunity_lines").\(ident: "quantity"),
              \(ident: "opportunity_lines").\(ident: "unit_price") FROM \(ident: "opportunity_lines")
            LEFT JOIN \(ident: "products") ON \(ident: "products").\(ident: "id") = \(ident: "opportunity_lines").\(ident: "product_id")
            WHERE \(ident: "opportunity_lines").\(ident: "opportunity_id") = \(bind: id)
            """
        ).all(decoding: Line.self)
        struct Context: Encodable, Sendable {
            let name: String, deal: String, total: String, link: String
            let lines: [[String: String]]
        }
        let context = Context(
            name: owner.name, deal: name, total: amount, link: "\(app.settings.publicURL)/opportunities/\(id)",
            lines: lines.map { line in
                [
                    "product": line.product ?? "Product", "quantity": String(line.quantity),
                    "price": ValueFormat.money(cents: line.unit_price),
                    "total": ValueFormat.money(cents: line.unit_price * line.quantity),
                ]
            })
        return try await MailComposer(app: app).compose(
            "order-confirmation", to: owner.email, subject: "Order confirmation: \(name)", context: context)
    }
}
