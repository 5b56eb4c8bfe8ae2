import Foundation
import SalesPulseCore
import SQLKit
import Vapor

/// A follow-up turns overdue as the clock passes its due time, with no write to move its
/// roll-up row: the every-minute scan recounts the rows of the open follow-ups that fell due
/// within the last few minutes. The window overlaps the previous scans (a recount is the same
/// however often it runs); after a longer outage the 01:00 check recounts yesterday and today.
struct OverdueCatchUp: Sendable {
    static let window: TimeInterval = 10 * 60

    let app: Application
    let now: Date

    /// Returns how many rep-day rows it recounted.
    @discardableResult
    func run() async throws -> Int {
        let rows = try await app.db.sql.select().columns("assignee_id", "due_at").from("tasks")
            .where("type", .equal, SQLBind(TaskType.followUp.rawValue)).where(
                "status", .equal, SQLBind(TaskStatus.open.rawValue)
            )
            .where("assignee_id", .isNot, SQLLiteral.null)
            .where("due_at", .greaterThan, SQLBind(now.addingTimeInterval(-Self.window))).where(
                "due_at", .lessThanOrEqual, SQLBind(now)
            )
            .all()
        var cells = RollupCells()
        var count = 0
        for row in rows {
            let rep = try row.decode(column: "assignee_id", as: UUID.self),
                day = CalendarDay(containing: try row.decode(column: "due_at", as: Date.self))
            if !(cells.days[day]?.reps.contains(rep) ?? false) { count += 1 }
            cells.add(reps: [rep], on: day)
        }
        guard count > 0 else { return 0 }
        let touched = cells, now = self.now
        try await app.db.writeTransaction { tx in try await DailyRollups(sql: tx.sql, now: now).refresh(touched) }
        return count
    }
}
