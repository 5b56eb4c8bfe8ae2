import Foundation
import SalesPulseCore
import Vapor

/// One-click work on a home or my-day list: tick a task or a lead's follow-up done, move it to
/// tomorrow, or to a chosen time. Each goes through the record store, so the policy, the audit
/// trail and the roll-ups see it like any other edit.
struct WorkItemsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let work = routes.grouped("work")
        work.post("tasks", ":id", "done", use: taskDone)
        work.post("tasks", ":id", "reschedule", use: taskReschedule)
        work.post("follow-ups", ":id", "done", use: followUpDone)
        work.post("follow-ups", ":id", "reschedule", use: followUpReschedule)
    }

    @Sendable func taskDone(req: Request) async throws -> Response {
        let task = try await req.visibleRecord(.tasks, for: .update)
        _ = try await RecordStore(spec: .tasks, db: req.db).update(
            task, values: ["status": .text(TaskStatus.done.rawValue)], context: try await req.recordContext())
        return back(req, "Done: \(task[.title].text ?? "task").")
    }

    @Sendable func taskReschedule(req: Request) async throws -> Response {
        let task = try await req.visibleRecord(.tasks, for: .update)
        guard let due = try newTime(req, from: task[.dueAt].date) else {
            return back(req, "Choose a date and time to move it to.")
        }
        _ = try await RecordStore(spec: .tasks, db: req.db).update(
            task, values: ["dueAt": .date(due)], context: try await req.recordContext())
        return back(req, "Moved \(task[.title].text ?? "the task") to \(PageDate.format(due)).")
    }

    @Sendable func followUpDone(req: Request) async throws -> Response {
        let lead = try await req.visibleRecord(.leads, for: .update)
        _ = try await RecordStore(spec: .leads, db: req.db).update(
            lead, values: ["followUpAt": .null, "followUpNote": .null], context: try await req.recordContext())
        return back(req, "Follow-up with \(lead[.name].text ?? "the lead") done.")
    }

    @Sendable func followUpReschedule(req: Request) async throws -> Response {
        let lead = try await req.visibleRecord(.leads, for: .update)
        guard let due = try newTime(req, from: lead[.followUpAt].date) else {
            return back(req, "Choose a date and time to move it to.")
        }
        _ = try await RecordStore(spec: .leads, db: req.db).update(
            lead, values: ["followUpAt": .date(due)], context: try await req.recordContext())
        return back(req, "Follow-up with \(lead[.name].text ?? "the lead") moved to \(PageDate.format(due)).")
    }

    /// "Tomorrow" keeps the time of day a day later (from now if it was overdue); otherwise the
    /// time typed in the form's date and time field.
    private func newTime(_ req: Request, from current: Date?) throws -> Date? {
        struct Form: Content { var to: String?; var at: String? }
        let form = try req.content.decode(Form.self)
        if form.to == "tomorrow" {
            let base = max(current ?? req.now, req.now)
            return base.addingTimeInterval(86_400)
        }
        guard let text = form.at, !text.isEmpty else { return nil }
        let (values, errors) = RecordForm.parse(["dueAt": text], spec: .tasks)
        if let error = errors["dueAt"] { throw DomainError.invalid(field: "at", error) }
        return values["dueAt"]?.date
    }

    private func back(_ req: Request, _ message: String) -> Response {
        let target = req.safeRedirectTarget(try? req.content.get(String.self, at: "back"))
        return req.redirect(to: URLQuery.path(target, ["message": message]))
    }
}
