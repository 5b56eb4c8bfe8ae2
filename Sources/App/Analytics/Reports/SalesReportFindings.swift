import Documents
import Fluent
import Forecasting
import Foundation
import SalesPulseCore
import SQLKit

/// A sales report's risks (reps likely to miss target, stalled deals, unusual weeks, a
/// forecast below the reps' targets) and its recommendations, each from a plain rule on the
/// figures so the reader can check it.
struct SalesReportFindings: Sendable {
    typealias Finding = SalesReport.Finding

    let service: AnalyticsService
    let database: any Database
    let request: SalesReportRequest
    let movements: [SalesReport.Movement]

    var today: CalendarDay { CalendarDay(containing: service.now) }
    var comparisonLabel: String { request.comparison.label }

    /// `unusualWeeks`: whether weeks of the period that stood out count as risks (the insights
    /// page lists them apart).
    func all(unusualWeeks withWeeks: Bool = true) async throws -> (risks: [Finding], recommendations: [Finding]) {
        var risks: [Finding] = [], advice: [Finding] = []
        let atRisk = try await repsAtRisk()
        if !atRisk.isEmpty {
            risks += atRisk.map { Finding(text: $0.text, href: $0.href) }
            let names = atRisk.map(\.name)
            advice.append(
                Finding(
                    text:
                        "Go through the open deals with \(SalesReportWords.list(names)) this week: \(names.count == 1 ? "their target is" : "their targets are") at risk.",
                    href: "/performance"))
        }
        let stalled = try await stalledDeals()
        risks += stalled.risk.map { [$0] } ?? []
        advice += stalled.advice.map { [$0] } ?? []
        if withWeeks { risks += try await unusualWeeks() }
        if let forecast = try await forecastAgainstTargets() { risks.append(forecast) }
        advice += fallingGroups()
        advice += try await meetingsFalling()
        advice += try await costlierSources()
        return (risks, advice)
    }

    // MARK: risks

    private func repsAtRisk() async throws -> [(name: String, text: String, href: String)] {
        guard request.period.to >= today.monthStart.adding(days: -1).monthStart else { return [] }
        let report = try await AgentPerformanceReport.make(
            db: database, actor: service.actor, month: MonthSpan(containing: service.now),
            now: service.now)
        return report.rows.compactMap { row in
            guard row.risk == .high, let id = row.agent.id, let miss = row.missProbability else { return nil }
            if let team = request.filter.teamID, row.agent.$team.id != team { return nil }
            if let rep = request.filter.repID, rep != id { return nil }
            let target = ValueFormat.money.whole(Double(row.agent.monthlyTargetCents) / 100)
            return (
                row.agent.name,
                "\(row.agent.name) is likely to miss this month's target of \(target): \(Int((row.progress * 100).rounded()))% of it reached so far, with a chance of missing of \(Int((miss * 100).rounded()))%.",
                "/agents/\(id.uuidString)"
            )
        }
    }

    private func stalledDeals() async throws -> (risk: Finding?, advice: Finding?) {
        var open = request.filter
        open.from = today
        open.to = today
        let count = try await service.stalledDealCount(open)
        guard count > 0 else { return (nil, nil) }
        let largest = try await service.stalledDeals(open, limit: 3)
        let names = largest.map { "\($0.name) (\(ValueFormat.money.whole(Double($0.amountCents) / 100)))" }
        let link = "/dashboards/pipeline?" + open.queryItems.dropFirst(2).map { $0 }.queryString + "#stalled"
        let risk = Finding(
            text:
                "\(count) open \(count == 1 ? "deal has" : "deals have") had no change or activity for \(KPIQueries.stalledAfterDays) days or more; the largest: \(SalesReportWords.list(names)).",
            href: link)
        let first = largest.first.map { " starting with \($0.name)" } ?? ""
        return (
            risk,
            Finding(
                text: "Call the owners of the stalled deals\(first), and close the ones that will not move.",
                href: link)
        )
    }

    /// Weeks within the period whose revenue, new leads or won deals stood far from their
    /// neighbours over the year before.
    private func unusualWeeks() async throws -> [Finding] {
        let query = InsightsQuery(service: service, base: request.filter, today: request.period.to.adding(days: 1))
        return try await query.unusualWeeks().filter { week in
            week.days.upperBound >= request.period.from && week.days.lowerBound <= request.period.to
        }.map { week in
            let statement = InsightWords.unusual(week, base: request.filter)
            return Finding(text: statement.text, href: statement.href)
        }
    }

    /// This month's revenue forecast against the monthly targets of the reps it covers; only
    /// where both count the same people (no region, category, source or segment filter).
    private func forecastAgainstTargets() async throws -> Finding? {
        let filter = request.filter
        guard request.period.to >= today.monthStart.adding(days: -1).monthStart, filter.regionID == nil,
            filter.productCategoryID == nil, filter.source == nil, filter.segmentID == nil
        else { return nil }
        var reps = try await AgentTargetModel.agents(database)
        if let visible = AccessPolicy.visibleOwnerIDs(service.actor) {
            reps = reps.filter { $0.id.map(visible.contains) ?? false }
        }
        if let team = filter.teamID { reps = reps.filter { $0.$team.id == team } }
        if let rep = filter.repID { reps = reps.filter { $0.id == rep } }
        let target = Double(reps.reduce(0) { $0 + $1.monthlyTargetCents }) / 100
        guard target > 0 else { return nil }
        let groups = try await ForecastQuery(
            service: service, metric: .revenue, breakdown: .company, horizon: 1, base: filter, today: today
        ).groups()
        guard let forecast = groups.first?.forecast, let expected = forecast.mean.first,
            let low = forecast.lower80.first, let high = forecast.upper80.first, expected < target
        else { return nil }
        let money = ValueFormat.money
        let month = ReportPeriod.monthLabel(today.monthStart)
        return Finding(
            text:
                "Revenue for \(month) is forecast at \(money.whole(expected)) (likely between \(money.whole(low)) and \(money.whole(high))), below the \(money.whole(target)) the reps' targets add up to.",
            href: "/forecasts?metric=revenue" + (filter.teamID.map { "&team=\($0.uuidString)" } ?? ""))
    }

    // MARK: recommendations

    /// The region, category and source that cost the most revenue against the comparison.
    private func fallingGroups() -> [Finding] {
        movements.filter { [.region, .productCategory, .source, .segment].contains($0.grouping) }.compactMap {
            movement in
            guard let worst = movement.rows.filter({ $0.change < 0 }).min(by: { $0.change < $1.change }) else {
                return nil
            }
            let text =
                "Look into \(worst.label): revenue fell by \(ValueFormat.money.whole(-worst.change)) against \(comparisonLabel), \(ValueFormat.percent.full(movement.share(of: worst))) of the fall across \(movement.title.lowercased())"
            let extra = DrillDown(filter: worst.filter).parameter(
                for: worst.grouping, key: worst.key, ownerParameter: "repId")
            return Finding(text: text + ".", href: HeadlineMetric.revenue.records(worst.filter, extra: extra))
        }
    }

    /// Reps who held far fewer meetings than in the comparison period: sales follow meetings,
    /// so this shows before the revenue does.
    private func meetingsFalling() async throws -> [Finding] {
        let now = try await service.rollupTotals(request.filter)
        let before = try await service.rollupTotals(request.comparisonFilter)
        var fallen: [(id: UUID, now: Int, before: Int)] = []
        for (rep, totals) in before {
            let earlier = totals["meetings"] ?? 0, later = now[rep]?["meetings"] ?? 0
            if earlier >= 5, Double(later) <= Double(earlier) * 0.6 { fallen.append((rep, later, earlier)) }
        }
        guard !fallen.isEmpty else { return [] }
        let names = try await User.query(on: database).filter(\.$id ~~ fallen.map(\.id)).all()
        var byID: [UUID: String] = [:]
        for user in names { if let id = user.id { byID[id] = user.name } }
        return fallen.sorted { Double($0.now) / Double($0.before) < Double($1.now) / Double($1.before) }.prefix(3)
            .map { rep in
                let name = byID[rep.id] ?? "A rep"
                let drop = Int(((1 - Double(rep.now) / Double(rep.before)) * 100).rounded())
                return Finding(
                    text:
                        "\(name) held \(rep.now) meetings in \(request.period.label), \(drop)% fewer than the \(rep.before) in \(comparisonLabel); sales follow meetings, so talk it through before the revenue shows it.",
                    href: "/agents/\(rep.id.uuidString)")
            }
    }

    /// Paid sources whose cost per new customer at least doubled: move spend elsewhere.
    private func costlierSources() async throws -> [Finding] {
        let current = request.filter, previous = request.comparisonFilter
        guard service.scopeIncludesCompanyCosts(current) else { return [] }
        func costs(_ filter: AnalyticsFilter) async throws -> [String: Double] {
            let spend = try await service.series(.marketingSpend, by: .source, filter)
            let customers = try await service.series(.convertedLeads, by: .source, filter)
            var result: [String: Double] = [:]
            for point in spend where point.value > 0 {
                let count = customers.value(for: point.key)
                if count > 0 { result[point.key] = point.value / count }
            }
            return result
        }
        let now = try await costs(current), before = try await costs(previous)
        let doubled = now.keys.filter { source in
            guard let cost = now[source], let earlier = before[source] else { return false }
            return cost >= 2 * earlier
        }
        // The two whose cost rose most; more would drown the other advice.
        let worst = doubled.sorted { now[$0]! / before[$0]! > now[$1]! / before[$1]! }.prefix(2)
        return worst.compactMap { source in
            guard let cost = now[source], let earlier = before[source] else { return nil }
            let money = ValueFormat.money
            return Finding(
                text:
                    "Shift spend away from \(LeadSourceAdvice.label(source)): a new customer there cost \(money.whole(cost)), up from \(money.whole(earlier)) in \(comparisonLabel).",
                href: "/dashboards/channels?" + current.queryItems.queryString)
        }
    }
}
