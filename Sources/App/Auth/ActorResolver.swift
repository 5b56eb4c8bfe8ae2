import Fluent
import Foundation
import SalesPulseCore
import SQLKit

/// Builds the policy's view of a user: their teams and, for managers, everyone they manage.
enum ActorResolver {
    static func resolve(_ user: User, on db: any Database) async throws -> Actor {
        let userID = try user.requireID()
        var teamIDs = Set<UUID>()
        if let team = user.$team.id { teamIDs.insert(team) }
        // Admins may always export, so their requests skip the settings read.
        var exportGranted = user.role == .admin
        if !exportGranted { exportGranted = try await CompanySettings(sql: db.sql).exportRoles().contains(user.role) }
        guard user.role == .manager else {
            return Actor(userID: userID, role: user.role, teamIDs: teamIDs, exportGranted: exportGranted)
        }
        let ledTeams = try await Team.query(on: db).filter(\.$leadID == userID).all(\.$id)
        teamIDs.formUnion(ledTeams)
        var managed = try await reports(of: userID, on: db)
        if !teamIDs.isEmpty {
            let members = try await User.query(on: db).filter(\.$team.$id ~~ Array(teamIDs)).all(\.$id)
            managed.formUnion(members)
        }
        managed.remove(userID)
        return Actor(
            userID: userID, role: user.role, teamIDs: teamIDs, managedUserIDs: managed, exportGranted: exportGranted)
    }

    /// Direct and indirect reports, walking the manager chain one level per query.
    static func reports(of managerID: UUID, on db: any Database) async throws -> Set<UUID> {
        var found = Set<UUID>()
        var frontier: [UUID] = [managerID]
        while !frontier.isEmpty {
            let next = try await User.query(on: db).filter(\.$manager.$id ~~ frontier).all(\.$id)
            frontier = next.filter { !found.contains($0) && $0 != managerID }
            found.formUnion(frontier)
        }
        return found
    }
}
