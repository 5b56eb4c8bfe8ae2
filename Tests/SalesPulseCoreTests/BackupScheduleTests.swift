import Foundation
import SalesPulseCore
import Testing

@Suite struct BackupScheduleTests {
    private let berlin = TimeZone(identifier: "Europe/Berlin")!

    private func utc(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    @Test func dueAtTheHourOfTheCompanysDay() {
        let schedule = BackupSchedule(enabled: true, hour: 3, folder: "b", keep: 7)
        // 03:00 in Berlin in winter is 02:00 UTC, in summer 01:00 UTC.
        #expect(schedule.dueTime(on: utc("2026-12-04T10:00:00Z"), in: berlin) == utc("2026-12-04T02:00:00Z"))
        #expect(schedule.dueTime(on: utc("2026-07-04T10:00:00Z"), in: berlin) == utc("2026-07-04T01:00:00Z"))
        // On the night the clocks go forward, 02:00 does not exist: the first moment after it.
        let spring = BackupSchedule(enabled: true, hour: 2, folder: "b", keep: 7)
        #expect(spring.dueTime(on: utc("2026-03-29T12:00:00Z"), in: berlin) == utc("2026-03-29T01:00:00Z"))
    }

    @Test(arguments: [
        ("2026-12-04T01:59:00Z", nil as String?, false),  // before the hour
        ("2026-12-04T02:00:00Z", nil, true),
        ("2026-12-04T02:00:00Z", "2026-12-03T02:00:00Z", true),  // yesterday's does not count
        ("2026-12-04T09:00:00Z", "2026-12-04T02:00:00Z", false),  // today's ran
        ("2026-12-04T09:00:00Z", "2026-12-04T01:00:00Z", true),  // asked before today's hour
    ])
    func dueOnceADay(now: String, last: String?, due: Bool) {
        let schedule = BackupSchedule(enabled: true, hour: 3, folder: "b", keep: 7)
        #expect(schedule.isDue(now: utc(now), in: berlin, lastScheduled: last.map(utc)) == due)
    }

    @Test func offIsNeverDueAndOnlyTheNewestAreKept() {
        var schedule = BackupSchedule.defaults
        schedule.enabled = false
        #expect(!schedule.isDue(now: utc("2026-12-04T23:00:00Z"), in: berlin, lastScheduled: nil))
        schedule.keep = 2
        #expect(schedule.surplus(newestFirst: [5, 4, 3, 2]) == [3, 2])
        #expect(schedule.surplus(newestFirst: [5]) == [])
    }
}
