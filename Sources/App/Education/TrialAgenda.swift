import Foundation
import SalesPulseCore
import SQLKit
import Vapor

extension TrialTiming {
    /// A trial lesson's timing as of `now`, in the zone its days are read in.
    init?(_ record: Record, now: Date, zone: TimeZone) {
        guard let start = record[.startsAt].date, let end = record[.endsAt].date else { return nil }
        self.init(
            startsAt: start, endsAt: end, scheduled: record[.status].text == TrialStatus.scheduled.rawValue, now: now,
            timeZone: zone)
    }
}

/// GET /api/v1/school/trials: the trial lessons a person may see between two days, with their
/// lead and group by name and what their time says now (today, overdue, hours until).
struct TrialAgenda: Encodable, Sendable {
    struct Item: Encodable, Sendable {
        let id: UUID
        let leadId: UUID?
        let lead: String
        let groupId: UUID?
        let group: String
        let ownerId: UUID?
        let lessonDay: String
        let startsAt: String
        let endsAt: String
        let status: String
        let result: String
        let isToday: Bool
        let isOverdue: Bool
        let hoursUntil: Int
    }

    let from: String
    let to: String
    let items: [Item]

    static func make(_ req: Request) async throws -> TrialAgenda {
        struct Query: Decodable { var from: String?; var to: String? }
        let query = try req.query.decode(Query.self)
        let zone = try await req.companySettings.timeZone()
        let today = LessonClock(zone: zone).today(req.now)
        let from = try day(query.from, field: "from") ?? today,
            to = try day(query.to, field: "to") ?? today.adding(days: 14)
        guard from <= to, to.number - from.number <= 366 else {
            throw DomainError.invalid(field: "to", "Give at most a year, ending after it starts.")
        }
        let list = try RecordListQuery(
            spec: .trialLessons, sort: "startsAt", limit: 500,
            conditions: [
                .atLeast(column: "lesson_day", value: .text(from.text)),
                .atMost(column: "lesson_day", value: .text(to.text)),
            ])
        let records = try await RecordLister(spec: .trialLessons, db: req.db).page(
            list, actor: try await req.actor(), now: req.now
        ).items
        var display = RecordDisplay(db: req.db, actor: try await req.actor())
        try await display.loadNames(for: records, spec: .trialLessons)
        let leadField = RecordSpec.trialLessons.field("leadId")!, groupField = RecordSpec.trialLessons.field("groupId")!
        return TrialAgenda(
            from: from.text, to: to.text,
            items: records.compactMap { record in
                guard let timing = TrialTiming(record, now: req.now, zone: zone), let start = record[.startsAt].date,
                    let end = record[.endsAt].date
                else { return nil }
                return Item(
                    id: record.id, leadId: record[.leadId].uuid, lead: display.text(leadField, record[.leadId]),
                    groupId: record[.groupId].uuid,
                    group: display.text(groupField, record[.groupId]), ownerId: record[.ownerId].uuid,
                    lessonDay: record[.lessonDay].text ?? "",
                    startsAt: InternetTime.format(start), endsAt: InternetTime.format(end),
                    status: record[.status].text ?? "",
                    result: record[.result].text ?? "", isToday: timing.isToday, isOverdue: timing.isOverdue,
                    hoursUntil: timing.hoursUntil)
            })
    }

    private static func day(_ text: String?, field: String) throws -> CalendarDay? {
        guard let text, !text.isEmpty else { return nil }
        guard let day = CalendarDay(text: text) else {
            throw DomainError.invalid(field: field, "Give a date as YYYY-MM-DD.")
        }
        return day
    }
}
