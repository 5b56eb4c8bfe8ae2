import Documents
import Foundation
import SalesPulseCore

/// The report's summary in plain sentences, built only from its own figures, so every number
/// in the prose is one the tables and the dashboards show.
enum SalesReportWords {
    static func summary(_ report: SalesReport, kpis now: KPISet, previousKPIs before: KPISet) -> [String] {
        let period = report.request.period.label, comparison = report.request.comparison.label
        let money = ValueFormat.money, percent = ValueFormat.percent
        var paragraphs: [String] = []

        var revenue =
            "Revenue in \(period) was \(money.whole(now.revenue)) from \(count(now.salesCount, "sale", "sales"))"
        let change = InsightWords.change(now.revenue, before.revenue)
        revenue +=
            change == "nothing to compare with"
            ? "; there was no revenue in \(comparison) to compare with."
            : ", \(change) in \(comparison) (\(money.whole(before.revenue)))."
        var drivers: [String] = []
        for movement in report.movements where [.region, .productCategory].contains(movement.grouping) {
            let rise = movement.rows.filter { $0.change > 0 }.max { $0.change < $1.change }
            let fall = movement.rows.filter { $0.change < 0 }.min { $0.change < $1.change }
            var parts: [String] = []
            if let rise { parts.append("\(rise.label) added \(money.whole(rise.change))") }
            if let fall { parts.append("\(fall.label) lost \(money.whole(-fall.change))") }
            if !parts.isEmpty {
                let name = movement.grouping == .region ? "region" : "product category"
                drivers.append("By \(name), \(parts.joined(separator: " and ")).")
            }
        }
        paragraphs.append(([revenue] + drivers).joined(separator: " "))

        var leads =
            "\(count(now.newLeads, "new lead", "new leads")) came in, \(countChange(now.newLeads, before.newLeads)) in \(comparison)"
        if let conversion = now.leadConversionRate {
            leads += ", and \(percent.full(conversion)) of \(now.newLeads == 1 ? "it" : "them") have converted so far"
        }
        leads += "."
        if let win = now.winRate {
            leads += " The win rate was \(percent.full(win))"
            leads += before.winRate.map { " against \(percent.full($0))." } ?? "."
        }
        paragraphs.append(leads)

        if !report.risks.isEmpty || !report.recommendations.isEmpty {
            paragraphs.append(
                "Below: \(count(report.risks.count, "risk", "risks")) to watch and \(count(report.recommendations.count, "recommendation", "recommendations"))."
            )
        }
        return paragraphs
    }

    /// "Ann", "Ann and Bo", "Ann, Bo and Cy".
    static func list(_ items: [String]) -> String {
        guard let last = items.last else { return "" }
        return items.count == 1 ? last : items.dropLast().joined(separator: ", ") + " and " + last
    }

    static func count(_ value: Int, _ one: String, _ many: String) -> String {
        "\(ValueFormat.count.whole(Double(value))) \(value == 1 ? one : many)"
    }

    /// "12% more than", "as many as", or "12 more than" when there were none before.
    private static func countChange(_ now: Int, _ before: Int) -> String {
        if now == before { return "as many as" }
        guard before > 0 else { return "\(now - before) more than" }
        let percent = Int((Double(now - before) / Double(before) * 100).rounded())
        if percent == 0 { return "about as many as" }
        return percent > 0 ? "\(percent)% more than" : "\(-percent)% fewer than"
    }
}
