/// A line per series over ordered categories (usually dates); with `area` the space under
/// each line is filled.
public enum LineChart {
    public static func draw(
        _ data: ChartData, area filled: Bool = false, width: Double = 640, height: Double = 300
    ) -> Drawing {
        var drawing = Drawing(width: width, height: height, title: data.title)
        let area = PlotArea.standard(width: width, height: height, legend: data.series.count > 1)
        let values = data.series.flatMap(\.values)
        let scale = AxisScale(
            minimum: min(values.min() ?? 0, 0), maximum: values.max() ?? 0, wholeNumbers: data.format == .count)
        area.drawValueAxis(&drawing, scale: scale, format: data.format)
        let count = data.categories.count
        guard count > 0 else { return drawing }
        let step = count > 1 ? area.width / Double(count - 1) : 0
        let xs = (0..<count).map { count > 1 ? area.left + step * Double($0) : area.left + area.width / 2 }
        for (seriesIndex, series) in data.series.enumerated() {
            let color = data.seriesColors[seriesIndex]
            let points = zip(xs, series.values).map { Drawing.Point($0, area.y($1, scale)) }
            if filled, let first = points.first, let last = points.last {
                let baseline = area.y(max(scale.minimum, 0), scale)
                drawing.add(
                    .polygon([Drawing.Point(first.x, baseline)] + points + [Drawing.Point(last.x, baseline)]),
                    fill: color.lightened)
            }
            drawing.add(.polyline(points), stroke: color, strokeWidth: 2)
            let radius = count > 60 ? 1.5 : 3.5
            for (index, point) in points.enumerated() {
                drawing.add(
                    .circle(center: point, radius: radius), fill: color,
                    tooltip:
                        "\(series.name.isEmpty ? "" : series.name + ", ")\(data.categories[index]): \(data.format.full(series.values[index]))",
                    link: data.link(series: seriesIndex, category: index))
            }
        }
        area.drawCategoryLabels(&drawing, data.categories, centres: xs)
        if data.series.count > 1 {
            PlotArea.drawLegend(
                &drawing, names: data.series.map(\.name), colors: data.seriesColors, x: area.left, y: 16)
        }
        return drawing
    }
}

extension Color {
    /// The same hue mixed 75% towards white, for filled areas under lines.
    var lightened: Color {
        func mix(_ value: UInt8) -> UInt8 { UInt8(Double(value) + (255 - Double(value)) * 0.75) }
        return Color(mix(red), mix(green), mix(blue))
    }
}
