import Fluent
import Foundation
import SalesPulseCore
import Vapor

/// Sends a kept delivery through its channel again: after its lead ads can be fetched, or after
/// an admin fixed the field mapping it could not be read with. It was proven when it arrived,
/// so it is not checked again; it is sent again once, and what it brings is logged as new.
struct IntakeReplay {
    let app: Application
    let db: any Database

    func replay(_ id: UUID, now: Date) async throws -> [String] {
        let sql = db.sql
        guard let entry = try await IntakeLog.entry(id, sql),
            let form = try await IntakeForms(db: db).find(entry.formId)
        else {
            throw DomainError.notFound("No such delivery.")
        }
        guard entry.replayedAt == nil else {
            throw DomainError.conflict(field: nil, message: "This delivery was already sent again.")
        }
        guard let payload = try await IntakeLog.payload(id, sql) else {
            throw DomainError.conflict(
                field: nil, message: "Only deliveries that could not be taken in are kept to send again.")
        }
        let messages: [ChannelMessage]
        do {
            messages = try await ChannelAdapters(app: app).messages(form, body: Data(payload.utf8))
        } catch let error as ChannelPayload.Unreadable {
            throw DomainError.invalid(field: "payload", "It still cannot be read: \(error.description).")
        } catch let error as ChannelAdapters.NotFetched {
            throw DomainError.invalid(field: "payload", "It still cannot be taken in: \(error.description).")
        }
        try await db.serialWrite { sql in try await IntakeLog.markReplayed(id, now: now, sql) }
        return try await IntakeReceiver(app: app, db: db).receive(form, messages: messages, now: now)
    }
}
