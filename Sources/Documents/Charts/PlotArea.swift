/// The rectangle inside a chart's margins, and the shared furniture drawn around it: value
/// grid with tick labels, category labels that thin out when crowded, a legend.
struct PlotArea {
    let left: Double, top: Double, right: Double, bottom: Double

    var width: Double { right - left }
    var height: Double { bottom - top }

    static func standard(width: Double, height: Double, legend: Bool) -> PlotArea {
        PlotArea(left: 56, top: legend ? 34 : 14, right: width - 12, bottom: height - 30)
    }

    func y(_ value: Double, _ scale: AxisScale) -> Double { bottom - scale.fraction(value) * height }

    func drawValueAxis(_ drawing: inout Drawing, scale: AxisScale, format: ValueFormat) {
        for tick in scale.ticks {
            let y = self.y(tick, scale)
            drawing.add(.line(.init(left, y), .init(right, y)), stroke: tick == 0 ? .muted : .grid)
            drawing.text(format.short(tick), left - 6, y + 4, anchor: .end, size: 14, color: .muted)
        }
    }

    /// Labels under evenly spaced slots; every n-th only when they would overlap.
    func drawCategoryLabels(_ drawing: inout Drawing, _ labels: [String], centres: [Double]) {
        guard !labels.isEmpty else { return }
        let slot = width / Double(labels.count)
        let longest = Double(labels.map(\.count).max() ?? 1)
        let every = max(1, Int((longest * 8 + 8) / max(slot, 1)) + 1)
        for (index, label) in labels.enumerated() where index % every == 0 {
            drawing.text(
                Self.clip(label, to: Int(slot * Double(every) / 8)), centres[index], bottom + 18, anchor: .middle,
                size: 14, color: .muted)
        }
    }

    static func drawLegend(_ drawing: inout Drawing, names: [String], colors: [Color]? = nil, x: Double, y: Double) {
        var cursor = x
        for (index, name) in names.enumerated() {
            let color = colors.flatMap { $0.indices.contains(index) ? $0[index] : nil } ?? .series(index)
            drawing.add(.rect(x: cursor, y: y - 9, width: 10, height: 10), fill: color)
            let label = clip(name, to: 24)
            drawing.text(label, cursor + 14, y, size: 14)
            cursor += 14 + Double(label.count) * 6.5 + 14
        }
    }

    static func clip(_ text: String, to length: Int) -> String {
        let length = max(length, 3)
        return text.count <= length ? text : String(text.prefix(length - 1)) + "…"
    }
}
