import Foundation
import SalesPulseCore
import Vapor

/// Today's work of one person: open tasks and lead follow-ups due by the end of today, overdue
/// first. A lead's follow-up that already has an open follow-up task shows once, as the task.
struct WorkList {
    struct Item: Encodable {
        /// "task" or "follow-up": which form actions it takes.
        let kind: String
        let id: String
        let title: String
        let href: String
        let recordName: String?
        let when: String
        let dueInput: String
        let overdue: Bool
        let sortKey: Double
    }

    let overdue: [Item]
    let today: [Item]

    static func load(_ req: Request, personID: UUID, actor: Actor) async throws -> WorkList {
        let endOfDay = PageDate.endOfToday(req.now)
        let tasksQuery = try RecordListQuery(
            spec: .tasks, sort: "dueAt", limit: 200,
            conditions: [
                .equals(column: "assignee_id", values: [.uuid(personID)]),
                .equals(column: "status", values: [.text(TaskStatus.open.rawValue)]),
                .atMost(column: "due_at", value: .date(endOfDay)),
            ])
        let tasks = try await RecordLister(spec: .tasks, db: req.db).page(tasksQuery, actor: actor, now: req.now).items
        var followUpsQuery = try RecordListQuery(
            spec: .leads, sort: "followUpAt", limit: 200,
            conditions: [
                .equals(column: "owner_id", values: [.uuid(personID)]),
                .equals(column: "status", values: LeadStatus.allCases.filter(\.isOpen).map { .text($0.rawValue) }),
                .atMost(column: "follow_up_at", value: .date(endOfDay)),
            ])
        followUpsQuery.includeSnoozed = false
        let leads = try await RecordLister(spec: .leads, db: req.db).page(followUpsQuery, actor: actor, now: req.now)
            .items
        let leadsWithTask = Set(
            tasks.filter { $0[.type].text == TaskType.followUp.rawValue }.compactMap { $0[.leadId].uuid })
        var display = RecordDisplay(db: req.db, actor: actor)
        try await display.loadNames(for: tasks, spec: .tasks)

        var items: [Item] = tasks.compactMap { task in
            guard let due = task[.dueAt].date else { return nil }
            let link = [FieldName.leadId, .opportunityId, .accountId, .contactId].first { !task[$0].isNull }
            let title = task[.title].text ?? "Task"
            let recordName = link.map { display.text(RecordSpec.tasks.field($0.rawValue)!, task[$0]) }
            return Item(
                kind: "task", id: task.id.uuidString, title: title, href: "/tasks/\(task.id)",
                recordName: recordName.flatMap { title.contains($0) ? nil : $0 },
                when: PageDate.format(due), dueInput: PageDate.inputValue(due), overdue: due < req.now,
                sortKey: due.timeIntervalSince1970)
        }
        items += leads.filter { !leadsWithTask.contains($0.id) }.compactMap { lead in
            guard let due = lead[.followUpAt].date else { return nil }
            return Item(
                kind: "follow-up", id: lead.id.uuidString, title: "Follow up: \(lead[.name].text ?? "lead")",
                href: "/leads/\(lead.id)",
                recordName: lead[.followUpNote].text ?? lead[.company].text, when: PageDate.format(due),
                dueInput: PageDate.inputValue(due),
                overdue: due < req.now, sortKey: due.timeIntervalSince1970)
        }
        items.sort { $0.sortKey < $1.sortKey }
        return WorkList(overdue: items.filter(\.overdue), today: items.filter { !$0.overdue })
    }

}
