import Foundation
import SalesPulseCore

/// Links from a figure to the record list behind it: the dashboard filters translated into
/// the list's own parameters, plus what the clicked mark adds (a day, a region, a stage).
struct DrillDown: Sendable {
    let filter: AnalyticsFilter

    /// Sales sold in the period (or in `days` when given).
    func sales(_ extra: [(String, String)] = [], days: ClosedRange<CalendarDay>? = nil) -> String {
        let range = days ?? filter.from...filter.to
        var items = [("soldOnFrom", range.lowerBound.text), ("soldOnTo", range.upperBound.text)]
        items += people("repId") + dimensions(category: true)
        return "/sales?" + merged(items, extra).queryString
    }

    /// Leads created in the period (or in `days`), snoozed ones included so the count matches.
    func leads(_ extra: [(String, String)] = [], days: ClosedRange<CalendarDay>? = nil) -> String {
        let range = days ?? filter.from...filter.to
        var items = [
            ("createdFrom", InternetTime.format(range.lowerBound.date)),
            ("createdTo", InternetTime.format(range.upperBound.adding(days: 1).date.addingTimeInterval(-1))),
            ("snoozed", "true"),
        ]
        items += people("ownerId")
        if let region = filter.regionID { items.append(("regionId", region.uuidString)) }
        if let segment = filter.segmentID { items.append(("segmentId", segment.uuidString)) }
        if let source = filter.source { items.append(("source", source.rawValue)) }
        return "/leads?" + merged(items, extra).queryString
    }

    /// Enrolments made in the period from leads (of the filter's source, or of any), as the
    /// lead-source dashboards count them.
    func enrolments(_ extra: [(String, String)] = []) -> String {
        var items = [
            ("createdFrom", InternetTime.format(filter.from.date)),
            ("createdTo", InternetTime.format(filter.to.adding(days: 1).date.addingTimeInterval(-1))),
        ]
        items += people("ownerId")
        if let region = filter.regionID { items.append(("regionId", region.uuidString)) }
        if let segment = filter.segmentID { items.append(("segmentId", segment.uuidString)) }
        items.append(("source", filter.source?.rawValue ?? LeadSource.allCases.map(\.rawValue).joined(separator: ",")))
        return "/enrolments?" + merged(items, extra).queryString
    }

    /// Open deals, or deals closed in the period with `closed`.
    func opportunities(
        _ extra: [(String, String)] = [], closed: Bool = false, days: ClosedRange<CalendarDay>? = nil
    ) -> String {
        var items: [(String, String)] = []
        if closed {
            let range = days ?? filter.from...filter.to
            items += [
                ("closedAtFrom", InternetTime.format(range.lowerBound.date)),
                ("closedAtTo", InternetTime.format(range.upperBound.adding(days: 1).date.addingTimeInterval(-1))),
            ]
        } else {
            items.append(("stage", KPIQueries.openStages.joined(separator: ",")))
        }
        items += people("ownerId") + dimensions(category: true)
        return "/opportunities?" + merged(items, extra).queryString
    }

    private func people(_ ownerParameter: String) -> [(String, String)] {
        var items: [(String, String)] = []
        if let rep = filter.repID { items.append((ownerParameter, rep.uuidString)) }
        if let team = filter.teamID { items.append(("team", team.uuidString)) }
        return items
    }

    private func dimensions(category: Bool) -> [(String, String)] {
        var items: [(String, String)] = []
        if let region = filter.regionID { items.append(("regionId", region.uuidString)) }
        if let segment = filter.segmentID { items.append(("segmentId", segment.uuidString)) }
        if let source = filter.source { items.append(("source", source.rawValue)) }
        if category, let productCategory = filter.productCategoryID {
            items.append(("productCategoryId", productCategory.uuidString))
        }
        return items
    }

    /// The clicked mark wins over the dashboard filter of the same name.
    private func merged(_ base: [(String, String)], _ extra: [(String, String)]) -> [(String, String)] {
        let overridden = Set(extra.map(\.0))
        return base.filter { !overridden.contains($0.0) } + extra
    }

    /// The list parameter a series grouping drills into, for a point's key.
    func parameter(for grouping: SeriesQuery.Grouping, key: String, ownerParameter: String) -> [(String, String)] {
        guard !key.isEmpty else { return [] }
        switch grouping {
        case .region: return [("regionId", key)]
        case .segment: return [("segmentId", key)]
        case .rep: return [(ownerParameter, key)]
        case .team: return [("team", key)]
        case .source: return [("source", key)]
        case .productCategory: return [("productCategoryId", key)]
        case .stage: return [("stage", key)]
        case .product: return [("productId", key)]
        case .day, .week, .month: return []
        }
    }
}
