import Fluent
import FluentSQL
import Foundation
import SalesPulseCore
import Vapor

struct UserListFilter: Sendable {
    var search: String?
    var role: Role?
    var teamID: UUID?
    var isActive: Bool?

    init(search: String? = nil, role: Role? = nil, teamID: UUID? = nil, isActive: Bool? = nil) {
        self.search = search
        self.role = role
        self.teamID = teamID
        self.isActive = isActive
    }

    /// Reads ?q=&role=&teamId=&active= and refuses values that cannot match anything.
    init(_ request: Request) throws {
        search = request.query[String.self, at: "q"].flatMap { $0.isEmpty ? nil : $0 }
        if let text = request.query[String.self, at: "role"], !text.isEmpty {
            guard let role = Role(parsing: text) else {
                throw DomainError.invalid(field: "role", "Choose one of: admin, manager, rep, viewer.")
            }
            self.role = role
        }
        if let text = request.query[String.self, at: "teamId"], !text.isEmpty {
            guard let id = UUID(uuidString: text) else { throw DomainError.invalid(field: "teamId", "Not a valid id.") }
            teamID = id
        }
        if let text = request.query[String.self, at: "active"], !text.isEmpty {
            guard let value = Bool(text) else { throw DomainError.invalid(field: "active", "Use true or false.") }
            isActive = value
        }
    }
}

/// Lists the users an actor may see, ordered by email with the email as cursor.
struct UserDirectory: Sendable {
    let db: any Database

    /// Returns up to `page.limit + 1` rows; the extra one tells the caller there is a next page.
    func list(for actor: Actor, filter: UserListFilter, page: PageRequest) async throws -> [User] {
        let query = User.query(on: db)
        if let visible = AccessPolicy.visibleOwnerIDs(actor) {
            query.filter(\.$id ~~ Array(visible))
        }
        if let search = filter.search?.lowercased() {
            // LOWER(...) LIKE behaves the same on SQLite and PostgreSQL; ~~ does not.
            let pattern =
                "%" + search.replacingOccurrences(of: "%", with: "").replacingOccurrences(of: "_", with: "") + "%"
            query.group(.or) { group in
                group.filter(.sql(embed: "LOWER(\(ident: "email")) LIKE \(bind: pattern)"))
                group.filter(.sql(embed: "LOWER(\(ident: "name")) LIKE \(bind: pattern)"))
            }
        }
        if let role = filter.role { query.filter(\.$role == role) }
        if let teamID = filter.teamID { query.filter(\.$team.$id == teamID) }
        if let active = filter.isActive { query.filter(\.$isActive == active) }
        if let cursor = page.cursor { query.filter(\.$email > cursor) }
        return try await query.sort(\.$email).limit(page.limit + 1).all()
    }
}
