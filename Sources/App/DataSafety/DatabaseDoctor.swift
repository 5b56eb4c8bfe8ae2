import Fluent
import Foundation
import SalesPulseCore
import SQLKit

/// `doctor`: the database's own consistency check, rows that point at rows that are gone, the
/// region, segment and source copies analytics reads, and the roll-ups against a rebuild. It
/// changes nothing: the rebuild it compares with runs in a transaction that is rolled back.
struct DatabaseDoctor {
    let db: any Database
    let now: Date

    typealias Progress = @Sendable (_ check: HealthReport.Check) -> Void

    func examine(progress: @escaping Progress = { _ in }) async throws -> HealthReport {
        var report = HealthReport()
        let sql = db.sql
        for check in [try await storage(sql), try await references(sql), try await copies(sql), try await rollups()] {
            report.append(check)
            progress(check)
        }
        return report
    }

    private func storage(_ sql: any SQLDatabase) async throws -> HealthReport.Check {
        if sql.dialect.name == "sqlite" {
            var check = HealthReport.Check(name: "storage", title: "Database file (SQLite's integrity check)")
            let answers = try await sql.raw("PRAGMA integrity_check").all().map {
                try $0.decode(column: "integrity_check", as: String.self)
            }
            for answer in answers where answer != "ok" { check.add(1, answer) }
            return check
        }
        var check = HealthReport.Check(name: "storage", title: "Database indexes (PostgreSQL)")
        let broken = try await sql.raw(
            """
            SELECT \(ident: "c").\(ident: "relname") AS \(ident: "name") FROM pg_index \(ident: "i") JOIN pg_class \(ident: "c") ON \(ident: "c").\(ident: "oid") = \(ident: "i").\(ident: "indexrelid")
            WHERE NOT \(ident: "i").\(ident: "indisvalid") AND \(ident: "c").\(ident: "relnamespace") = current_schema()::regnamespace
            """
        ).all().map { try $0.decode(column: "name", as: String.self) }
        for index in broken { check.add(1, "the index \(index) is not valid; rebuild it with REINDEX") }
        return check
    }

    /// Links the schema does not declare (they let go by hand when their target is deleted),
    /// checked like the declared ones.
    static let undeclaredLinks: [String: [DatabaseCatalog.Link]] = [
        "teams": [.init(column: "lead_id", table: "users", targetColumn: "id")],
        "leads": [.init(column: "converted_opportunity_id", table: "opportunities", targetColumn: "id")],
    ]

    /// Every link between tables, checked for rows whose target is gone.
    private func references(_ sql: any SQLDatabase) async throws -> HealthReport.Check {
        var check = HealthReport.Check(name: "references", title: "Links between records")
        for table in try await DatabaseCatalog.read(sql).tables {
            for link in table.links + (Self.undeclaredLinks[table.name] ?? []) {
                let dangling: SQLQueryString = """
                    FROM \(ident: table.name) \(ident: "child") WHERE \(ident: "child").\(ident: link.column) IS NOT NULL AND NOT EXISTS \
                    (SELECT 1 FROM \(ident: link.table) \(ident: "parent") WHERE \(ident: "parent").\(ident: link.targetColumn) = \(ident: "child").\(ident: link.column))
                    """
                let count =
                    try await sql.raw("SELECT COUNT(*) AS \(ident: "n") \(dangling)").first()?.decode(
                        column: "n", as: Int.self) ?? 0
                guard count > 0 else { continue }
                let example = try await sql.raw(
                    "SELECT \(ident: "child").\(ident: link.column) AS \(ident: "target") \(dangling) LIMIT 1"
                ).first()
                let target =
                    (try? example?.decode(column: "target", as: String.self))
                    ?? (try? example?.decode(column: "target", as: UUID.self).uuidString) ?? "?"
                check.add(
                    count,
                    "\(table.name).\(link.column): \(count == 1 ? "1 row points" : "\(count) rows point") at \(link.table) that do not exist (such as \(target))"
                )
            }
        }
        return check
    }

    private func copies(_ sql: any SQLDatabase) async throws -> HealthReport.Check {
        var check = HealthReport.Check(
            name: "copies", title: "Region, segment and lead source copied onto deals and sales")
        for (table, count) in try await FactDimensions(sql: sql).disagreements().sorted(by: { $0.key < $1.key }) {
            check.add(
                count, "\(table): \(count == 1 ? "1 row differs" : "\(count) rows differ") from its account or lead")
        }
        return check
    }

    /// The kept roll-ups against a rebuild from the records, taken in a transaction that is
    /// then rolled back.
    private func rollups() async throws -> HealthReport.Check {
        var check = HealthReport.Check(
            name: "rollups", title: "Daily roll-ups per rep and per lead source",
            advice: "`salespulse rollups` counts them again from the records.")
        let now = self.now
        let (kept, rebuilt) = try await rolledBack { tx in
            let kept = try await RollupSnapshot.read(tx.sql)
            try await DailyRollups(sql: tx.sql, now: now).rebuild()
            return (kept, try await RollupSnapshot.read(tx.sql))
        }
        // Follow-ups turn overdue as the clock passes their time, not by a write: the 01:00 check
        // counts yesterday and today again, so those two days may lag until it runs.
        let today = CalendarDay(containing: now)
        let moving: Set<String> = [today.text, today.adding(days: -1).text]
        let settled = kept.without("follow_ups_overdue", on: moving),
            expected = rebuilt.without("follow_ups_overdue", on: moving)
        for difference in settled.differences(from: expected) { check.add(1, difference) }
        return check
    }

    private struct RollBack<T: Sendable>: Error { let value: T }

    private func rolledBack<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T
    {
        do {
            _ = try await db.writeTransaction { tx -> Bool in throw RollBack(value: try await body(tx)) }
        } catch let rollBack as RollBack<T> {
            return rollBack.value
        }
        preconditionFailure("the transaction always rolls back")
    }
}
