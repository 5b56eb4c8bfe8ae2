import Foundation
import SalesPulseCore
import Vapor

struct UserResponse: Content {
    let id: UUID
    let email: String
    let name: String
    let role: Role
    let teamId: UUID?
    let managerId: UUID?
    let isActive: Bool
    /// The last day of leave (YYYY-MM-DD): leads that arrive by themselves pass them by.
    let awayUntil: String?
    let monthlyTarget: Double
    let createdAt: Date?
    let lastLoginAt: Date?

    init(_ user: User) throws {
        id = try user.requireID()
        email = user.email
        name = user.name
        role = user.role
        teamId = user.$team.id
        managerId = user.$manager.id
        isActive = user.isActive
        awayUntil = user.awayUntil
        monthlyTarget = user.monthlyTarget.asDouble
        createdAt = user.createdAt
        lastLoginAt = user.lastLoginAt
    }
}

struct CreateUserRequest: StrictBody {
    let email: String
    let name: String?
    let password: String
    let role: String
    let teamId: UUID?
    let managerId: UUID?
    let monthlyTarget: Double?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case email, name, password, role, teamId, managerId, monthlyTarget
    }

    func toInput() throws -> UserInput {
        UserInput(
            email: email, name: name, password: password, role: role,
            teamID: teamId.map { .some($0) }, managerID: managerId.map { .some($0) },
            monthlyTarget: try monthlyTarget.map { try MoneyAmount(decimal: $0, field: "monthlyTarget") })
    }
}

struct UpdateUserRequest: StrictBody {
    let email: String?
    let name: String?
    let password: String?
    let role: String?
    let teamId: UUID?
    let managerId: UUID?
    let monthlyTarget: Double?
    let isActive: Bool?
    let awayUntil: String?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case email, name, password, role, teamId, managerId, monthlyTarget, isActive, awayUntil
    }
}

extension Decoded where Body == UpdateUserRequest {
    /// A key sent as null clears team or manager; a key not sent leaves it alone.
    func toInput() throws -> UserInput {
        UserInput(
            email: body.email, name: body.name, password: body.password, role: body.role,
            teamID: has(.teamId) ? .some(body.teamId) : nil,
            managerID: has(.managerId) ? .some(body.managerId) : nil,
            monthlyTarget: try body.monthlyTarget.map { try MoneyAmount(decimal: $0, field: "monthlyTarget") },
            isActive: body.isActive, awayUntil: has(.awayUntil) ? .some(body.awayUntil) : nil)
    }
}
