import Foundation
import SalesPulseCore
import SQLKit

/// Daily roll-ups (S6): per rep and day, new leads and contacts, calls, meetings, follow-ups
/// done and overdue, new/won/lost deals, revenue and lead response time; per lead source and
/// day, leads, qualified, converted, deals won and revenue. Rebuilt in full by a command and
/// refreshed for the touched reps and days inside every write's transaction. Both paths run
/// the same SQL, so an incremental row always equals a rebuilt one.
struct DailyRollups: Sendable {
    static let repTable = "daily_rep_rollups"
    static let sourceTable = "daily_source_rollups"
    static let repColumns = ["new_leads", "new_contacts", "calls", "meetings", "follow_ups_done", "follow_ups_overdue",
                             "new_deals", "deals_won", "deals_lost", "revenue", "response_minutes", "responded_leads"]
    static let sourceColumns = ["leads", "qualified", "converted", "deals_won", "revenue"]
    /// Tables whose writes change a roll-up.
    static let sourceTables: Set<String> = ["leads", "contacts", "activities", "tasks", "opportunities", "sales"]

    /// Which rows a statement covers: all, or some reps on one day.
    struct Scope: Sendable {
        var reps: Set<UUID>?
        var day: CalendarDay?
        static let all = Scope()
    }

    let sql: any SQLDatabase
    let now: Date

    func rebuild() async throws {
        try await sql.raw("DELETE FROM \(ident: Self.repTable)").run()
        try await sql.raw("DELETE FROM \(ident: Self.sourceTable)").run()
        try await insert(.all)
    }

    /// Recomputes the rows of these reps and days (and every source on these days).
    func refresh(reps: Set<UUID>, days: Set<CalendarDay>) async throws {
        for day in days.sorted() {
            try await lockForRefresh(day)
            let scope = Scope(reps: reps, day: day)
            try await sql.raw("DELETE FROM \(ident: Self.repTable) WHERE \(ident: "day") = \(bind: day.text)\(reps.isEmpty ? "" : " AND \(FactFilters.ownerIn(Self.repTable, "rep_id", reps))" as SQLQueryString)").run()
            try await sql.raw("DELETE FROM \(ident: Self.sourceTable) WHERE \(ident: "day") = \(bind: day.text)").run()
            try await insert(scope)
        }
    }

    /// Two writes that refresh the same day must not interleave: each would delete the day's
    /// rows and insert its own count, and the second insert would collide with the first (or,
    /// worse, replace it with a count taken before the first committed). On PostgreSQL a
    /// transaction-scoped advisory lock per schema and day queues them; SQLite already runs one write
    /// transaction at a time (Database.writeTransaction).
    private func lockForRefresh(_ day: CalendarDay) async throws {
        guard sql.dialect.name == "postgresql" else { return }
        // Keyed by schema too: several companies may share one database, a schema each.
        try await sql.raw("SELECT pg_advisory_xact_lock(\(literal: Self.lockNamespace), hashtext(current_schema() || \(bind: day.text)))").run()
    }

    /// The first key of the roll-ups' advisory locks ("SPRU"), apart from any other use.
    private static let lockNamespace = 0x5350_5255

    private func insert(_ scope: Scope) async throws {
        let parts = DailyRollupParts(sql: AnalyticsSQL(db: sql), now: now, scope: scope)
        if scope.reps?.isEmpty != true {
            try await sql.raw(aggregate(Self.repTable, key: "rep_id", columns: Self.repColumns, parts: parts.rep())).run()
        }
        try await sql.raw(aggregate(Self.sourceTable, key: "source", columns: Self.sourceColumns, parts: parts.source())).run()
    }

    private func aggregate(_ table: String, key: String, columns: [String], parts: [SQLQueryString]) -> SQLQueryString {
        let sums = columns.map { "CAST(SUM(\(ident: $0)) AS BIGINT)" as SQLQueryString }.joined(separator: ", ")
        return "INSERT INTO \(ident: table) (\(ident: "day"), \(ident: key), \(idents: columns, joinedBy: ", ")) SELECT \(ident: "day"), \(ident: key), \(sums) FROM (\(parts.joined(separator: " UNION ALL "))) \(ident: "parts") WHERE \(ident: key) IS NOT NULL GROUP BY \(ident: "day"), \(ident: key)"
    }
}
