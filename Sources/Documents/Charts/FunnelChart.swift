/// Stages as centred bars narrowing with their value, each labelled with its value and the
/// share of the first stage that reached it.
public enum FunnelChart {
    public static func draw(_ data: ChartData, width: Double = 640) -> Drawing {
        let rowHeight = 34.0
        let values = data.series.first?.values ?? []
        var drawing = Drawing(width: width, height: rowHeight * Double(values.count) + 8, title: data.title)
        let labelWidth = 130.0, valueWidth = 150.0
        let barSpace = width - labelWidth - valueWidth
        let largest = max(values.max() ?? 0, 1), first = values.first ?? 0
        for (index, value) in values.enumerated() {
            let y = rowHeight * Double(index) + 4
            let barWidth = max(barSpace * value / largest, 2)
            let share = first > 0 ? " · \(ValueFormat.percent.short(value / first * 100))" : ""
            drawing.text(PlotArea.clip(data.categories[index], to: 20), labelWidth - 8, y + 19, anchor: .end, size: 14)
            drawing.add(
                .rect(x: labelWidth + (barSpace - barWidth) / 2, y: y, width: barWidth, height: rowHeight - 6),
                fill: data.categoryColors.flatMap { $0.indices.contains(index) ? $0[index] : nil } ?? .series(index),
                tooltip: "\(data.categories[index]): \(data.format.full(value))\(share)",
                link: data.link(series: 0, category: index))
            drawing.text(data.format.short(value) + share, width - valueWidth + 8, y + 19, size: 14)
        }
        return drawing
    }
}
