import Fluent

struct CreateMLModel: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("ml_models")
            .id()
            .field("kind", .string, .required)
            .field("version", .int64, .required)
            .field("algorithm", .string, .required)
            .field("settings", .string, .required)
            .field("features", .string, .required)
            .field("metrics", .string, .required)
            .field("train_seconds", .double, .required)
            .field("train_rows", .int64, .required)
            .field("test_rows", .int64, .required)
            .field("trained_at", .datetime, .required)
            .field("trained_by", .uuid)
            .field("is_active", .bool, .required)
            .field("model", .string, .required)
            .unique(on: "kind", "version")
            .create()
        try await database.createIndexes(on: "ml_models", ["active": "kind, is_active"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("ml_models").delete()
    }
}
