import Fluent
import Foundation
import SalesPulseCore
import SQLKit
import Vapor

/// The backups this server takes, asked for by an admin or by the daily schedule, and the
/// exports of everything an admin asks for: each is a row (who, when, how far, the file, its
/// size) and a background job that writes the file.
struct BackupRuns: Sendable {
    static let table = "backup_runs"
    static let runKind = "backup.run"

    enum Trigger: String, Sendable, Codable { case scheduled, manual }

    enum Kind: String, Sendable, Codable, CaseIterable {
        case backup, export

        var noun: String { self == .backup ? "backup" : "export" }
    }

    enum State: String, Sendable, Codable, CaseIterable { case queued, running, done, failed }

    struct Run: Sendable, Decodable {
        let id: UUID
        let kind: String
        let trigger: String
        let requestedBy: UUID?
        let state: String
        let folder: String
        let fileName: String
        let sizeBytes: Int64?
        let tablesTotal: Int?
        let tablesDone: Int
        let rows: Int64?
        let error: String?
        let createdAt: Date
        let startedAt: Date?
        let finishedAt: Date?
        let removedAt: Date?

        enum CodingKeys: String, CodingKey {
            case id, kind, trigger, state, folder, rows, error
            case requestedBy = "requested_by", fileName = "file_name", sizeBytes = "size_bytes", tablesTotal =
                "tables_total"
            case tablesDone = "tables_done", createdAt = "created_at", startedAt = "started_at", finishedAt =
                "finished_at", removedAt = "removed_at"
        }

        var file: URL { URL(fileURLWithPath: folder).appendingPathComponent(fileName) }
        /// The file is there to download.
        var available: Bool { state == State.done.rawValue && removedAt == nil }
        var finished: Bool { state == State.done.rawValue || state == State.failed.rawValue }
        var percent: Int {
            if finished { return 100 }
            guard let total = tablesTotal, total > 0 else { return 0 }
            return min(99, tablesDone * 100 / total)
        }
    }

    struct RunJob: Codable, Sendable { let runID: UUID }

    let db: any Database

    private var sql: any SQLDatabase { db.sql }

    /// Asks for a backup or an export: its row and its job in one transaction. One at a time:
    /// while one is waiting or running, another is refused.
    func start(
        _ trigger: Trigger, kind: Kind = .backup, by userID: UUID?, schedule: BackupSchedule, now: Date
    ) async throws -> Run {
        let id = UUID()
        let name = "salespulse-\(kind.rawValue)-\(BackupCommand.stamp(now))-\(id.uuidString.prefix(8).lowercased()).zip"
        try await db.writeTransaction { tx in
            let sql = tx.sql
            let busy = try await sql.select().column("id").from(Self.table)
                .where("state", .in, [State.queued.rawValue, State.running.rawValue]).first()
            guard busy == nil else {
                throw DomainError.conflict(
                    field: nil,
                    message: "A backup or export is already under way. Wait for it to finish, then start another.")
            }
            try await sql.insert(into: Self.table)
                .columns(
                    "id", "kind", "trigger", "requested_by", "state", "folder", "file_name", "tables_done", "created_at"
                )
                .values(
                    SQLBind(id), SQLBind(kind.rawValue), SQLBind(trigger.rawValue), SQLBind(userID),
                    SQLBind(State.queued.rawValue), SQLBind(schedule.folder),
                    SQLBind(name), SQLBind(0), SQLBind(now)
                )
                .run()
            try await JobQueue(db: tx).enqueue(
                Self.runKind, payload: RunJob(runID: id), runAt: now, priority: 4, maxAttempts: 1,
                uniqueKey: "\(kind.rawValue):\(id)", now: now)
        }
        guard let run = try await find(id) else { throw DomainError.notFound("The backup was not recorded.") }
        return run
    }

    func find(_ id: UUID) async throws -> Run? {
        try await sql.select().column("*").from(Self.table).where("id", .equal, SQLBind(id)).first(decoding: Run.self)
    }

    /// Newest first.
    func list(limit: Int = 100) async throws -> [Run] {
        try await sql.select().column("*").from(Self.table).orderBy("created_at", .descending).limit(limit).all(
            decoding: Run.self)
    }

    /// When the schedule last asked for a backup.
    func lastScheduled() async throws -> Date? {
        try await sql.select().column("created_at").from(Self.table).where(
            "trigger", .equal, SQLBind(Trigger.scheduled.rawValue)
        )
        .orderBy("created_at", .descending).limit(1).first()?.decode(column: "created_at", as: Date.self)
    }

    func markRunning(_ id: UUID, now: Date) async throws {
        try await update(
            id, ["state": SQLBind(State.running.rawValue), "started_at": SQLBind(now), "tables_done": SQLBind(0)])
    }

    func progress(_ id: UUID, done: Int, total: Int) async throws {
        try await update(id, ["tables_done": SQLBind(done), "tables_total": SQLBind(total)])
    }

    func finish(_ id: UUID, size: Int64, tables: Int, rows: Int, now: Date) async throws {
        try await update(
            id,
            [
                "state": SQLBind(State.done.rawValue), "finished_at": SQLBind(now), "size_bytes": SQLBind(size),
                "tables_total": SQLBind(tables), "tables_done": SQLBind(tables), "rows": SQLBind(Int64(rows)),
            ])
    }

    func fail(_ id: UUID, reason: String, now: Date) async throws {
        try await update(
            id, ["state": SQLBind(State.failed.rawValue), "finished_at": SQLBind(now), "error": SQLBind(reason)])
    }

    /// Removes the files of a kind past the newest `keep` that are still on disk; their rows
    /// stay, marked removed.
    func prune(_ kind: Kind, keep schedule: BackupSchedule, now: Date) async throws {
        let onDisk = try await list(limit: 10_000).filter { $0.available && $0.kind == kind.rawValue }
        for run in schedule.surplus(newestFirst: onDisk) {
            try? FileManager.default.removeItem(at: run.file)
            try await update(run.id, ["removed_at": SQLBind(now)])
        }
    }

    private func update(_ id: UUID, _ values: [String: any SQLExpression]) async throws {
        try await db.serialWrite { sql in
            var statement = sql.update(Self.table)
            for (column, value) in values.sorted(by: { $0.key < $1.key }) {
                statement = statement.set(SQLIdentifier(column), to: value)
            }
            try await statement.where("id", .equal, SQLBind(id)).run()
        }
    }
}
