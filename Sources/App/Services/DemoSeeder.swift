import Fluent
import SalesPulseCore
import Vapor

/// Writes the demo roster. Idempotent: existing users and teams are left as they are, and
/// only newly created users get (and print) a password.
struct DemoSeeder: Sendable {
    let app: Application

    struct CreatedLogin: Sendable {
        let email: String
        let password: String
        let role: Role
    }

    func seed(seed: UInt64) async throws -> [CreatedLogin] {
        let roster = DemoRoster.generate(seed: seed)
        return try await app.db.transaction { db in
            var created: [CreatedLogin] = []
            let users = UserService(db: db, passwords: PasswordHashing(app), rule: app.settings.passwordRule)
            let teams = TeamService(db: db)
            for spec in roster.teams where try await Team.query(on: db).filter(\.$name == spec.name).count() == 0 {
                _ = try await teams.create(TeamInput(name: spec.name, region: .some(spec.region)))
            }
            for spec in roster.users where try await User.query(on: db).filter(\.$email == spec.email).count() == 0 {
                let password = SecretToken.generate().prefix(16).description
                _ = try await users.create(UserInput(
                    email: spec.email, name: spec.name, password: password, role: spec.role.rawValue,
                    managerEmail: spec.managerEmail, teamName: spec.teamName, monthlyTarget: spec.monthlyTarget))
                created.append(CreatedLogin(email: spec.email, password: password, role: spec.role))
            }
            for spec in roster.teams {
                guard let team = try await Team.query(on: db).filter(\.$name == spec.name).first(), team.leadID == nil,
                      let lead = try await User.query(on: db).filter(\.$email == spec.leadEmail).first() else { continue }
                try await teams.update(team, with: TeamInput(leadID: .some(lead.id)))
            }
            return created
        }
    }
}
