import Fluent

struct CreateAuditEntry: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("audit_entries")
            .id()
            .field("resource", .string, .required)
            .field("record_id", .uuid, .required)
            .field("action", .string, .required)
            .field("actor_id", .uuid, .required)
            .field("at", .datetime, .required)
            .field("changes", .string, .required)
            .create()
        try await database.createIndexes(
            on: "audit_entries",
            [
                "record": "resource, record_id, at", "at": "at, id", "actor": "actor_id, at",
            ])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("audit_entries").delete()
    }
}
