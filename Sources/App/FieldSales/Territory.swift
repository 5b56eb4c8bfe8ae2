import FieldRoutes
import Fluent
import Foundation

/// An area drawn on the map and given to a rep or a team: the accounts inside it are theirs
/// to cover, whoever owns them.
final class Territory: Model, @unchecked Sendable {
    static let schema = "territories"

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @OptionalParent(key: "rep_id") var rep: User?
    @OptionalParent(key: "team_id") var team: Team?
    /// The corners, one "latitude, longitude" per line (`GeoArea.text`).
    @Field(key: "corners") var corners: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(name: String, repID: UUID?, teamID: UUID?, area: GeoArea) {
        self.name = name
        self.$rep.id = repID
        self.$team.id = teamID
        self.corners = area.text
    }

    /// Stored corners were checked when saved; a row that no longer reads is no area.
    var area: GeoArea? { try? GeoArea.parse(corners) }
}

struct CreateTerritories: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Territory.schema)
            .id()
            .field("name", .string, .required)
            .field("rep_id", .uuid, .references(User.schema, "id", onDelete: .cascade))
            .field("team_id", .uuid, .references(Team.schema, "id", onDelete: .cascade))
            .field("corners", .string, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Territory.schema).delete()
    }
}
