/// Points on two value axes, e.g. reps by deals won and revenue.
public enum ScatterChart {
    public struct Point: Sendable, Equatable {
        public let label: String
        public let x: Double
        public let y: Double
        public let link: String?

        public init(label: String, x: Double, y: Double, link: String? = nil) {
            self.label = label
            self.x = x
            self.y = y
            self.link = link
        }
    }

    public static func draw(
        title: String, points: [Point], xTitle: String, xFormat: ValueFormat, yTitle: String, yFormat: ValueFormat,
        width: Double = 640, height: Double = 300
    ) -> Drawing {
        var drawing = Drawing(width: width, height: height, title: title)
        let area = PlotArea(left: 56, top: 14, right: width - 12, bottom: height - 40)
        let yScale = AxisScale(
            minimum: min(points.map(\.y).min() ?? 0, 0), maximum: points.map(\.y).max() ?? 0,
            wholeNumbers: yFormat == .count)
        let xScale = AxisScale(
            minimum: min(points.map(\.x).min() ?? 0, 0), maximum: points.map(\.x).max() ?? 0, targetTicks: 6,
            wholeNumbers: xFormat == .count)
        area.drawValueAxis(&drawing, scale: yScale, format: yFormat)
        for tick in xScale.ticks {
            let x = area.left + xScale.fraction(tick) * area.width
            drawing.add(.line(.init(x, area.bottom), .init(x, area.bottom + 4)), stroke: .muted)
            drawing.text(xFormat.short(tick), x, area.bottom + 16, anchor: .middle, size: 14, color: .muted)
        }
        drawing.text(xTitle, area.left + area.width / 2, height - 6, anchor: .middle, size: 14, color: .muted)
        drawing.text(yTitle, area.left, 10, size: 14, color: .muted)
        for point in points {
            let centre = Drawing.Point(area.left + xScale.fraction(point.x) * area.width, area.y(point.y, yScale))
            drawing.add(
                .circle(center: centre, radius: 5), fill: .series(0), stroke: .white,
                tooltip: "\(point.label): \(xTitle) \(xFormat.full(point.x)), \(yTitle) \(yFormat.full(point.y))",
                link: point.link)
        }
        return drawing
    }
}
