import Foundation
import SalesPulseCore
import SQLKit

/// A group as the timetable and the clash rules see it.
struct ScheduledGroup: Sendable, Decodable {
    let id: UUID
    let name: String
    let course_id: UUID
    let room_id: UUID
    let teacher_id: UUID?
    let teacher_name: String?
    let days: String
    let start_time: String
    let end_time: String
    let first_day: String
    let last_day: String
    let capacity: Int
    let students: Int
    let status: String

    static let columns = [
        "id", "name", "course_id", "room_id", "teacher_id", "teacher_name", "days", "start_time", "end_time",
        "first_day", "last_day", "capacity", "students", "status",
    ]

    var schedule: GroupSchedule? {
        guard let pattern = DayPattern(text: days), let first = CalendarDay(text: first_day),
            let last = CalendarDay(text: last_day),
            let starts = ClockTime(text: start_time), let ends = ClockTime(text: end_time)
        else { return nil }
        return GroupSchedule(pattern: pattern, firstDay: first, lastDay: last, starts: starts, ends: ends)
    }

    var occupancy: GroupOccupancy { GroupOccupancy(students: students, capacity: capacity) }
    var isOpen: Bool { GroupStatus(rawValue: status)?.isOpen ?? false }

    /// "Mon, Wed, Fri 18:00–19:30".
    var when: String { "\(DayPattern(text: days)?.words ?? days) \(start_time)–\(end_time)" }

    /// Groups that hold a room (every status but cancelled) and meet between two days.
    static func load(
        on sql: any SQLDatabase, from: CalendarDay? = nil, through: CalendarDay? = nil,
        where filter: ((SQLSelectBuilder) -> SQLSelectBuilder)? = nil
    ) async throws -> [ScheduledGroup] {
        var query = sql.select().columns(columns.map { SQLIdentifier($0) }).from("course_groups")
            .where("status", .notEqual, SQLBind(GroupStatus.cancelled.rawValue))
        if let from { query = query.where("last_day", .greaterThanOrEqual, SQLBind(from.text)) }
        if let through { query = query.where("first_day", .lessThanOrEqual, SQLBind(through.text)) }
        if let filter { query = filter(query) }
        return try await query.orderBy("name").all(decoding: ScheduledGroup.self)
    }

    /// Whether any planned or running group still meets on or after `day`: one row read, for
    /// pages that only ask whether the centre runs groups at all.
    static func anyOpen(on sql: any SQLDatabase, from day: CalendarDay) async throws -> Bool {
        try await sql.select().column("id").from("course_groups")
            .where("status", .in, GroupStatus.allCases.filter(\.isOpen).map(\.rawValue))
            .where("last_day", .greaterThanOrEqual, SQLBind(day.text)).limit(1).first() != nil
    }

    static func find(_ id: UUID, on sql: any SQLDatabase) async throws -> ScheduledGroup? {
        try await sql.select().columns(columns.map { SQLIdentifier($0) }).from("course_groups").where(
            "id", .equal, SQLBind(id)
        )
        .first(decoding: ScheduledGroup.self)
    }
}

enum ClosedDays {
    static func all(on sql: any SQLDatabase) async throws -> Set<CalendarDay> {
        struct Row: Decodable { let day: String }
        return Set(
            try await sql.select().column("day").from("closed_days").all(decoding: Row.self).compactMap {
                CalendarDay(text: $0.day)
            })
    }
}
