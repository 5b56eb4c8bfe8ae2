import Foundation
import SQLKit

/// The records matching some conditions, a page at a time in the order the database keeps them:
/// on SQLite by rowid, so a page is read from neighbouring parts of the file and the scores
/// written back to it land there too, where the creation order spreads a page over as many
/// parts of the file as it has rows; on PostgreSQL by id, through the primary key.
struct StoredOrderPages: Sendable {
    /// Where a page ended; the next page starts after it.
    enum Position: Sendable {
        case rowid(Int64)
        case id(UUID)
    }

    let store: RecordStore
    let conditions: [RecordListQuery.Condition]
    let size: Int

    private var usesRowid: Bool { store.sql.dialect.name == "sqlite" }

    func page(after position: Position?) async throws -> (records: [Record], last: Position?) {
        let table = store.spec.table
        let select = store.sql.select()
        if usesRowid { select.column(SQLAlias(SQLColumn("rowid"), as: SQLIdentifier("stored_position"))) }
        select.column("*").from(table)
        for condition in conditions { select.where(condition.sql) }
        switch position {
        case .rowid(let rowid): select.where(SQLColumn("rowid"), .greaterThan, SQLBind(rowid))
        case .id(let id): select.where(SQLColumn("id"), .greaterThan, SQLBind(id))
        case nil: break
        }
        let rows = try await select.orderBy(usesRowid ? "rowid" : "id").limit(size).all()
        let records = try rows.map(store.decode)
        guard let lastRow = rows.last, let lastRecord = records.last else { return ([], nil) }
        let last: Position =
            usesRowid ? .rowid(try lastRow.decode(column: "stored_position", as: Int64.self)) : .id(lastRecord.id)
        return (records, last)
    }
}
