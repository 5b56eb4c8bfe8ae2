import Fluent

/// Each rep's day as the roll-up refresh after every write reads it: new contacts and
/// follow-ups by owner and time. Without these, each refresh walked all of the rep's contacts
/// and tasks (tens of thousands on the large set), most of a write's time.
struct CreateRollupIndexes: IndexMigration {
    static let indexes: [IndexDefinition] = [
        IndexDefinition("contacts", "owner_created", "owner_id, created_at"),
        IndexDefinition("tasks", "assignee_type_completed", "assignee_id, type, completed_at"),
        IndexDefinition("tasks", "assignee_type_due", "assignee_id, type, due_at, status, completed_at"),
    ]
}
