import Foundation
import NIOConcurrencyHelpers
import SalesPulseCore
import SQLKit
import Vapor

/// Periodic work. Each tick, every schedule whose period has a key now claims the row
/// (schedule, period) and, if it was first, enqueues its job in the same transaction: any
/// number of app instances produce one run per period.
struct Scheduler: Sendable {
    static let table = "schedule_runs"

    struct Schedule: Sendable {
        let name: String
        let period: SchedulePeriod
        let jobKind: String
    }

    static let schedules = [
        Schedule(name: "reminders", period: .everyMinute, jobKind: Reminders.scanKind),
        Schedule(name: "rollup-check", period: .dailyAt(hour: 1), jobKind: Maintenance.rollupCheckKind),
        Schedule(name: "nightly-scoring", period: .dailyAt(hour: NightlyScoring.hour), jobKind: NightlyScoring.jobKind),
        Schedule(name: "clean-up", period: .hourly, jobKind: Maintenance.cleanUpKind),
        Schedule(name: "backup", period: .hourly, jobKind: BackupJob.scheduleKind),
        Schedule(name: "retention", period: .dailyAt(hour: 2), jobKind: RetentionJob.kind),
        Schedule(
            name: "weekly-reports", period: .mondaysAt(hour: WeeklyReportJob.hour), jobKind: WeeklyReportJob.kind),
    ]

    let app: Application
    /// What this process tried already; each instance has its own.
    let memory: SchedulerMemory

    init(app: Application, memory: SchedulerMemory? = nil) {
        self.app = app
        self.memory = memory ?? app.schedulerMemory
    }

    /// Claims and enqueues what is due; returns the schedules this call started.
    @discardableResult
    func tick(now: Date) async throws -> [String] {
        var started: [String] = []
        for schedule in Self.schedules {
            guard let period = schedule.period.key(at: now), !memory.tried(schedule.name, period) else { continue }
            let first = try await app.db.writeTransaction { tx in
                let claimed = try await tx.sql.raw(
                    """
                    INSERT INTO \(ident: Self.table) (\(ident: "schedule"), \(ident: "period"), \(ident: "ran_at"))
                    VALUES (\(bind: schedule.name), \(bind: period), \(bind: now.milliseconds)) ON CONFLICT DO NOTHING RETURNING \(ident: "schedule")
                    """
                ).all()
                guard !claimed.isEmpty else { return false }
                try await JobQueue(db: tx).enqueue(
                    schedule.jobKind, payload: ["period": period], runAt: now, priority: 5,
                    maxAttempts: 3, uniqueKey: "schedule:\(schedule.name):\(period)", now: now)
                return true
            }
            memory.remember(schedule.name, period)
            if first { started.append(schedule.name) }
        }
        return started
    }
}

/// The last period each schedule was tried in by this process, so a tick touches the
/// database only when a period turns over.
final class SchedulerMemory: Sendable {
    private let seen = NIOLockedValueBox<[String: String]>([:])

    func tried(_ schedule: String, _ period: String) -> Bool { seen.withLockedValue { $0[schedule] == period } }

    func remember(_ schedule: String, _ period: String) { seen.withLockedValue { $0[schedule] = period } }
}

extension Application {
    private struct SchedulerMemoryKey: StorageKey { typealias Value = SchedulerMemory }

    var schedulerMemory: SchedulerMemory {
        if let memory = storage[SchedulerMemoryKey.self] { return memory }
        let memory = SchedulerMemory()
        storage[SchedulerMemoryKey.self] = memory
        return memory
    }
}
