import Foundation
import SalesPulseCore
import SQLKit

/// The analytics dimensions as conditions on each fact table, written once and used both by
/// the KPI queries and by the record lists a chart drills into, so a bar and the list
/// behind it always count the same rows. Each condition names its fact table, so it stays
/// unambiguous when a query joins a dimension table for grouping. Region, segment and lead
/// source are columns of every fact row (FactDimensions); products are reached through the
/// lines by correlated EXISTS probes, whose cost follows the rows the other conditions chose,
/// where an IN list is rebuilt by SQLite for every statement.
enum FactFilters {
    static func column(_ table: String, _ column: String, is value: some Encodable & Sendable) -> SQLQueryString {
        "\(ident: table).\(ident: column) = \(bind: value)"
    }

    static func ownerInTeam(_ table: String, _ column: String, _ team: UUID) -> SQLQueryString {
        "\(ident: table).\(ident: column) IN (SELECT \(ident: "id") FROM \(ident: "users") WHERE \(ident: "team_id") = \(bind: team))"
    }

    static func ownerIn(_ table: String, _ column: String, _ ids: Set<UUID>) -> SQLQueryString {
        let sorted = ids.sorted { $0.uuidString < $1.uuidString }
        guard !sorted.isEmpty else { return "1 = 0" }
        return "\(ident: table).\(ident: column) IN (\(binds: sorted))"
    }

    /// Rows with at least one line of a product in this category.
    static func hasLineInCategory(
        _ table: String, lineTable: String, parentColumn: String, _ category: UUID
    ) -> SQLQueryString {
        "EXISTS (SELECT 1 FROM \(ident: lineTable) \(ident: "filter_line") JOIN \(ident: "products") \(ident: "filter_product") ON \(ident: "filter_product").\(ident: "id") = \(ident: "filter_line").\(ident: "product_id") WHERE \(ident: "filter_line").\(ident: parentColumn) = \(ident: table).\(ident: "id") AND \(ident: "filter_product").\(ident: "category_id") = \(bind: category))"
    }

    static func hasLineOfProduct(
        _ table: String, lineTable: String, parentColumn: String, _ product: UUID
    ) -> SQLQueryString {
        "EXISTS (SELECT 1 FROM \(ident: lineTable) \(ident: "filter_line") WHERE \(ident: "filter_line").\(ident: parentColumn) = \(ident: table).\(ident: "id") AND \(ident: "filter_line").\(ident: "product_id") = \(bind: product))"
    }

    /// Filters a record list accepts beyond its own fields, for drill-down from dashboards.
    struct Related: Sendable {
        let name: String
        var description = "rows linked to this id (dashboard drill-down)"
        /// The values it takes when they are words, not ids.
        var choices: [String]?
        let condition: @Sendable (String) throws -> SQLQueryString
    }

    static func related(for path: String) -> [Related] {
        let region = Related(name: "regionId") { column(path, "region_id", is: try id($0, "regionId")) }
        let segment = Related(name: "segmentId") { column(path, "segment_id", is: try id($0, "segmentId")) }
        let source = Related(
            name: "source", description: "rows linked to this lead source (dashboard drill-down)",
            choices: LeadSource.allCases.map(\.rawValue)
        ) { column(path, "lead_source", is: try leadSource($0)) }
        switch path {
        case "sales":
            return [
                region, segment, source,
                Related(name: "productCategoryId") {
                    hasLineInCategory(
                        "sales", lineTable: "sale_lines", parentColumn: "sale_id", try id($0, "productCategoryId"))
                },
                Related(name: "productId") {
                    hasLineOfProduct("sales", lineTable: "sale_lines", parentColumn: "sale_id", try id($0, "productId"))
                },
            ]
        case "enrolments":
            let throughLead = { (name: String, column: String) in
                Related(name: name, description: "enrolments whose lead is linked to this id (dashboard drill-down)") {
                    text in
                    "\(ident: "enrolments").\(ident: "lead_id") IN (SELECT \(ident: "id") FROM \(ident: "leads") WHERE \(FactFilters.column("leads", column, is: try id(text, name))))"
                }
            }
            return [throughLead("regionId", "region_id"), throughLead("segmentId", "segment_id")]
                + [
                    Related(
                        name: "source",
                        description:
                            "enrolments whose lead came from one of these sources, comma-separated (dashboard drill-down)",
                        choices: LeadSource.allCases.map(\.rawValue)
                    ) { text in
                        let sources = try text.split(separator: ",").map { try leadSource(String($0)) }
                        return
                            "\(ident: "enrolments").\(ident: "lead_id") IN (SELECT \(ident: "id") FROM \(ident: "leads") WHERE \(ident: "source") IN (\(binds: sources)))"
                    }
                ]
        case "opportunities":
            return [
                region, segment, source,
                Related(name: "productCategoryId") {
                    hasLineInCategory(
                        "opportunities", lineTable: "opportunity_lines", parentColumn: "opportunity_id",
                        try id($0, "productCategoryId"))
                },
            ]
        default:
            return ImportTypes.spec(path) == nil ? [] : ImportFilters.related(for: path)
        }
    }

    static func id(_ text: String, _ field: String) throws -> UUID {
        guard let id = UUID(uuidString: text) else { throw DomainError.invalid(field: field, "Not a valid id.") }
        return id
    }

    private static func leadSource(_ text: String) throws -> String {
        guard let source = LeadSource(parsing: text) else {
            throw DomainError.invalid(field: "source", "Choose one of: \(LeadSource.allowedList).")
        }
        return source.rawValue
    }
}
