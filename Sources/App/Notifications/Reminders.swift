import Foundation
import SalesPulseCore
import SQLKit
import Vapor

/// The every-minute scan: tasks at each of their reminder offsets, lead follow-ups and
/// snoozes that ended, and the roll-ups of follow-ups that just turned overdue. Each reminder's key names the moment it is for, so it fires once; one
/// whose time passed while nothing ran fires once when the scan runs again (within a week).
struct Reminders: Sendable {
    static let scanKind = "reminders.scan"
    static let catchUp: TimeInterval = 7 * 86_400

    let app: Application
    let now: Date

    static func register(_ app: Application) {
        app.jobHandlers.register(scanKind) { context in
            try await Reminders(app: context.app, now: context.app.clock.now()).scan()
        }
    }

    var sql: any SQLDatabase { app.db.sql }
    var center: NotificationInbox { NotificationInbox(app: app, db: app.db) }

    /// Returns how many notifications it created.
    @discardableResult
    func scan() async throws -> Int {
        try await TaskDueEvents(app: app, now: now).queue()
        try await OverdueCatchUp(app: app, now: now).run()
        return try await tasks() + followUps() + snoozes() + TrialReminders(app: app, now: now).scan()
    }

    private func tasks() async throws -> Int {
        struct Row: Decodable {
            let id: UUID
            let title: String
            let due_at: Date
            let assignee_id: UUID
            let reminder_offsets: String?
        }
        let horizon = now.addingTimeInterval(31 * 86_400)
        let rows = try await sql.select().columns("id", "title", "due_at", "assignee_id", "reminder_offsets").from(
            "tasks"
        )
        .where("status", .equal, SQLBind(TaskStatus.open.rawValue)).where("assignee_id", .isNot, SQLLiteral.null)
        .where("due_at", .greaterThan, SQLBind(now.addingTimeInterval(-Self.catchUp))).where(
            "due_at", .lessThanOrEqual, SQLBind(horizon)
        )
        .all(decoding: Row.self)
        var created = 0
        for task in rows {
            for offset in ReminderOffsets.minutes(task.reminder_offsets) ?? [0] {
                let fireAt = task.due_at.addingTimeInterval(-Double(offset) * 60)
                guard fireAt <= now, fireAt > now.addingTimeInterval(-Self.catchUp) else { continue }
                let headline = Self.headline(due: task.due_at, now: now)
                let key = "task:\(task.id):\(task.due_at.milliseconds):\(offset)"
                if try await app.db.writeTransaction({ tx in
                    try await NotificationInbox(app: app, db: tx).notify(
                        task.assignee_id, .taskDue, title: "\(headline): \(task.title)", link: "/tasks/\(task.id)",
                        key: key,
                        email: .init(
                            template: "reminder", subject: "Reminder: \(task.title)",
                            context: ["headline": headline, "detail": task.title]), now: now)
                }) {
                    created += 1
                }
            }
        }
        return created
    }

    /// A lead's follow-up date, unless an open follow-up task for it reminds already.
    private func followUps() async throws -> Int {
        struct Row: Decodable { let id: UUID; let name: String; let follow_up_at: Date; let owner_id: UUID }
        let openTask: SQLQueryString = """
            EXISTS (SELECT 1 FROM \(ident: "tasks") WHERE \(ident: "tasks").\(ident: "lead_id") = \(ident: "leads").\(ident: "id")
              AND \(ident: "tasks").\(ident: "status") = \(bind: TaskStatus.open.rawValue) AND \(ident: "tasks").\(ident: "type") = \(bind: TaskType.followUp.rawValue))
            """
        let rows = try await sql.raw(
            """
            SELECT \(ident: "id"), \(ident: "name"), \(ident: "follow_up_at"), \(ident: "owner_id") FROM \(ident: "leads")
            WHERE \(ident: "owner_id") IS NOT NULL AND \(ident: "status") IN (\(binds: LeadStatus.allCases.filter(\.isOpen).map(\.rawValue)))
              AND \(ident: "follow_up_at") <= \(bind: now) AND \(ident: "follow_up_at") > \(bind: now.addingTimeInterval(-Self.catchUp)) AND NOT \(openTask)
            """
        ).all(decoding: Row.self)
        var created = 0
        for lead in rows {
            if try await app.db.writeTransaction({ tx in
                try await NotificationInbox(app: app, db: tx).notify(
                    lead.owner_id, .followUpDue, title: "Follow up with \(lead.name)", link: "/leads/\(lead.id)",
                    key: "follow-up:\(lead.id):\(lead.follow_up_at.milliseconds)",
                    email: .init(
                        template: "reminder", subject: "Follow up with \(lead.name)",
                        context: ["headline": "Time to follow up", "detail": "Follow up with \(lead.name)"]), now: now)
            }) {
                created += 1
            }
        }
        return created
    }

    private func snoozes() async throws -> Int {
        struct Row: Decodable { let id: UUID; let name: String; let snoozed_until: Date; let owner_id: UUID }
        let rows = try await sql.select().columns("id", "name", "snoozed_until", "owner_id").from("leads")
            .where("owner_id", .isNot, SQLLiteral.null).where("snoozed_until", .lessThanOrEqual, SQLBind(now))
            .where("snoozed_until", .greaterThan, SQLBind(now.addingTimeInterval(-Self.catchUp))).all(
                decoding: Row.self)
        var created = 0
        for lead in rows {
            if try await app.db.writeTransaction({ tx in
                try await NotificationInbox(app: app, db: tx).notify(
                    lead.owner_id, .snoozeEnded, title: "\(lead.name) is back from snooze", link: "/leads/\(lead.id)",
                    key: "snooze:\(lead.id):\(lead.snoozed_until.milliseconds)",
                    email: .init(
                        template: "reminder", subject: "\(lead.name) is back from snooze",
                        context: ["headline": "A snoozed lead is back", "detail": lead.name]), now: now)
            }) {
                created += 1
            }
        }
        return created
    }

    /// Said as of when the reminder goes out: one that fires late after an outage says overdue.
    static func headline(due: Date, now: Date) -> String {
        let minutes = Int((due.timeIntervalSince(now) / 60).rounded())
        if minutes < -15 { return "Overdue task" }
        return minutes <= 1 ? "Task due now" : "Task due in \(duration(minutes: minutes))"
    }

    static func duration(minutes: Int) -> String {
        if minutes % 1_440 == 0 { return minutes == 1_440 ? "1 day" : "\(minutes / 1_440) days" }
        if minutes % 60 == 0 { return minutes == 60 ? "1 hour" : "\(minutes / 60) hours" }
        return minutes == 1 ? "1 minute" : "\(minutes) minutes"
    }
}
