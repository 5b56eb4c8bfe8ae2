import Documents
import Foundation

/// A dashboard as a PDF report: filters, figures, advice, then every chart (as vector
/// drawing) and table.
enum DashboardReport {
    static func pdf(_ dashboard: Dashboard, viewer: String) -> [UInt8] {
        var report = PDFReport(title: "SalesPulse – \(dashboard.kind.title)")
        report.heading(dashboard.kind.title, size: 20)
        let filters = dashboard.filter.queryItems.dropFirst(2).map { "\($0.0) \($0.1)" }
        report.paragraph(
            "\(dashboard.filter.from.text) to \(dashboard.filter.to.text)"
                + (filters.isEmpty ? "" : " · " + filters.joined(separator: ", "))
                + " · prepared for \(viewer)", color: .muted)
        if !dashboard.tiles.isEmpty {
            report.table(
                DataTable(
                    title: "Key figures", header: ["Figure", "Value", "Change"],
                    rows: dashboard.tiles.map {
                        [.text($0.label), .text($0.value), .text($0.change ?? "")]
                    }))
        }
        if !dashboard.notes.isEmpty {
            report.heading("Recommendations", size: 12)
            for note in dashboard.notes { report.paragraph("• " + note) }
        }
        for chart in dashboard.charts { report.drawing(chart.drawing) }
        for table in dashboard.tables { report.table(table.table) }
        return report.bytes
    }
}
