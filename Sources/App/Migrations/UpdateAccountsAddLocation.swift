import Fluent

/// Where accounts and contacts are, in millionths of a degree like an activity's check-in, so
/// that reps can plan visits, and the place a geocoder matched to their address; contacts
/// also get an address of their own.
struct UpdateAccountsAddLocation: AsyncMigration {
    func prepare(on database: any Database) async throws {
        for table in ["accounts", "contacts"] {
            try await database.schema(table).field("latitude", .int64).update()
            try await database.schema(table).field("longitude", .int64).update()
            try await database.schema(table).field("location_match", .string).update()
        }
        try await database.schema("contacts").field("address", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("contacts").deleteField("address").update()
        for table in ["accounts", "contacts"] {
            try await database.schema(table).deleteField("latitude").update()
            try await database.schema(table).deleteField("longitude").update()
            try await database.schema(table).deleteField("location_match").update()
        }
    }
}
