import Documents
import Foundation
import SalesPulseCore

extension DashboardBuilder {
    /// What each marketing channel costs and brings: CTR, cost per lead and per customer.
    func channels() async throws -> Dashboard {
        var dashboard = Dashboard(kind: .channels, filter: filter)
        guard service.scopeIncludesCompanyCosts(filter) else {
            dashboard.notes = [
                "Marketing spend is a company cost: it shows to admins and viewers without a rep or team filter."
            ]
            return dashboard
        }
        let spend = try await series(.marketingSpend, by: .source),
            impressions = try await series(.impressions, by: .source)
        let clicks = try await series(.clicks, by: .source), leads = try await series(.leads, by: .source)
        let customers = try await series(.convertedLeads, by: .source),
            revenue = try await series(.revenue, by: .source)
        let channels = Set((spend + leads).map(\.key)).filter { !$0.isEmpty }.sorted {
            spend.value(for: $0) != spend.value(for: $1) ? spend.value(for: $0) > spend.value(for: $1) : $0 < $1
        }
        let totalSpend = spend.reduce(0) { $0 + $1.value }, totalClicks = clicks.reduce(0) { $0 + $1.value }
        let totalImpressions = impressions.reduce(0) { $0 + $1.value }
        let paidLeads = channels.filter { spend.value(for: $0) > 0 }.reduce(0) { $0 + leads.value(for: $1) }
        let paidCustomers = channels.filter { spend.value(for: $0) > 0 }.reduce(0) { $0 + customers.value(for: $1) }
        let spendList = "/marketing-spend?" + [("dayFrom", filter.from.text), ("dayTo", filter.to.text)].queryString
        dashboard.tiles = [
            .figure("Spend", totalSpend, previous: nil, format: .money, href: spendList),
            .figure(
                "Click-through rate", Self.rate(totalClicks, totalImpressions), previous: nil, format: .percent,
                href: spendList),
            .figure(
                "Cost per lead (paid channels)", paidLeads > 0 ? totalSpend / paidLeads : nil, previous: nil,
                format: .money, href: drill.leads()),
            .figure(
                "Cost per customer (paid channels)", paidCustomers > 0 ? totalSpend / paidCustomers : nil,
                previous: nil, format: .money,
                href: drill.leads([("status", "converted")])),
        ]
        let enrolments = try await service.enrolmentsBySource(filter)
        let school = !enrolments.isEmpty
        let rows: [[DataTable.Cell]] = channels.map { key in
            let cost = spend.value(for: key), leadCount = leads.value(for: key),
                customerCount = customers.value(for: key), income = revenue.value(for: key)
            return [
                .text(LeadSourceAdvice.label(key)), .number(cost, .money), .number(impressions.value(for: key), .count),
                .number(clicks.value(for: key), .count),
                Self.cell(Self.rate(clicks.value(for: key), impressions.value(for: key)), .percent),
                .number(leadCount, .count),
                Self.cell(leadCount > 0 && cost > 0 ? cost / leadCount : nil, .money), .number(customerCount, .count),
                Self.cell(customerCount > 0 && cost > 0 ? cost / customerCount : nil, .money), .number(income, .money),
                Self.cell(cost > 0 ? (income - cost) / cost * 100 : nil, .percent),
            ]
                + (school
                    ? [
                        .number(Double(enrolments[key] ?? 0), .count),
                        Self.cell(
                            (enrolments[key] ?? 0) > 0 && cost > 0 ? cost / Double(enrolments[key]!) : nil, .money),
                    ] : [])
        }
        dashboard.tables = [
            Dashboard.Table(
                id: "channels-table",
                table: DataTable(
                    title: "Channels",
                    header: [
                        "Channel", "Spend", "Impressions", "Clicks", "CTR", "Leads", "Cost per lead", "Customers",
                        "Cost per customer", "Revenue", "Return on spend",
                    ] + (school ? ["Enrolments", "Cost per enrolment"] : []), rows: rows),
                links: channels.map { link(.leads, .source, key: $0) })
        ]
        let costPerLead = channels.compactMap { key -> SeriesQuery.Point? in
            let count = leads.value(for: key), cost = spend.value(for: key)
            return count > 0 && cost > 0
                ? SeriesQuery.Point(key: key, label: LeadSourceAdvice.label(key), value: cost / count) : nil
        }
        dashboard.charts = [
            try await chart(
                "spend-trend", "Spend by \(trendGrouping.rawValue)", .marketingSpend, by: trendGrouping, as: .line),
            try await chart(
                "spend-by-channel", "Spend by channel", .marketingSpend, by: .source, as: .bar, points: spend),
            try await chart(
                "cost-per-lead", "Cost per lead by channel", .marketingSpend, by: .source, as: .bar, points: costPerLead
            ),
        ]
        return dashboard
    }
}
