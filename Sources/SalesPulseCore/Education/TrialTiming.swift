import Foundation

/// What a trial lesson's time says at a given moment: whether it is today, overdue, and how
/// many hours remain.
public struct TrialTiming: Sendable, Equatable {
    public let isToday: Bool
    /// Still marked scheduled after the lesson ended.
    public let isOverdue: Bool
    /// Whole hours until it starts, rounded down; negative once it started.
    public let hoursUntil: Int

    public init(startsAt: Date, endsAt: Date, scheduled: Bool, now: Date, timeZone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        isToday = calendar.isDate(startsAt, inSameDayAs: now)
        isOverdue = scheduled && endsAt <= now
        hoursUntil = Int((startsAt.timeIntervalSince(now) / 3_600).rounded(.down))
    }
}
