import Fluent
import Foundation

struct TeamInput: Sendable {
    var name: String?
    var region: String??
    var leadID: UUID??
}

/// Teams: unique names, an optional lead who must be an existing user.
struct TeamService: Sendable {
    let db: any Database

    func create(_ input: TeamInput) async throws -> Team {
        let team = Team(name: "")
        team.id = UUID()
        try await apply(input, to: team, creating: true)
        try await team.create(on: db)
        return team
    }

    func update(_ team: Team, with input: TeamInput) async throws {
        try await apply(input, to: team, creating: false)
        try await team.save(on: db)
    }

    /// Members stay; they simply no longer belong to a team.
    func delete(_ team: Team) async throws {
        let teamID = try team.requireID()
        try await db.writeTransaction { tx in
            try await User.query(on: tx).filter(\.$team.$id == teamID).set(\.$team.$id, to: nil).update()
            try await team.delete(on: tx)
        }
    }

    private func apply(_ input: TeamInput, to team: Team, creating: Bool) async throws {
        if let raw = input.name ?? (creating ? "" : nil) {
            let name = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            guard (1...100).contains(name.count) else {
                throw DomainError.invalid(field: "name", "Enter a team name of 1 to 100 characters.")
            }
            var clash = Team.query(on: db).filter(\.$name == name)
            if let id = team.id, !creating { clash = clash.filter(\.$id != id) }
            if try await clash.count() > 0 {
                throw DomainError.conflict(field: "name", message: "A team named '\(name)' already exists.")
            }
            team.name = name
        }
        if let region = input.region {
            let trimmed = region?.trimmingCharacters(in: .whitespacesAndNewlines)
            team.region = trimmed?.isEmpty == false ? trimmed : nil
        }
        if let leadID = input.leadID {
            if let leadID, try await User.find(leadID, on: db) == nil {
                throw DomainError.invalid(field: "leadId", "There is no user with this id.")
            }
            team.leadID = leadID
        }
    }
}
