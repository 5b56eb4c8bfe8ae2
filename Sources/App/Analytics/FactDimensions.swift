import Foundation
import SalesPulseCore
import SQLKit

/// Region and segment (of the account) and lead source (of the lead the deal came from),
/// copied onto every sale and opportunity. The analytics filters and groupings then read a
/// column of the fact row instead of probing accounts, deals and leads row by row, which at a
/// million leads was most of a filtered dashboard's time. The copies always equal what the
/// joins give: every write that can change one refreshes it inside the write's transaction.
struct FactDimensions: Sendable {
    static let factTables: Set<String> = ["sales", "opportunities"]
    /// The fields of each table whose change moves a copy, on its own rows or on others'.
    private static let sourceFields: [String: Set<String>] = [
        "accounts": ["regionId", "segmentId"], "leads": ["source"],
        "opportunities": ["accountId", "leadId"], "sales": ["accountId", "opportunityId"],
    ]

    let sql: any SQLDatabase

    /// Recomputes every copy, for the migration that introduced them.
    func rebuild() async throws {
        try await refreshOpportunities(nil)
        try await refreshSales(nil)
    }

    /// Rows of each fact table whose region, segment or lead source differs from what the joins
    /// give: zero everywhere unless something wrote past the write path.
    func disagreements() async throws -> [String: Int] {
        let leadSource: [String: SQLQueryString] = [
            "sales": """
            SELECT \(ident: "l").\(ident: "source") FROM \(ident: "opportunities") \(ident: "d") JOIN \(ident: "leads") \(ident: "l") \
            ON \(ident: "l").\(ident: "id") = \(ident: "d").\(ident: "lead_id") WHERE \(ident: "d").\(ident: "id") = \(ident: "f").\(ident: "opportunity_id")
            """,
            "opportunities":
                "SELECT \(ident: "l").\(ident: "source") FROM \(ident: "leads") \(ident: "l") WHERE \(ident: "l").\(ident: "id") = \(ident: "f").\(ident: "lead_id")",
        ]
        var counts: [String: Int] = [:]
        for (table, source) in leadSource {
            let query: SQLQueryString = """
                SELECT COUNT(*) AS \(ident: "n") FROM \(ident: table) \(ident: "f") LEFT JOIN \(ident: "accounts") \(ident: "a") ON \(ident: "a").\(ident: "id") = \(ident: "f").\(ident: "account_id") \
                WHERE \(ident: "f").\(ident: "region_id") IS DISTINCT FROM \(ident: "a").\(ident: "region_id") \
                OR \(ident: "f").\(ident: "segment_id") IS DISTINCT FROM \(ident: "a").\(ident: "segment_id") \
                OR \(ident: "f").\(ident: "lead_source") IS DISTINCT FROM (\(source))
                """
            counts[table] = try await sql.raw(query).first()?.decode(column: "n", as: Int.self) ?? 0
        }
        return counts
    }

    /// Refreshes the copies one write can move. Returns the days of the sales whose lead
    /// source may have changed, which the source roll-ups must count again.
    func refresh(
        after table: String, id: UUID, old: [String: FieldValue], new: [String: FieldValue]
    ) async throws -> Set<CalendarDay> {
        guard let fields = Self.sourceFields[table], fields.contains(where: { old[$0] != new[$0] }) else { return [] }
        // A new account or lead has nothing copied from it yet.
        if old.isEmpty && !Self.factTables.contains(table) { return [] }
        let target: SQLQueryString = "\(bind: id)"
        switch table {
        case "accounts":
            try await refreshOpportunities("\(ident: "account_id") = \(target)")
            try await refreshSales("\(ident: "account_id") = \(target)", reportingDays: false)
            return []  // region and segment do not feed the roll-ups
        case "leads":
            try await refreshOpportunities("\(ident: "lead_id") = \(target)")
            return try await refreshSales(salesOfDealsFromLead(target))
        case "opportunities":
            try await refreshOpportunities("\(ident: "id") = \(target)")
            return try await refreshSales("\(ident: "opportunity_id") = \(target)")
        default:
            // A sale's own days are refreshed by the roll-ups from its sold-on dates.
            try await refreshSales("\(ident: "id") = \(target)", reportingDays: false)
            return []
        }
    }

    /// Clears the copies a row about to be deleted gave to others: the foreign keys let go of
    /// it (ON DELETE SET NULL), and so do the copies. Returns the days of the sales that lost
    /// their lead source.
    func forget(before table: String, id: UUID) async throws -> Set<CalendarDay> {
        let target: SQLQueryString = "\(bind: id)"
        switch table {
        case "accounts":
            for fact in Self.factTables.sorted() {
                try await sql.raw(
                    "UPDATE \(ident: fact) SET \(ident: "region_id") = NULL, \(ident: "segment_id") = NULL WHERE \(ident: "account_id") = \(target)"
                ).run()
            }
            return []
        case "leads":
            let days = try await saleDays(salesOfDealsFromLead(target))
            try await sql.raw(
                "UPDATE \(ident: "sales") SET \(ident: "lead_source") = NULL WHERE \(salesOfDealsFromLead(target))"
            ).run()
            try await sql.raw(
                "UPDATE \(ident: "opportunities") SET \(ident: "lead_source") = NULL WHERE \(ident: "lead_id") = \(target)"
            ).run()
            return days
        case "opportunities":
            let condition: SQLQueryString = "\(ident: "opportunity_id") = \(target)"
            let days = try await saleDays(condition)
            try await sql.raw("UPDATE \(ident: "sales") SET \(ident: "lead_source") = NULL WHERE \(condition)").run()
            return days
        default:
            return []
        }
    }

    private func saleDays(_ condition: SQLQueryString) async throws -> Set<CalendarDay> {
        let rows = try await sql.raw("SELECT DISTINCT \(ident: "sold_on") FROM \(ident: "sales") WHERE \(condition)")
            .all()
        return Set(try rows.compactMap { CalendarDay(text: try $0.decode(column: "sold_on", as: String.self)) })
    }

    private func salesOfDealsFromLead(_ lead: SQLQueryString) -> SQLQueryString {
        "\(ident: "opportunity_id") IN (SELECT \(ident: "id") FROM \(ident: "opportunities") WHERE \(ident: "lead_id") = \(lead))"
    }

    private func refreshOpportunities(_ condition: SQLQueryString?) async throws {
        try await sql.raw(
            """
            UPDATE \(ident: "opportunities") SET \(accountColumn("region_id", of: "opportunities")), \(accountColumn("segment_id", of: "opportunities")), \
            \(ident: "lead_source") = (SELECT \(ident: "dimension_lead").\(ident: "source") FROM \(ident: "leads") \(ident: "dimension_lead") \
            WHERE \(ident: "dimension_lead").\(ident: "id") = \(ident: "opportunities").\(ident: "lead_id"))\(whereClause(condition))
            """
        ).run()
    }

    @discardableResult
    private func refreshSales(_ condition: SQLQueryString?, reportingDays: Bool = true) async throws -> Set<CalendarDay>
    {
        var days: Set<CalendarDay> = []
        if let condition, reportingDays { days = try await saleDays(condition) }
        try await sql.raw(
            """
            UPDATE \(ident: "sales") SET \(accountColumn("region_id", of: "sales")), \(accountColumn("segment_id", of: "sales")), \
            \(ident: "lead_source") = (SELECT \(ident: "dimension_lead").\(ident: "source") FROM \(ident: "opportunities") \(ident: "dimension_deal") \
            JOIN \(ident: "leads") \(ident: "dimension_lead") ON \(ident: "dimension_lead").\(ident: "id") = \(ident: "dimension_deal").\(ident: "lead_id") \
            WHERE \(ident: "dimension_deal").\(ident: "id") = \(ident: "sales").\(ident: "opportunity_id"))\(whereClause(condition))
            """
        ).run()
        return days
    }

    private func accountColumn(_ column: String, of table: String) -> SQLQueryString {
        "\(ident: column) = (SELECT \(ident: "dimension_account").\(ident: column) FROM \(ident: "accounts") \(ident: "dimension_account") WHERE \(ident: "dimension_account").\(ident: "id") = \(ident: table).\(ident: "account_id"))"
    }

    private func whereClause(_ condition: SQLQueryString?) -> SQLQueryString {
        condition.map { " WHERE \($0)" } ?? ""
    }
}
