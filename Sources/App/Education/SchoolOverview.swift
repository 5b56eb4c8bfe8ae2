import Foundation
import SalesPulseCore
import SQLKit

/// The groups page and its API: every running or planned group with its occupancy, the
/// centre's counts (full, nearly full, empty, trial students, expected enrolments), room usage
/// this week and the recommendations. One query set feeds page and API, so they agree.
struct SchoolOverview: Encodable, Sendable {
    struct GroupLine: Encodable, Sendable {
        let id: UUID
        let name: String
        let course: String
        let room: String
        let teacher: String?
        let when: String
        let firstDay: String
        let lastDay: String
        let students: Int
        let capacity: Int
        let percent: Int
        let freeSeats: Int
        let full: Bool
        let band: String
        let trialStudents: Int
        let status: String
    }

    struct RoomUse: Encodable, Sendable {
        let id: UUID
        let name: String
        /// Percent of the opening hours (09:00–21:00) booked, Monday first.
        let days: [DayUse]
        let week: Int
    }

    struct DayUse: Encodable, Sendable {
        let day: String
        let percent: Int
    }

    struct Totals: Encodable, Sendable {
        var groups = 0
        var full = 0
        var nearlyFull = 0
        var empty = 0
        var students = 0
        var seats = 0
        var trialStudents = 0
        /// Accepted trials over trials whose lesson is over, so far; nil before any.
        var trialToEnrolmentPercent: Int?
        var expectedEnrolments = 0
        /// The rate in words, for the page.
        var trialRateText = "no finished trials yet"
    }

    static let openingMinutes = 12 * 60

    let today: String
    /// The moment "still to come" is counted from, for links to the trials behind the counts.
    let upcomingFrom: String
    let weekStart: String
    let weekDays: [String]
    let groups: [GroupLine]
    let rooms: [RoomUse]
    let totals: Totals
    let advice: [String]

    static func make(sql: any SQLDatabase, now: Date, zone: TimeZone) async throws -> SchoolOverview {
        let today = LessonClock(zone: zone).today(now)
        let scheduled = try await ScheduledGroup.load(on: sql, from: today).filter(\.isOpen)
        let names = try await Names.load(sql)
        let trials = try await TrialCounts.load(sql: sql, now: now)
        let closed = try await ClosedDays.all(on: sql)
        let lines = scheduled.map { group in
            let occupancy = group.occupancy
            return GroupLine(
                id: group.id, name: group.name, course: names.courses[group.course_id]?.name ?? "",
                room: names.rooms[group.room_id]?.name ?? "",
                teacher: group.teacher_id.flatMap { names.users[$0] } ?? group.teacher_name, when: group.when,
                firstDay: group.first_day, lastDay: group.last_day, students: group.students, capacity: group.capacity,
                percent: occupancy.percent, freeSeats: occupancy.freeSeats, full: occupancy.isFull,
                band: occupancy.band.rawValue,
                trialStudents: trials.upcomingByGroup[group.id] ?? 0, status: group.status)
        }
        var totals = Totals()
        totals.groups = lines.count
        totals.full = scheduled.filter { $0.occupancy.isFull }.count
        totals.nearlyFull = scheduled.filter { $0.occupancy.isNearlyFull }.count
        totals.empty = scheduled.filter { $0.occupancy.isEmpty }.count
        totals.students = lines.reduce(0) { $0 + $1.students }
        totals.seats = lines.reduce(0) { $0 + $1.capacity }
        totals.trialStudents = lines.reduce(0) { $0 + $1.trialStudents }
        if trials.finished > 0 {
            let percent = Int((Double(trials.accepted) * 100 / Double(trials.finished)).rounded())
            totals.trialToEnrolmentPercent = percent
            totals.trialRateText = "at \(percent)% of finished trials enrolling so far"
            totals.expectedEnrolments = Int(
                (Double(trials.waitingByCourse.values.reduce(0, +)) * Double(trials.accepted) / Double(trials.finished))
                    .rounded())
        }
        let week = today.weekStart
        let rooms = names.rooms.values.sorted { $0.name < $1.name }.map { room in
            let minutes = (0..<7).map { offset -> Int in
                let day = week.adding(days: offset)
                return scheduled.filter { $0.room_id == room.id }.compactMap(\.schedule).filter {
                    $0.hasLesson(on: day, closed: closed)
                }
                .reduce(0) { $0 + $1.lessonMinutes }
            }
            return RoomUse(
                id: room.id, name: room.name,
                days: minutes.enumerated().map {
                    DayUse(day: week.adding(days: $0.offset).text, percent: min(100, $0.element * 100 / openingMinutes))
                },
                week: min(100, minutes.reduce(0, +) * 100 / (7 * openingMinutes)))
        }
        let advice = GroupAdvice.advise(
            courses: names.courses.values.filter(\.active).map { course in
                GroupAdvice.Course(
                    id: course.id.uuidString, name: course.name, lessonMinutes: course.minutes,
                    capacity: course.capacity,
                    waitingTrials: trials.waitingByCourse[course.id] ?? 0)
            }.sorted { $0.name < $1.name },
            groups: scheduled.compactMap { group in
                group.schedule.map {
                    GroupAdvice.Group(
                        id: group.id.uuidString, name: group.name, courseID: group.course_id.uuidString,
                        roomID: group.room_id.uuidString, schedule: $0, occupancy: group.occupancy)
                }
            },
            rooms: names.rooms.values.map {
                GroupAdvice.Room(id: $0.id.uuidString, name: $0.name, capacity: $0.capacity)
            }.sorted { $0.name < $1.name },
            today: today
        ).map(\.text)
        return SchoolOverview(
            today: today.text, upcomingFrom: InternetTime.format(now), weekStart: week.text,
            weekDays: (0..<7).map { String(week.adding(days: $0).words.prefix(3)) },
            groups: lines, rooms: rooms, totals: totals, advice: advice)
    }

    /// Courses, rooms and teachers by id, for the lines.
    struct Names: Sendable {
        struct Course: Decodable, Sendable {
            let id: UUID; let name: String; let lesson_minutes: Int; let capacity: Int; let is_active: Bool
            var minutes: Int { lesson_minutes }
            var active: Bool { is_active }
        }
        struct Room: Decodable, Sendable { let id: UUID; let name: String; let capacity: Int }
        struct Person: Decodable, Sendable { let id: UUID; let name: String }

        let courses: [UUID: Course]
        let rooms: [UUID: Room]
        let users: [UUID: String]

        static func load(_ sql: any SQLDatabase) async throws -> Names {
            let courses = try await sql.select().columns("id", "name", "lesson_minutes", "capacity", "is_active").from(
                "courses"
            ).all(decoding: Course.self)
            let rooms = try await sql.select().columns("id", "name", "capacity").from("rooms").all(decoding: Room.self)
            let users = try await sql.select().columns("id", "name").from("users").all(decoding: Person.self)
            return Names(
                courses: Dictionary(uniqueKeysWithValues: courses.map { ($0.id, $0) }),
                rooms: Dictionary(uniqueKeysWithValues: rooms.map { ($0.id, $0) }),
                users: Dictionary(uniqueKeysWithValues: users.map { ($0.id, $0.name) }))
        }
    }
}

/// Trial counts the groups page needs.
struct TrialCounts: Sendable {
    /// Scheduled trials not started yet, by group.
    var upcomingByGroup: [UUID: Int] = [:]
    /// Trial students not enrolled yet and not turned away, by course: upcoming, or attended
    /// with the answer still open.
    var waitingByCourse: [UUID: Int] = [:]
    /// Trials whose lesson is over and that were not cancelled.
    var finished = 0
    var accepted = 0

    static func load(sql: any SQLDatabase, now: Date) async throws -> TrialCounts {
        struct Row: Decodable {
            let group_id: UUID; let course_id: UUID; let status: String; let result: String; let starts_at: Date;
            let ends_at: Date
        }
        let rows = try await sql.raw(
            """
            SELECT \(ident: "t").\(ident: "group_id"), \(ident: "g").\(ident: "course_id"), \(ident: "t").\(ident: "status"), \(ident: "t").\(ident: "result"),
              \(ident: "t").\(ident: "starts_at"), \(ident: "t").\(ident: "ends_at") FROM \(ident: "trial_lessons") AS \(ident: "t")
            JOIN \(ident: "course_groups") AS \(ident: "g") ON \(ident: "g").\(ident: "id") = \(ident: "t").\(ident: "group_id")
            """
        ).all(decoding: Row.self)
        var counts = TrialCounts()
        for row in rows {
            let status = TrialStatus(rawValue: row.status), result = TrialResult(rawValue: row.result)
            let upcoming = status == .scheduled && row.starts_at >= now
            if upcoming { counts.upcomingByGroup[row.group_id, default: 0] += 1 }
            let waiting = upcoming || (status == .attended && (result == .pending || result == .salesOffer))
            if waiting { counts.waitingByCourse[row.course_id, default: 0] += 1 }
            if status != .cancelled, row.ends_at <= now, status != .scheduled || result == .accepted {
                counts.finished += 1
                if result == .accepted { counts.accepted += 1 }
            }
        }
        return counts
    }
}
