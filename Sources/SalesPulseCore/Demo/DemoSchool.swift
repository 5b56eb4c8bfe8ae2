import Foundation
import SalesML

/// The demo company's education branch: a language school's courses, rooms and a season of
/// groups around the demo's "today", each with a planned fill so the groups page shows every
/// colour band, plus how many trial lessons to book before and after today.
public struct DemoSchool: Sendable {
    public struct Course: Sendable {
        public let name: String
        public let description: String
        public let priceCents: Int64
        public let lessonMinutes: Int
        public let capacity: Int
        public let teacher: String
    }

    public struct Room: Sendable {
        public let name: String
        public let capacity: Int
        public let location: String
    }

    public struct Group: Sendable {
        public let name: String
        public let course: Int
        public let room: Int
        public let pattern: DayPattern
        public let starts: ClockTime
        public let firstDay: CalendarDay
        public let lastDay: CalendarDay
        /// Students to enrol, at most the group's capacity.
        public let students: Int
        public let planned: Bool
    }

    public let courses: [Course]
    public let rooms: [Room]
    public let groups: [Group]
    public let closedDays: [(day: CalendarDay, name: String)]
    /// Trials whose lesson is over (attended or not, answered or not).
    public let pastTrials: Int
    /// Trials still to come.
    public let upcomingTrials: Int

    public static func make(seed: UInt64, today: CalendarDay) -> DemoSchool {
        var random = SeededRandom(seed: seed ^ 0x5C400)
        let courses = [
            Course(
                name: "English A1 Beginners", description: "First steps: everyday phrases, reading and listening.",
                priceCents: 42_000, lessonMinutes: 90, capacity: 12, teacher: "Olivia Grant"),
            Course(
                name: "English B1 Intermediate", description: "Conversation, writing and grammar for work and travel.",
                priceCents: 48_000, lessonMinutes: 90, capacity: 12, teacher: "Olivia Grant"),
            Course(
                name: "IELTS Preparation", description: "Exam strategy and mock tests for band 6.5+.",
                priceCents: 69_000, lessonMinutes: 120, capacity: 10, teacher: "Daniel Reyes"),
            Course(
                name: "Spanish A1", description: "Spanish for beginners.", priceCents: 39_000, lessonMinutes: 60,
                capacity: 10, teacher: "Lucía Márquez"),
            Course(
                name: "Kids English (7–10)", description: "Playful English for young learners.", priceCents: 33_000,
                lessonMinutes: 60, capacity: 8, teacher: "Hannah Cole"),
            Course(
                name: "Business English", description: "Meetings, presentations and email.", priceCents: 75_000,
                lessonMinutes: 90, capacity: 8, teacher: "Daniel Reyes"),
        ]
        let rooms = [
            Room(name: "Room 1 (Oxford)", capacity: 12, location: "First floor"),
            Room(name: "Room 2 (Cambridge)", capacity: 10, location: "First floor"),
            Room(name: "Room 3 (Kids corner)", capacity: 8, location: "Ground floor"),
            Room(name: "Room 4 (Small)", capacity: 6, location: "Second floor"),
        ]
        let season = today.weekStart.adding(days: -8 * 7), end = today.weekStart.adding(days: 20 * 7 - 3)
        let later = today.weekStart.adding(days: 14)
        func group(
            _ name: String, _ course: Int, _ room: Int, _ pattern: DayPattern, _ hour: Int, _ minute: Int = 0,
            fill: Double, planned: Bool = false
        ) -> Group {
            let capacity = min(courses[course].capacity, rooms[room].capacity)
            let jitter = Int(random.next() % 2)
            return Group(
                name: name, course: course, room: room, pattern: pattern,
                starts: ClockTime(minutes: hour * 60 + minute),
                firstDay: planned ? later : season, lastDay: end,
                students: min(capacity, max(0, Int((Double(capacity) * fill).rounded()) - jitter)),
                planned: planned)
        }
        let groups = [
            group("English A1 morning", 0, 0, .weekdays([1, 3, 5]), 9, fill: 1.0),
            group("English A1 evening", 0, 0, .weekdays([1, 3, 5]), 18, fill: 0.9),
            group("English B1 evening", 1, 1, .weekdays([2, 4]), 18, 30, fill: 0.85),
            group("English B1 weekend", 1, 0, .weekdays([6]), 10, fill: 0.4),
            group("English B1 odd days", 1, 1, .oddDays, 16, fill: 0.35),
            group("IELTS intensive", 2, 1, .weekdays([1, 3, 5]), 19, 30, fill: 0.7),
            group("Spanish A1 evening", 3, 3, .weekdays([2, 4]), 19, fill: 0.5),
            group("Spanish A1 even days", 3, 3, .evenDays, 17, fill: 0.3),
            group("Kids English Saturday", 4, 2, .weekdays([6]), 11, fill: 1.0),
            group("Kids English after school", 4, 2, .weekdays([2, 4]), 16, fill: 0.75),
            group("Business English lunch", 5, 3, .weekdays([1, 3]), 12, 30, fill: 0.0, planned: true),
        ]
        let holidays = [(today.adding(days: 10), "Staff training day"), (today.adding(days: 30), "Public holiday")]
        return DemoSchool(
            courses: courses, rooms: rooms, groups: groups, closedDays: holidays, pastTrials: 24, upcomingTrials: 12)
    }
}
