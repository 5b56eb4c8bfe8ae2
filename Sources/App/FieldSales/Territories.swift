import FieldRoutes
import Fluent
import Foundation
import SalesPulseCore
import Vapor

/// Territories drawn on the map: who sees them, who may draw and remove them, and the checks a
/// new one passes. Managers and admins draw them (as they keep the other shared lists); a
/// manager only for the reps they manage, themselves and their own teams.
struct Territories {
    let req: Request

    /// A territory as the API sends and receives it.
    struct Corner: Content, Equatable {
        let latitude: Double
        let longitude: Double
    }

    struct Item: Content {
        let id: UUID
        let name: String
        let repId: UUID?
        let teamId: UUID?
        /// The rep's or the team's name, as pages show it.
        let assignedTo: String
        let corners: [Corner]
    }

    struct Input: Content {
        var name: String?
        var repId: UUID?
        var teamId: UUID?
        var corners: [Corner]?
    }

    struct Draft {
        let name: String
        let repID: UUID?
        let teamID: UUID?
        let area: GeoArea
    }

    static let longestName = 80

    /// Every territory the person may see: admins and viewers all of them; others those of the
    /// people they see and of their own teams.
    func visible() async throws -> [(Territory, GeoArea, assignedTo: String)] {
        let actor = try await req.actor()
        let rows = try await Territory.query(on: req.db).with(\.$rep).with(\.$team).sort(\.$name).all()
        return rows.compactMap { row in
            guard mayManage(row.$rep.id, row.$team.id, actor: actor, forReading: true), let area = row.area
            else { return nil }
            let assignedTo = row.rep?.name ?? row.team.map { "Team \($0.name)" } ?? "Nobody"
            return (row, area, assignedTo)
        }
    }

    func items() async throws -> [Item] {
        try await visible().map { row, area, assignedTo in
            Item(
                id: row.id!, name: row.name, repId: row.$rep.id, teamId: row.$team.id, assignedTo: assignedTo,
                corners: area.corners.map { Corner(latitude: $0.latitude, longitude: $0.longitude) })
        }
    }

    func create(_ draft: Draft) async throws -> Territory {
        try await req.authorize(.create, .referenceData)
        let actor = try await req.actor()
        let existing = try await Territory.query(on: req.db).all()
        if existing.contains(where: { $0.name.lowercased() == draft.name.lowercased() }) {
            throw DomainError.invalid(field: "name", "Another territory is already called \(draft.name).")
        }
        if let repID = draft.repID {
            guard let rep = try await User.find(repID, on: req.db), rep.isActive else {
                throw DomainError.invalid(field: "repId", "Choose a rep who works here.")
            }
        }
        if let teamID = draft.teamID, try await Team.find(teamID, on: req.db) == nil {
            throw DomainError.invalid(field: "teamId", "Choose one of the teams.")
        }
        guard mayManage(draft.repID, draft.teamID, actor: actor, forReading: false) else {
            throw DomainError.invalid(
                field: draft.repID == nil ? "teamId" : "repId", "You may draw territories only for your own people.")
        }
        let territory = Territory(name: draft.name, repID: draft.repID, teamID: draft.teamID, area: draft.area)
        try await territory.save(on: req.db)
        return territory
    }

    func delete(_ id: UUID) async throws {
        try await req.authorize(.delete, .referenceData)
        let actor = try await req.actor()
        guard let territory = try await Territory.find(id, on: req.db),
            mayManage(territory.$rep.id, territory.$team.id, actor: actor, forReading: true)
        else { throw DomainError.notFound("There is no such territory.") }
        guard mayManage(territory.$rep.id, territory.$team.id, actor: actor, forReading: false) else {
            throw DomainError.forbidden("You may remove territories only of your own people.")
        }
        try await territory.delete(on: req.db)
    }

    private func mayManage(_ repID: UUID?, _ teamID: UUID?, actor: Actor, forReading: Bool) -> Bool {
        if actor.role == .admin || (forReading && actor.role == .viewer) { return true }
        if let repID { return AccessPolicy.visibleOwnerIDs(actor)?.contains(repID) ?? true }
        if let teamID { return actor.teamIDs.contains(teamID) }
        return false
    }

    /// Checks what the API or the page sent, naming the field at fault.
    static func draft(
        name: String?, repID: UUID?, teamID: UUID?, area: () throws(GeoArea.Invalid) -> GeoArea
    )
        throws -> Draft
    {
        let name = (name ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { throw DomainError.invalid(field: "name", "Give the territory a name.") }
        guard name.count <= longestName else {
            throw DomainError.invalid(field: "name", "Keep the name to \(longestName) characters.")
        }
        guard (repID == nil) != (teamID == nil) else {
            throw DomainError.invalid(field: "repId", "Give the territory to one rep or to one team.")
        }
        do {
            return Draft(name: name, repID: repID, teamID: teamID, area: try area())
        } catch {
            throw DomainError.invalid(field: "corners", error.description)
        }
    }

    static func draft(_ input: Input) throws -> Draft {
        try draft(name: input.name, repID: input.repId, teamID: input.teamId) { () throws(GeoArea.Invalid) in
            try GeoArea(corners: (input.corners ?? []).map { GeoPoint(latitude: $0.latitude, longitude: $0.longitude) })
        }
    }
}
