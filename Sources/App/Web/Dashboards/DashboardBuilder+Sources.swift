import Documents
import Foundation
import SalesPulseCore

extension DashboardBuilder {
    /// Which lead sources bring leads, customers and revenue, with advice.
    func sources() async throws -> Dashboard {
        var dashboard = Dashboard(kind: .sources, filter: filter)
        let figures = try await sourceFigures()
        let totalLeads = figures.reduce(0) { $0 + $1.leads }, totalConverted = figures.reduce(0) { $0 + $1.converted }
        dashboard.tiles = [
            .figure("Leads", Double(totalLeads), previous: nil, format: .count, href: drill.leads()),
            .figure(
                "Converted", Double(totalConverted), previous: nil, format: .count,
                href: drill.leads([("status", "converted")])),
            .figure(
                "Conversion rate", Self.rate(Double(totalConverted), Double(totalLeads)), previous: nil,
                format: .percent, href: drill.leads()),
            .figure(
                "Revenue from leads", Double(figures.reduce(0) { $0 + $1.revenueCents }) / 100, previous: nil,
                format: .money, href: drill.sales()),
        ]
        let enrolled = try await service.enrolmentsBySource(filter).values.reduce(0, +)
        if enrolled > 0 {
            dashboard.tiles.append(
                .figure(
                    "Enrolments from leads", Double(enrolled), previous: nil, format: .count,
                    href: drill.enrolments()))
        }
        // A centre that enrols students sees enrolments and their cost beside the leads.
        let enrolments = try await service.enrolmentsBySource(filter)
        let school = !enrolments.isEmpty
        let table = DataTable(
            title: "Lead sources",
            header: ["Source", "Leads", "Converted", "Conversion", "Revenue", "Spend", "Cost per lead"]
                + (school ? ["Enrolments", "Cost per enrolment"] : []),
            rows: figures.map { source in
                let spend = source.spendCents.map { Double($0) / 100 }
                let enrolled = Double(enrolments[source.source] ?? 0)
                return [
                    .text(LeadSourceAdvice.label(source.source)), .number(Double(source.leads), .count),
                    .number(Double(source.converted), .count),
                    Self.cell(source.conversionRate, .percent), .number(Double(source.revenueCents) / 100, .money),
                    Self.cell(spend, .money),
                    Self.cell(spend.flatMap { $0 > 0 && source.leads > 0 ? $0 / Double(source.leads) : nil }, .money),
                ]
                    + (school
                        ? [
                            .number(enrolled, .count),
                            Self.cell(spend.flatMap { $0 > 0 && enrolled > 0 ? $0 / enrolled : nil }, .money),
                        ] : [])
            })
        dashboard.tables = [
            Dashboard.Table(
                id: "sources-table", table: table, links: figures.map { link(.leads, .source, key: $0.source) },
                bands: figures.map { source in
                    [
                        nil, nil, nil, source.conversionRate.map { "band-" + ConversionBand(rate: $0).rawValue }, nil,
                        nil, nil,
                    ] + (school ? [nil, nil] : [])
                })
        ]
        let leads = figures.map {
            SeriesQuery.Point(key: $0.source, label: LeadSourceAdvice.label($0.source), value: Double($0.leads))
        }
        let revenue = figures.map {
            SeriesQuery.Point(
                key: $0.source, label: LeadSourceAdvice.label($0.source), value: Double($0.revenueCents) / 100)
        }
        .filter { $0.value > 0 }.sorted { $0.value > $1.value }
        dashboard.charts = [
            try await chart("leads-by-source", "Leads by source", .leads, by: .source, as: .bar, points: leads),
            try await chart(
                "revenue-by-source", "Revenue by source", .revenue, by: .source, as: .donut, points: revenue),
            try await conversionHeatmap(),
        ]
        dashboard.notes = LeadSourceAdvice.recommendations(figures)
        return dashboard
    }

    func sourceFigures() async throws -> [SourceFigures] {
        let leads = try await series(.leads, by: .source), converted = try await series(.convertedLeads, by: .source)
        let revenue = try await series(.revenue, by: .source), spend = try await series(.marketingSpend, by: .source)
        let withSpend = service.scopeIncludesCompanyCosts(filter)
        return leads.filter { !$0.key.isEmpty }.map { point in
            SourceFigures(
                source: point.key, leads: Int(point.value), converted: Int(converted.value(for: point.key)),
                revenueCents: Int64((revenue.value(for: point.key) * 100).rounded()),
                spendCents: withSpend ? Int64((spend.value(for: point.key) * 100).rounded()) : nil)
        }
    }

    private func conversionHeatmap() async throws -> Dashboard.Chart {
        let cells = try await service.sourceMonths(filter)
        var months: [String] = []
        var day = filter.from.monthStart
        while day <= filter.to {
            months.append(day.monthText)
            day = day.adding(days: 31).monthStart
        }
        let sources = cells.keys.sorted {
            (cells[$0]?.values.reduce(0) { $0 + $1.leads } ?? 0) > (cells[$1]?.values.reduce(0) { $0 + $1.leads } ?? 0)
        }
        let title = "Conversion by source and month (green ≥ 20%, orange 10–20%, red < 10%)"
        let grid = sources.map { source in
            months.map { month -> Heatmap.Cell in
                let cell = cells[source]?[month] ?? SourceMonthQuery.Cell()
                return Heatmap.Cell(
                    value: cell.rate,
                    link: period(.month, key: month).map { drill.leads([("source", source)], days: $0) },
                    note: "\(cell.converted) of \(cell.leads) leads")
            }
        }
        let columns = months.map { CalendarDay(text: $0 + "-01")?.shortMonth ?? $0 }
        let drawing = Heatmap.draw(
            title: title, rows: sources.map(LeadSourceAdvice.label), columns: columns, cells: grid, format: .percent
        ) { rate in
            switch ConversionBand(rate: rate) {
            case .green: .good
            case .orange: .warning
            case .red: .bad
            }
        }
        let table = DataTable(
            title: "Conversion by source and month", header: ["Source"] + months,
            rows: sources.enumerated().map { index, source in
                [.text(LeadSourceAdvice.label(source))] + grid[index].map { Self.cell($0.value, .percent) }
            })
        return Dashboard.Chart(id: "conversion-heatmap", title: title, drawing: drawing, table: table)
    }
}
