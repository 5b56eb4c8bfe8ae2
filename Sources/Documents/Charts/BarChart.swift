/// Vertical bars per category: side by side per series (grouped) or on top of each other
/// (stacked).
public enum BarChart {
    public enum Mode: Sendable { case grouped, stacked }

    public static func draw(
        _ data: ChartData, mode: Mode = .grouped, width: Double = 640, height: Double = 300
    ) -> Drawing {
        var drawing = Drawing(width: width, height: height, title: data.title)
        let area = PlotArea.standard(width: width, height: height, legend: data.series.count > 1)
        let count = data.categories.count
        let maximum: Double
        switch mode {
        case .grouped: maximum = data.series.flatMap(\.values).max() ?? 0
        case .stacked:
            maximum =
                data.categories.indices.map { index in data.series.reduce(0) { $0 + max($1.values[index], 0) } }.max()
                ?? 0
        }
        let scale = AxisScale(
            minimum: min(data.series.flatMap(\.values).min() ?? 0, 0), maximum: maximum,
            wholeNumbers: data.format == .count)
        area.drawValueAxis(&drawing, scale: scale, format: data.format)
        guard count > 0 else { return drawing }
        let slot = area.width / Double(count)
        let centres = (0..<count).map { area.left + slot * (Double($0) + 0.5) }
        let barSpace = slot * 0.75
        for category in 0..<count {
            var stackTop = 0.0
            for (seriesIndex, series) in data.series.enumerated() {
                let value = series.values[category]
                let x: Double, barWidth: Double, from: Double, to: Double
                switch mode {
                case .grouped:
                    barWidth = barSpace / Double(data.series.count)
                    x = centres[category] - barSpace / 2 + barWidth * Double(seriesIndex)
                    (from, to) = (0, value)
                case .stacked:
                    barWidth = barSpace
                    x = centres[category] - barSpace / 2
                    (from, to) = (stackTop, stackTop + max(value, 0))
                    stackTop = to
                }
                let top = area.y(max(from, to), scale), base = area.y(min(from, to), scale)
                drawing.add(
                    .rect(x: x, y: top, width: max(barWidth - 1, 1), height: base - top),
                    fill: data.color(series: seriesIndex, category: category),
                    tooltip:
                        "\(series.name.isEmpty ? "" : series.name + ", ")\(data.categories[category]): \(data.format.full(value))",
                    link: data.link(series: seriesIndex, category: category))
            }
        }
        area.drawCategoryLabels(&drawing, data.categories, centres: centres)
        if data.series.count > 1 {
            PlotArea.drawLegend(
                &drawing, names: data.series.map(\.name), colors: data.seriesColors, x: area.left, y: 16)
        }
        return drawing
    }
}
