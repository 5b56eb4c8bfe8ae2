import Fluent
import Foundation
import SalesPulseCore
import SQLKit
import Vapor

/// The "task falls due" webhook event, queued by the every-minute reminder scan: once when an
/// open task reaches its due time, and again if it is moved later and falls due again. Tasks
/// that fell due while nothing ran are sent when the scan runs again, within the reminders'
/// catch-up window.
struct TaskDueEvents {
    let app: Application
    let now: Date

    func queue() async throws {
        let sql = app.db.sql
        let subscriptions = try await WebhookStore.active(sql).filter {
            $0.delivering && $0.eventList.contains(.taskDue)
        }
        guard !subscriptions.isEmpty else { return }
        struct Due: Decodable { let id: UUID; let due_at: Date }
        let due = try await sql.select().columns("id", "due_at").from("tasks").where(
            "status", .equal, SQLBind(TaskStatus.open.rawValue)
        )
        .where("due_at", .greaterThan, SQLBind(now.addingTimeInterval(-Reminders.catchUp))).where(
            "due_at", .lessThanOrEqual, SQLBind(now)
        )
        .all(decoding: Due.self)
        for task in due {
            for subscription in subscriptions {
                let sent = try await sql.select().column("id").from(WebhookStore.deliveries)
                    .where("subscription_id", .equal, SQLBind(subscription.id)).where(
                        "created_at", .greaterThanOrEqual, SQLBind(task.due_at)
                    )
                    .where("event", .equal, SQLBind(WebhookStore.Event.taskDue.rawValue)).where(
                        "record_id", .equal, SQLBind(task.id)
                    ).first()
                guard sent == nil else { continue }
                try await app.db.writeTransaction { tx in
                    try await OutboundWebhooks.queue(
                        .taskDue, resource: .tasks, id: task.id, for: subscription, db: tx, now: now)
                }
            }
        }
    }
}
