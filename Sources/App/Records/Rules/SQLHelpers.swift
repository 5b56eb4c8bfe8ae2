import Fluent
import Foundation
import SQLKit

/// Small queries the rules share.
extension RecordContext {
    var sql: any SQLDatabase { db.sql }

    func count(
        _ table: String, where column: String, is value: UUID, extra: ((any SQLPredicateBuilder) -> Void)? = nil
    ) async throws -> Int {
        let query = sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(table)
            .where(SQLIdentifier(column), .equal, SQLBind(value))
        extra?(query)
        return try await query.first()?.decode(column: "n", as: Int.self) ?? 0
    }

    func store(_ spec: RecordSpec) -> RecordStore { RecordStore(spec: spec, db: db) }

    /// Today as YYYY-MM-DD in UTC.
    var today: String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: now)
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }
}

extension SQLQueryString {
    /// SUM of a whole-number column as a whole number: PostgreSQL widens SUM(bigint) to numeric,
    /// which does not decode as Int64; the cast makes both databases answer alike.
    static func bigintSum(_ column: String) -> SQLQueryString {
        "CAST(COALESCE(SUM(\(ident: column)), 0) AS BIGINT)"
    }
}
