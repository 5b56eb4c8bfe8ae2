import Fluent
import SQLKit

struct CreateUser: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(User.schema)
            .id()
            .field("email", .string, .required)
            .field("name", .string, .required)
            .field("password_hash", .string, .required)
            .field("team_id", .uuid, .references(Team.schema, "id", onDelete: .setNull))
            .field("manager_id", .uuid, .references(User.schema, "id", onDelete: .setNull))
            .field("role", .string, .required)
            .field("is_active", .bool, .required)
            .field("monthly_target_cents", .int64, .required)
            .field("session_version", .int, .required)
            .field("last_login_at", .datetime)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "email")
            .create()
        let sql = database.sql
        try await sql.create(index: "users_team_id_idx").on(User.schema).column("team_id").run()
        try await sql.create(index: "users_manager_id_idx").on(User.schema).column("manager_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(User.schema).delete()
    }
}
