/// History as a solid line, the forecast as a second line over its 95% and 80% ranges, and
/// optionally the weighted pipeline expected to close each month, over one row of months.
public enum ForecastChart {
    public struct Data: Sendable, Equatable {
        public let title: String
        public let months: [String]
        /// nil after the last actual month.
        public let actual: [Double?]
        /// nil before the first forecast month; each with its lower and upper 80% and 95% edges.
        public let forecast: [Double?]
        public let range80: [ClosedRange<Double>?]
        public let range95: [ClosedRange<Double>?]
        public let pipeline: [Double?]
        /// Per month: the records behind the actual value.
        public let links: [String?]
        public let pipelineLinks: [String?]
        public let format: ValueFormat

        public init(
            title: String, months: [String], actual: [Double?], forecast: [Double?], range80: [ClosedRange<Double>?],
            range95: [ClosedRange<Double>?], pipeline: [Double?] = [], links: [String?] = [],
            pipelineLinks: [String?] = [], format: ValueFormat
        ) {
            self.title = title
            self.months = months
            self.actual = actual
            self.forecast = forecast
            self.range80 = range80
            self.range95 = range95
            self.pipeline = pipeline
            self.links = links
            self.pipelineLinks = pipelineLinks
            self.format = format
        }
    }

    public static func draw(_ data: Data, width: Double = 640, height: Double = 300) -> Drawing {
        var drawing = Drawing(width: width, height: height, title: data.title)
        // Room on the right for the last month's label, centred under the last point.
        let standard = PlotArea.standard(width: width, height: height, legend: true)
        let area = PlotArea(left: standard.left, top: standard.top, right: width - 28, bottom: standard.bottom)
        let all =
            data.actual.compactMap { $0 } + data.forecast.compactMap { $0 } + data.range95.compactMap { $0?.upperBound }
            + data.range95.compactMap { $0?.lowerBound } + data.pipeline.compactMap { $0 }
        let scale = AxisScale(
            minimum: min(all.min() ?? 0, 0), maximum: all.max() ?? 0, wholeNumbers: data.format == .count)
        area.drawValueAxis(&drawing, scale: scale, format: data.format)
        let count = data.months.count
        guard count > 0 else { return drawing }
        let step = count > 1 ? area.width / Double(count - 1) : 0
        let xs = (0..<count).map { count > 1 ? area.left + step * Double($0) : area.left + area.width / 2 }
        let actualColor = Color.series(0), forecastColor = Color.series(1), pipelineColor = Color.series(2)
        for (ranges, share) in [(data.range95, 0.85), (data.range80, 0.7)] {
            let indices = ranges.indices.filter { ranges[$0] != nil }
            guard indices.count > 1 else { continue }
            let upper = indices.map { Drawing.Point(xs[$0], area.y(ranges[$0]!.upperBound, scale)) }
            let lower = indices.reversed().map { Drawing.Point(xs[$0], area.y(ranges[$0]!.lowerBound, scale)) }
            drawing.add(.polygon(upper + lower), fill: forecastColor.mixed(towardsWhite: share))
        }
        func line(_ values: [Double?], _ color: Color, _ name: String, _ links: [String?], joinFrom: Int? = nil) {
            var indices = values.indices.filter { values[$0] != nil }
            if let joinFrom, data.actual.indices.contains(joinFrom), data.actual[joinFrom] != nil {
                indices.insert(joinFrom, at: 0)
            }
            func value(_ index: Int) -> Double { values[index] ?? data.actual[index] ?? 0 }
            drawing.add(
                .polyline(indices.map { Drawing.Point(xs[$0], area.y(value($0), scale)) }), stroke: color,
                strokeWidth: 2)
            for index in values.indices where values[index] != nil {
                let range = data.range80.indices.contains(index) && name == "Forecast" ? data.range80[index] : nil
                let extra =
                    range.map { " (80% range \(data.format.whole($0.lowerBound))–\(data.format.whole($0.upperBound)))" }
                    ?? ""
                drawing.add(
                    .circle(
                        center: Drawing.Point(xs[index], area.y(values[index]!, scale)), radius: count > 60 ? 1.5 : 3.5),
                    fill: color,
                    tooltip: "\(name), \(data.months[index]): \(data.format.whole(values[index]!))\(extra)",
                    link: links.indices.contains(index) ? links[index] : nil)
            }
        }
        let lastActual = data.actual.lastIndex { $0 != nil }
        line(data.actual, actualColor, "Actual", data.links)
        line(data.forecast, forecastColor, "Forecast", [], joinFrom: lastActual)
        var names = ["Actual", "Forecast"], colors = [actualColor, forecastColor]
        if data.pipeline.contains(where: { $0 != nil }) {
            line(data.pipeline, pipelineColor, "Weighted pipeline", data.pipelineLinks)
            names.append("Weighted pipeline")
            colors.append(pipelineColor)
        }
        area.drawCategoryLabels(&drawing, data.months, centres: xs)
        PlotArea.drawLegend(&drawing, names: names, colors: colors, x: area.left, y: 16)
        return drawing
    }
}

extension Color {
    func mixed(towardsWhite share: Double) -> Color {
        func mix(_ value: UInt8) -> UInt8 { UInt8(Double(value) + (255 - Double(value)) * share) }
        return Color(mix(red), mix(green), mix(blue))
    }
}
