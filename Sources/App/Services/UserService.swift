import Fluent
import Foundation
import SalesPulseCore

/// The rules for user accounts, shared by admin pages, the API and the CLI.
struct UserService: Sendable {
    let db: any Database
    let passwords: PasswordHashing
    let rule: PasswordRule

    func create(_ input: UserInput) async throws -> User {
        let email = try EmailAddress(input.email ?? "")
        guard let password = input.password, !password.isEmpty else {
            throw DomainError.invalid(field: "password", "A password is required.")
        }
        try rule.check(password)
        let role = try parseRole(input.role ?? "")
        let name = try cleanName(input.name ?? defaultName(for: email))
        try await ensureEmailFree(email, except: nil)
        let user = User(
            email: email, name: name, passwordHash: try await passwords.hash(password), role: role,
            monthlyTarget: input.monthlyTarget ?? MoneyAmount(cents: 0))
        user.id = UUID()
        try await applyRelations(input, to: user)
        try await user.create(on: db)
        return user
    }

    func update(_ user: User, with input: UserInput) async throws {
        if let raw = input.email {
            let email = try EmailAddress(raw)
            try await ensureEmailFree(email, except: user.id)
            user.email = email.value
        }
        if let name = input.name { user.name = try cleanName(name) }
        if let role = input.role { user.role = try parseRole(role) }
        if let target = input.monthlyTarget { user.monthlyTargetCents = target.cents }
        if let away = input.awayUntil {
            let day = away?.trimmingCharacters(in: .whitespaces)
            if let day, !day.isEmpty, CalendarDay(text: day) == nil {
                throw DomainError.invalid(field: "awayUntil", "Give the last day of leave as a date, like 2026-12-24.")
            }
            user.awayUntil = day.flatMap { $0.isEmpty ? nil : $0 }
        }
        try await applyRelations(input, to: user)
        if let password = input.password {
            try rule.check(password)
            user.passwordHash = try await passwords.hash(password)
            user.sessionVersion += 1
        }
        if let active = input.isActive, active != user.isActive {
            user.isActive = active
            user.sessionVersion += 1
        }
        try await user.save(on: db)
    }

    func deactivate(_ user: User, by actorID: UUID) async throws {
        guard user.id != actorID else {
            throw DomainError.conflict(field: "isActive", message: "You cannot deactivate your own account.")
        }
        try await update(user, with: UserInput(isActive: false))
    }

    func changeOwnPassword(_ user: User, current: String, new: String) async throws {
        guard try await passwords.verify(current, against: user.passwordHash) else {
            throw DomainError.invalid(field: "currentPassword", "This is not your current password.")
        }
        try rule.check(new, field: "newPassword")
        try await update(user, with: UserInput(password: new))
    }

    private func applyRelations(_ input: UserInput, to user: User) async throws {
        if let name = input.teamName {
            guard let team = try await Team.query(on: db).filter(\.$name == name).first() else {
                throw DomainError.invalid(field: "team", "There is no team named '\(name)'.")
            }
            user.$team.id = team.id
        } else if let teamID = input.teamID {
            if let teamID, try await Team.find(teamID, on: db) == nil {
                throw DomainError.invalid(field: "teamId", "There is no team with this id.")
            }
            user.$team.id = teamID
        }
        if let raw = input.managerEmail {
            let email = try EmailAddress(raw, field: "manager")
            guard let manager = try await User.query(on: db).filter(\.$email == email.value).first() else {
                throw DomainError.invalid(field: "manager", "There is no user with the email \(email).")
            }
            try await setManager(manager.id, of: user, field: "manager")
        } else if let managerID = input.managerID {
            try await setManager(managerID, of: user, field: "managerId")
        }
    }

    /// Refuses a manager chain that loops back to the user.
    private func setManager(_ managerID: UUID?, of user: User, field: String) async throws {
        guard let managerID else { user.$manager.id = nil; return }
        guard managerID != user.id else {
            throw DomainError.invalid(field: field, "A user cannot be their own manager.")
        }
        var cursor: UUID? = managerID
        var seen = Set<UUID>()
        while let current = cursor {
            guard let row = try await User.find(current, on: db) else {
                throw DomainError.invalid(field: field, "There is no user with this id.")
            }
            if current == user.id || !seen.insert(current).inserted {
                throw DomainError.invalid(field: field, "This would make a loop in the reporting line.")
            }
            cursor = row.$manager.id
        }
        user.$manager.id = managerID
    }

    private func ensureEmailFree(_ email: EmailAddress, except id: UUID?) async throws {
        var query = User.query(on: db).filter(\.$email == email.value)
        if let id { query = query.filter(\.$id != id) }
        if try await query.count() > 0 {
            throw DomainError.conflict(field: "email", message: "A user with the email \(email) already exists.")
        }
    }

    private func parseRole(_ text: String) throws -> Role {
        guard let role = Role(parsing: text) else {
            throw DomainError.invalid(field: "role", "Choose one of: admin, manager, rep, viewer.")
        }
        return role
    }

    private func cleanName(_ raw: String) throws -> String {
        let name = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, name.count <= 200 else {
            throw DomainError.invalid(field: "name", "Enter a name of 1 to 200 characters.")
        }
        return name
    }

    private func defaultName(for email: EmailAddress) -> String {
        String(email.value.split(separator: "@")[0])
    }
}
