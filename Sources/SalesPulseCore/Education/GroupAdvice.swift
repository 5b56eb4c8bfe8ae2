/// Recommendations for the groups page, in words: open a new group of a course whose groups
/// are nearly full while trial students wait, or combine two under-filled groups of a course.
public enum GroupAdvice {
    public struct Group: Sendable {
        public let id: String
        public let name: String
        public let courseID: String
        public let roomID: String
        public let schedule: GroupSchedule
        public let occupancy: GroupOccupancy

        public init(
            id: String, name: String, courseID: String, roomID: String, schedule: GroupSchedule,
            occupancy: GroupOccupancy
        ) {
            self.id = id
            self.name = name
            self.courseID = courseID
            self.roomID = roomID
            self.schedule = schedule
            self.occupancy = occupancy
        }
    }

    public struct Course: Sendable {
        public let id: String
        public let name: String
        public let lessonMinutes: Int
        public let capacity: Int
        /// Trial students booked or seen in a trial of this course and not enrolled yet.
        public let waitingTrials: Int

        public init(id: String, name: String, lessonMinutes: Int, capacity: Int, waitingTrials: Int) {
            self.id = id
            self.name = name
            self.lessonMinutes = lessonMinutes
            self.capacity = capacity
            self.waitingTrials = waitingTrials
        }
    }

    public struct Room: Sendable {
        public let id: String
        public let name: String
        public let capacity: Int

        public init(id: String, name: String, capacity: Int) {
            self.id = id
            self.name = name
            self.capacity = capacity
        }
    }

    /// A free slot that fits a new group.
    public struct Slot: Sendable, Equatable {
        public let roomID: String
        public let roomName: String
        public let schedule: GroupSchedule
    }

    public enum Advice: Sendable {
        case openGroup(courseID: String, text: String, slot: Slot?)
        case combine(courseID: String, fromGroupID: String, intoGroupID: String, text: String)

        public var text: String {
            switch self {
            case .openGroup(_, let text, _), .combine(_, _, _, let text): text
            }
        }
    }

    /// Patterns tried for a new group, most usual first.
    static let candidatePatterns: [DayPattern] = [
        .weekdays([1, 3, 5]), .weekdays([2, 4]), .oddDays, .evenDays, .weekdays([6]),
    ]

    public static func advise(courses: [Course], groups: [Group], rooms: [Room], today: CalendarDay) -> [Advice] {
        var advice: [Advice] = []
        for course in courses {
            let own = groups.filter { $0.courseID == course.id && $0.schedule.lastDay >= today }
            let seats = own.reduce(0) { $0 + $1.occupancy.capacity },
                students = own.reduce(0) { $0 + $1.occupancy.students }
            let nearlyFull = seats > 0 && Double(students) / Double(seats) >= 0.8
            if course.waitingTrials > 0, own.isEmpty || nearlyFull {
                let slot = freeSlot(for: course, like: own, groups: groups, rooms: rooms, today: today)
                let why =
                    own.isEmpty
                    ? "it has no running group"
                    : "its groups are \(GroupOccupancy(students: students, capacity: seats).percent)% full"
                let waiting =
                    course.waitingTrials == 1
                    ? "1 trial student is waiting" : "\(course.waitingTrials) trial students are waiting"
                var text = "Open a new group of \(course.name): \(why) and \(waiting)."
                if let slot {
                    text +=
                        " \(slot.roomName) is free \(slot.schedule.pattern.words), \(slot.schedule.starts)–\(slot.schedule.ends), from \(slot.schedule.firstDay.words)."
                } else {
                    text += " No room is free for it at the usual times; consider a longer day or another room."
                }
                advice.append(.openGroup(courseID: course.id, text: text, slot: slot))
            }
            advice += combinations(of: own, course: course, rooms: rooms)
        }
        return advice
    }

    /// Two groups of one course, each under half full, meeting on the same days, whose
    /// students together fit one of them.
    static func combinations(of groups: [Group], course: Course, rooms: [Room]) -> [Advice] {
        let thin = groups.filter { $0.occupancy.band == .green && !$0.occupancy.isEmpty }.sorted { $0.name < $1.name }
        var used = Set<String>(), advice: [Advice] = []
        for (index, from) in thin.enumerated() where !used.contains(from.id) {
            for into in thin[(index + 1)...]
            where !used.contains(into.id) && into.schedule.pattern == from.schedule.pattern {
                let total = from.occupancy.students + into.occupancy.students
                let (smaller, larger) = from.occupancy.capacity <= into.occupancy.capacity ? (from, into) : (into, from)
                guard total <= larger.occupancy.capacity else { continue }
                used.formUnion([from.id, into.id])
                advice.append(
                    .combine(
                        courseID: course.id, fromGroupID: smaller.id, intoGroupID: larger.id,
                        text:
                            "Combine \(smaller.name) (\(smaller.occupancy.students) of \(smaller.occupancy.capacity)) into \(larger.name) "
                            + "(\(larger.occupancy.students) of \(larger.occupancy.capacity)) of \(course.name): both meet \(larger.schedule.pattern.words) "
                            + "and \(total) students fit \(larger.name) at \(larger.schedule.starts)."))
                break
            }
        }
        return advice
    }

    /// The first room and time, 09:00–21:00 on the half hour, where a new group of the course
    /// clashes with nothing for the next term (the length of its latest group, or 13 weeks).
    public static func freeSlot(
        for course: Course, like groups: [Group], groups all: [Group], rooms: [Room], today: CalendarDay
    ) -> Slot? {
        let start = today.adding(days: 7 - (today.weekday - 1)), weeks = 13
        let length = groups.map { $0.schedule.lastDay.number - $0.schedule.firstDay.number }.max() ?? weeks * 7
        let end = start.adding(days: max(length, 28))
        let minutes = max(course.lessonMinutes, 30)
        let patterns = (groups.map(\.schedule.pattern) + candidatePatterns).reduce(into: [DayPattern]()) {
            if !$0.contains($1) { $0.append($1) }
        }
        let fitting = rooms.filter { $0.capacity >= min(course.capacity, rooms.map(\.capacity).max() ?? 0) }.sorted {
            $0.capacity < $1.capacity
        }
        for pattern in patterns {
            var from = 9 * 60
            while from + minutes <= 21 * 60 {
                let schedule = GroupSchedule(
                    pattern: pattern, firstDay: start, lastDay: end, starts: ClockTime(minutes: from),
                    ends: ClockTime(minutes: from + minutes))
                for room in fitting
                where !all.contains(where: { $0.roomID == room.id && $0.schedule.firstClash(with: schedule) != nil }) {
                    return Slot(roomID: room.id, roomName: room.name, schedule: schedule)
                }
                from += 30
            }
        }
        return nil
    }
}
