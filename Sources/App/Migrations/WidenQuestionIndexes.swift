import Fluent

/// Indexes that answer the questions' counts and breakdowns on their own, without reading the
/// rows behind them: on a million leads "leads by region" and "hot leads" walked every lead,
/// "calls per rep this week" read each call for its rep, and "conversion rate for team South"
/// read each of the team's leads for its status. Two earlier indexes grow a column instead of
/// being joined by new ones, so writes keep the same number of indexes to maintain there.
struct WidenQuestionIndexes: IndexReplacement {
    static let replaced: [IndexDefinition] = [
        IndexDefinition("activities", "type_occurred", "type, occurred_at"),
        IndexDefinition("leads", "owner_created", "owner_id, created_at, id"),
    ]
    static let added: [IndexDefinition] = [
        IndexDefinition("activities", "type_occurred_user", "type, occurred_at, user_id"),
        IndexDefinition("leads", "owner_created_status", "owner_id, created_at, id, status"),
        IndexDefinition("leads", "region", "region_id"),
        IndexDefinition("leads", "score", "score"),
    ]
}
