import Foundation
import SalesPulseCore
import SQLKit

/// Daily roll-ups (S6): per rep and day, new leads and contacts, calls, meetings, follow-ups
/// done and overdue, new/won/lost deals, revenue and lead response time; per lead source and
/// day, leads, qualified, converted, deals won and revenue; in both, the education centre's
/// trials booked, attended and missed, offers and enrolments. Rebuilt in full by a command and
/// refreshed for the touched reps, sources and days inside every write's transaction. Both paths run
/// the same SQL, so an incremental row always equals a rebuilt one.
struct DailyRollups: Sendable {
    static let repTable = "daily_rep_rollups"
    static let sourceTable = "daily_source_rollups"
    /// The education centre's steps, in both roll-ups: trials on their lesson day, enrolments
    /// on the day they were made.
    static let educationColumns = ["trials_scheduled", "trials_attended", "trials_no_show", "offers", "enrolments"]
    static let repColumns = CreateDailyRollups.repColumns + educationColumns
    static let sourceColumns = CreateDailyRollups.sourceColumns + educationColumns
    /// Tables whose writes change a roll-up.
    static let sourceTables: Set<String> = ["leads", "contacts", "activities", "tasks", "opportunities", "sales", "trial_lessons", "enrolments"]
    /// Tables whose rows count under their lead's source, which they do not carry: a write to
    /// them recounts every source of its days.
    static let leadSourcedTables: Set<String> = ["sales", "trial_lessons", "enrolments"]

    /// Which rows a statement covers: all, or some reps and sources on one day.
    struct Scope: Sendable {
        var reps: Set<UUID>?
        var sources: Set<String>?
        var day: CalendarDay?
        static let all = Scope()
    }

    let sql: any SQLDatabase
    let now: Date

    func rebuild() async throws {
        try await sql.raw("DELETE FROM \(ident: Self.repTable)").run()
        try await sql.raw("DELETE FROM \(ident: Self.sourceTable)").run()
        try await insertReps(.all)
        try await insertSources(.all)
    }

    /// Recomputes the rows a transaction's writes touched, after its last write and before it
    /// commits, so nested writes (a won deal's sale, a conversion's records) count once.
    /// New leads and contacts counted as `increments` are added to their rows instead, unless
    /// those rows are recounted anyway.
    func refresh(_ touched: RollupCells, increments: RollupIncrements = RollupIncrements()) async throws {
        let cells = try await withResponseDays(touched)
        let added = increments.excluding(cells)
        try await lock(cells.union(added.cells))
        try await added.write(on: sql)
        for (day, cell) in cells.days.sorted(by: { $0.key < $1.key }) {
            if !cell.reps.isEmpty {
                try await sql.raw("DELETE FROM \(ident: Self.repTable) WHERE \(ident: "day") = \(bind: day.text) AND \(FactFilters.ownerIn(Self.repTable, "rep_id", cell.reps))").run()
                try await insertReps(Scope(reps: cell.reps, day: day))
            }
            if cell.touchesSources {
                let sources = cell.allSources ? nil : cell.sources
                let only: SQLQueryString = sources.map { " AND \(ident: "source") IN (\(binds: $0.sorted()))" } ?? ""
                try await sql.raw("DELETE FROM \(ident: Self.sourceTable) WHERE \(ident: "day") = \(bind: day.text)\(only)").run()
                try await insertSources(Scope(sources: sources, day: day))
            }
        }
    }

    /// A lead's response time counts on its own day and owner: the leads whose first activity
    /// a write may have moved add those rows.
    private func withResponseDays(_ touched: RollupCells) async throws -> RollupCells {
        guard !touched.respondedLeads.isEmpty else { return touched }
        var cells = touched
        let ids = touched.respondedLeads.sorted { $0.uuidString < $1.uuidString }
        let rows = try await sql.select().columns("owner_id", "created_at").from("leads").where("id", .in, ids).all()
        for row in rows {
            guard let owner = try row.decodeNil(column: "owner_id") ? nil : try row.decode(column: "owner_id", as: UUID.self) else { continue }
            cells.add(reps: [owner], on: CalendarDay(containing: try row.decode(column: "created_at", as: Date.self)))
        }
        return cells
    }

    /// Two writes that recount the same row must not interleave: each would delete it and
    /// insert its own count, and the second insert would collide with the first (or, worse,
    /// replace it with a count taken before the first committed). On PostgreSQL transaction-
    /// scoped advisory locks, one per row, queue them; taken all at once in one fixed order
    /// (and after the transaction's other writes), they cannot deadlock. SQLite already runs
    /// one write transaction at a time (Database.writeTransaction).
    private func lock(_ cells: RollupCells) async throws {
        guard sql.dialect.name == "postgresql" else { return }
        let keys = cells.lockNames.map { (key: StableHash.int32($0.name), shared: $0.shared) }
        // The same key named twice (a hash collision) is taken once, exclusively.
        var exclusive: [Int32: Bool] = [:]
        for key in keys { exclusive[key.key] = (exclusive[key.key] ?? false) || !key.shared }
        for (key, isExclusive) in exclusive.sorted(by: { $0.key < $1.key }) {
            let function: SQLQueryString = isExclusive ? "pg_advisory_xact_lock" : "pg_advisory_xact_lock_shared"
            // Keyed by schema too: several companies may share one database, a schema each.
            try await sql.raw("SELECT \(function)(hashtext(\(bind: Self.lockNamespace) || current_schema()), \(literal: Int(key)))").run()
        }
    }

    private static let lockNamespace = "salespulse roll-ups "

    private func insertReps(_ scope: Scope) async throws {
        let parts = DailyRollupParts(sql: AnalyticsSQL(db: sql), now: now, scope: scope)
        try await sql.raw(aggregate(Self.repTable, key: "rep_id", columns: Self.repColumns, parts: parts.rep())).run()
    }

    private func insertSources(_ scope: Scope) async throws {
        let parts = DailyRollupParts(sql: AnalyticsSQL(db: sql), now: now, scope: scope)
        try await sql.raw(aggregate(Self.sourceTable, key: "source", columns: Self.sourceColumns, parts: parts.source())).run()
    }

    private func aggregate(_ table: String, key: String, columns: [String], parts: [SQLQueryString]) -> SQLQueryString {
        let sums = columns.map { "CAST(SUM(\(ident: $0)) AS BIGINT)" as SQLQueryString }.joined(separator: ", ")
        return "INSERT INTO \(ident: table) (\(ident: "day"), \(ident: key), \(idents: columns, joinedBy: ", ")) SELECT \(ident: "day"), \(ident: key), \(sums) FROM (\(parts.joined(separator: " UNION ALL "))) \(ident: "parts") WHERE \(ident: key) IS NOT NULL GROUP BY \(ident: "day"), \(ident: key)"
    }
}
