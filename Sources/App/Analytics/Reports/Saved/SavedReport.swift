import Fluent
import Foundation

/// A sales report someone keeps: its parameters as words ("period=last-week&region=…"), so it
/// shows the latest figures each time, and who gets it by email every Monday.
final class SavedReport: Model, @unchecked Sendable {
    static let schema = "saved_reports"

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Parent(key: "owner_id") var owner: User
    /// The report's parameters as a query string.
    @Field(key: "parameters") var parameters: String
    /// Who gets it weekly, as comma-separated user ids; empty for nobody.
    @Field(key: "recipient_ids") var recipientIDsText: String
    /// The week ("2026-11-30") the last weekly email went out for, so a retried run sends none twice.
    @OptionalField(key: "last_sent_week") var lastSentWeek: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(name: String, ownerID: UUID, parameters: String, recipientIDs: [UUID]) {
        self.name = name
        self.$owner.id = ownerID
        self.parameters = parameters
        self.recipientIDsText = recipientIDs.map(\.uuidString).joined(separator: ",")
    }

    var recipientIDs: [UUID] { recipientIDsText.split(separator: ",").compactMap { UUID(uuidString: String($0)) } }

    var parameterDictionary: [String: String] {
        var result: [String: String] = [:]
        for pair in parameters.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map {
                String($0).removingPercentEncoding ?? String($0)
            }
            if parts.count == 2 { result[parts[0]] = parts[1] }
        }
        return result
    }
}

struct CreateSavedReports: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(SavedReport.schema)
            .id()
            .field("name", .string, .required)
            .field("owner_id", .uuid, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("parameters", .string, .required)
            .field("recipient_ids", .string, .required)
            .field("last_sent_week", .string)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(SavedReport.schema).delete()
    }
}
