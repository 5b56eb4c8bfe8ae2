import Fluent

struct CreateMarketingSpend: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("marketing_spend").recordColumns()
            .field("channel", .string, .required)
            .field("day", .string, .required)
            .field("spend", .int64, .required)
            .field("impressions", .int64, .required)
            .field("clicks", .int64, .required)
            .create()
        try await database.createIndexes(on: "marketing_spend", ["day_channel": "day, channel"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("marketing_spend").delete()
    }
}
