import Fluent
import SQLKit

/// Imports: the uploaded file (in chunks, so any app instance or worker can read it), the
/// mapping and choices, progress and counts, and one row per file line written, which is
/// both the checkpoint a restarted import resumes from and the before-image undo restores.
struct CreateImports: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("imports")
            .id()
            .field("record_type", .string, .required)
            .field("file_name", .string, .required)
            .field("file_size", .int64, .required)
            .field("format", .string, .required)
            .field("sheet", .string)
            .field("headers", .string, .required)
            .field("mapping", .string, .required)
            .field("options", .string, .required)
            .field("user_id", .uuid, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("state", .string, .required)
            .field("total_rows", .int64)
            .field("processed_rows", .int64, .required)
            .field("created_count", .int64, .required)
            .field("updated_count", .int64, .required)
            .field("skipped_count", .int64, .required)
            .field("failed_count", .int64, .required)
            .field("last_line", .int64, .required)
            .field("check_summary", .string)
            .field("error", .string)
            .field("created_at", .int64, .required)
            .field("started_at", .int64)
            .field("finished_at", .int64)
            .field("undone_at", .int64)
            .create()
        try await database.createIndexes(
            on: "imports", ["user_created": "user_id, created_at", "created": "created_at"])
        try await database.schema("import_chunks")
            .field("import_id", .uuid, .required, .references("imports", "id", onDelete: .cascade))
            .field("seq", .int64, .required)
            .field("data", .data, .required)
            .compositeIdentifier(over: "import_id", "seq")
            .create()
        try await database.schema("import_rows")
            .field("import_id", .uuid, .required, .references("imports", "id", onDelete: .cascade))
            .field("line", .int64, .required)
            .field("outcome", .string, .required)
            .field("record_id", .uuid)
            .field("reason", .string)
            .field("field", .string)
            .field("before", .string)
            .field("cells", .string)
            .field("written_at", .int64, .required)
            .compositeIdentifier(over: "import_id", "line")
            .create()
        try await database.createIndexes(on: "import_rows", ["record": "record_id"])
    }

    func revert(on database: any Database) async throws {
        for table in ["import_rows", "import_chunks", "imports"] { try await database.schema(table).delete() }
    }
}
