import Foundation
import SalesPulseCore
import SQLKit
import Vapor

/// The pages of one record type: list, record, create, edit, delete, and quick actions that
/// add activities, tasks and notes to it. Every write goes through the same store, rules and
/// permissions as the API.
struct RecordPagesController: RouteCollection {
    let page: RecordPageSpec

    func boot(routes: any RoutesBuilder) throws {
        let pages = routes.grouped(PathComponent(stringLiteral: page.path))
        pages.get(use: list)
        if page.spec.policy == .businessRecord { pages.get("export", use: export) }
        pages.get("new", use: newForm)
        pages.post(use: create)
        pages.post("bulk", use: bulk)
        pages.post("columns", use: chooseColumns)
        pages.get(":id", use: show)
        pages.get(":id", "edit", use: editForm)
        pages.post(":id", use: update)
        pages.post(":id", "delete", use: delete)
        if ["leads", "accounts", "contacts", "opportunities"].contains(page.path) {
            pages.post(":id", "activities", use: logActivity)
            pages.post(":id", "tasks", use: addTask)
            pages.post(":id", "notes", use: addNote)
        }
    }

    /// The list as the person filtered, searched and sorted it, as a file.
    @Sendable func export(req: Request) async throws -> Response {
        try await req.authorize(.export, page.spec.policy)
        var query = try RecordListQuery(spec: page.spec, request: req, extraParameters: ["format"])
        query.wordSearch = true
        return try await RecordExport(spec: page.spec, db: req.db, actor: try await req.actor(), now: req.now)
            .response(query, format: try req.exportFormat(), request: req)
    }

    @Sendable func list(req: Request) async throws -> View {
        try await req.authorize(.read, page.spec.policy)
        return try await req.view.render("records/list", try await RecordListPage.make(page, request: req))
    }

    /// Remembers which columns this person wants on this list; none ticked goes back to the defaults.
    @Sendable func chooseColumns(req: Request) async throws -> Response {
        struct Form: Content { var columns: [String]?; var reset: String? }
        try await req.authorize(.read, page.spec.policy)
        let form = try req.content.decode(Form.self)
        let picked =
            form.reset == nil ? page.columns(chosen: (form.columns ?? []).joined(separator: ",")).dropFirst() : []
        let preferences = UserPreferences(sql: req.db.sql, userID: try req.requireUser().requireID())
        try await preferences.set(
            UserPreferences.columnsKey(page.path), to: picked.isEmpty ? nil : picked.joined(separator: ","))
        return req.redirect(to: "/\(page.path)")
    }

    @Sendable func bulk(req: Request) async throws -> Response {
        try await BulkActions(page: page).run(req)
    }

    @Sendable func show(req: Request) async throws -> View {
        let record = try await req.visibleRecord(page.spec, for: .read)
        return try await req.view.render(
            "records/show", try await RecordShowPage.make(page, record: record, request: req))
    }

    @Sendable func newForm(req: Request) async throws -> View {
        try await req.authorize(.create, page.spec.policy)
        let prefill = (try? req.query.decode([String: String].self)) ?? [:]
        let values = RecordForm.defaults(page.spec).merging(prefill) { $1 }
        return try await req.view.render(
            "records/form", try await RecordFormPage.make(page, record: nil, values: values, errors: [:], request: req))
    }

    @Sendable func editForm(req: Request) async throws -> View {
        let record = try await req.visibleRecord(page.spec, for: .update)
        return try await req.view.render(
            "records/form",
            try await RecordFormPage.make(
                page, record: record, values: RecordForm.text(of: record, spec: page.spec), errors: [:], request: req))
    }

    @Sendable func create(req: Request) async throws -> Response {
        try await req.authorize(.create, page.spec.policy)
        let form = try req.content.decode([String: String].self)
        return try await save(req, record: nil, form: form)
    }

    @Sendable func update(req: Request) async throws -> Response {
        let record = try await req.visibleRecord(page.spec, for: .update)
        return try await save(req, record: record, form: try req.content.decode([String: String].self))
    }

    @Sendable func delete(req: Request) async throws -> Response {
        let record = try await req.visibleRecord(page.spec, for: .delete)
        do {
            try await RecordStore(spec: page.spec, db: req.db).delete(
                record, cascade: false, context: try await req.recordContext())
        } catch let error as DomainError where error.status == .conflict {
            return try await req.view.render(
                "records/show", try await RecordShowPage.make(page, record: record, request: req, message: error.reason)
            )
            .response(.conflict, for: req)
        }
        return req.redirect(to: "/\(page.path)")
    }

    private func save(_ req: Request, record: Record?, form: [String: String]) async throws -> Response {
        let (values, errors) = RecordForm.parse(form, spec: page.spec)
        var fieldErrors = errors
        var message: String?
        if fieldErrors.isEmpty {
            do {
                let store = RecordStore(spec: page.spec, db: req.db)
                let context = try await req.recordContext()
                let saved: Record
                if let record {
                    saved = try await store.update(record, values: values, context: context)
                } else {
                    saved = try await store.create(given: values, context: context)
                }
                return req.redirect(to: "/\(page.path)/\(saved.id)?saved=1")
            } catch {
                let payload = ErrorPayload(error)
                guard payload.isShownOnForm else { throw error }
                if let field = payload.field { fieldErrors[field] = payload.message } else { message = payload.message }
            }
        }
        return try await req.view.render(
            "records/form",
            try await RecordFormPage.make(
                page, record: record, values: form, errors: fieldErrors,
                message: message ?? "Please correct the fields marked below.", request: req)
        )
        .response(.unprocessableEntity, for: req)
    }

    // MARK: quick actions on a record page

    @Sendable func logActivity(req: Request) async throws -> Response {
        try await addLinked(
            req, spec: .activities, fields: ["type", "subject", "notes", "outcome", "occurredAt", "durationMinutes"])
    }

    @Sendable func addTask(req: Request) async throws -> Response {
        try await addLinked(req, spec: .tasks, fields: ["title", "dueAt", "priority", "type"])
    }

    @Sendable func addNote(req: Request) async throws -> Response {
        try await addLinked(req, spec: .notes, fields: ["body"])
    }

    /// Creates an activity, task or note linked to this record, then returns to its page.
    private func addLinked(_ req: Request, spec: RecordSpec, fields: Set<String>) async throws -> Response {
        let record = try await req.visibleRecord(page.spec, for: .read)
        try await req.authorize(.create, spec.policy)
        let form = try req.content.decode([String: String].self).filter { fields.contains($0.key) }
        var (values, errors) = RecordForm.parse(form, spec: spec)
        let back = "/\(page.path)/\(record.id)"
        if let (field, error) = errors.first {
            return req.redirect(to: URLQuery.path(back, ["message": "\(FieldLabel.of(field)): \(error)"]))
        }
        let link = [
            "leads": "leadId", "accounts": "accountId", "contacts": "contactId", "opportunities": "opportunityId",
        ][page.path]!
        values[link] = .uuid(record.id)
        do {
            _ = try await RecordStore(spec: spec, db: req.db).create(
                given: values, context: try await req.recordContext())
        } catch {
            let payload = ErrorPayload(error)
            guard payload.isShownOnForm else { throw error }
            return req.redirect(
                to: URLQuery.path(
                    back,
                    ["message": payload.field.map { "\(FieldLabel.of($0)): \(payload.message)" } ?? payload.message]))
        }
        return req.redirect(to: URLQuery.path(back, ["saved": "1"]))
    }
}
