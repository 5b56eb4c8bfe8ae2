@testable import App
import SQLKit
import Vapor

/// Sales and deals whose region, segment or lead source copy differs from what the joins give.
func factCopyDisagreements(_ app: Application) async throws -> Int {
    let sql = app.db.sql
    let leadSource = [
        "sales": "SELECT l.source FROM opportunities d JOIN leads l ON l.id = d.lead_id WHERE d.id = f.opportunity_id",
        "opportunities": "SELECT l.source FROM leads l WHERE l.id = f.lead_id",
    ]
    var total = 0
    for (table, source) in leadSource {
        let query: SQLQueryString = """
            SELECT COUNT(*) AS n FROM \(unsafeRaw: table) f LEFT JOIN accounts a ON a.id = f.account_id \
            WHERE f.region_id IS DISTINCT FROM a.region_id OR f.segment_id IS DISTINCT FROM a.segment_id \
            OR f.lead_source IS DISTINCT FROM (\(unsafeRaw: source))
            """
        total += try await sql.raw(query).first()!.decode(column: "n", as: Int.self)
    }
    return total
}
