import Fluent
import Foundation

final class Team: Model, @unchecked Sendable {
    static let schema = "teams"

    // identity
    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String

    // relations
    /// The manager who leads the team. Not a foreign key: users already point at teams, and
    /// users are deactivated rather than deleted, so the lead cannot dangle.
    @OptionalField(key: "lead_id") var leadID: UUID?
    @Children(for: \.$team) var members: [User]

    // data
    @OptionalField(key: "region") var region: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(id: UUID? = nil, name: String, leadID: UUID? = nil, region: String? = nil) {
        self.id = id
        self.name = name
        self.leadID = leadID
        self.region = region
    }
}
