import Fluent

/// When the running attempt started: how long jobs wait and run.
struct UpdateJobsAddStartedAt: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(JobQueue.table).field("started_at", .int64).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(JobQueue.table).deleteField("started_at").update()
    }
}
