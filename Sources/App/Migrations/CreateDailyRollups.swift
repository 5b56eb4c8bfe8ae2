import Fluent

/// S6's daily roll-ups per rep and per lead source (see DailyRollups).
struct CreateDailyRollups: AsyncMigration {
    /// The columns as first created; later migrations add to them.
    static let repColumns = [
        "new_leads", "new_contacts", "calls", "meetings", "follow_ups_done", "follow_ups_overdue",
        "new_deals", "deals_won", "deals_lost", "revenue", "response_minutes", "responded_leads",
    ]
    static let sourceColumns = ["leads", "qualified", "converted", "deals_won", "revenue"]

    func prepare(on database: any Database) async throws {
        var reps = database.schema(DailyRollups.repTable)
            .field("day", .string, .required)
            .field("rep_id", .uuid, .required, .references(User.schema, "id", onDelete: .cascade))
        for column in Self.repColumns { reps = reps.field(FieldKey(stringLiteral: column), .int64, .required) }
        try await reps.unique(on: "day", "rep_id").create()
        var sources = database.schema(DailyRollups.sourceTable)
            .field("day", .string, .required)
            .field("source", .string, .required)
        for column in Self.sourceColumns { sources = sources.field(FieldKey(stringLiteral: column), .int64, .required) }
        try await sources.unique(on: "day", "source").create()
        try await database.createIndexes(on: DailyRollups.repTable, ["rep_day": "rep_id, day"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(DailyRollups.sourceTable).delete()
        try await database.schema(DailyRollups.repTable).delete()
    }
}
