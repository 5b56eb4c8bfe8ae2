import SalesPulseCore

/// What people do: activities, tasks and notes, each linked to any CRM record.
extension RecordSpec {
    static let linkFields: [FieldSpec] = [
        .reference("leadId", "leads"), .reference("contactId", "contacts"),
        .reference("accountId", "accounts"), .reference("opportunityId", "opportunities"),
    ]

    static let activities = RecordSpec(
        path: "activities", table: "activities", label: "activity", policy: .businessRecord,
        ownership: .owner(field: "userId"),
        fields: [
            .choice("type", ActivityType.self, required: true, sortable: true),
            FieldSpec("subject", .text(max: 300), required: true, sortable: true),
            FieldSpec("notes", .text(max: 10_000)),
            FieldSpec("outcome", .text(max: 1000)),
            FieldSpec("nextSteps", .text(max: 1000)),
            FieldSpec("occurredAt", .instant, required: true, filterable: true, sortable: true).filled(
                whenEmpty: "Leave empty for now."),
            FieldSpec("durationMinutes", .integer(0...10_000), filterable: true, sortable: true),
            .reference("userId", "users"),
        ] + linkFields + [
            FieldSpec("latitude", .coordinate(-90...90)),
            FieldSpec("longitude", .coordinate(-180...180)),
        ],
        search: [SearchColumn(column: "subject", lowercased: true)], defaultSort: "-occurredAt", rules: ActivityRules())

    static let tasks = RecordSpec(
        path: "tasks", table: "tasks", label: "task", policy: .businessRecord, ownership: .owner(field: "assigneeId"),
        fields: [
            FieldSpec("title", .text(max: 300), required: true, sortable: true),
            .choice("type", TaskType.self, required: true, default: .general),
            .choice("priority", TaskPriority.self, required: true, sortable: true, default: .normal),
            FieldSpec("dueAt", .instant, filterable: true, sortable: true),
            .reference("assigneeId", "users"),
            .choice("status", TaskStatus.self, required: true, sortable: true, default: .open),
            FieldSpec("reminderOffsets", .text(max: 40)),
            FieldSpec("completedAt", .instant, writable: false, filterable: true, sortable: true),
        ] + linkFields,
        search: [SearchColumn(column: "title", lowercased: true)], defaultSort: "dueAt", rules: TaskRules())

    static let notes = RecordSpec(
        path: "notes", table: "notes", label: "note", policy: .businessRecord, ownership: .owner(field: "ownerId"),
        fields: [FieldSpec("body", .text(max: 20_000), required: true), .reference("ownerId", "users")] + linkFields,
        search: [], defaultSort: "-createdAt")
}
