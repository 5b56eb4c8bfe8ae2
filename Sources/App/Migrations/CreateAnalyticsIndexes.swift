import Fluent

/// Indexes the KPI engine leans on at millions of rows: deals by close time, stalled-deal
/// probes answered from the index alone, overdue follow-ups by status, first purchase per
/// account.
struct CreateAnalyticsIndexes: IndexMigration {
    static let indexes: [IndexDefinition] = [
        IndexDefinition("opportunities", "closed", "closed_at"),
        // Covers the stalled-deal scan and its usual filters, so it never visits the table.
        IndexDefinition("opportunities", "stage_updated", "stage, updated_at, id, owner_id, account_id, lead_id"),
        IndexDefinition("opportunities", "stage_amount", "stage, amount, probability, owner_id, account_id, lead_id"),
        IndexDefinition("activities", "opportunity_occurred", "opportunity_id, occurred_at"),
        IndexDefinition("leads", "status_follow_up", "status, follow_up_at"),
        IndexDefinition("leads", "source_status_follow_up", "source, status, follow_up_at"),
        IndexDefinition("sales", "account_sold", "account_id, sold_on"),
    ]
}
