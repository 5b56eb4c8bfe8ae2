import Fluent
import Foundation
import SalesPulseCore
import SQLKit
import Vapor

/// One notification per person an import gave leads to, however many: "Ana gave you 120
/// leads from fair.csv", instead of one per lead.
enum ImportAssignments {
    static let kind = "import.leads-assigned"

    struct Payload: Codable, Sendable {
        let importID: UUID
        let ownerID: UUID
        let count: Int
    }

    /// Queued with the import's last write, so a failed finish sends nothing.
    static func announce(_ record: ImportRecord, on db: any Database, now: Date) async throws {
        guard record.recordType == "leads" else { return }
        let rows = try await db.sql.raw(
            """
            SELECT l.owner_id AS owner, COUNT(*) AS n FROM import_rows r JOIN leads l ON l.id = r.record_id
            WHERE r.import_id = \(bind: record.id) AND r.outcome = \(bind: ImportOutcome.created.rawValue) AND l.owner_id <> \(bind: record.userId)
            GROUP BY l.owner_id
            """
        ).all()
        for row in rows {
            let payload = Payload(
                importID: record.id, ownerID: try row.decode(column: "owner", as: UUID.self),
                count: try row.decode(column: "n", as: Int.self))
            try await JobQueue(db: db).enqueue(
                kind, payload: payload, uniqueKey: "\(kind):\(record.id):\(payload.ownerID)", now: now)
        }
    }

    static func register(_ app: Application) {
        app.jobHandlers.register(kind) { context in
            let event = try context.payload(Payload.self)
            guard let record = try await ImportStore(sql: context.app.db.sql).find(event.importID) else { return }
            let by = try await User.find(record.userId, on: context.app.db)?.name ?? "Someone"
            let leads = event.count == 1 ? "a lead" : "\(event.count) leads"
            try await context.app.db.writeTransaction { tx in
                try await NotificationInbox(app: context.app, db: tx).notify(
                    event.ownerID, .leadAssigned, title: "\(by) gave you \(leads) from \(record.fileName)",
                    link: "/leads?ownerId=\(event.ownerID.uuidString)&sort=-createdAt",
                    key: "import-assigned:\(event.importID):\(event.ownerID)",
                    email: .init(
                        template: "reminder", subject: "\(by) gave you \(leads)",
                        context: ["headline": "\(by) gave you \(leads)", "detail": "Imported from \(record.fileName)"]),
                    now: context.app.clock.now())
            }
        }
    }
}
