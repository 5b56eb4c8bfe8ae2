import Fluent
import Foundation
import SalesPulseCore
import SQLKit

/// The jobs table: enqueue inside the caller's transaction (a rolled-back write leaves no
/// job), claim with a lease, finish, fail with backoff. Workers on PostgreSQL claim with
/// `FOR UPDATE SKIP LOCKED`; on SQLite claims queue behind the process's other writes.
struct JobQueue: Sendable {
    static let table = "jobs"

    enum State: String, Codable, Sendable, CaseIterable { case queued, running, done, failed, cancelled }

    let db: any Database
    var backoff = RetryBackoff()

    var sql: any SQLDatabase { db.sql }

    /// Adds a job, due at `runAt` or else at `now`; with a `uniqueKey` that was used before, adds
    /// nothing and returns false.
    @discardableResult
    func enqueue(
        _ kind: String, payload: some Encodable, runAt: Date? = nil, priority: Int = 0, maxAttempts: Int = 8,
        uniqueKey: String? = nil, now: Date = Date()
    ) async throws -> Bool {
        let json = String(decoding: try JSONEncoder().encode(payload), as: UTF8.self)
        let rows = try await sql.raw(
            """
            INSERT INTO \(ident: Self.table) (\(ident: "id"), \(ident: "kind"), \(ident: "payload"), \(ident: "run_at"), \(ident: "priority"),
              \(ident: "attempts"), \(ident: "max_attempts"), \(ident: "state"), \(ident: "unique_key"), \(ident: "created_at"))
            VALUES (\(bind: UUID()), \(bind: kind), \(bind: json), \(bind: (runAt ?? now).milliseconds), \(bind: priority), 0, \(bind: maxAttempts),
              \(bind: State.queued.rawValue), \(bind: uniqueKey), \(bind: now.milliseconds))
            ON CONFLICT DO NOTHING RETURNING \(ident: "id")
            """
        ).all()
        return !rows.isEmpty
    }

    /// Takes a job whose worker stopped renewing its lease (when `expired` asks to look), else
    /// the most urgent one that is due, in one statement. Each look-up is one index range (the
    /// two conditions apart, so neither scans the table): on PostgreSQL `SKIP LOCKED` lets
    /// workers pass each other's rows; on SQLite claims queue behind the process's other writes.
    func claim(worker: String, lease: TimeInterval, now: Date = Date(), expired: Bool = true) async throws -> JobRow? {
        let lookUps = Array(readyQueries(now).suffix(expired ? 2 : 1))
        // On SQLite an idle queue, the common case there, is told by plain reads without
        // taking the write lock.
        if sql.dialect.name != "postgresql" {
            var anything = false
            for ready in lookUps where try await sql.raw("\(ready) LIMIT 1").first() != nil { anything = true; break }
            guard anything else { return nil }
        }
        let claim = claimStatement(lookUps, worker: worker, lease: lease, now: now)
        return try await db.serialWrite { sql in try await sql.raw(claim).first(decoding: JobRow.self) }
    }

    /// Marks jobs done and, in the same write, claims more for the same worker: with `expired`,
    /// one job as `claim` would; else up to `limit` due jobs. A busy worker spends one statement
    /// (one commit) per batch instead of two per job.
    func complete(
        _ ids: [UUID], worker: String, now: Date = Date(), claimingNext limit: Int, lease: TimeInterval,
        expired: Bool
    ) async throws -> [JobRow] {
        let next =
            expired
            ? claimStatement(readyQueries(now), worker: worker, lease: lease, now: now)
            : batchClaimStatement(worker: worker, lease: lease, now: now, limit: limit)
        guard !ids.isEmpty else {
            return limit > 0
                ? try await db.serialWrite { sql in try await sql.raw(next).all(decoding: JobRow.self) } : []
        }
        let finish: SQLQueryString = """
            UPDATE \(ident: Self.table) SET \(ident: "state") = \(bind: State.done.rawValue), \(ident: "finished_at") = \(bind: now.milliseconds),
              \(ident: "lease_until") = NULL
            WHERE \(ident: "id") IN (\(binds: ids)) AND \(ident: "locked_by") = \(bind: worker)
            """
        if limit == 0 {
            try await db.serialWrite { sql in try await sql.raw(finish).run() }
            return []
        }
        if sql.dialect.name == "postgresql" {
            return try await sql.raw("WITH \(ident: "finished") AS (\(finish) RETURNING \(ident: "id")) \(next)").all(
                decoding: JobRow.self)
        }
        return try await db.serialWrite { sql in
            try await sql.raw(finish).run()
            return try await sql.raw(next).all(decoding: JobRow.self)
        }
    }

    /// Takes up to `limit` due jobs, most urgent first, for `worker` under a lease.
    private func batchClaimStatement(worker: String, lease: TimeInterval, now: Date, limit: Int) -> SQLQueryString {
        claiming(
            "\(ident: "id") IN (\(readyQueries(now)[1]) LIMIT \(literal: max(limit, 1))\(rowLock))", worker: worker,
            lease: lease, now: now)
    }

    /// Takes, for `worker` under a lease, the first row the look-ups find in their order.
    private func claimStatement(
        _ lookUps: [SQLQueryString], worker: String, lease: TimeInterval, now: Date
    ) -> SQLQueryString {
        var candidates = SQLQueryString("")
        for (index, ready) in lookUps.enumerated() {
            candidates.appendInterpolation(unsafeRaw: index == 0 ? "" : ", ")
            candidates.appendInterpolation("(\(ready) LIMIT 1\(rowLock))" as SQLQueryString)
        }
        return claiming("\(ident: "id") = COALESCE(\(candidates), NULL)", worker: worker, lease: lease, now: now)
    }

    /// On PostgreSQL a look-up skips rows another worker is claiming instead of waiting for them.
    private var rowLock: SQLQueryString { sql.dialect.name == "postgresql" ? " FOR UPDATE SKIP LOCKED" : "" }

    /// Marks the rows `condition` picks as running for `worker` under a lease, and returns them.
    private func claiming(_ condition: SQLQueryString, worker: String, lease: TimeInterval, now: Date) -> SQLQueryString
    {
        """
        UPDATE \(ident: Self.table) SET \(ident: "state") = \(bind: State.running.rawValue), \(ident: "locked_by") = \(bind: worker),
          \(ident: "lease_until") = \(bind: now.addingTimeInterval(lease).milliseconds), \(ident: "attempts") = \(ident: "attempts") + 1,
          \(ident: "started_at") = \(bind: now.milliseconds)
        WHERE \(condition) RETURNING *
        """
    }

    /// The ids of jobs running under a lease that ran out, then of jobs due and waiting, most
    /// urgent first.
    private func readyQueries(_ now: Date) -> [SQLQueryString] {
        [
            """
            SELECT \(ident: "id") FROM \(ident: Self.table)
            WHERE \(ident: "state") = \(bind: State.running.rawValue) AND \(ident: "lease_until") < \(bind: now.milliseconds)
            """,
            """
            SELECT \(ident: "id") FROM \(ident: Self.table)
            WHERE \(ident: "state") = \(bind: State.queued.rawValue) AND \(ident: "run_at") <= \(bind: now.milliseconds)
            ORDER BY \(ident: "priority") DESC, \(ident: "run_at")
            """,
        ]
    }

    /// Extends a running job's lease; false when another worker has taken it over.
    func renew(_ id: UUID, worker: String, lease: TimeInterval, now: Date = Date()) async throws -> Bool {
        try await update(id, worker: worker, ["lease_until": .bind(now.addingTimeInterval(lease).milliseconds)])
    }

    /// Extends the leases of every job a worker holds, in one statement.
    func renew(_ ids: [UUID], worker: String, lease: TimeInterval, now: Date = Date()) async throws {
        guard !ids.isEmpty else { return }
        try await db.serialWrite { sql in
            try await sql.update(Self.table).set("lease_until", to: now.addingTimeInterval(lease).milliseconds)
                .where("id", .in, ids).where("locked_by", .equal, worker).where("state", .equal, State.running.rawValue)
                .run()
        }
    }

    func complete(_ id: UUID, worker: String, now: Date = Date()) async throws {
        _ = try await update(
            id, worker: worker,
            ["state": .bind(State.done.rawValue), "finished_at": .bind(now.milliseconds), "lease_until": .null])
    }

    /// Puts a failed attempt back with backoff, or fails the job for good after its last
    /// attempt or when the error says retrying cannot help.
    func fail(_ job: JobRow, worker: String, error: String, permanent: Bool = false, now: Date = Date()) async throws {
        let message = String(error.prefix(2_000))
        if permanent || job.attempts >= job.maxAttempts {
            _ = try await update(
                job.id, worker: worker,
                [
                    "state": .bind(State.failed.rawValue), "last_error": .bind(message),
                    "finished_at": .bind(now.milliseconds), "lease_until": .null,
                ])
        } else {
            let wait = backoff.delay(afterAttempt: job.attempts, unit: Double.random(in: 0..<1))
            _ = try await update(
                job.id, worker: worker,
                [
                    "state": .bind(State.queued.rawValue), "last_error": .bind(message),
                    "run_at": .bind(now.addingTimeInterval(wait).milliseconds),
                    "locked_by": .null, "lease_until": .null,
                ])
        }
    }

    /// Gives the job back untouched (a worker stopping mid-job): it runs again at once and the
    /// attempt it started does not count.
    func release(_ ids: [UUID], worker: String) async throws {
        try await db.serialWrite { sql in
            try await sql.update(Self.table).set("state", to: State.queued.rawValue)
                .set("locked_by", to: SQLLiteral.null).set("lease_until", to: SQLLiteral.null)
                .set("attempts", to: "\(ident: "attempts") - 1" as SQLQueryString)
                .where("id", .in, ids).where("locked_by", .equal, worker).run()
        }
    }

    func release(_ id: UUID, worker: String) async throws {
        try await release([id], worker: worker)
    }

    /// An admin's retry of a failed or cancelled job: a fresh set of attempts, due now.
    func retry(_ id: UUID, now: Date = Date()) async throws -> Bool {
        try await db.serialWrite { sql in
            try await sql.update(Self.table).set("state", to: State.queued.rawValue).set("attempts", to: 0)
                .set("run_at", to: now.milliseconds).set("finished_at", to: SQLLiteral.null).set(
                    "locked_by", to: SQLLiteral.null
                )
                .where("id", .equal, id).where("state", .in, [State.failed.rawValue, State.cancelled.rawValue])
                .returning("id").all().count == 1
        }
    }

    func cancel(_ id: UUID, now: Date = Date()) async throws -> Bool {
        try await db.serialWrite { sql in
            try await sql.update(Self.table).set("state", to: State.cancelled.rawValue).set(
                "finished_at", to: now.milliseconds
            )
            .where("id", .equal, id).where("state", .equal, State.queued.rawValue).returning("id").all().count == 1
        }
    }

    func find(_ id: UUID) async throws -> JobRow? {
        try await sql.select().column("*").from(Self.table).where("id", .equal, id).first(decoding: JobRow.self)
    }

    /// Newest first, optionally of one state.
    func list(state: State?, limit: Int) async throws -> [JobRow] {
        var query = sql.select().column("*").from(Self.table)
        if let state { query = query.where("state", .equal, state.rawValue) }
        return try await query.orderBy("created_at", .descending).limit(limit).all(decoding: JobRow.self)
    }

    /// Jobs per state, and per kind the queue depth and the age of the oldest waiting job.
    func summary(now: Date = Date()) async throws -> JobSummary {
        struct StateCount: Decodable { let state: String; let n: Int }
        struct KindDepth: Decodable { let kind: String; let n: Int; let oldest: Int64 }
        let states = try await sql.raw(
            "SELECT \(ident: "state"), COUNT(*) AS \(ident: "n") FROM \(ident: Self.table) GROUP BY \(ident: "state")"
        )
        .all(decoding: StateCount.self)
        let kinds = try await sql.raw(
            """
            SELECT \(ident: "kind"), COUNT(*) AS \(ident: "n"), MIN(\(ident: "run_at")) AS \(ident: "oldest") FROM \(ident: Self.table)
            WHERE \(ident: "state") = \(bind: State.queued.rawValue) AND \(ident: "run_at") <= \(bind: now.milliseconds) GROUP BY \(ident: "kind")
            """
        ).all(decoding: KindDepth.self)
        return JobSummary(
            byState: Dictionary(uniqueKeysWithValues: states.map { ($0.state, $0.n) }),
            waiting: kinds.map {
                .init(kind: $0.kind, depth: $0.n, oldestAgeSeconds: max(0, Double(now.milliseconds - $0.oldest) / 1000))
            })
    }

    private enum Value: Sendable { case bind(any Encodable & Sendable), null }

    private func update(_ id: UUID, worker: String, _ values: [String: Value]) async throws -> Bool {
        try await db.serialWrite { sql in
            var query = sql.update(Self.table)
            for (column, value) in values {
                switch value {
                case .bind(let bound): query = query.set(SQLIdentifier(column), to: SQLBind(bound))
                case .null: query = query.set(SQLIdentifier(column), to: SQLLiteral.null)
                }
            }
            return try await query.where("id", .equal, id).where("locked_by", .equal, worker).returning("id").all()
                .count == 1
        }
    }
}

struct JobSummary: Sendable, Codable {
    struct Waiting: Sendable, Codable {
        let kind: String
        let depth: Int
        let oldestAgeSeconds: Double
    }

    let byState: [String: Int]
    let waiting: [Waiting]
}

/// One row of the jobs table.
struct JobRow: Sendable, Codable {
    let id: UUID
    let kind: String
    let payload: String
    let runAt: Int64
    let priority: Int
    let attempts: Int
    let maxAttempts: Int
    let lastError: String?
    let state: String
    let lockedBy: String?
    let leaseUntil: Int64?
    let uniqueKey: String?
    let createdAt: Int64
    let startedAt: Int64?
    let finishedAt: Int64?

    enum CodingKeys: String, CodingKey {
        case id, kind, payload, priority, attempts, state
        case runAt = "run_at", maxAttempts = "max_attempts", lastError = "last_error", lockedBy = "locked_by"
        case leaseUntil = "lease_until", uniqueKey = "unique_key", createdAt = "created_at", startedAt = "started_at",
            finishedAt = "finished_at"
    }

    func decodedPayload<T: Decodable>(_ type: T.Type) throws -> T {
        try JSONDecoder().decode(type, from: Data(payload.utf8))
    }
}

extension Date {
    var milliseconds: Int64 { Int64((timeIntervalSince1970 * 1000).rounded()) }

    init(milliseconds: Int64) { self.init(timeIntervalSince1970: Double(milliseconds) / 1000) }
}
