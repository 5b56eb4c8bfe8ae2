import Documents
import Foundation
import SalesPulseCore

extension DashboardBuilder {
    /// Each rep's numbers for the period, beside this month's S4 score and risk.
    func team() async throws -> Dashboard {
        var dashboard = Dashboard(kind: .team, filter: filter)
        let revenue = try await series(.revenue, by: .rep), sales = try await series(.salesCount, by: .rep)
        let won = try await series(.dealsWon, by: .rep), lost = try await series(.dealsLost, by: .rep)
        let leads = try await series(.leads, by: .rep), converted = try await series(.convertedLeads, by: .rep)
        let pipeline = try await series(.pipeline, by: .rep)
        var names: [String: String] = [:]
        for point in revenue + leads + pipeline + won where !point.key.isEmpty { names[point.key] = point.label }
        let reps = names.keys.sorted {
            revenue.value(for: $0) != revenue.value(for: $1)
                ? revenue.value(for: $0) > revenue.value(for: $1) : names[$0]! < names[$1]!
        }
        let month = MonthSpan(containing: filter.to.date)
        let report = try await AgentPerformanceReport.make(
            db: request.db, actor: service.actor, month: month, now: request.now, onlyAgent: nil)
        var scores: [String: AgentPerformanceReport.Row] = [:]
        for row in report.rows { if let id = row.agent.id { scores[id.uuidString] = row } }
        dashboard.tables = [
            Dashboard.Table(
                id: "reps-table",
                table: DataTable(
                    title: "Reps",
                    header: [
                        "Rep", "Revenue", "Sales", "Won", "Lost", "Win rate", "Leads", "Converted", "Conversion",
                        "Open pipeline",
                        "Score \(month.text)", "Level", "Risk of missing",
                    ],
                    rows: reps.map { key in
                        let score = scores[key]
                        return [
                            .text(names[key]!), .number(revenue.value(for: key), .money),
                            .number(sales.value(for: key), .count),
                            .number(won.value(for: key), .count), .number(lost.value(for: key), .count),
                            Self.cell(
                                Self.rate(won.value(for: key), won.value(for: key) + lost.value(for: key)), .percent),
                            .number(leads.value(for: key), .count), .number(converted.value(for: key), .count),
                            Self.cell(Self.rate(converted.value(for: key), leads.value(for: key)), .percent),
                            .number(pipeline.value(for: key), .money),
                            Self.cell(score?.performance.score, .count),
                            score.map { .text($0.performance.level.rawValue) } ?? .empty,
                            score?.risk.map { .text($0.rawValue) } ?? .empty,
                        ]
                    }),
                links: reps.map { "/agents/\($0)?month=\(month.text)" })
        ]
        let work = try await service.rollupTotals(filter)
        let workers = work.keys.sorted { names[$0.uuidString] ?? "" < names[$1.uuidString] ?? "" }
        dashboard.tables.append(
            Dashboard.Table(
                id: "daily-work",
                table: DataTable(
                    title: "Daily work in the period (from the daily roll-ups)",
                    header: [
                        "Rep", "New leads", "New contacts", "Calls", "Meetings", "Follow-ups done",
                        "Follow-ups overdue", "Average first response",
                    ],
                    rows: workers.map { rep in
                        let values = work[rep]!
                        return [
                            .text(names[rep.uuidString] ?? rep.uuidString),
                            .number(Double(values["new_leads"] ?? 0), .count),
                            .number(Double(values["new_contacts"] ?? 0), .count),
                            .number(Double(values["calls"] ?? 0), .count),
                            .number(Double(values["meetings"] ?? 0), .count),
                            .number(Double(values["follow_ups_done"] ?? 0), .count),
                            .number(Double(values["follow_ups_overdue"] ?? 0), .count),
                            DailyRollupQuery.averageResponseMinutes(values).map { .text(Self.duration(minutes: $0)) }
                                ?? .empty,
                        ]
                    }),
                links: workers.map { "/activities?userId=\($0.uuidString)" }))
        let scatter = ScatterChart.draw(
            title: "Deals won and revenue per rep",
            points: reps.map { key in
                ScatterChart.Point(
                    label: names[key]!, x: won.value(for: key), y: revenue.value(for: key),
                    link: link(.revenue, .rep, key: key))
            }, xTitle: "Deals won", xFormat: .count, yTitle: "Revenue", yFormat: .money)
        dashboard.charts = [
            try await chart(
                "revenue-by-rep", "Revenue by rep", .revenue, by: .rep, as: .bar,
                points: revenue.filter { !$0.key.isEmpty }),
            Dashboard.Chart(
                id: "won-vs-revenue", title: "Deals won and revenue per rep", drawing: scatter,
                table: DataTable(
                    title: "Deals won and revenue per rep", header: ["Rep", "Deals won", "Revenue"],
                    rows: reps.map {
                        [
                            .text(names[$0]!), .number(won.value(for: $0), .count),
                            .number(revenue.value(for: $0), .money),
                        ]
                    })),
            try await chart(
                "leads-by-rep", "New leads by rep", .leads, by: .rep, as: .bar, points: leads.filter { !$0.key.isEmpty }
            ),
        ]
        return dashboard
    }

    /// "45 min", "6.5 h", "3.2 days".
    static func duration(minutes: Double) -> String {
        if minutes < 90 { return "\(Int(minutes.rounded())) min" }
        if minutes < 48 * 60 { return ValueFormat.trimmed(minutes / 60, digits: 1) + " h" }
        return ValueFormat.trimmed(minutes / 1440, digits: 1) + " days"
    }
}
