import Foundation

/// The daily backup an admin sets up: whether it runs, at which hour of the company's day, into
/// which folder, and how many files to keep. A server that was down at that hour backs up when
/// it comes back, the same day.
public struct BackupSchedule: Sendable, Equatable, Codable {
    public var enabled: Bool
    /// Hour of the day, 0–23, in the company's time zone.
    public var hour: Int
    /// Folder on the server the files go to.
    public var folder: String
    /// How many of the newest backup files stay; older ones are removed.
    public var keep: Int

    public static let defaults = BackupSchedule(enabled: true, hour: 3, folder: "data/backups", keep: 7)
    public static let keepRange = 1...365

    public init(enabled: Bool, hour: Int, folder: String, keep: Int) {
        self.enabled = enabled
        self.hour = hour
        self.folder = folder
        self.keep = keep
    }

    /// Today's backup time in `zone`: the day's `hour` o'clock (on a day the clocks skip that
    /// hour, the first moment after it).
    public func dueTime(on now: Date, in zone: TimeZone) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let day = calendar.startOfDay(for: now)
        return calendar.date(
            bySettingHour: hour, minute: 0, second: 0, of: day, matchingPolicy: .nextTime, repeatedTimePolicy: .first,
            direction: .forward)
            ?? day.addingTimeInterval(TimeInterval(hour * 3_600))
    }

    /// Whether a scheduled backup should start now, given when the last scheduled one was
    /// asked for.
    public func isDue(now: Date, in zone: TimeZone, lastScheduled: Date?) -> Bool {
        guard enabled else { return false }
        let due = dueTime(on: now, in: zone)
        guard now >= due else { return false }
        return lastScheduled.map { $0 < due } ?? true
    }

    /// Of the backups still on disk, newest first, the ones past the newest `keep`.
    public func surplus<T>(newestFirst: [T]) -> [T] { Array(newestFirst.dropFirst(max(keep, 1))) }
}
