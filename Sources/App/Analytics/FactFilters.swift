import Foundation
import SalesPulseCore
import SQLKit

/// The analytics dimensions as conditions on each fact table, written once and used both by
/// the KPI queries and by the record lists a chart drills into, so a bar and the list
/// behind it always count the same rows. Each condition names its fact table, so it stays
/// unambiguous when a query joins a dimension table for grouping. Dimensions reached through
/// other tables are correlated EXISTS probes by primary key: their cost follows the rows the
/// other conditions already chose, where an IN list of, say, every website lead (a fifth of a
/// million) is rebuilt by SQLite for every statement.
enum FactFilters {
    static func accountIn(_ table: String, _ accountColumn: String, _ id: UUID) -> SQLQueryString {
        "EXISTS (SELECT 1 FROM \(ident: "accounts") \(ident: "filter_account") WHERE \(ident: "filter_account").\(ident: "id") = \(ident: table).\(ident: "account_id") AND \(ident: "filter_account").\(ident: accountColumn) = \(bind: id))"
    }

    static func ownerInTeam(_ table: String, _ column: String, _ team: UUID) -> SQLQueryString {
        "\(ident: table).\(ident: column) IN (SELECT \(ident: "id") FROM \(ident: "users") WHERE \(ident: "team_id") = \(bind: team))"
    }

    static func ownerIn(_ table: String, _ column: String, _ ids: Set<UUID>) -> SQLQueryString {
        let sorted = ids.sorted { $0.uuidString < $1.uuidString }
        guard !sorted.isEmpty else { return "1 = 0" }
        return "\(ident: table).\(ident: column) IN (\(binds: sorted))"
    }

    /// Sales or deals whose opportunity came from a lead of this source.
    static func opportunityFromSource(_ table: String, _ source: String) -> SQLQueryString {
        "EXISTS (SELECT 1 FROM \(ident: "opportunities") \(ident: "filter_deal") JOIN \(ident: "leads") \(ident: "filter_lead") ON \(ident: "filter_lead").\(ident: "id") = \(ident: "filter_deal").\(ident: "lead_id") WHERE \(ident: "filter_deal").\(ident: "id") = \(ident: table).\(ident: "opportunity_id") AND \(ident: "filter_lead").\(ident: "source") = \(bind: source))"
    }

    static func leadFromSource(_ table: String, _ source: String) -> SQLQueryString {
        "EXISTS (SELECT 1 FROM \(ident: "leads") \(ident: "filter_lead") WHERE \(ident: "filter_lead").\(ident: "id") = \(ident: table).\(ident: "lead_id") AND \(ident: "filter_lead").\(ident: "source") = \(bind: source))"
    }

    /// Rows with at least one line of a product in this category.
    static func hasLineInCategory(_ table: String, lineTable: String, parentColumn: String, _ category: UUID) -> SQLQueryString {
        "EXISTS (SELECT 1 FROM \(ident: lineTable) \(ident: "filter_line") JOIN \(ident: "products") \(ident: "filter_product") ON \(ident: "filter_product").\(ident: "id") = \(ident: "filter_line").\(ident: "product_id") WHERE \(ident: "filter_line").\(ident: parentColumn) = \(ident: table).\(ident: "id") AND \(ident: "filter_product").\(ident: "category_id") = \(bind: category))"
    }

    static func hasLineOfProduct(_ table: String, lineTable: String, parentColumn: String, _ product: UUID) -> SQLQueryString {
        "EXISTS (SELECT 1 FROM \(ident: lineTable) \(ident: "filter_line") WHERE \(ident: "filter_line").\(ident: parentColumn) = \(ident: table).\(ident: "id") AND \(ident: "filter_line").\(ident: "product_id") = \(bind: product))"
    }

    /// Filters a record list accepts beyond its own fields, for drill-down from dashboards.
    struct Related: Sendable {
        let name: String
        let condition: @Sendable (String) throws -> SQLQueryString
    }

    static func related(for path: String) -> [Related] {
        let region = Related(name: "regionId") { accountIn(path, "region_id", try id($0, "regionId")) }
        let segment = Related(name: "segmentId") { accountIn(path, "segment_id", try id($0, "segmentId")) }
        switch path {
        case "sales":
            return [region, segment,
                    Related(name: "source") { opportunityFromSource("sales", try source($0)) },
                    Related(name: "productCategoryId") { hasLineInCategory("sales", lineTable: "sale_lines", parentColumn: "sale_id", try id($0, "productCategoryId")) },
                    Related(name: "productId") { hasLineOfProduct("sales", lineTable: "sale_lines", parentColumn: "sale_id", try id($0, "productId")) }]
        case "opportunities":
            return [region, segment,
                    Related(name: "source") { leadFromSource("opportunities", try source($0)) },
                    Related(name: "productCategoryId") { hasLineInCategory("opportunities", lineTable: "opportunity_lines", parentColumn: "opportunity_id", try id($0, "productCategoryId")) }]
        default:
            return []
        }
    }

    private static func id(_ text: String, _ field: String) throws -> UUID {
        guard let id = UUID(uuidString: text) else { throw DomainError.invalid(field: field, "Not a valid id.") }
        return id
    }

    private static func source(_ text: String) throws -> String {
        guard let source = LeadSource(parsing: text) else { throw DomainError.invalid(field: "source", "Choose one of: \(LeadSource.allowedList).") }
        return source.rawValue
    }
}
