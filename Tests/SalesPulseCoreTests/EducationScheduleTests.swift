import Foundation
import SalesML
import SalesPulseCore
import Testing

@Suite("Education: day patterns, clashes and occupancy")
struct EducationScheduleTests {
    func day(_ text: String) -> CalendarDay { CalendarDay(text: text)! }

    func schedule(_ pattern: String, _ from: String, _ to: String, _ starts: String, _ ends: String) -> GroupSchedule {
        GroupSchedule(
            pattern: DayPattern(text: pattern)!, firstDay: day(from), lastDay: day(to),
            starts: ClockTime(text: starts)!, ends: ClockTime(text: ends)!)
    }

    @Test func patternsParseAndSpellBack() {
        #expect(DayPattern(text: "mon_wed_fri") == .weekdays([1, 3, 5]))
        #expect(DayPattern(text: "Tue, Thu") == .weekdays([2, 4]))
        #expect(DayPattern(text: "saturday") == .weekdays([6]))
        #expect(DayPattern(text: "odd") == .oddDays)
        #expect(DayPattern(text: "Even days") == .evenDays)
        #expect(DayPattern(text: "thu,mon")?.text == "mon_thu")
        #expect(DayPattern(text: "t") == nil)
        #expect(DayPattern(text: "funday") == nil)
        #expect(DayPattern(text: "") == nil)
        #expect(DayPattern.weekdays([1, 3, 5]).words == "Mon, Wed, Fri")
    }

    @Test func weekdaysAndDaysOfMonth() {
        #expect(day("1970-01-01").weekday == 4)
        #expect(day("2026-12-07").weekday == 1)
        #expect(day("2026-12-06").weekday == 7)
        #expect(day("1969-12-29").weekday == 1)
        #expect(day("2028-02-29").dayOfMonth == 29)
    }

    @Test func oddDaysRunTwiceAcrossLongMonthEnds() {
        let odd = schedule("odd", "2027-01-29", "2027-02-03", "10:00", "11:00")
        #expect(odd.bookedDays.map(\.text) == ["2027-01-29", "2027-01-31", "2027-02-01", "2027-02-03"])
        let even = schedule("even", "2028-02-27", "2028-03-03", "10:00", "11:00")
        #expect(even.bookedDays.map(\.text) == ["2028-02-28", "2028-03-02"])
        let leap = schedule("odd", "2028-02-27", "2028-03-02", "10:00", "11:00")
        #expect(leap.bookedDays.map(\.text) == ["2028-02-27", "2028-02-29", "2028-03-01"])
        let common = schedule("odd", "2027-02-27", "2027-03-02", "10:00", "11:00")
        #expect(common.bookedDays.map(\.text) == ["2027-02-27", "2027-03-01"])
    }

    @Test func closedDaysAreSkippedAsLessonsButStayBooked() {
        let group = schedule("mon_wed_fri", "2026-12-21", "2027-01-01", "18:00", "19:30")
        let closed: Set = [day("2026-12-25"), day("2027-01-01")]
        #expect(
            group.lessonDays(closed: closed).map(\.text) == ["2026-12-21", "2026-12-23", "2026-12-28", "2026-12-30"])
        #expect(group.bookedDays.count == 6)
        #expect(!group.hasLesson(on: day("2026-12-25"), closed: closed))
        #expect(group.hasLesson(on: day("2026-12-23"), closed: closed))
        #expect(!group.hasLesson(on: day("2026-12-22"), closed: closed))
        #expect(group.lessonMinutes == 90)
    }

    @Test(
        arguments: [
            // pattern, dates, times against pattern, dates, times → first clash
            (
                "mon_wed_fri", "2027-01-04", "2027-03-31", "18:00", "19:30", "mon_wed_fri", "2027-02-01", "2027-05-31",
                "19:00", "20:00", "2027-02-01"
            ),
            (
                "mon_wed_fri", "2027-01-04", "2027-03-31", "18:00", "19:30", "tue_thu", "2027-01-04", "2027-03-31",
                "18:00", "19:30", nil
            ),
            (
                "mon_wed_fri", "2027-01-04", "2027-03-31", "18:00", "19:30", "mon_wed_fri", "2027-01-04", "2027-03-31",
                "19:30", "21:00", nil
            ),
            (
                "mon_wed_fri", "2027-01-04", "2027-01-31", "18:00", "19:30", "mon_wed_fri", "2027-02-01", "2027-03-31",
                "18:00", "19:30", nil
            ),
            (
                "odd", "2027-01-01", "2027-12-31", "10:00", "11:00", "mon", "2027-01-01", "2027-12-31", "10:30",
                "11:30", "2027-01-11"
            ),
            (
                "even", "2027-01-01", "2027-12-31", "10:00", "11:00", "odd", "2027-01-01", "2027-12-31", "10:00",
                "11:00", nil
            ),
            (
                "even", "2027-01-31", "2027-02-01", "10:00", "11:00", "odd", "2027-01-01", "2027-12-31", "10:00",
                "11:00", nil
            ),
            (
                "odd", "2027-01-31", "2027-02-01", "10:00", "11:00", "odd", "2027-01-31", "2027-02-28", "10:00",
                "11:00", "2027-01-31"
            ),
            (
                "sun", "2027-01-01", "2027-01-02", "10:00", "11:00", "odd", "2027-01-01", "2027-12-31", "10:00",
                "11:00", nil
            ),
            (
                "sat", "2027-01-01", "2027-01-31", "09:00", "10:00", "even", "2027-01-01", "2027-12-31", "09:59",
                "10:30", "2027-01-02"
            ),
        ] as [(String, String, String, String, String, String, String, String, String, String, String?)])
    func overlapRule(
        _ a: String, _ aFrom: String, _ aTo: String, _ aStarts: String, _ aEnds: String,
        _ b: String, _ bFrom: String, _ bTo: String, _ bStarts: String, _ bEnds: String, _ expected: String?
    ) {
        let first = schedule(a, aFrom, aTo, aStarts, aEnds), second = schedule(b, bFrom, bTo, bStarts, bEnds)
        #expect(first.firstClash(with: second)?.text == expected)
        #expect(second.firstClash(with: first)?.text == expected)
    }

    /// 10,000 random schedules offered to five rooms, each kept only when the rule finds no
    /// clash with the room's groups; then every kept pair is checked day by day.
    @Test func noTwoKeptSchedulesShareARoomAtOnce() {
        var random = SeededRandom(seed: 42)
        let patterns: [DayPattern] = [
            .oddDays, .evenDays, .weekdays([1, 3, 5]), .weekdays([2, 4]), .weekdays([6]), .weekdays([1]),
            .weekdays([3, 7]),
        ]
        let base = day("2027-01-01").number
        var rooms = Array(repeating: [GroupSchedule](), count: 5)
        var refused = 0
        for _ in 0..<10_000 {
            let from = base + Int(random.next() % 300), length = 7 + Int(random.next() % 90)
            let starts = 8 * 60 + Int(random.next() % 24) * 30, minutes = 30 + Int(random.next() % 5) * 30
            let candidate = GroupSchedule(
                pattern: patterns[Int(random.next() % UInt64(patterns.count))],
                firstDay: CalendarDay(number: from), lastDay: CalendarDay(number: from + length),
                starts: ClockTime(minutes: starts), ends: ClockTime(minutes: starts + minutes))
            let room = Int(random.next() % 5)
            if rooms[room].contains(where: { $0.firstClash(with: candidate) != nil }) {
                refused += 1
            } else {
                rooms[room].append(candidate)
            }
        }
        #expect(refused > 1_000 && refused < 9_900)
        for kept in rooms {
            var used: [Int: [(Int, Int)]] = [:]
            for schedule in kept {
                for booked in schedule.bookedDays {
                    for (starts, ends) in used[booked.number] ?? [] {
                        #expect(
                            !(starts < schedule.ends.minutes && schedule.starts.minutes < ends),
                            "two groups on \(booked)")
                    }
                    used[booked.number, default: []].append((schedule.starts.minutes, schedule.ends.minutes))
                }
            }
        }
    }

    @Test func clockTimes() {
        #expect(ClockTime(text: "9:05")?.minutes == 545)
        #expect(ClockTime(text: "18:30")?.text == "18:30")
        #expect(ClockTime(text: "24:00")?.minutes == 1_440)
        #expect(ClockTime(text: "24:01") == nil)
        #expect(ClockTime(text: "7") == nil)
        #expect(ClockTime(text: "12:60") == nil)
    }

    @Test func occupancyBands() {
        #expect(GroupOccupancy(students: 5, capacity: 12).band == .green)
        #expect(GroupOccupancy(students: 6, capacity: 12).band == .orange)
        #expect(GroupOccupancy(students: 9, capacity: 12).band == .orange)
        #expect(GroupOccupancy(students: 10, capacity: 12).band == .red)
        #expect(GroupOccupancy(students: 10, capacity: 12).isNearlyFull)
        #expect(GroupOccupancy(students: 12, capacity: 12).isFull)
        #expect(GroupOccupancy(students: 12, capacity: 12).freeSeats == 0)
        #expect(GroupOccupancy(students: 3, capacity: 12).percent == 25)
    }

    @Test func trialTiming() {
        let zone = TimeZone(identifier: "Europe/Berlin")!
        let now = ISO8601DateFormatter().date(from: "2027-03-10T08:00:00Z")!
        let later = TrialTiming(
            startsAt: now.addingTimeInterval(5.5 * 3_600), endsAt: now.addingTimeInterval(7 * 3_600), scheduled: true,
            now: now, timeZone: zone)
        #expect(later.isToday && !later.isOverdue && later.hoursUntil == 5)
        let past = TrialTiming(
            startsAt: now.addingTimeInterval(-3 * 3_600), endsAt: now.addingTimeInterval(-3_600), scheduled: true,
            now: now, timeZone: zone)
        #expect(past.isOverdue && past.hoursUntil == -3)
        let marked = TrialTiming(
            startsAt: now.addingTimeInterval(-3 * 3_600), endsAt: now.addingTimeInterval(-3_600), scheduled: false,
            now: now, timeZone: zone)
        #expect(!marked.isOverdue)
        let tomorrow = TrialTiming(
            startsAt: now.addingTimeInterval(16.5 * 3_600), endsAt: now.addingTimeInterval(18 * 3_600), scheduled: true,
            now: now, timeZone: zone)
        #expect(!tomorrow.isToday)
    }

    @Test func adviceOpensAGroupWhereTrialsWaitAndCombinesThinOnes() {
        let today = day("2027-01-06")
        let rooms = [
            GroupAdvice.Room(id: "r1", name: "Room 1", capacity: 12),
            GroupAdvice.Room(id: "r2", name: "Room 2", capacity: 8),
        ]
        let full = GroupAdvice.Group(
            id: "g1", name: "English A1 morning", courseID: "c1", roomID: "r1",
            schedule: schedule("mon_wed_fri", "2027-01-04", "2027-05-28", "09:00", "10:30"),
            occupancy: GroupOccupancy(students: 11, capacity: 12))
        let thinA = GroupAdvice.Group(
            id: "g2", name: "German B1 evening", courseID: "c2", roomID: "r2",
            schedule: schedule("tue_thu", "2027-01-05", "2027-05-27", "18:00", "19:30"),
            occupancy: GroupOccupancy(students: 3, capacity: 8))
        let thinB = GroupAdvice.Group(
            id: "g3", name: "German B1 late", courseID: "c2", roomID: "r1",
            schedule: schedule("tue_thu", "2027-01-05", "2027-05-27", "19:30", "21:00"),
            occupancy: GroupOccupancy(students: 4, capacity: 12))
        let courses = [
            GroupAdvice.Course(id: "c1", name: "English A1", lessonMinutes: 90, capacity: 12, waitingTrials: 4),
            GroupAdvice.Course(id: "c2", name: "German B1", lessonMinutes: 90, capacity: 8, waitingTrials: 0),
        ]
        let advice = GroupAdvice.advise(courses: courses, groups: [full, thinA, thinB], rooms: rooms, today: today)
        #expect(advice.count == 2)
        guard case .openGroup(let course, let text, let slot)? = advice.first else {
            Issue.record("no new group advised"); return
        }
        #expect(course == "c1")
        #expect(text.contains("92% full") && text.contains("4 trial students are waiting"))
        #expect(slot?.roomID == "r1" && slot?.schedule.starts.text == "10:30")
        #expect(slot.map { s in full.schedule.firstClash(with: s.schedule) == nil } == true)
        guard case .combine(_, let from, let into, let words)? = advice.last else {
            Issue.record("no combination advised"); return
        }
        #expect(from == "g2" && into == "g3")
        #expect(words.contains("7 students fit German B1 late"))
    }
}

@Suite("Education: school steps on leads")
struct SchoolStepsTests {
    @Test func stepsMoveALeadOnlyForward() throws {
        let steps = SchoolSteps.defaults
        #expect(steps.move(.new, on: .trialScheduled) == .contacted)
        #expect(steps.move(.contacted, on: .trialAttended) == .qualified)
        #expect(steps.move(.qualified, on: .trialScheduled) == nil, "never back")
        #expect(steps.move(.converted, on: .offerMade) == nil)
        #expect(steps.move(.lost, on: .trialAttended) == nil)
    }

    @Test func theMappingIsReadAndRefusedClearly() throws {
        let steps = try SchoolSteps(parsing: [
            "trial_scheduled": "none", "trial_attended": "Contacted", "offer_made": nil,
        ])
        #expect(steps.statuses == [.trialAttended: .contacted])
        #expect(steps.pairs == ["trial_scheduled": "none", "trial_attended": "contacted", "offer_made": "none"])
        #expect(throws: FieldError.self) { try SchoolSteps(parsing: ["trial_attended": "converted"]) }
        #expect(throws: FieldError.self) { try SchoolSteps(parsing: ["enrolled": "qualified"]) }
    }
}
