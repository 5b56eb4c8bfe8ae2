import Documents
import Fluent
import Foundation
import SalesPulseCore

/// A sales report for one period against another (S7), written deterministically from the
/// dashboards' own queries within the reader's scope: key numbers with their change, what
/// moved revenue, risks and recommendations, and the charts. The page, the PDF, the Word
/// file, the API and the weekly email all show this one value.
struct SalesReport: Sendable {
    struct Figure: Sendable {
        /// The KPI API's name for the figure.
        let key: String
        let label: String
        let current: Double?
        let previous: Double?
        let format: ValueFormat
        let href: String
        var lowerIsBetter = false

        var changeText: String {
            guard let change = KPISet.change(current, from: previous) else { return "" }
            let rounded = (change * 10).rounded() / 10
            return rounded == 0 ? "no change" : "\(rounded > 0 ? "+" : "-")\(abs(rounded))%"
        }
    }

    /// What moved revenue within one breakdown (regions, product categories, reps, sources).
    struct Movement: Sendable {
        let grouping: SeriesQuery.Grouping
        let title: String
        /// What one group is called in a table's first column.
        let singular: String
        /// Every group that moved, largest change first.
        let rows: [InsightsQuery.Contribution]

        /// The groups that rose or fell, added up: a group's share of the rise or of the fall
        /// is what a reader can compare, whatever the net change.
        func share(of row: InsightsQuery.Contribution) -> Double {
            let sameWay = rows.filter { ($0.change > 0) == (row.change > 0) }.reduce(0) { $0 + $1.change }
            return sameWay == 0 ? 0 : (row.change / sameWay * 1000).rounded() / 10
        }
    }

    /// A risk or a recommendation: one sentence and the records behind it.
    struct Finding: Sendable {
        let text: String
        let href: String?
    }

    let request: SalesReportRequest
    let scopeText: String
    let figures: [Figure]
    let movements: [Movement]
    var summary: [String] = []
    let risks: [Finding]
    let recommendations: [Finding]
    let revenueByMonth: [SeriesQuery.Point]
    /// Which text the summary carries: ours, or a language model's rewrite that kept every
    /// number and name.
    var summaryAuthor: SummaryAuthor = .figures

    enum SummaryAuthor: String, Sendable {
        case figures, languageModel
        var note: String {
            switch self {
            case .figures: "Written from the figures by SalesPulse."
            case .languageModel:
                "Summary reworded by a language model; every number and name checked against the figures."
            }
        }
    }

    var title: String { "Sales report – \(request.period.label)" }
    var revenueChange: Double { (figures.first?.current ?? 0) - (figures.first?.previous ?? 0) }

    static let movementGroupings: [(SeriesQuery.Grouping, String, String)] = [
        (.region, "Regions", "Region"), (.productCategory, "Product categories", "Product category"),
        (.rep, "Reps", "Rep"), (.source, "Lead sources", "Lead source"), (.product, "Products", "Product"),
        (.segment, "Customer segments", "Segment"),
    ]

    /// What moved revenue between two periods, in every breakdown, every group that moved.
    static func movements(
        service: AnalyticsService, current: AnalyticsFilter, previous: AnalyticsFilter
    ) async throws -> [Movement] {
        var movements: [Movement] = []
        for (grouping, title, singular) in movementGroupings {
            movements.append(
                Movement(
                    grouping: grouping, title: title, singular: singular,
                    rows: try await InsightsQuery.contributions(
                        service: service, by: grouping, recent: current, previous: previous, limit: Int.max)))
        }
        return movements
    }

    static func make(
        _ request: SalesReportRequest, service: AnalyticsService, database: any Database
    ) async throws -> SalesReport {
        let current = request.filter, previous = request.comparisonFilter
        let now = try await service.kpis(current, currentState: false)
        let before = try await service.kpis(previous, currentState: false)
        let drill = DrillDown(filter: current)
        let figures = [
            Figure(
                key: "revenue", label: "Revenue", current: now.revenue, previous: before.revenue, format: .money,
                href: drill.sales()),
            Figure(
                key: "salesCount", label: "Sales", current: Double(now.salesCount), previous: Double(before.salesCount),
                format: .count,
                href: drill.sales()),
            Figure(
                key: "averageDealSize", label: "Average sale", current: now.averageDealSize,
                previous: before.averageDealSize, format: .money,
                href: drill.sales()),
            Figure(
                key: "winRate", label: "Win rate", current: now.winRate, previous: before.winRate, format: .percent,
                href: drill.opportunities(closed: true)),
            Figure(
                key: "newLeads", label: "New leads", current: Double(now.newLeads), previous: Double(before.newLeads),
                format: .count,
                href: drill.leads()),
            Figure(
                key: "leadConversionRate", label: "Lead conversion", current: now.leadConversionRate,
                previous: before.leadConversionRate,
                format: .percent, href: drill.leads()),
            Figure(
                key: "newCustomers", label: "New customers", current: Double(now.newCustomers),
                previous: Double(before.newCustomers),
                format: .count, href: drill.sales()),
            Figure(
                key: "profitMargin", label: "Profit margin", current: now.profitMargin, previous: before.profitMargin,
                format: .percent,
                href: drill.sales()),
        ]
        let movements = try await movements(service: service, current: current, previous: previous)
        let findings = try await SalesReportFindings(
            service: service, database: database, request: request, movements: movements
        ).all()
        var months = current
        months.from = request.period.to.monthStart
        for _ in 0..<11 { months.from = months.from.adding(days: -1).monthStart }
        let revenueByMonth = try await service.series(.revenue, by: .month, months)
        var report = SalesReport(
            request: request, scopeText: try await request.scopeText(db: service.db), figures: figures,
            movements: movements, risks: findings.risks, recommendations: findings.recommendations,
            revenueByMonth: revenueByMonth)
        report.summary = SalesReportWords.summary(report, kpis: now, previousKPIs: before)
        return report
    }
}
