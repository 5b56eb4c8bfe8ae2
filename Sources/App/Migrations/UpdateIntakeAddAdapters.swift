import Fluent

/// Lead ads need the page's token to read each lead; another service's JSON needs the admin's
/// field mapping; special cases send leads by product interest or region, each team taking
/// its own turns; a kept delivery that was sent again is marked so it is not sent twice.
struct UpdateIntakeAddAdapters: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite adds a single column at a time.
        try await database.schema(IntakeForms.table).field("access_token", .string).update()
        try await database.schema(IntakeForms.table).field("field_mapping", .string).update()
        try await database.schema(IntakeForms.table).field("routes", .string).update()
        try await database.schema(IntakeForms.table).field("turns", .string).update()
        try await database.schema(IntakeLog.table).field("replayed_at", .datetime).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(IntakeLog.table).deleteField("replayed_at").update()
        try await database.schema(IntakeForms.table).deleteField("turns").update()
        try await database.schema(IntakeForms.table).deleteField("routes").update()
        try await database.schema(IntakeForms.table).deleteField("field_mapping").update()
        try await database.schema(IntakeForms.table).deleteField("access_token").update()
    }
}
