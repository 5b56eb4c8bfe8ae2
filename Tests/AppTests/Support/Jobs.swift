@testable import App
import Foundation
import SQLKit
import Vapor

/// Runs every job that is due on the app's clock, one after another, as a worker would;
/// returns how many ran.
@discardableResult
func runDueJobs(_ app: Application, worker: String = "test-worker", limit: Int = 200) async throws -> Int {
    let runner = JobWorker(app: app, options: .init(concurrency: 1, lease: 30))
    var count = 0
    while count < limit, let job = try await app.jobs.claim(worker: worker, lease: 30, now: app.clock.now()) {
        await runner.run(job, worker: worker)
        count += 1
    }
    return count
}

func jobCount(_ app: Application, kind: String? = nil, state: String? = nil) async throws -> Int {
    var query = app.db.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(JobQueue.table)
    if let kind { query = query.where("kind", .equal, kind) }
    if let state { query = query.where("state", .equal, state) }
    return try await query.first()?.decode(column: "n", as: Int.self) ?? 0
}

struct OutboxRow: Decodable {
    let to_address: String
    let subject: String
    let state: String
    let attempts: Int
    let last_error: String?
}

func outbox(_ app: Application) async throws -> [OutboxRow] {
    try await app.db.sql.select().columns("to_address", "subject", "state", "attempts", "last_error")
        .from(Outbox.table).orderBy("created_at").all(decoding: OutboxRow.self)
}
