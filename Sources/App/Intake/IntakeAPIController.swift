import Foundation
import SalesPulseCore
import Vapor

/// /api/v1/admin/intake: lead forms for landing pages and what they received. Admins only.
struct IntakeAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let intake = routes.grouped("admin", "intake")
        intake.get("forms", use: list)
        intake.post("forms", use: create)
        intake.patch("forms", ":formID", use: update)
        intake.get("log", use: log)
        intake.post("log", ":entryID", "replay", use: replay)
    }

    @Sendable func list(req: Request) async throws -> IntakeFormListing {
        try await req.authorize(.read, .settings)
        let publicURL = req.application.settings.publicURL
        return IntakeFormListing(
            items: try await IntakeForms(db: req.db).list().map { IntakeFormItem($0, publicURL: publicURL) })
    }

    @Sendable func create(req: Request) async throws -> Response {
        try await req.authorize(.update, .settings)
        let body = try req.decodeStrict(IntakeFormBody.self).body
        let draft = try IntakeForms.Draft.checked(
            channel: body.channel, appSecret: body.appSecret, accessToken: body.accessToken, mapping: body.mapping,
            name: body.name, source: body.source, assignTo: body.assignTo, team: body.team?.uuidString,
            fallback: body.fallbackOwnerId?.uuidString, origins: body.origins?.joined(separator: " "),
            thankYouURL: body.thankYouUrl, routes: (body.routes ?? []).map(\.input))
        let form = try await IntakeForms(db: req.db).create(draft, by: try req.requireUser().requireID(), now: req.now)
        return try await IntakeFormItem(form, publicURL: req.application.settings.publicURL).encodeResponse(
            status: .created, for: req)
    }

    @Sendable func update(req: Request) async throws -> IntakeFormItem {
        try await req.authorize(.update, .settings)
        let body = try req.decodeStrict(IntakeFormState.self).body
        let forms = IntakeForms(db: req.db)
        guard let id = req.parameters.get("formID", as: UUID.self), try await forms.find(id) != nil else {
            throw DomainError.notFound("No such lead form.")
        }
        guard let active = body.active else {
            throw DomainError.invalid(field: "active", "Send active: true to take submissions, false to pause.")
        }
        try await forms.setActive(id, active)
        guard let form = try await forms.find(id) else { throw DomainError.notFound("No such lead form.") }
        return IntakeFormItem(form, publicURL: req.application.settings.publicURL)
    }

    @Sendable func log(req: Request) async throws -> IntakeLogListing {
        try await req.authorize(.read, .settings)
        var form: UUID?
        if let text = req.query[String.self, at: "form"] {
            guard let id = UUID(uuidString: text) else {
                throw DomainError.invalid(field: "form", "Give the form's id.")
            }
            form = id
        }
        return IntakeLogListing(
            items: try await IntakeLog.recent(req.db.sql, form: form, limit: 200).map(IntakeLogItem.init))
    }

    @Sendable func replay(req: Request) async throws -> IntakeReplayResult {
        try await req.authorize(.update, .settings)
        guard let id = req.parameters.get("entryID", as: UUID.self) else {
            throw DomainError.notFound("No such delivery.")
        }
        return IntakeReplayResult(
            received: try await IntakeReplay(app: req.application, db: req.db).replay(id, now: req.now))
    }
}
