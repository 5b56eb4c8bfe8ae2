import Fluent
import Foundation
import SalesML
import SalesPulseCore
import SQLKit
import Vapor

/// Writes the demo's education branch through the record store, as the admin, so every rule
/// runs as it does for people: room bookings, seat counts, trials placed on real lessons, and
/// accepted trials that convert their lead, enrol the student and record the sale.
struct DemoSchoolWriter {
    let db: any Database
    let logger: Logger
    let now: Date

    struct Counts { var groups = 0, enrolments = 0, trials = 0 }

    func write(seed: UInt64) async throws -> Counts {
        guard let admin = try await User.query(on: db).filter(\.$role == .admin).sort(\.$createdAt).first() else {
            return Counts()
        }
        let context = RecordContext(
            db: db, actor: Actor(userID: try admin.requireID(), role: .admin), now: now, logger: logger)
        let zone = try await CompanySettings(sql: db.sql).timeZone()
        let today = LessonClock(zone: zone).today(now)
        let plan = DemoSchool.make(seed: seed, today: today)
        var random = SeededRandom(seed: seed ^ 0x7121A)
        var counts = Counts()

        var courseIDs: [UUID] = [], roomIDs: [UUID] = []
        for course in plan.courses {
            courseIDs.append(
                try await context.store(.courses).create(
                    given: [
                        "name": .text(course.name), "description": .text(course.description),
                        "teacherName": .text(course.teacher),
                        "price": .int(course.priceCents), "lessonMinutes": .int(Int64(course.lessonMinutes)),
                        "capacity": .int(Int64(course.capacity)),
                    ], context: context
                ).id)
        }
        for room in plan.rooms {
            roomIDs.append(
                try await context.store(.rooms).create(
                    given: [
                        "name": .text(room.name), "capacity": .int(Int64(room.capacity)),
                        "location": .text(room.location),
                    ], context: context
                ).id)
        }
        for closed in plan.closedDays {
            _ = try await context.store(.closedDays).create(
                given: ["day": .text(closed.day.text), "name": .text(closed.name)], context: context)
        }
        let contacts = try await ids("contacts", owner: "owner_id", where: nil, limit: 200)
        let reps = try await User.query(on: db).filter(\.$role == .rep).sort(\.$email).all().map { try $0.requireID() }
        var contactIndex = 0
        var groupIDs: [UUID] = []
        for group in plan.groups {
            let id = try await context.store(.courseGroups).create(
                given: [
                    "name": .text(group.name), "courseId": .uuid(courseIDs[group.course]),
                    "roomId": .uuid(roomIDs[group.room]),
                    "days": .text(group.pattern.text), "startTime": .text(group.starts.text),
                    "firstDay": .text(group.firstDay.text),
                    "lastDay": .text(group.lastDay.text),
                    "status": .text(group.planned ? GroupStatus.planned.rawValue : GroupStatus.running.rawValue),
                ], context: context
            ).id
            groupIDs.append(id)
            counts.groups += 1
            for _ in 0..<group.students where contactIndex < contacts.count {
                let (contact, owner) = contacts[contactIndex]
                contactIndex += 1
                _ = try await context.store(.enrolments).create(
                    given: [
                        "contactId": .uuid(contact), "groupId": .uuid(id),
                        "ownerId": owner.map(FieldValue.uuid) ?? .null,
                        "startsOn": .text(group.firstDay.adding(days: Int(random.next() % 21)).text),
                    ], context: context)
                counts.enrolments += 1
            }
        }
        counts.trials = try await bookTrials(
            plan: plan, groupIDs: groupIDs, today: today, reps: reps, random: &random, context: context)
        return counts
    }

    /// Trials for open leads: a few weeks of them already held and answered (some accepted,
    /// which enrols, some turned down, some still open), and the next two weeks booked.
    private func bookTrials(
        plan: DemoSchool, groupIDs: [UUID], today: CalendarDay, reps: [UUID], random: inout SeededRandom,
        context: RecordContext
    ) async throws -> Int {
        let leads = try await ids(
            "leads", owner: "owner_id", where: "status IN ('new', 'contacted', 'qualified') AND owner_id IS NOT NULL",
            limit: plan.pastTrials + plan.upcomingTrials)
        let closed = Set(plan.closedDays.map(\.day))
        let running = plan.groups.enumerated().filter { !$0.element.planned }
        var booked = 0
        for (index, (lead, _)) in leads.enumerated() {
            let past = index < plan.pastTrials
            let (groupIndex, group) = running[Int(random.next() % UInt64(running.count))]
            let schedule = GroupSchedule(
                pattern: group.pattern, firstDay: group.firstDay, lastDay: group.lastDay, starts: group.starts,
                ends: group.starts)
            let window =
                past
                ? schedule.lessonDays(closed: closed, from: today.adding(days: -28), through: today.adding(days: -1))
                : schedule.lessonDays(closed: closed, from: today.adding(days: 1), through: today.adding(days: 14))
            guard !window.isEmpty else { continue }
            let day = window[Int(random.next() % UInt64(window.count))]
            let trial = try await context.store(.trialLessons).create(
                given: [
                    "leadId": .uuid(lead), "groupId": .uuid(groupIDs[groupIndex]), "lessonDay": .text(day.text),
                    "notes": .text(past ? "Came with a friend; asked about the schedule." : "Booked by phone."),
                ], context: context)
            booked += 1
            guard past else { continue }
            let roll = random.next() % 10
            // Some lessons held lately still wait for their result, as on any real week.
            if roll == 9 { continue }
            var answer: [String: FieldValue] = ["status": .text(TrialStatus.attended.rawValue)]
            switch roll {
            case 0...3: answer["result"] = .text(TrialResult.accepted.rawValue)
            case 4...5:
                answer["result"] = .text(TrialResult.rejected.rawValue);
                answer["lostReason"] = .text(["Times do not suit", "Price", "Chose another school"][Int(roll) - 4])
            case 6: answer["status"] = .text(TrialStatus.noShow.rawValue)
            case 7: answer["result"] = .text(TrialResult.salesOffer.rawValue)
            default: break
            }
            do {
                try await context.store(.trialLessons).apply(answer, to: trial, context: context)
            } catch let error as DomainError {
                // A full group turns an acceptance away; the trial stays with its offer open.
                logger.debug("Demo trial left open: \(error.reason)")
                _ = try await context.store(.trialLessons).update(
                    trial,
                    values: [
                        "status": .text(TrialStatus.attended.rawValue),
                        "result": .text(TrialResult.salesOffer.rawValue),
                    ], context: context)
            }
        }
        return booked
    }

    private func ids(
        _ table: String, owner: String, where condition: String?, limit: Int
    ) async throws -> [(UUID, UUID?)] {
        struct Row: Decodable { let id: UUID; let owner: UUID? }
        let filter: SQLQueryString = condition.map { "WHERE \(unsafeRaw: $0)" } ?? ""
        return try await db.sql.raw(
            """
            SELECT \(ident: "id"), \(ident: owner) AS \(ident: "owner") FROM \(ident: table) \(filter) ORDER BY \(ident: "created_at"), \(ident: "id") LIMIT \(literal: limit)
            """
        ).all(decoding: Row.self).map { ($0.id, $0.owner) }
    }
}
