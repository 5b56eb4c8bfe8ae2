import Documents
import Fluent
import Foundation
import SalesPulseCore
import SQLKit
import Vapor

/// .ics downloads of single follow-ups, tasks, meetings and trial lessons, and each user's private feed.
enum CalendarLinks {
    static func eventHref(spec: RecordSpec, record: Record) -> String? {
        event(spec: spec, record: record, name: "") == nil ? nil : "/\(spec.path)/\(record.id)/calendar.ics"
    }

    static func event(spec: RecordSpec, record: Record, name: String, publicURL: String = "") -> CalendarEvent? {
        let url = "\(publicURL)/\(spec.path)/\(record.id)"
        switch spec.path {
        case "leads":
            guard let at = record[.followUpAt].date else { return nil }
            return CalendarEvent(
                uid: "lead-\(record.id)-follow-up@salespulse", start: at, end: at.addingTimeInterval(1800),
                summary: "Follow up: \(record[.name].text ?? name)", description: record[.followUpNote].text,
                url: url, alarmMinutes: 15)
        case "tasks":
            guard let at = record[.dueAt].date else { return nil }
            let reminder = (record[.reminderOffsets].text ?? "").split(separator: ",").compactMap {
                Int($0.trimmingCharacters(in: .whitespaces))
            }.first
            return CalendarEvent(
                uid: "task-\(record.id)@salespulse", start: at, end: at.addingTimeInterval(1800),
                summary: "Task: \(record[.title].text ?? name)", description: nil, url: url,
                alarmMinutes: reminder ?? 15)
        case "activities":
            guard
                record[.type].text == ActivityType.meeting.rawValue
                    || record[.type].text == ActivityType.visit.rawValue,
                let at = record[.occurredAt].date
            else { return nil }
            let minutes = Double(record[.durationMinutes].int ?? 60)
            return CalendarEvent(
                uid: "activity-\(record.id)@salespulse", start: at, end: at.addingTimeInterval(minutes * 60),
                summary: "\(FieldLabel.value(record[.type].text ?? "meeting")): \(record[.subject].text ?? name)",
                description: record[.notes].text, url: url, alarmMinutes: 15)
        case "trial-lessons":
            guard record[.status].text == TrialStatus.scheduled.rawValue, let start = record[.startsAt].date else {
                return nil
            }
            return CalendarEvent(
                uid: "trial-\(record.id)@salespulse", start: start,
                end: record[.endsAt].date ?? start.addingTimeInterval(3_600),
                summary: "Trial lesson: \(name)", description: record[.notes].text, url: url, alarmMinutes: 120)
        default:
            return nil
        }
    }

    /// What names each record in an event's title when the record has no name of its own: a
    /// trial lesson is named by its lead.
    static func names(_ spec: RecordSpec, _ records: [Record], db: any Database) async throws -> [UUID: String] {
        guard spec.path == RecordSpec.trialLessons.path, !records.isEmpty else { return [:] }
        struct Row: Decodable { let id: UUID; let name: String }
        let leads = Set(records.compactMap { $0[.leadId].uuid })
        let rows = try await db.sql.select().columns("id", "name").from(RecordSpec.leads.table)
            .where("id", .in, leads.map { $0 }).all(decoding: Row.self)
        let byLead = Dictionary(uniqueKeysWithValues: rows.map { ($0.id, $0.name) })
        return Dictionary(
            uniqueKeysWithValues: records.compactMap { record in
                record[.leadId].uuid.flatMap { byLead[$0] }.map { (record.id, $0) }
            })
    }
}

struct CalendarController: RouteCollection {
    /// Routes for signed-in pages.
    func boot(routes: any RoutesBuilder) throws {
        for path in ["leads", "tasks", "activities", "trial-lessons"] {
            routes.get(PathComponent(stringLiteral: path), ":id", "calendar.ics") { req in
                try await download(req, path: path)
            }
        }
        routes.get("account", "calendar", use: page)
        routes.post("account", "calendar", use: regenerate)
    }

    struct Page: Encodable {
        let title = "Calendar feed"
        let nav: Navigation
        let feedURL: String?
        let mayExport: Bool
    }

    @Sendable func page(req: Request) async throws -> View {
        let user = try req.requireUser()
        let mayExport = try await req.actor().exportGranted
        return try await req.view.render(
            "calendar",
            Page(
                nav: try req.navigation(),
                feedURL: mayExport ? user.calendarToken.map { "\(req.settings.publicURL)/calendar/\($0).ics" } : nil,
                mayExport: mayExport))
    }

    @Sendable func regenerate(req: Request) async throws -> Response {
        try await req.authorize(.export, .businessRecord)
        let user = try req.requireUser()
        user.calendarToken = SecretToken.generate()
        try await user.save(on: req.db)
        return req.redirect(to: "/account/calendar")
    }

    func download(_ req: Request, path: String) async throws -> Response {
        let spec = RecordCatalog.spec(path: path)!
        let record = try await req.visibleRecord(spec, for: .export)
        let name = try await CalendarLinks.names(spec, [record], db: req.db)[record.id] ?? spec.label
        guard let event = CalendarLinks.event(spec: spec, record: record, name: name, publicURL: req.settings.publicURL)
        else {
            throw DomainError.notFound("This \(spec.label) has no date to put in a calendar.")
        }
        return Self.icsResponse(
            ICalendar.document([event], name: "SalesPulse", stamp: req.now, timeZone: PageDate.zone.identifier),
            filename: "\(spec.label)-\(record.id).ics")
    }

    /// The private feed: no session, the secret in the URL is the key.
    @Sendable static func feed(req: Request) async throws -> Response {
        let raw = req.parameters.get("token") ?? ""
        let token = raw.hasSuffix(".ics") ? String(raw.dropLast(4)) : raw
        guard !token.isEmpty, let user = try await User.query(on: req.db).filter(\.$calendarToken == token).first(),
            user.isActive
        else {
            throw DomainError.notFound("No such calendar.")
        }
        let actor = try await ActorResolver.resolve(user, on: req.db)
        guard AccessPolicy.decide(actor, .export, .businessRecord) == .allowed else {
            throw DomainError.forbidden(
                "Your role may not take records out of SalesPulse; ask an admin to allow exports.")
        }
        var events: [CalendarEvent] = []
        let userID = try user.requireID()
        let sources: [(RecordSpec, [RecordListQuery.Condition])] = [
            (
                .tasks,
                [
                    .equals(column: "assignee_id", values: [.uuid(userID)]),
                    .equals(column: "status", values: [.text(TaskStatus.open.rawValue)]),
                ]
            ),
            (
                .leads,
                [
                    .equals(column: "owner_id", values: [.uuid(userID)]),
                    .atLeast(column: "follow_up_at", value: .date(req.now.addingTimeInterval(-30 * 86_400))),
                    .equals(column: "status", values: LeadStatus.allCases.filter(\.isOpen).map { .text($0.rawValue) }),
                ]
            ),
            (
                .activities,
                [
                    .equals(column: "user_id", values: [.uuid(userID)]),
                    .equals(column: "type", values: [.text("meeting"), .text("visit")]),
                    .atLeast(column: "occurred_at", value: .date(req.now.addingTimeInterval(-30 * 86_400))),
                ]
            ),
            (
                .trialLessons,
                [
                    .equals(column: "owner_id", values: [.uuid(userID)]),
                    .equals(column: "status", values: [.text(TrialStatus.scheduled.rawValue)]),
                    .atLeast(column: "starts_at", value: .date(req.now.addingTimeInterval(-30 * 86_400))),
                ]
            ),
        ]
        for (spec, conditions) in sources {
            let query = try RecordListQuery(spec: spec, sort: "-updatedAt", limit: 500, conditions: conditions)
            let records = try await RecordLister(spec: spec, db: req.db).page(query, actor: actor, now: req.now).items
            let names = try await CalendarLinks.names(spec, records, db: req.db)
            for record in records {
                if let event = CalendarLinks.event(
                    spec: spec, record: record, name: names[record.id] ?? spec.label, publicURL: req.settings.publicURL)
                {
                    events.append(event)
                }
            }
        }
        let companyZone = try await req.companySettings.value(.timeZone)
        let zone = user.timeZone ?? companyZone ?? "UTC"
        return icsResponse(
            ICalendar.document(events, name: "SalesPulse – \(user.name)", stamp: req.now, timeZone: zone),
            filename: "salespulse.ics")
    }

    static func icsResponse(_ text: String, filename: String) -> Response {
        let response = Response(status: .ok, body: .init(string: text))
        response.headers.replaceOrAdd(name: .contentType, value: "text/calendar; charset=utf-8")
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(filename)\"")
        return response
    }
}
