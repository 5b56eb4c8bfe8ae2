import Fluent

/// What questions in words ask most that no list index served: activities of one type in a
/// period ("calls this week"), and leads snoozed until a later day. On the large set those
/// walked every activity or lead.
struct CreateQuestionIndexes: IndexMigration {
    static let indexes: [IndexDefinition] = [
        IndexDefinition("activities", "type_occurred", "type, occurred_at"),
        IndexDefinition("leads", "snoozed_until", "snoozed_until"),
    ]
}
