import Foundation
import SalesPulseCore
import SQLKit

/// The WHERE conditions of each fact table for one filter set and one viewer: the rows the
/// viewer may see (a rep their own, a manager their team's) narrowed by the filters.
struct FactScope: Sendable {
    let filter: AnalyticsFilter
    /// nil: every owner.
    let visibleOwners: Set<UUID>?

    init(filter: AnalyticsFilter, actor: Actor) {
        self.init(filter: filter, visibleOwners: AccessPolicy.visibleOwnerIDs(actor))
    }

    init(filter: AnalyticsFilter, visibleOwners: Set<UUID>?) {
        self.filter = filter
        self.visibleOwners = visibleOwners
    }

    /// Marketing spend is a company cost: figures built on it are shown only to viewers who see
    /// the whole company's sales and when no rep or team narrows them.
    var includesCompanyCosts: Bool { visibleOwners == nil && filter.repID == nil && filter.teamID == nil }

    /// The viewer's reach and the rep/team filters, on a table's owner column.
    func ownership(_ table: String, _ column: String) -> [SQLQueryString] {
        var conditions: [SQLQueryString] = []
        if let visibleOwners { conditions.append(FactFilters.ownerIn(table, column, visibleOwners)) }
        if let rep = filter.repID { conditions.append("\(ident: table).\(ident: column) = \(bind: rep)") }
        if let team = filter.teamID { conditions.append(FactFilters.ownerInTeam(table, column, team)) }
        return conditions
    }

    /// Region, segment and lead source, on the copies a sale or deal carries (FactDimensions).
    private func dimensions(_ table: String) -> [SQLQueryString] {
        var conditions: [SQLQueryString] = []
        if let region = filter.regionID { conditions.append(FactFilters.column(table, "region_id", is: region)) }
        if let segment = filter.segmentID { conditions.append(FactFilters.column(table, "segment_id", is: segment)) }
        if let source = filter.source {
            conditions.append(FactFilters.column(table, "lead_source", is: source.rawValue))
        }
        return conditions
    }

    /// Sales in the date range. With `byLine` the product-category filter is left to the
    /// caller, which counts only the lines of that category.
    func sales(dated: Bool = true, byLine: Bool = false) -> [SQLQueryString] {
        var conditions = ownership("sales", "rep_id")
        if dated {
            conditions.append("\(ident: "sales").\(ident: "sold_on") >= \(bind: filter.from.text)")
            conditions.append("\(ident: "sales").\(ident: "sold_on") <= \(bind: filter.to.text)")
        }
        conditions += dimensions("sales")
        if let category = filter.productCategoryID, !byLine {
            conditions.append(
                FactFilters.hasLineInCategory("sales", lineTable: "sale_lines", parentColumn: "sale_id", category))
        }
        return conditions
    }

    /// Lines of the filter's product category (all lines without one).
    func saleLines() -> [SQLQueryString] {
        guard let category = filter.productCategoryID else { return [] }
        return [
            "\(ident: "sale_lines").\(ident: "product_id") IN (SELECT \(ident: "id") FROM \(ident: "products") WHERE \(ident: "category_id") = \(bind: category))"
        ]
    }

    /// Leads, created in the range unless `created` is false. Leads carry no products, so the
    /// product-category filter does not narrow them.
    func leads(created: Bool = true) -> [SQLQueryString] {
        var conditions = ownership("leads", "owner_id")
        if created {
            conditions.append("\(ident: "leads").\(ident: "created_at") >= \(bind: filter.startInstant)")
            conditions.append("\(ident: "leads").\(ident: "created_at") < \(bind: filter.endInstant)")
        }
        if let region = filter.regionID {
            conditions.append("\(ident: "leads").\(ident: "region_id") = \(bind: region)")
        }
        if let segment = filter.segmentID {
            conditions.append("\(ident: "leads").\(ident: "segment_id") = \(bind: segment)")
        }
        if let source = filter.source {
            conditions.append("\(ident: "leads").\(ident: "source") = \(bind: source.rawValue)")
        }
        return conditions
    }

    /// Opportunities, closed in the range when `closed` is true.
    func opportunities(closed: Bool = false) -> [SQLQueryString] {
        var conditions = ownership("opportunities", "owner_id")
        if closed {
            conditions.append("\(ident: "opportunities").\(ident: "closed_at") >= \(bind: filter.startInstant)")
            conditions.append("\(ident: "opportunities").\(ident: "closed_at") < \(bind: filter.endInstant)")
        }
        conditions += dimensions("opportunities")
        if let category = filter.productCategoryID {
            conditions.append(
                FactFilters.hasLineInCategory(
                    "opportunities", lineTable: "opportunity_lines", parentColumn: "opportunity_id", category))
        }
        return conditions
    }

    func marketingSpend() -> [SQLQueryString] {
        var conditions: [SQLQueryString] = [
            "\(ident: "day") >= \(bind: filter.from.text)", "\(ident: "day") <= \(bind: filter.to.text)",
        ]
        if let source = filter.source { conditions.append("\(ident: "channel") = \(bind: source.rawValue)") }
        return conditions
    }
}

extension Array where Element == SQLQueryString {
    /// " WHERE a AND b", or nothing.
    var whereClause: SQLQueryString {
        isEmpty ? "" : " WHERE " + map { "(\($0))" as SQLQueryString }.joined(separator: " AND ")
    }
}
