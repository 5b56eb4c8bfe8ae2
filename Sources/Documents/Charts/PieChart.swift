import Foundation

/// Shares of a whole from the first series: a pie, or a donut with the total in the middle.
/// Wedges are polygons so the PDF writer draws them with the same straight-line operators.
public enum PieChart {
    public static func draw(_ data: ChartData, donut: Bool = true, width: Double = 640, height: Double = 300) -> Drawing
    {
        var drawing = Drawing(width: width, height: height, title: data.title)
        guard let series = data.series.first else { return drawing }
        let values = series.values.map { max($0, 0) }
        let total = values.reduce(0, +)
        let radius = min(height / 2 - 16, width / 4)
        let centre = Drawing.Point(radius + 16, height / 2)
        var angle = -Double.pi / 2
        for (index, value) in values.enumerated() where total > 0 && value > 0 {
            let sweep = value / total * 2 * .pi
            let steps = max(2, Int(sweep / (.pi / 60)))
            let rim = (0...steps).map { step -> Drawing.Point in
                let a = angle + sweep * Double(step) / Double(steps)
                return Drawing.Point(centre.x + radius * cos(a), centre.y + radius * sin(a))
            }
            let inner =
                donut
                ? rim.reversed().map {
                    Drawing.Point(centre.x + ($0.x - centre.x) * 0.55, centre.y + ($0.y - centre.y) * 0.55)
                } : [centre]
            drawing.add(
                .polygon(rim + inner), fill: .series(index), stroke: .white,
                tooltip:
                    "\(data.categories[index]): \(data.format.full(value)) (\(ValueFormat.percent.full(value / total * 100)))",
                link: data.link(series: 0, category: index))
            angle += sweep
        }
        if donut {
            drawing.text(data.format.short(total), centre.x, centre.y + 5, anchor: .middle, size: 17, bold: true)
        }
        let legendX = centre.x + radius + 28
        let rowHeight = min(20, (height - 20) / Double(max(values.count, 1)))
        for (index, value) in values.enumerated() {
            let y = 20 + rowHeight * Double(index)
            drawing.add(.rect(x: legendX, y: y - 9, width: 10, height: 10), fill: .series(index))
            let share = total > 0 ? " (\(ValueFormat.percent.short(value / total * 100)))" : ""
            drawing.text(
                PlotArea.clip(data.categories[index], to: 22) + "  " + data.format.short(value) + share, legendX + 16,
                y, size: 14)
        }
        return drawing
    }
}
