import Documents
import Foundation
import SalesPulseCore

extension DashboardBuilder {
    /// How are we doing and where does revenue come from.
    func executive() async throws -> Dashboard {
        var dashboard = Dashboard(kind: .executive, filter: filter)
        let now = try await service.kpis(filter), before = try await service.kpis(filter.previous, currentState: false)
        dashboard.tiles = [
            .figure("Revenue", now.revenue, previous: before.revenue, format: .money, href: drill.sales()),
            .figure(
                "Sales", Double(now.salesCount), previous: Double(before.salesCount), format: .count,
                href: drill.sales()),
            .figure(
                "Average deal size", now.averageDealSize, previous: before.averageDealSize, format: .money,
                href: drill.sales()),
            .figure(
                "Win rate", now.winRate, previous: before.winRate, format: .percent,
                href: drill.opportunities(closed: true)),
            .figure(
                "Lead conversion", now.leadConversionRate, previous: before.leadConversionRate, format: .percent,
                href: drill.leads()),
            .figure(
                "Profit margin", now.profitMargin, previous: before.profitMargin, format: .percent, href: drill.sales()),
            .figure("Pipeline", now.pipelineValue, previous: nil, format: .money, href: drill.opportunities()),
            .figure(
                "Weighted pipeline", now.weightedPipeline, previous: nil, format: .money, href: drill.opportunities()),
            .figure(
                "New customers", Double(now.newCustomers), previous: Double(before.newCustomers), format: .count,
                href: drill.sales()),
            .figure(
                "Customer acquisition cost", now.customerAcquisitionCost, previous: before.customerAcquisitionCost,
                format: .money, lowerIsBetter: true),
        ]
        let byRep = try await series(.revenue, by: .rep)
        // One pass over the sale lines serves both the product and the category chart.
        let byProduct = try await series(.revenue, by: .product)
        var byCategory = try await DimensionLabels.categories(of: byProduct, db: service.db)
        // Category figures split each sale by its lines; what no line accounts for is shown as
        // its own slice, so the chart adds up to the revenue figure.
        let unallocated = now.revenue - byCategory.reduce(0) { $0 + $1.value }
        if unallocated >= 0.005 {
            byCategory.append(
                SeriesQuery.Point(key: Self.unallocatedKey, label: "Not split by product", value: unallocated))
        }
        dashboard.charts = [
            try await chart(
                "revenue-trend", "Revenue by \(trendGrouping.rawValue)", .revenue, by: trendGrouping, as: .area),
            try await chart(
                "revenue-by-category", "Revenue by product category", .revenue, by: .productCategory, as: .donut,
                points: byCategory),
            try await chart("revenue-by-region", "Revenue by region", .revenue, by: .region, as: .bar),
            try await chart("revenue-by-team", "Revenue by team", .revenue, by: .team, as: .bar),
            try await chart(
                "top-products", "Top products by revenue", .revenue, by: .product, as: .bar, limit: 10,
                points: byProduct),
            try await chart("top-reps", "Top reps by revenue", .revenue, by: .rep, as: .bar, limit: 10, points: byRep),
        ]
        let salesByRep = Dictionary(
            uniqueKeysWithValues: try await series(.salesCount, by: .rep).map { ($0.key, $0.value) })
        dashboard.tables = [
            Dashboard.Table(
                id: "top-reps-table",
                table: DataTable(
                    title: "Top reps", header: ["Rep", "Revenue", "Sales", "Average sale"],
                    rows: byRep.prefix(10).map { point in
                        let count = salesByRep[point.key] ?? 0
                        return [
                            .text(point.label), .number(point.value, .money), .number(count, .count),
                            Self.cell(count > 0 ? point.value / count : nil, .money),
                        ]
                    }),
                links: byRep.prefix(10).map { link(.revenue, .rep, key: $0.key) })
        ]
        return dashboard
    }
}
