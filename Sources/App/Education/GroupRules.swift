import Foundation
import SalesPulseCore
import SQLKit

/// A group's schedule must be real and must not clash: its room is never double-booked, its
/// capacity fits the room and the students already in, and its teacher is not in two groups
/// at once (refused or allowed, as the admin chose). Its room bookings follow every save.
struct GroupRules: RecordRules {
    func validate(_ change: inout RecordChange, context: RecordContext) async throws {
        let capacityGiven = !change[.capacity].isNull
        try await fillFromCourse(&change, context: context)
        let schedule = try Self.schedule(of: change)
        // Stored in one spelling, so lists sort and filter them alike ("09:00" before "18:00").
        change[.days] = .text(schedule.pattern.text)
        change[.startTime] = .text(schedule.starts.text)
        change[.endTime] = .text(schedule.ends.text)
        guard let roomID = change[.roomId].uuid else { return }
        // An unknown room is the reference check's to report.
        guard
            let roomCapacity = try await context.sql.select().column("capacity").from("rooms").where(
                "id", .equal, SQLBind(roomID)
            )
            .first()?.decode(column: "capacity", as: Int64.self)
        else { return }
        if var capacity = change[.capacity].int {
            // The course's usual size, when the person gave none, shrinks to fit a smaller room.
            if !capacityGiven, capacity > roomCapacity {
                capacity = roomCapacity
                change[.capacity] = .int(capacity)
            }
            if capacity > roomCapacity {
                throw DomainError.invalid(
                    field: "capacity",
                    "The room seats \(roomCapacity); a group there can take at most \(roomCapacity) students.")
            }
            if let students = change.old?[.students].int, capacity < students {
                throw DomainError.invalid(
                    field: "capacity", "\(students) students are enrolled already; the capacity cannot be lower.")
            }
        }
        guard
            change.isCreate
                || [
                    "roomId", "days", "startTime", "endTime", "firstDay", "lastDay", "status", "teacherId",
                    "teacherName",
                ].contains(where: change.changed),
            change[.status].text != GroupStatus.cancelled.rawValue
        else { return }
        try await RoomBookings.lock(room: roomID, on: context.sql)
        let others = try await ScheduledGroup.load(on: context.sql, from: schedule.firstDay, through: schedule.lastDay)
            .filter { $0.id != change.old?.id }
        if let clash = others.lazy.filter({ $0.room_id == roomID }).compactMap({ other in
            other.schedule?.firstClash(with: schedule).map { (other, $0) }
        }).first {
            throw DomainError.conflict(
                field: "roomId",
                message:
                    "The room is taken by \(clash.0.name) (\(clash.0.when)) on \(clash.1.words), the first day both would meet."
            )
        }
        try await checkTeacher(change, schedule: schedule, others: others, context: context)
    }

    func afterSave(id: UUID, _ change: RecordChange, context: RecordContext) async throws {
        guard
            change.isCreate
                || ["roomId", "days", "startTime", "endTime", "firstDay", "lastDay", "status"].contains(
                    where: change.changed)
        else { return }
        guard change[.status].text != GroupStatus.cancelled.rawValue, let roomID = change[.roomId].uuid else {
            try await context.sql.delete(from: RoomBookings.table).where("group_id", .equal, SQLBind(id)).run()
            return
        }
        do {
            try await RoomBookings.book(
                group: id, room: roomID, schedule: try Self.schedule(of: change), on: context.sql)
        } catch  where RoomBookings.isRefusal(error) {
            throw DomainError.conflict(
                field: "roomId",
                message: "Another group took this room at the same time just now; choose another room or time.")
        }
    }

    func beforeDelete(_ record: Record, cascade: Bool, context: RecordContext) async throws {
        let uses =
            try await context.count("enrolments", where: "group_id", is: record.id)
            + context.count("trial_lessons", where: "group_id", is: record.id)
        if uses > 0 {
            throw DomainError.conflict(
                field: nil, message: "This group has \(uses) enrolment(s) or trial lesson(s); cancel it instead.")
        }
    }

    /// The course's lesson length, group size and teacher fill what the person left empty.
    private func fillFromCourse(_ change: inout RecordChange, context: RecordContext) async throws {
        guard let courseID = change[.courseId].uuid,
            change[.endTime].isNull || change[.capacity].isNull
                || (change.isCreate && change[.teacherId].isNull && change[.teacherName].isNull)
        else { return }
        struct Course: Decodable {
            let lesson_minutes: Int; let capacity: Int64; let teacher_id: UUID?; let teacher_name: String?
        }
        guard
            let course = try await context.sql.select().columns(
                "lesson_minutes", "capacity", "teacher_id", "teacher_name"
            ).from("courses")
                .where("id", .equal, SQLBind(courseID)).first(decoding: Course.self)
        else { return }
        if change[.endTime].isNull, let starts = change[.startTime].text.flatMap(ClockTime.init(text:)) {
            change[.endTime] = .text(ClockTime(minutes: min(starts.minutes + course.lesson_minutes, 1_440)).text)
        }
        if change[.capacity].isNull { change[.capacity] = .int(course.capacity) }
        if change.isCreate, change[.teacherId].isNull, change[.teacherName].isNull {
            change[.teacherId] = course.teacher_id.map(FieldValue.uuid) ?? .null
            change[.teacherName] = course.teacher_name.map(FieldValue.text) ?? .null
        }
    }

    private func checkTeacher(
        _ change: RecordChange, schedule: GroupSchedule, others: [ScheduledGroup], context: RecordContext
    ) async throws {
        let teacherID = change[.teacherId].uuid, teacherName = change[.teacherName].text?.lowercased()
        guard teacherID != nil || !(teacherName ?? "").isEmpty else { return }
        let same = others.filter { other in
            if let teacherID { return other.teacher_id == teacherID }
            return other.teacher_id == nil && other.teacher_name?.lowercased() == teacherName
        }
        guard
            let clash = same.lazy.compactMap({ other in other.schedule?.firstClash(with: schedule).map { (other, $0) } }
            ).first,
            try await CompanySettings(sql: context.sql).teacherClashRule() == .refuse
        else { return }
        throw DomainError.invalid(
            field: change[.teacherId].isNull ? "teacherName" : "teacherId",
            "This teacher teaches \(clash.0.name) (\(clash.0.when)) at the same time, first on \(clash.1.words).")
    }

    /// The schedule the values describe, or the field at fault.
    static func schedule(of change: RecordChange) throws -> GroupSchedule {
        guard let pattern = change[.days].text.flatMap(DayPattern.init(text:)) else {
            throw DomainError.invalid(
                field: "days", "Give the days as odd, even, mon_wed_fri, tue_thu or weekdays such as mon,thu.")
        }
        guard let starts = change[.startTime].text.flatMap(ClockTime.init(text:)) else {
            throw DomainError.invalid(field: "startTime", "Give the start time as HH:MM, for example 18:00.")
        }
        guard let ends = change[.endTime].text.flatMap(ClockTime.init(text:)) else {
            throw DomainError.invalid(field: "endTime", "Give the end time as HH:MM, for example 19:30.")
        }
        guard ends > starts else { throw DomainError.invalid(field: "endTime", "The lesson must end after it starts.") }
        guard let first = change[.firstDay].text.flatMap(CalendarDay.init(text:)) else {
            throw DomainError.invalid(field: "firstDay", "This field is required.")
        }
        guard let last = change[.lastDay].text.flatMap(CalendarDay.init(text:)) else {
            throw DomainError.invalid(field: "lastDay", "This field is required.")
        }
        guard last >= first else {
            throw DomainError.invalid(field: "lastDay", "The last day cannot be before the first.")
        }
        guard last.number - first.number <= 3 * 366 else {
            throw DomainError.invalid(field: "lastDay", "A group can run for at most three years.")
        }
        let schedule = GroupSchedule(pattern: pattern, firstDay: first, lastDay: last, starts: starts, ends: ends)
        guard !schedule.bookedDays.isEmpty else {
            throw DomainError.invalid(field: "days", "These days never fall between the first and last day.")
        }
        return schedule
    }
}
