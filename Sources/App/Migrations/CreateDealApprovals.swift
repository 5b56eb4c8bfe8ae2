import Fluent

struct CreateDealApprovals: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(DealApproval.schema)
            .id()
            .field("opportunity_id", .uuid, .required, .references("opportunities", "id", onDelete: .cascade))
            .field("amount", .int64, .required)
            .field("state", .string, .required)
            .field("requested_by", .uuid, .required, .references(User.schema, "id"))
            .field("requested_at", .datetime, .required)
            .field("request_note", .string)
            .field("decided_by", .uuid, .references(User.schema, "id"))
            .field("decided_at", .datetime)
            .field("decision_note", .string)
            .create()
        try await database.createIndexes(on: DealApproval.schema, ["deal": "opportunity_id, requested_at"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(DealApproval.schema).delete()
    }
}
