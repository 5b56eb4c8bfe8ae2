import Documents
import Foundation
import SalesPulseCore

extension DashboardBuilder {
    /// What is in the pipeline, how fast it moves and what is stuck.
    func pipeline() async throws -> Dashboard {
        var dashboard = Dashboard(kind: .pipeline, filter: filter)
        let kpis = try await service.kpis(filter), before = try await service.kpis(filter.previous, currentState: false)
        // Pipeline velocity: what the open pipeline is expected to turn into per day.
        let velocity: Double? = {
            guard let average = kpis.averageDealSize, let winRate = kpis.winRate, let cycle = kpis.salesCycleDays,
                cycle > 0
            else { return nil }
            return Double(kpis.openDeals) * average * winRate / 100 / cycle
        }()
        dashboard.tiles = [
            .figure("Pipeline", kpis.pipelineValue, previous: nil, format: .money, href: drill.opportunities()),
            .figure(
                "Weighted pipeline", kpis.weightedPipeline, previous: nil, format: .money, href: drill.opportunities()),
            .figure("Open deals", Double(kpis.openDeals), previous: nil, format: .count, href: drill.opportunities()),
            .figure("Stalled deals", Double(kpis.stalledDeals), previous: nil, format: .count, href: "#stalled"),
            .figure(
                "Win rate", kpis.winRate, previous: before.winRate, format: .percent,
                href: drill.opportunities(closed: true)),
            .figure(
                "Sales cycle", kpis.salesCycleDays, previous: before.salesCycleDays, format: .days,
                href: drill.opportunities([("stage", "closed_won")], closed: true), lowerIsBetter: true),
            .figure("Pipeline velocity per day", velocity, previous: nil, format: .money),
            .figure("Overdue follow-ups", Double(kpis.overdueFollowUps), previous: nil, format: .count),
        ]
        let order = KPIQueries.openStages + [OpportunityStage.closedWon.rawValue]
        func byStage(_ points: [SeriesQuery.Point]) -> [SeriesQuery.Point] {
            order.map { stage in
                points.first { $0.key == stage }
                    ?? SeriesQuery.Point(key: stage, label: LeadSourceAdvice.label(stage), value: 0)
            }
        }
        let open = try await series(.openDeals, by: .stage)
        let won = try await series(.dealsWon, by: .stage)
        // A snapshot funnel: each stage counts the deals at it or further along, so it narrows.
        let atStage = byStage(open + won)
        let funnelPoints = atStage.indices.map { index in
            SeriesQuery.Point(
                key: atStage[index].key, label: atStage[index].label,
                value: atStage[index...].reduce(0) { $0 + $1.value })
        }
        let funnel = ChartData(
            title: "Funnel: deals that reached each stage (open now, or won in the period)",
            categories: funnelPoints.map(\.label),
            series: [
                .init(
                    name: "Deals", values: funnelPoints.map(\.value),
                    links: funnelPoints.map { point in
                        point.key == OpportunityStage.closedWon.rawValue
                            ? link(.dealsWon, .stage, key: point.key) : link(.openDeals, .stage, key: point.key)
                    })
            ], format: .count, categoryColors: funnelPoints.map { StageColor.of($0.key) })
        dashboard.charts = [
            Dashboard.Chart(id: "funnel", title: funnel.title, drawing: FunnelChart.draw(funnel), table: funnel.table),
            try await chart(
                "value-by-stage", "Open pipeline value by stage", .pipeline, by: .stage, as: .bar,
                points: byStage(try await series(.pipeline, by: .stage)).filter {
                    $0.key != OpportunityStage.closedWon.rawValue
                }),
            try await wonLostTrend(),
            try await chart("pipeline-by-rep", "Open pipeline by rep", .pipeline, by: .rep, as: .bar, limit: 12),
        ]
        let stalled = try await service.stalledDeals(filter)
        dashboard.tables = [
            Dashboard.Table(
                id: "stalled",
                table: DataTable(
                    title: "Stalled deals: no change or activity for \(KPIQueries.stalledAfterDays) days",
                    header: ["Deal", "Stage", "Amount", "Owner", "Last change"],
                    rows: stalled.map { deal in
                        [
                            .text(deal.name), .text(LeadSourceAdvice.label(deal.stage)),
                            .number(Double(deal.amountCents) / 100, .money),
                            .text(deal.ownerName ?? "—"), .text(CalendarDay(containing: deal.updatedAt).text),
                        ]
                    }),
                links: stalled.map { "/opportunities/\($0.id.uuidString)" })
        ]
        return dashboard
    }

    private func wonLostTrend() async throws -> Dashboard.Chart {
        let grouping = trendGrouping == .day && filter.dayCount > 31 ? .week : trendGrouping
        let won = try await series(.dealsWon, by: grouping), lost = try await series(.dealsLost, by: grouping)
        let data = ChartData(
            title: "Deals won and lost by \(grouping.rawValue)", categories: won.map(\.label),
            series: [
                .init(
                    name: "Won", values: won.map(\.value), links: won.map { link(.dealsWon, grouping, key: $0.key) },
                    color: .good),
                .init(
                    name: "Lost", values: lost.map(\.value),
                    links: lost.map { link(.dealsLost, grouping, key: $0.key) }, color: .bad),
            ], format: .count)
        return Dashboard.Chart(id: "won-lost", title: data.title, drawing: BarChart.draw(data), table: data.table)
    }
}
