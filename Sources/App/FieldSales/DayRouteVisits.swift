import Foundation
import SalesPulseCore

/// Saves a planned day as the rep's visits: one task per stop, due when the rep arrives,
/// linked to the account, all or none.
struct DayRouteVisits {
    let context: RecordContext

    func save(_ route: DayRoute) async throws -> [UUID] {
        let assignee = context.actor.userID
        return try await context.transaction(on: context.db) { context, _ in
            var ids: [UUID] = []
            let tasks = context.store(.tasks)
            for stop in route.stops {
                let task = try await tasks.create(
                    given: [
                        "title": .text("Visit \(stop.name)"), "type": .text(TaskType.general.rawValue),
                        "dueAt": InternetTime.parse(stop.arrivesAt).map { .date($0) } ?? .null,
                        "accountId": .uuid(stop.accountId), "assigneeId": .uuid(assignee),
                    ], context: context)
                ids.append(task.id)
            }
            return ids
        }
    }
}
