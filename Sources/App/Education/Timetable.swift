import Foundation
import SalesPulseCore
import SQLKit

/// A week of lessons drawn as a grid: a row per room (or per teacher), a column per day, a
/// block per group lesson with its trial students that day, and the free time left in the
/// centre's opening hours.
struct Timetable: Encodable, Sendable {
    enum Rows: String, Sendable { case rooms = "room", teachers = "teacher" }

    struct Block: Encodable, Sendable {
        let groupID: UUID
        let time: String
        let group: String
        let detail: String
        let students: Int
        let capacity: Int
        let band: String
        let trials: Int
        let day: String
    }

    struct Cell: Encodable, Sendable {
        let day: String
        let words: String
        let closed: String?
        let blocks: [Block]
        /// "09:00–18:00, 19:30–21:00"; nil on closed days.
        let free: String?
    }

    struct Row: Encodable, Sendable {
        let name: String
        let cells: [Cell]
    }

    struct DayHeading: Encodable, Sendable {
        let day: String
        let words: String
        let isToday: Bool
    }

    static let opens = ClockTime(minutes: 9 * 60), closes = ClockTime(minutes: 21 * 60)

    let by: String
    /// "Week of Mon 7 Dec 2026".
    let title: String
    let weekStart: String
    let previousWeek: String
    let nextWeek: String
    let days: [DayHeading]
    let rows: [Row]

    static func make(
        sql: any SQLDatabase, week requested: CalendarDay?, rows kind: Rows, now: Date, zone: TimeZone
    ) async throws -> Timetable {
        let today = LessonClock(zone: zone).today(now)
        let start = (requested ?? today).weekStart, end = start.adding(days: 6)
        let groups = try await ScheduledGroup.load(on: sql, from: start, through: end)
        let names = try await SchoolOverview.Names.load(sql)
        let closedNames = try await closedDays(sql, from: start, through: end)
        let trials = try await trialsByLesson(sql, from: start, through: end)
        let weekDays = (0..<7).map { start.adding(days: $0) }

        var keys: [(key: String, name: String)]
        switch kind {
        case .rooms:
            keys = names.rooms.values.sorted { $0.name < $1.name }.map { ($0.id.uuidString, $0.name) }
        case .teachers:
            let teachers = Set(groups.compactMap { teacherKey($0, names) })
            keys = teachers.sorted { $0.name < $1.name }.map { ($0.key, $0.name) }
        }
        let rows = keys.map { key, name in
            let own = groups.filter { group in
                kind == .rooms ? group.room_id.uuidString == key : teacherKey(group, names)?.key == key
            }
            let cells = weekDays.map { day -> Cell in
                if let closed = closedNames[day] {
                    return Cell(
                        day: day.text, words: day.words, closed: closed.isEmpty ? "Closed" : closed, blocks: [],
                        free: nil)
                }
                let meeting = own.filter { $0.schedule?.hasLesson(on: day) == true }.sorted {
                    $0.start_time < $1.start_time
                }
                let blocks = meeting.map { group in
                    Block(
                        groupID: group.id, time: "\(group.start_time)–\(group.end_time)", group: group.name,
                        detail: kind == .rooms
                            ? (teacherKey(group, names)?.name ?? names.courses[group.course_id]?.name ?? "")
                            : (names.rooms[group.room_id]?.name ?? ""),
                        students: group.students, capacity: group.capacity, band: group.occupancy.band.rawValue,
                        trials: trials["\(group.id.uuidString)|\(day.text)"] ?? 0, day: day.text)
                }
                return Cell(
                    day: day.text, words: day.words, closed: nil, blocks: blocks,
                    free: kind == .rooms ? freeTime(meeting.compactMap(\.schedule)) : nil)
            }
            return Row(name: name, cells: cells)
        }
        return Timetable(
            by: kind.rawValue, title: "Week of \(start.words)", weekStart: start.text,
            previousWeek: start.adding(days: -7).text, nextWeek: start.adding(days: 7).text,
            days: weekDays.map { DayHeading(day: $0.text, words: $0.words, isToday: $0 == today) }, rows: rows)
    }

    /// The opening hours a room has left on a day, as spans of at least half an hour.
    static func freeTime(_ lessons: [GroupSchedule]) -> String {
        var spans: [String] = [], from = opens.minutes
        for lesson in lessons.sorted(by: { $0.starts < $1.starts }) {
            if lesson.starts.minutes - from >= 30 { spans.append("\(ClockTime(minutes: from))–\(lesson.starts)") }
            from = max(from, lesson.ends.minutes)
        }
        if closes.minutes - from >= 30 { spans.append("\(ClockTime(minutes: from))–\(closes)") }
        return spans.isEmpty ? "Fully booked" : spans.joined(separator: ", ")
    }

    private static func teacherKey(_ group: ScheduledGroup, _ names: SchoolOverview.Names) -> TeacherKey? {
        if let id = group.teacher_id { return TeacherKey(key: id.uuidString, name: names.users[id] ?? "Teacher") }
        guard let name = group.teacher_name, !name.isEmpty else { return nil }
        return TeacherKey(key: "name:" + name.lowercased(), name: name)
    }

    struct TeacherKey: Hashable { let key: String; let name: String }

    private static func closedDays(
        _ sql: any SQLDatabase, from: CalendarDay, through: CalendarDay
    ) async throws -> [CalendarDay: String] {
        struct Row: Decodable { let day: String; let name: String? }
        let rows = try await sql.select().columns("day", "name").from("closed_days").where(
            "day", .greaterThanOrEqual, SQLBind(from.text)
        )
        .where("day", .lessThanOrEqual, SQLBind(through.text)).all(decoding: Row.self)
        return Dictionary(
            rows.compactMap { row in CalendarDay(text: row.day).map { ($0, row.name ?? "") } },
            uniquingKeysWith: { first, _ in first })
    }

    /// Trial students booked on each lesson ("group|day"), cancelled ones left out.
    private static func trialsByLesson(
        _ sql: any SQLDatabase, from: CalendarDay, through: CalendarDay
    ) async throws -> [String: Int] {
        struct Row: Decodable { let group_id: UUID; let lesson_day: String; let n: Int }
        let rows = try await sql.raw(
            """
            SELECT \(ident: "group_id"), \(ident: "lesson_day"), COUNT(*) AS \(ident: "n") FROM \(ident: "trial_lessons")
            WHERE \(ident: "lesson_day") >= \(bind: from.text) AND \(ident: "lesson_day") <= \(bind: through.text) AND \(ident: "status") <> \(bind: TrialStatus.cancelled.rawValue)
            GROUP BY \(ident: "group_id"), \(ident: "lesson_day")
            """
        ).all(decoding: Row.self)
        return Dictionary(rows.map { ("\($0.group_id.uuidString)|\($0.lesson_day)", $0.n) }, uniquingKeysWith: +)
    }
}
