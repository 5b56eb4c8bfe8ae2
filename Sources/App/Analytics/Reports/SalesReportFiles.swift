import Documents
import Foundation
import SalesPulseCore

/// The sales report as charts and tables, and as the files people download: PDF, Word and
/// the API's JSON. All three carry the same sections in the same order.
extension SalesReport {
    enum Format: String, CaseIterable, Sendable {
        case json, pdf, docx

        var contentType: String {
            switch self {
            case .json: "application/json"
            case .pdf: "application/pdf"
            case .docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
        }
    }

    /// "sales-report-2026-10.pdf"
    func fileName(_ format: Format) -> String {
        "sales-report-\(request.period.from.text.prefix(request.period.to == request.period.from.monthEnd ? 7 : 10)).\(format.rawValue)"
    }

    var charts: [Drawing] {
        let drill = DrillDown(filter: request.filter)
        let months = revenueByMonth.map { point -> String in
            guard let day = CalendarDay(text: point.key + "-01") else { return point.label }
            return "\(CalendarDay.shortMonthNames[day.civil.month - 1]) \(String(day.civil.year).suffix(2))"
        }
        let monthLinks = revenueByMonth.map { point -> String? in
            guard let start = CalendarDay(text: point.key + "-01") else { return nil }
            return drill.sales(days: start...start.monthEnd)
        }
        var drawings = [
            BarChart.draw(
                ChartData(
                    title: "Revenue by month", categories: months,
                    series: [.init(name: "Revenue", values: revenueByMonth.map(\.value), links: monthLinks)],
                    format: .money))
        ]
        if let regions = movements.first(where: { $0.grouping == .region }), !regions.rows.isEmpty {
            drawings.append(
                BarChart.draw(
                    ChartData(
                        title: "Change in revenue by region against \(request.comparison.label)",
                        categories: regions.rows.prefix(Self.movementRowsShown).map(\.label),
                        series: [
                            .init(
                                name: "Change", values: regions.rows.prefix(Self.movementRowsShown).map(\.change),
                                links: regions.rows.prefix(Self.movementRowsShown).map { row in
                                    HeadlineMetric.revenue.records(
                                        row.filter,
                                        extra: DrillDown(filter: row.filter).parameter(
                                            for: .region, key: row.key, ownerParameter: "repId"))
                                })
                        ],
                        format: .money,
                        categoryColors: regions.rows.prefix(Self.movementRowsShown).map {
                            $0.change >= 0 ? .good : .bad
                        })))
        }
        return drawings
    }

    var figureTable: DataTable {
        DataTable(
            title: "", header: ["Figure", request.period.label, request.comparison.label, "Change"],
            rows: figures.map { figure in
                [
                    .text(figure.label), figure.current.map { .number($0, figure.format) } ?? .text("no data"),
                    figure.previous.map { .number($0, figure.format) } ?? .text("no data"), .text(figure.changeText),
                ]
            })
    }

    /// The groups that moved most; the rest are in the JSON.
    static let movementRowsShown = 8

    func movementTable(_ movement: Movement) -> DataTable {
        DataTable(
            title: movement.title,
            header: [
                movement.singular, request.period.label, request.comparison.label, "Change",
                "Share of the rise or fall",
            ],
            rows: movement.rows.prefix(Self.movementRowsShown).map { row in
                [
                    .text(row.label), .number(row.recentValue, .money), .number(row.previousValue, .money),
                    .number(row.change, .money), .number(movement.share(of: row), .percent),
                ]
            })
    }

    var subtitle: String {
        "\(scopeText) · compared with \(request.comparison.label) · \(request.period.from.text) to \(request.period.to.text)"
    }

    func pdf(preparedFor reader: String) -> [UInt8] {
        var file = PDFReport(title: title)
        file.heading(title, size: 20)
        file.paragraph("\(subtitle) · prepared for \(reader)", color: .muted)
        file.heading("Summary", size: 14)
        for paragraph in summary { file.paragraph(paragraph) }
        file.paragraph(summaryAuthor.note, size: 8, color: .muted)
        file.heading("Key numbers", size: 14, keepingWith: 60)
        file.table(figureTable)
        file.heading("Risks", size: 14)
        for risk in risks { file.paragraph("• " + risk.text) }
        if risks.isEmpty { file.paragraph("Nothing stands out.", color: .muted) }
        file.heading("Recommendations", size: 14)
        for advice in recommendations { file.paragraph("• " + advice.text) }
        if recommendations.isEmpty { file.paragraph("Nothing to act on.", color: .muted) }
        for chart in charts { file.drawing(chart) }
        file.heading("What moved revenue", size: 14)
        for movement in movements where !movement.rows.isEmpty { file.table(movementTable(movement)) }
        return file.bytes
    }

    func docx(preparedFor reader: String) -> [UInt8] {
        var file = DOCXDocument(title: title)
        file.heading(title, level: 0)
        file.paragraph("\(subtitle) · prepared for \(reader)", style: .muted)
        file.heading("Summary")
        for paragraph in summary { file.paragraph(paragraph) }
        file.paragraph(summaryAuthor.note, style: .muted)
        file.heading("Key numbers")
        file.table(figureTable)
        file.heading("Risks")
        for risk in risks { file.paragraph(risk.text, style: .bullet) }
        if risks.isEmpty { file.paragraph("Nothing stands out.", style: .muted) }
        file.heading("Recommendations")
        for advice in recommendations { file.paragraph(advice.text, style: .bullet) }
        if recommendations.isEmpty { file.paragraph("Nothing to act on.", style: .muted) }
        file.heading("Charts")
        for chart in charts { file.drawing(chart) }
        file.heading("What moved revenue")
        for movement in movements where !movement.rows.isEmpty { file.table(movementTable(movement)) }
        return file.bytes
    }

    var json: [String: Any] {
        func number(_ value: Double?) -> Any { value ?? NSNull() }
        return [
            "title": title,
            "period": ["from": request.period.from.text, "to": request.period.to.text, "label": request.period.label],
            "comparison": [
                "from": request.comparison.from.text, "to": request.comparison.to.text,
                "label": request.comparison.label,
            ],
            "scope": scopeText, "summary": summary, "summaryAuthor": summaryAuthor.rawValue,
            "figures": figures.map { figure -> [String: Any] in
                [
                    "key": figure.key, "label": figure.label, "current": number(figure.current),
                    "previous": number(figure.previous),
                ]
            },
            "movements": movements.map { movement -> [String: Any] in
                [
                    "by": movement.grouping.rawValue, "title": movement.title,
                    "rows": movement.rows.map { row -> [String: Any] in
                        [
                            "key": row.key, "label": row.label, "previous": row.previousValue,
                            "current": row.recentValue, "change": row.change, "share": movement.share(of: row),
                        ]
                    },
                ]
            },
            "risks": risks.map { ["text": $0.text] }, "recommendations": recommendations.map { ["text": $0.text] },
            "revenueByMonth": revenueByMonth.map { ["month": $0.key, "revenue": $0.value] as [String: Any] },
        ]
    }
}
