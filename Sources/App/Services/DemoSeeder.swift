import SalesML
import Fluent
import Foundation
import SQLKit
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

    enum Size: String, CaseIterable, Sendable {
        case small, large

        var leads: Int { self == .small ? 3_000 : 1_000_000 }
    }

    /// The roster, then (when there are no leads yet) the CRM history for `size`.
    func seed(seed: UInt64, size: Size = .small, asOf: Date = Date()) async throws -> [CreatedLogin] {
        let logins = try await seedRoster(seed: seed)
        let sql = app.db.sql
        try await DeferredIndexes.rebuildInterrupted(in: sql)
        let existing =
            try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("leads").first()?
            .decode(column: "n", as: Int.self) ?? 0
        guard existing == 0 else { return logins }
        let roster = DemoRoster.generate(seed: seed)
        var repIDs: [UUID] = []
        for spec in roster.users where spec.role == .rep {
            if let id = try await User.query(on: app.db).filter(\.$email == spec.email).first()?.id {
                repIDs.append(id)
            }
        }
        let started = Date()
        let generator = DemoCompanyGenerator(seed: seed, asOf: asOf, repCount: repIDs.count)
        let counts = try await DemoCompanyWriter(db: app.db, generator: generator, repIDs: repIDs, logger: app.logger)
            .write(leadCount: size.leads)
        try await setTargets(repIDs: repIDs, seed: seed, months: generator.months)
        try await writeMarketingSpend(seed: seed, asOf: asOf, months: generator.months, leadCount: size.leads)
        let school = try await DemoSchoolWriter(db: app.db, logger: app.logger, now: asOf).write(seed: seed)
        try await DailyRollups(sql: app.db.sql, now: asOf).rebuild()
        for kind in ModelKind.allCases {
            do {
                _ = try await ScoringService(db: app.db, now: asOf).train(kind, by: nil)
            } catch let error as DomainError {
                app.logger.notice("Demo data: \(kind.label) not trained: \(error.reason)")
            }
        }
        app.logger.notice(
            "Demo data written in \(Int(Date().timeIntervalSince(started)))s: \(counts.leads) leads, \(counts.activities) activities, \(counts.accounts) accounts, \(counts.opportunities) opportunities, \(counts.sales) sales, \(counts.tasks) tasks; school: \(school.groups) groups, \(school.enrolments) enrolments, \(school.trials) trial lessons"
        )
        return logins
    }

    private func writeMarketingSpend(seed: UInt64, asOf: Date, months: Int, leadCount: Int) async throws {
        let inserter = BulkInserter(
            table: "marketing_spend",
            columns: ["id", "created_at", "updated_at", "channel", "day", "spend", "impressions", "clicks"])
        for row in DemoMarketingSpend.rows(seed: seed, asOf: asOf, months: months, leadCount: leadCount) {
            let at = FieldValue.date(row.day.date)
            inserter.add([
                .uuid(UUID()), at, at, .text(row.channel.rawValue), .text(row.day.text), .int(row.spendCents),
                .int(row.impressions), .int(row.clicks),
            ])
        }
        try await inserter.flush(on: app.db.sql)
    }

    /// Sets each rep's monthly target near what they really sell in a month, some a little
    /// above and some below, so the team has both hits and misses whatever the data size.
    private func setTargets(repIDs: [UUID], seed: UInt64, months: Int) async throws {
        let sql = app.db.sql
        var random = SeededRandom(seed: seed ^ 0x7A46)
        for id in repIDs {
            let total =
                try await sql.select().column(SQLQueryString.bigintSum("amount"), as: "total")
                .from("sales").where("rep_id", .equal, SQLBind(id)).first()?.decode(column: "total", as: Int64.self)
                ?? 0
            let monthly = Double(total) / Double(max(months, 1))
            let target = max(
                100_000, Int64((monthly * Double.random(in: 0.7...1.4, using: &random) / 100_000).rounded()) * 100_000)
            try await sql.update(User.schema).set("monthly_target_cents", to: SQLBind(target)).where(
                "id", .equal, SQLBind(id)
            ).run()
        }
    }

    private func seedRoster(seed: UInt64) async throws -> [CreatedLogin] {
        let roster = DemoRoster.generate(seed: seed)
        return try await app.db.writeTransaction { db in
            var created: [CreatedLogin] = []
            let users = UserService(db: db, passwords: PasswordHashing(app), rule: app.settings.passwordRule)
            let teams = TeamService(db: db)
            for spec in roster.teams where try await Team.query(on: db).filter(\.$name == spec.name).count() == 0 {
                _ = try await teams.create(TeamInput(name: spec.name, region: .some(spec.region)))
            }
            for spec in roster.users where try await User.query(on: db).filter(\.$email == spec.email).count() == 0 {
                let password = SecretToken.generate().prefix(16).description
                _ = try await users.create(
                    UserInput(
                        email: spec.email, name: spec.name, password: password, role: spec.role.rawValue,
                        managerEmail: spec.managerEmail, teamName: spec.teamName, monthlyTarget: spec.monthlyTarget))
                created.append(CreatedLogin(email: spec.email, password: password, role: spec.role))
            }
            for spec in roster.teams {
                guard let team = try await Team.query(on: db).filter(\.$name == spec.name).first(), team.leadID == nil,
                    let lead = try await User.query(on: db).filter(\.$email == spec.leadEmail).first()
                else { continue }
                try await teams.update(team, with: TeamInput(leadID: .some(lead.id)))
            }
            return created
        }
    }
}
