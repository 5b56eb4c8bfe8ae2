import Fluent
import SQLKit

/// Indexes the KPI engine leans on at millions of rows: deals by close time, stalled-deal
/// probes answered from the index alone, overdue follow-ups by status, first purchase per
/// account.
struct CreateAnalyticsIndexes: AsyncMigration {
    static let indexes: [(table: String, name: String, columns: String)] = [
        ("opportunities", "closed", "closed_at"),
        // Covers the stalled-deal scan and its usual filters, so it never visits the table.
        ("opportunities", "stage_updated", "stage, updated_at, id, owner_id, account_id, lead_id"),
        ("opportunities", "stage_amount", "stage, amount, probability, owner_id, account_id, lead_id"),
        ("activities", "opportunity_occurred", "opportunity_id, occurred_at"),
        ("leads", "status_follow_up", "status, follow_up_at"),
        ("leads", "source_status_follow_up", "source, status, follow_up_at"),
        ("sales", "account_sold", "account_id, sold_on"),
    ]

    func prepare(on database: any Database) async throws {
        for index in Self.indexes { try await database.createIndexes(on: index.table, [index.name: index.columns]) }
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        for index in Self.indexes { try await sql.raw("DROP INDEX \(ident: "\(index.table)_\(index.name)_idx")").run() }
    }
}
