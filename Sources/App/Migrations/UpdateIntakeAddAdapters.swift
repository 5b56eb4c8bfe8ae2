import Fluent

/// Lead ads need the page's token to read each lead; another service's JSON needs the admin's
/// field mapping; a kept delivery that was sent again is marked so it is not sent twice.
struct UpdateIntakeAddAdapters: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite adds a single column at a time.
        try await database.schema(IntakeForms.table).field("access_token", .string).update()
        try await database.schema(IntakeForms.table).field("field_mapping", .string).update()
        try await database.schema(IntakeLog.table).field("replayed_at", .datetime).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(IntakeLog.table).deleteField("replayed_at").update()
        try await database.schema(IntakeForms.table).deleteField("field_mapping").update()
        try await database.schema(IntakeForms.table).deleteField("access_token").update()
    }
}
