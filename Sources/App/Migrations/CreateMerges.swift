import Fluent

/// Merges of duplicate records, with what undo needs to take each one back: the removed
/// record's values, the kept record's fields before, and the linked rows moved.
struct CreateMerges: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("merges")
            .id()
            .field("record_type", .string, .required)
            .field("kept_id", .uuid, .required)
            .field("removed_id", .uuid, .required)
            .field("user_id", .uuid, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("removed_values", .string, .required)
            .field("kept_before", .string, .required)
            .field("moved", .string, .required)
            .field("merged_at", .int64, .required)
            .field("undone_at", .int64)
            .create()
        try await database.createIndexes(on: "merges", ["kept": "kept_id", "removed": "removed_id"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("merges").delete()
    }
}
