import Foundation
import SalesPulseCore
import SQLKit

/// Activities default to now and feed the lead's interaction count and engagement.
struct ActivityRules: RecordRules {
    func validate(_ change: inout RecordChange, context: RecordContext) async throws {
        if change[.occurredAt].isNull { change[.occurredAt] = .date(context.now) }
        // The lead's counters are worked out from its row after the save: hold it from now.
        if change.isCreate, let leadID = change[.leadId].uuid {
            _ = try await context.store(.leads).findHeld(leadID, context: context)
        }
    }

    func afterSave(id: UUID, _ change: RecordChange, context: RecordContext) async throws {
        if change.isCreate, change[.type].text == ActivityType.meeting.rawValue, let at = change[.occurredAt].date,
            at > context.now,
            let userID = change[.userId].uuid
        {
            try await RecordEvents.meetingBooked(id, for: userID, context: context)
        }
        guard change.isCreate, let leadID = change[.leadId].uuid,
            let lead = try await context.store(.leads).findOnce(leadID, context: context)
        else { return }
        let count = (lead[.interactionCount].int ?? 0) + 1
        let occurred = change[.occurredAt].date ?? context.now
        let isLatest = lead[.lastInteractionAt].date.map { occurred >= $0 } ?? true
        var values: [String: FieldValue] = [
            "interactionCount": .int(count),
            "engagement": .text(EngagementLevel.from(interactions: Int(count)).rawValue),
        ]
        if isLatest {
            values["lastInteractionType"] = change[.type]
            values["lastInteractionAt"] = .date(occurred)
        }
        // System bookkeeping: updated straight through the store so it is audited like any change.
        try await context.store(.leads).apply(values, to: lead, context: context)
    }
}

/// A task marked done records when; reopening clears it.
struct TaskRules: RecordRules {
    func validate(_ change: inout RecordChange, context: RecordContext) async throws {
        if change.changed(.reminderOffsets), ReminderOffsets.minutes(change[.reminderOffsets].text) == nil {
            throw DomainError.invalid(
                field: "reminderOffsets",
                "Write how long before the due time to remind, such as 1d, 2h, 15m, separated by commas.")
        }
        guard change.changed(.status) else { return }
        change[.completedAt] = change[.status].text == TaskStatus.done.rawValue ? .date(context.now) : .null
    }
}
