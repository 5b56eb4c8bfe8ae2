import Fluent
import Foundation
import SalesPulseCore
import SQLKit
import Vapor

/// The retention rule, run nightly: leads lost and untouched (no change, no interaction) for
/// longer than the company keeps them lose their personal data, a batch at a time, in the
/// name of the admin who set the rule. The leads stay for the reports. What lead forms and
/// channels received (with senders' addresses and kept deliveries) goes after `IntakeLog.keptDays`.
enum RetentionJob {
    static let kind = "privacy.retention"
    static let batch = 200

    static func register(_ app: Application) {
        app.jobHandlers.register(kind) { context in
            _ = try await run(app: context.app)
        }
    }

    /// Anonymises every lead due; returns how many.
    static func run(app: Application) async throws -> Int {
        let settings = try await CompanySettings(sql: app.db.sql).privacy()
        let now = app.clock.now()
        try await IntakeLog.prune(before: now.addingTimeInterval(-Double(IntakeLog.keptDays) * 86_400), app.db)
        guard let cutoff = settings.retentionCutoff(now: now, in: try await CompanySettings(sql: app.db.sql).timeZone())
        else { return 0 }
        guard let actorID = try await actor(settings, app: app) else { return 0 }
        var done = 0
        while true {
            let due = try await app.db.sql.select().columns("id", "name", "email", "phone").from(RecordSpec.leads.table)
                .where("status", .equal, SQLBind("lost")).where("updated_at", .lessThan, SQLBind(cutoff))
                .where(
                    SQLGroupExpression(
                        SQLBinaryExpression(
                            SQLBinaryExpression(SQLIdentifier("last_interaction_at"), .is, SQLLiteral.null), .or,
                            SQLBinaryExpression(SQLIdentifier("last_interaction_at"), .lessThan, SQLBind(cutoff))))
                )
                .where("name", .notEqual, SQLBind(PersonIdentity.erasedName))
                .limit(batch).all()
            guard !due.isEmpty else { break }
            let ids = try due.map { try $0.decode(column: "id", as: UUID.self) }
            let identity = PersonIdentity(
                names: try due.map { try $0.decode(column: "name", as: String.self) },
                emails: try due.compactMap { try $0.decode(column: "email", as: String?.self) },
                phones: try due.compactMap { try $0.decode(column: "phone", as: String?.self) })
            _ = try await PersonErasure(db: app.db).erase(
                leadIDs: ids, contactIDs: [], identity: identity, reason: .retain, actorID: actorID, now: now)
            done += ids.count
        }
        if done > 0 { app.logger.notice("retention: personal data removed from \(done) lost leads") }
        return done
    }

    /// The admin who set the rule, or any active admin if they are gone.
    private static func actor(_ settings: PrivacySettings, app: Application) async throws -> UUID? {
        if let id = settings.setBy, let user = try await User.find(id, on: app.db), user.role == .admin { return id }
        return try await User.query(on: app.db).filter(\.$role == .admin).filter(\.$isActive == true).first()?.id
    }
}
