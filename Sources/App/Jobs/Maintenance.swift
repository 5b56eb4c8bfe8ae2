import Fluent
import Foundation
import SalesPulseCore
import SQLKit
import Vapor

/// Housekeeping on a schedule: yesterday's and today's roll-ups recomputed (overdue counts move
/// with the clock, not with writes), and old sessions' leftovers, used links, finished jobs and
/// old schedule rows removed, and the query planner's statistics kept current.
enum Maintenance {
    static let rollupCheckKind = "rollups.check"
    static let cleanUpKind = "clean-up"
    /// Finished jobs and schedule rows are kept this long for the admin page.
    static let keep: TimeInterval = 14 * 86_400

    static func register(_ app: Application) {
        app.jobHandlers.register(rollupCheckKind) { context in
            let now = context.app.clock.now()
            let reps = try await User.query(on: context.app.db).all().compactMap(\.id)
            let today = CalendarDay(containing: now)
            try await context.app.db.writeTransaction { tx in
                var cells = RollupCells()
                cells.add(reps: Set(reps), days: [today.adding(days: -1), today])
                try await DailyRollups(sql: tx.sql, now: now).refresh(cells)
            }
        }
        app.jobHandlers.register(cleanUpKind) { context in
            let now = context.app.clock.now()
            let before = now.addingTimeInterval(-keep).milliseconds
            try await context.app.db.writeTransaction { tx in
                let sql = tx.sql
                try await sql.delete(from: JobQueue.table).where(
                    "state", .in, [JobQueue.State.done.rawValue, JobQueue.State.cancelled.rawValue]
                )
                .where("finished_at", .lessThan, before).run()
                try await sql.delete(from: Scheduler.table).where("ran_at", .lessThan, before).run()
                try await PasswordResetToken.query(on: tx).filter(\.$expiresAt < now).delete()
                try await StoredSessions.removeExpired(sql, now: now)
                // Cheap unless a table grew or shrank a lot since it was last looked at.
                try await sql.refreshPlannerStatistics()
            }
        }
    }
}
