import Documents
import Foundation
import SalesPulseCore
import SQLKit
import Vapor

/// Part of the every-minute reminder scan. Two hours before a scheduled trial its owner is
/// told, and the lead, when it has an email address, gets a reminder with the lesson as a
/// calendar invitation. Three minutes after the lesson ends, its owner gets a task to record
/// the result. Each happens once: the owner's notification key names the trial and its time,
/// and the email and the task are written in the same transaction as that notification.
struct TrialReminders: Sendable {
    static let before: TimeInterval = 2 * 3_600
    static let followUpAfter: TimeInterval = 3 * 60

    let app: Application
    let now: Date

    struct Trial: Decodable, Sendable {
        let id: UUID
        let owner_id: UUID
        let lead_id: UUID
        let starts_at: Date
        let ends_at: Date
        let lead_name: String
        let lead_email: String?
        let group_name: String
        let course_name: String
        let room_name: String
        let room_location: String?
        let teacher: String?
    }

    func scan() async throws -> Int {
        var created = 0
        for trial in try await trials(startingBy: now.addingTimeInterval(Self.before), endingBy: nil)
        where trial.starts_at > now.addingTimeInterval(-Reminders.catchUp) {
            if try await remind(trial) { created += 1 }
        }
        for trial in try await trials(startingBy: nil, endingBy: now.addingTimeInterval(-Self.followUpAfter))
        where trial.ends_at > now.addingTimeInterval(-Reminders.catchUp) {
            if try await askForResult(trial) { created += 1 }
        }
        return created
    }

    private func trials(startingBy: Date?, endingBy: Date?) async throws -> [Trial] {
        let window: SQLQueryString =
            startingBy.map { "\(ident: "t").\(ident: "starts_at") <= \(bind: $0)" }
            ?? "\(ident: "t").\(ident: "ends_at") <= \(bind: endingBy!)"
        return try await app.db.sql.raw(
            """
            SELECT \(ident: "t").\(ident: "id"), \(ident: "t").\(ident: "owner_id"), \(ident: "t").\(ident: "lead_id"), \(ident: "t").\(ident: "starts_at"),
              \(ident: "t").\(ident: "ends_at"), \(ident: "l").\(ident: "name") AS \(ident: "lead_name"), \(ident: "l").\(ident: "email") AS \(ident: "lead_email"),
              \(ident: "g").\(ident: "name") AS \(ident: "group_name"), \(ident: "c").\(ident: "name") AS \(ident: "course_name"),
              \(ident: "r").\(ident: "name") AS \(ident: "room_name"), \(ident: "r").\(ident: "location") AS \(ident: "room_location"),
              COALESCE(\(ident: "u").\(ident: "name"), \(ident: "g").\(ident: "teacher_name")) AS \(ident: "teacher")
            FROM \(ident: "trial_lessons") AS \(ident: "t")
            JOIN \(ident: "leads") AS \(ident: "l") ON \(ident: "l").\(ident: "id") = \(ident: "t").\(ident: "lead_id")
            JOIN \(ident: "course_groups") AS \(ident: "g") ON \(ident: "g").\(ident: "id") = \(ident: "t").\(ident: "group_id")
            JOIN \(ident: "courses") AS \(ident: "c") ON \(ident: "c").\(ident: "id") = \(ident: "g").\(ident: "course_id")
            JOIN \(ident: "rooms") AS \(ident: "r") ON \(ident: "r").\(ident: "id") = \(ident: "g").\(ident: "room_id")
            LEFT JOIN \(ident: "users") AS \(ident: "u") ON \(ident: "u").\(ident: "id") = \(ident: "g").\(ident: "teacher_id")
            WHERE \(ident: "t").\(ident: "status") = \(bind: TrialStatus.scheduled.rawValue) AND \(ident: "t").\(ident: "owner_id") IS NOT NULL
              AND \(window) AND \(ident: "t").\(ident: "ends_at") > \(bind: now.addingTimeInterval(-Reminders.catchUp))
            """
        ).all(decoding: Trial.self)
    }

    private func remind(_ trial: Trial) async throws -> Bool {
        let zone = try await CompanySettings(sql: app.db.sql).timeZone()
        let when = PageDate.$zone.withValue(zone) { PageDate.format(trial.starts_at) }
        let place = [trial.room_name, trial.room_location].compactMap { $0 }.joined(separator: ", ")
        let forLead = try await leadEmail(trial, when: when, place: place)
        let app = self.app, now = self.now
        return try await app.db.writeTransaction { tx in
            let created = try await NotificationInbox(app: app, db: tx).notify(
                trial.owner_id, .trialSoon, title: "Trial lesson at \(when): \(trial.lead_name), \(trial.group_name)",
                link: "/trial-lessons/\(trial.id)", key: "trial:\(trial.id):\(trial.starts_at.milliseconds)",
                email: .init(
                    template: "reminder", subject: "Trial lesson soon: \(trial.lead_name)",
                    context: [
                        "headline": "Trial lesson at \(when)",
                        "detail": "\(trial.lead_name), \(trial.group_name), \(place)",
                    ]),
                now: now)
            if created, let forLead { try await Outbox(db: tx).enqueue(forLead, now: now) }
            return created
        }
    }

    private func leadEmail(_ trial: Trial, when: String, place: String) async throws -> MailMessage? {
        guard let email = trial.lead_email, !email.isEmpty else { return nil }
        let calendar = ICalendar.document(
            [
                CalendarEvent(
                    uid: "trial-\(trial.id)@salespulse", start: trial.starts_at, end: trial.ends_at,
                    summary: "Trial lesson: \(trial.course_name)",
                    description: [trial.group_name, trial.teacher.map { "Teacher: \($0)" }].compactMap { $0 }.joined(
                        separator: "\n"),
                    url: nil, alarmMinutes: 60, organizer: SMTPClient.address(in: app.settings.mailFrom),
                    attendees: [email])
            ],
            name: "SalesPulse", stamp: now, invitation: true)
        return try await MailComposer(app: app).compose(
            "trial-lesson-reminder", to: email, subject: "Your trial lesson: \(trial.course_name), \(when)",
            context: [
                "name": trial.lead_name, "course": trial.course_name, "when": when, "place": place,
                "teacher": trial.teacher ?? "", "link": app.settings.publicURL,
            ],
            attachments: [
                .init(
                    filename: "trial-lesson.ics", contentType: "text/calendar; method=REQUEST; charset=utf-8",
                    data: Data(calendar.utf8))
            ])
    }

    /// The owner's task to record how it went, due at once, linked to the lead. Its id comes
    /// from the trial and the lesson's end, so a second scan finds it written already; the
    /// task's own reminder then tells the owner.
    private func askForResult(_ trial: Trial) async throws -> Bool {
        let app = self.app, now = self.now
        let title = "Record the result of \(trial.lead_name)'s trial lesson"
        let id = StableHash.uuid("trial-result:\(trial.id):\(trial.ends_at.milliseconds)")
        let written = try await app.db.writeTransaction { tx in
            try await tx.sql.raw(
                """
                INSERT INTO \(ident: RecordSpec.tasks.table) (\(ident: "id"), \(ident: "created_at"), \(ident: "updated_at"), \(ident: "title"),
                  \(ident: "type"), \(ident: "priority"), \(ident: "due_at"), \(ident: "assignee_id"), \(ident: "status"), \(ident: "lead_id"))
                VALUES (\(bind: id), \(bind: now), \(bind: now), \(bind: title), \(bind: TaskType.followUp.rawValue), \(bind: TaskPriority.high.rawValue),
                  \(bind: now), \(bind: trial.owner_id), \(bind: TaskStatus.open.rawValue), \(bind: trial.lead_id))
                ON CONFLICT DO NOTHING RETURNING \(ident: "id")
                """
            ).all()
        }
        return !written.isEmpty
    }
}
