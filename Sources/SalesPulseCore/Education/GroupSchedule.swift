/// When a group meets: its day pattern between two dates, from one time to another.
public struct GroupSchedule: Sendable, Hashable {
    public let pattern: DayPattern
    public let firstDay: CalendarDay
    public let lastDay: CalendarDay
    public let starts: ClockTime
    public let ends: ClockTime

    public init(pattern: DayPattern, firstDay: CalendarDay, lastDay: CalendarDay, starts: ClockTime, ends: ClockTime) {
        self.pattern = pattern
        self.firstDay = firstDay
        self.lastDay = lastDay
        self.starts = starts
        self.ends = ends
    }

    /// Every day the pattern gives between the two dates, closed days included: the room is
    /// booked on them whether or not the centre opens.
    public var bookedDays: [CalendarDay] {
        guard firstDay <= lastDay else { return [] }
        return (firstDay.number...lastDay.number).map(CalendarDay.init(number:)).filter(pattern.matches)
    }

    /// The days lessons take place: the booked days the centre is open.
    public func lessonDays(
        closed: Set<CalendarDay> = [], from: CalendarDay? = nil, through: CalendarDay? = nil
    ) -> [CalendarDay] {
        let start = max(firstDay, from ?? firstDay), end = min(lastDay, through ?? lastDay)
        guard start <= end else { return [] }
        return (start.number...end.number).map(CalendarDay.init(number:)).filter {
            pattern.matches($0) && !closed.contains($0)
        }
    }

    public func hasLesson(on day: CalendarDay, closed: Set<CalendarDay> = []) -> Bool {
        day >= firstDay && day <= lastDay && pattern.matches(day) && !closed.contains(day)
    }

    public func timesOverlap(_ other: GroupSchedule) -> Bool {
        starts < other.ends && other.starts < ends
    }

    /// The first day both groups would use the room at the same time, if any: their dates
    /// overlap, their patterns share a calendar day and their times overlap.
    public func firstClash(with other: GroupSchedule) -> CalendarDay? {
        guard timesOverlap(other) else { return nil }
        let start = max(firstDay, other.firstDay), end = min(lastDay, other.lastDay)
        guard start <= end else { return nil }
        if case .weekdays(let mine) = pattern, case .weekdays(let theirs) = other.pattern, mine.isDisjoint(with: theirs)
        {
            return nil
        }
        var number = start.number
        while number <= end.number {
            let day = CalendarDay(number: number)
            if pattern.matches(day) && other.pattern.matches(day) { return day }
            number += 1
        }
        return nil
    }

    /// Minutes one lesson lasts.
    public var lessonMinutes: Int { ends.minutes - starts.minutes }
}
