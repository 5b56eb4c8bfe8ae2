import Fluent

/// A manager's or rep's questions read the rows behind an owner index where an index alone
/// could answer: on a million leads "leads by region" and "top sources" took 0.9 s each and
/// "hot leads" counted through the score index alone 1.7 s; on five million activities a
/// rep's "calls each month this year" read each of their 400,000 activities for its type
/// (6 s); "hot leads in region East" read a quarter of all leads (0.4 s). With the owner
/// carried by the score, region, source and status indexes, the score by the region index,
/// the source and region by the owner index, and the type by the rep's activity index, each
/// is answered from an index (0.001 to 0.2 s). The indexes grow columns rather than gain
/// siblings, so a write maintains as many as before.
struct WidenOwnerIndexes: IndexReplacement {
    static let replaced: [IndexDefinition] = [
        IndexDefinition("leads", "score", "score"),
        IndexDefinition("leads", "region", "region_id"),
        IndexDefinition("leads", "source", "source, created_at"),
        IndexDefinition("leads", "owner_status_created", "owner_id, status, created_at, id"),
        IndexDefinition("leads", "status_created", "status, created_at, id"),
        IndexDefinition("activities", "user_occurred", "user_id, occurred_at"),
    ]
    static let added: [IndexDefinition] = [
        IndexDefinition("leads", "score", "score, owner_id"),
        IndexDefinition("leads", "region", "region_id, score, owner_id"),
        IndexDefinition("leads", "source", "source, created_at, owner_id"),
        IndexDefinition("leads", "owner_status_created", "owner_id, status, created_at, id, source, region_id"),
        IndexDefinition("leads", "status_created", "status, created_at, id, owner_id"),
        IndexDefinition("activities", "user_occurred", "user_id, occurred_at, type"),
    ]
}
