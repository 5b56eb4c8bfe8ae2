import Fluent
import Foundation
import SalesPulseCore
import SQLKit
import Vapor

/// Every email is written here in the transaction of the event that causes it and sent by a
/// job: a mail server that is down or answers 4xx means another try later, a 5xx fails the
/// message with the server's answer. Sending twice is guarded by the row's state, and the
/// Message-ID stays the same across tries.
struct Outbox: Sendable {
    static let table = "outbox_emails"
    static let sendKind = "email.send"

    enum State: String, Sendable { case queued, sent, failed }

    struct SendJob: Codable, Sendable { let emailID: UUID }

    let db: any Database

    @discardableResult
    func enqueue(_ message: MailMessage, now: Date) async throws -> UUID {
        let id = UUID()
        let json = String(decoding: try JSONEncoder().encode(message), as: UTF8.self)
        try await db.sql.insert(into: Self.table)
            .columns("id", "message_id", "to_address", "subject", "message", "state", "attempts", "created_at")
            .values(
                SQLBind(id), SQLBind(message.messageID), SQLBind(message.to), SQLBind(message.subject), SQLBind(json),
                SQLBind(State.queued.rawValue), SQLBind(0), SQLBind(now)
            )
            .run()
        try await JobQueue(db: db).enqueue(
            Self.sendKind, payload: SendJob(emailID: id), runAt: now, priority: 3, maxAttempts: 20,
            uniqueKey: "email:\(id)", now: now)
        return id
    }

    static func register(_ app: Application) {
        app.jobHandlers.register(sendKind) { context in
            try await Outbox(db: context.app.db).deliver(
                try context.payload(SendJob.self).emailID, job: context.job,
                transport: context.app.mailTransport, now: context.app.clock.now())
        }
    }

    func deliver(_ id: UUID, job: JobRow, transport: any MailTransport, now: Date) async throws {
        struct Row: Decodable { let message: String; let state: String }
        let sql = db.sql
        guard
            let row = try await sql.select().columns("message", "state").from(Self.table).where("id", .equal, id).first(
                decoding: Row.self),
            row.state == State.queued.rawValue
        else { return }
        let message = try JSONDecoder().decode(MailMessage.self, from: Data(row.message.utf8))
        do {
            try await transport.send(message, date: now)
            try await db.serialWrite { sql in
                try await sql.update(Self.table).set("state", to: State.sent.rawValue).set("sent_at", to: SQLBind(now))
                    .set("attempts", to: job.attempts).where("id", .equal, id).run()
            }
        } catch let failure as SMTPFailure {
            let last = job.attempts >= job.maxAttempts
            var permanent = false
            if case .permanent = failure { permanent = true }
            let state = permanent || last ? State.failed : State.queued
            try await db.serialWrite { sql in
                try await sql.update(Self.table).set("state", to: state.rawValue)
                    .set("last_error", to: failure.description).set("attempts", to: job.attempts).where(
                        "id", .equal, id
                    ).run()
            }
            if permanent { throw PermanentJobError(description: failure.description) }
            throw failure
        }
    }
}
