import Fluent
import SQLKit

/// Each rep's day as the roll-up refresh after every write reads it: new contacts and
/// follow-ups by owner and time. Without these, each refresh walked all of the rep's contacts
/// and tasks (tens of thousands on the large set), most of a write's time.
struct CreateRollupIndexes: AsyncMigration {
    static let indexes: [(table: String, name: String, columns: String)] = [
        ("contacts", "owner_created", "owner_id, created_at"),
        ("tasks", "assignee_type_completed", "assignee_id, type, completed_at"),
        ("tasks", "assignee_type_due", "assignee_id, type, due_at, status, completed_at"),
    ]

    func prepare(on database: any Database) async throws {
        for index in Self.indexes { try await database.createIndexes(on: index.table, [index.name: index.columns]) }
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        for index in Self.indexes { try await sql.raw("DROP INDEX \(ident: "\(index.table)_\(index.name)_idx")").run() }
    }
}
