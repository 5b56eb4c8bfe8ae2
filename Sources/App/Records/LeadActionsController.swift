import Foundation
import SalesPulseCore
import SQLKit
import Vapor

/// The actions of S2 beyond plain edits: converting, snoozing and scheduling follow-ups on
/// leads, and completing tasks.
struct LeadActionsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let lead = routes.grouped("leads", ":id")
        lead.post("convert", use: convert)
        lead.post("snooze", use: snooze)
        lead.post("follow-up", use: followUp)
        routes.post("tasks", ":id", "complete", use: completeTask)
    }

    @Sendable func snooze(req: Request) async throws -> Response {
        let lead = try await req.visibleRecord(.leads, for: .update)
        let body = try req.jsonObjectBody()
        try Self.onlyKeys(["until"], in: body)
        let until = try FieldSpec("until", .instant, required: true).parse(body["until"] ?? .null)
        guard let date = until.date else { throw DomainError.invalid(field: "until", "This field is required.") }
        guard date > req.now else { throw DomainError.invalid(field: "until", "Snooze until a time in the future.") }
        return try await save(req, lead, ["snoozedUntil": until])
    }

    @Sendable func followUp(req: Request) async throws -> Response {
        let lead = try await req.visibleRecord(.leads, for: .update)
        let body = try req.jsonObjectBody()
        try Self.onlyKeys(["at", "note"], in: body)
        let at = try FieldSpec("at", .instant).parse(body["at"] ?? .null)
        guard !at.isNull else { throw DomainError.invalid(field: "at", "This field is required.") }
        let note = try FieldSpec("note", .text(max: 1000)).parse(body["note"] ?? .null)
        return try await save(req, lead, ["followUpAt": at, "followUpNote": note])
    }

    @Sendable func completeTask(req: Request) async throws -> Response {
        let task = try await req.visibleRecord(.tasks, for: .update)
        let updated = try await RecordStore(spec: .tasks, db: req.db)
            .update(task, values: ["status": .text(TaskStatus.done.rawValue)], context: try await req.recordContext())
        return try RecordJSON.response(RecordJSON.object(updated, spec: .tasks))
    }

    @Sendable func convert(req: Request) async throws -> Response {
        let lead = try await req.visibleRecord(.leads, for: .update)
        let request = try LeadConversion.Request(try req.jsonObjectBody())
        let result = try await LeadConversion(context: try await req.recordContext()).convert(lead, request)
        return try RecordJSON.response([
            "lead": RecordJSON.object(result.lead, spec: .leads),
            "account": RecordJSON.object(result.account, spec: .accounts),
            "contact": RecordJSON.object(result.contact, spec: .contacts),
            "opportunity": result.opportunity.map { RecordJSON.object($0, spec: .opportunities) as Any } ?? NSNull(),
        ])
    }

    private func save(_ req: Request, _ lead: Record, _ values: [String: FieldValue]) async throws -> Response {
        let updated = try await RecordStore(spec: .leads, db: req.db).update(
            lead, values: values, context: try await req.recordContext())
        return try RecordJSON.response(RecordJSON.object(updated, spec: .leads))
    }

    static func onlyKeys(_ allowed: Set<String>, in body: [String: JSONInput]) throws {
        if let unknown = body.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw DomainError.invalid(
                field: unknown, "Unknown field. Allowed: \(allowed.sorted().joined(separator: ", ")).")
        }
    }
}
