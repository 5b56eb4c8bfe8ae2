import Foundation
import SalesPulseCore
import SQLKit

/// Daily roll-ups (S6): per rep and day, new leads and contacts, calls, meetings, follow-ups
/// done and overdue, new/won/lost deals, revenue and lead response time; per lead source and
/// day, leads, qualified, converted, deals won and revenue; in both, the education centre's
/// trials booked, attended and missed, offers and enrolments. Rebuilt in full by a command; inside
/// every write's transaction, moved by the written records' deltas (`RollupDeltas`) or, for the
/// measures that depend on other rows or the clock, recounted for the touched reps, sources and
/// days by the same SQL as the rebuild. A test proves the kept rows equal a rebuild.
struct DailyRollups: Sendable {
    static let repTable = "daily_rep_rollups"
    static let sourceTable = "daily_source_rollups"
    /// The education centre's steps, in both roll-ups: trials on their lesson day, enrolments
    /// on the day they were made.
    static let educationColumns = ["trials_scheduled", "trials_attended", "trials_no_show", "offers", "enrolments"]
    static let repColumns = CreateDailyRollups.repColumns + educationColumns
    static let sourceColumns = CreateDailyRollups.sourceColumns + educationColumns
    /// Tables whose writes change a roll-up.
    static let sourceTables: Set<String> = [
        "leads", "contacts", "activities", "tasks", "opportunities", "sales", "trial_lessons", "enrolments",
    ]
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

    /// Applies a transaction's writes after its last one and before it commits: recounts the rows
    /// whose measures depend on other rows or the clock, then adds the deltas of the rest, so
    /// nested writes (a won deal's sale, a conversion's records) count once.
    func refresh(_ touched: RollupCells, deltas: RollupDeltas = RollupDeltas()) async throws {
        let cells = try await withResponseDays(try await resolvingFirstTouches(touched))
        let moves = deltas.excluding(cells)
        try await lock(cells.lockNames() + moves.cells.lockNames(adding: true))
        try await moves.write(on: sql)
        for (day, cell) in cells.days.sorted(by: { $0.key < $1.key }) {
            if !cell.reps.isEmpty {
                try await sql.raw(
                    "DELETE FROM \(ident: Self.repTable) WHERE \(ident: "day") = \(bind: day.text) AND \(FactFilters.ownerIn(Self.repTable, "rep_id", cell.reps))"
                ).run()
                try await insertReps(Scope(reps: cell.reps, day: day))
            }
            if cell.touchesSources {
                let sources = cell.allSources ? nil : cell.sources
                let only: SQLQueryString = sources.map { " AND \(ident: "source") IN (\(binds: $0.sorted()))" } ?? ""
                try await sql.raw(
                    "DELETE FROM \(ident: Self.sourceTable) WHERE \(ident: "day") = \(bind: day.text)\(only)"
                ).run()
                try await insertSources(Scope(sources: sources, day: day))
            }
        }
    }

    /// An activity moves its lead's response time only if no other activity of that lead came
    /// at or before it (checked after the transaction's writes, so before and after agree). Two
    /// touches of one lead in a transaction recount it without asking.
    private func resolvingFirstTouches(_ touched: RollupCells) async throws -> RollupCells {
        guard !touched.firstTouches.isEmpty else { return touched }
        let byLead = Dictionary(grouping: touched.firstTouches, by: \.lead)
        var moved: Set<UUID> = []
        for (lead, touches) in byLead {
            guard touches.count == 1, let touch = touches.first else { moved.insert(lead); continue }
            let earlier = try await sql.select().column("id").from("activities")
                .where("lead_id", .equal, SQLBind(lead)).where("id", .notEqual, SQLBind(touch.activity))
                .where("occurred_at", .lessThanOrEqual, SQLBind(touch.at)).limit(1).first()
            if earlier == nil { moved.insert(lead) }
        }
        return touched.resolvingFirstTouches(moved: moved)
    }

    /// A lead's response time counts on its own day and owner: the leads whose first activity
    /// a write moved add those rows.
    private func withResponseDays(_ touched: RollupCells) async throws -> RollupCells {
        guard !touched.respondedLeads.isEmpty else { return touched }
        var cells = touched
        let ids = touched.respondedLeads.sorted { $0.uuidString < $1.uuidString }
        let rows = try await sql.select().columns("owner_id", "created_at").from("leads").where("id", .in, ids).all()
        for row in rows {
            guard
                let owner = try row.decodeNil(column: "owner_id")
                    ? nil : try row.decode(column: "owner_id", as: UUID.self)
            else { continue }
            cells.add(reps: [owner], on: CalendarDay(containing: try row.decode(column: "created_at", as: Date.self)))
        }
        return cells
    }

    /// Two writes that recount the same row must not interleave: each would delete it and
    /// insert its own count, and the second insert would collide with the first (or, worse,
    /// replace it with a count taken before the first committed); nor may a delta land between a
    /// recount's count and its insert. On PostgreSQL transaction-scoped advisory locks, one per
    /// row, queue them (deltas share theirs, as they add up in any order); taken all at once in
    /// one fixed order (and after the transaction's other writes), they cannot deadlock. SQLite
    /// already runs one write transaction at a time (Database.writeTransaction).
    private func lock(_ names: [(name: String, shared: Bool)]) async throws {
        guard sql.dialect.name == "postgresql" else { return }
        let keys = names.map { (key: StableHash.int32($0.name), shared: $0.shared) }
        // The same key named twice (a hash collision, or a row both recounted and moved) is taken once, exclusively if either asks.
        var exclusive: [Int32: Bool] = [:]
        for key in keys { exclusive[key.key] = (exclusive[key.key] ?? false) || !key.shared }
        for (key, isExclusive) in exclusive.sorted(by: { $0.key < $1.key }) {
            let function: SQLQueryString = isExclusive ? "pg_advisory_xact_lock" : "pg_advisory_xact_lock_shared"
            // Keyed by schema too: several companies may share one database, a schema each.
            try await sql.raw(
                "SELECT \(function)(hashtext(\(bind: Self.lockNamespace) || current_schema()), \(literal: Int(key)))"
            ).run()
        }
    }

    private static let lockNamespace = "salespulse roll-ups "

    private func insertReps(_ scope: Scope) async throws {
        let parts = DailyRollupParts(sql: AnalyticsSQL(db: sql), now: now, scope: scope)
        try await sql.raw(aggregate(Self.repTable, key: "rep_id", columns: Self.repColumns, parts: parts.rep())).run()
    }

    private func insertSources(_ scope: Scope) async throws {
        let parts = DailyRollupParts(sql: AnalyticsSQL(db: sql), now: now, scope: scope)
        try await sql.raw(
            aggregate(Self.sourceTable, key: "source", columns: Self.sourceColumns, parts: parts.source())
        ).run()
    }

    private func aggregate(_ table: String, key: String, columns: [String], parts: [SQLQueryString]) -> SQLQueryString {
        let sums = columns.map { "CAST(SUM(\(ident: $0)) AS BIGINT)" as SQLQueryString }.joined(separator: ", ")
        return
            "INSERT INTO \(ident: table) (\(ident: "day"), \(ident: key), \(idents: columns, joinedBy: ", ")) SELECT \(ident: "day"), \(ident: key), \(sums) FROM (\(parts.joined(separator: " UNION ALL "))) \(ident: "parts") WHERE \(ident: key) IS NOT NULL GROUP BY \(ident: "day"), \(ident: key)"
    }
}
