import Fluent

/// Without value histograms SQLite reckons an owner's leads fewer than those snoozed past
/// today, which are usually none, so a rep's "snoozed leads" read each of their 80,000 leads
/// (0.4 s); with the owner leading a snooze index it is one empty range. That index holds
/// snoozed leads only, so it never stands in for the owner's creation-ordered index in a plain
/// list (which it did, at 0.4 s, when it held every lead). A team's "conversion
/// rate for website leads" read 80,000 website leads' rows for their owner (0.3 s); the owner
/// on the source and status index answers it from the index. A month of won deals read each
/// deal closed in it for its stage and amount (26 ms a month, 0.3 s for "won deals by
/// month"); carried by the close-date index, it is read from the index (1 ms). Deals' sums by
/// creation, owner and expected close ("average deal size this year", "deals by owner", "deals
/// closing before …") read every matching deal for its amount (0.25 s each on 160,000 deals)
/// and are now read from their indexes (5 to 13 ms); with the amount beside the creation date,
/// "deals above 100k" finds its few through the stage and amount index instead of walking every
/// deal newest first (0.25 s to 1 ms).
struct WidenLeadAndDealIndexes: IndexReplacement {
    static let replaced: [IndexDefinition] = [
        IndexDefinition("leads", "source_status_follow_up", "source, status, follow_up_at"),
        IndexDefinition("opportunities", "closed", "closed_at"),
        IndexDefinition("opportunities", "created", "created_at, id"),
        IndexDefinition("opportunities", "owner_stage", "owner_id, stage, created_at"),
        IndexDefinition("opportunities", "stage_close", "stage, expected_close_date"),
    ]
    static let added: [IndexDefinition] = [
        IndexDefinition("leads", "source_status_follow_up", "source, status, follow_up_at, owner_id"),
        IndexDefinition("leads", "owner_snoozed", "owner_id, snoozed_until", where: "snoozed_until IS NOT NULL"),
        IndexDefinition("opportunities", "closed", "closed_at, stage, amount, owner_id"),
        IndexDefinition("opportunities", "created", "created_at, id, amount, stage, owner_id"),
        IndexDefinition("opportunities", "owner_stage", "owner_id, stage, created_at, amount"),
        IndexDefinition("opportunities", "stage_close", "stage, expected_close_date, amount, owner_id"),
    ]
}
