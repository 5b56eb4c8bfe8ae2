import SQLKit

extension SQLDatabase {
    /// Lets SQLite's query planner know how the tables' rows spread over their indexes, so a
    /// count over a million leads reads a covering index (0.1 s) instead of every row behind
    /// a date index (3 s). A table is looked at again only when one of its indexes has no
    /// statistics yet or it has grown or shrunk tenfold since the last time, and then in full:
    /// sampled statistics of a few thousand rows told the planner that every index's first
    /// column held 773 rows per value, and a manager's "hot leads" read a whole date index
    /// instead of the score index. PostgreSQL keeps its own statistics (autovacuum).
    func refreshPlannerStatistics() async throws {
        guard dialect.name == "sqlite" else { return }
        // 0x10000: every table, not only those this connection used; 0x02: analyse.
        try await raw("PRAGMA optimize = \(unsafeRaw: String(0x10002))").run()
    }

    /// Every table's statistics taken again in full, whatever they were.
    func retakePlannerStatistics() async throws {
        guard dialect.name == "sqlite" else { return }
        try await raw("ANALYZE").run()
    }
}
