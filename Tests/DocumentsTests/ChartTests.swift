@testable import Documents
import Foundation
#if canImport(FoundationXML)
    import FoundationXML
#endif
import Testing

@Suite struct ChartTests {
    let data = ChartData(
        title: "Revenue by region", categories: ["North", "South & East", "West"],
        series: [
            .init(name: "2026", values: [1200, 5300.5, 0], links: ["/sales?region=n", "/sales?region=s&x=1", nil]),
            .init(name: "2025", values: [900, 4000, 300]),
        ], format: .money)

    @Test func axisTicksAreRoundAndCoverTheMaximum() {
        let scale = AxisScale(maximum: 5300.5)
        #expect(scale.ticks == [0, 2000, 4000, 6000])
        #expect(AxisScale(maximum: 0.37).ticks.last! >= 0.37)
        #expect(AxisScale(minimum: -15, maximum: 42).ticks.first! <= -15)
    }

    @Test func valuesAreWrittenForPeople() {
        #expect(ValueFormat.money.short(12_500) == "$12.5k")
        #expect(ValueFormat.money.full(1_234_567.5) == "$1,234,567.50")
        #expect(ValueFormat.percent.full(45.26) == "45.3%")
        #expect(ValueFormat.count.short(2_400_000) == "2.4M")
        #expect(ValueFormat.days.full(12) == "12 days")
    }

    @Test(arguments: ["bar", "stacked", "line", "area", "pie", "donut", "funnel", "scatter", "heatmap"])
    func everyChartIsWellFormedAccessibleSVG(kind: String) throws {
        let drawing: Drawing
        switch kind {
        case "bar": drawing = BarChart.draw(data)
        case "stacked": drawing = BarChart.draw(data, mode: .stacked)
        case "line": drawing = LineChart.draw(data)
        case "area": drawing = LineChart.draw(data, area: true)
        case "pie": drawing = PieChart.draw(data, donut: false)
        case "donut": drawing = PieChart.draw(data)
        case "funnel": drawing = FunnelChart.draw(data)
        case "scatter":
            drawing = ScatterChart.draw(
                title: data.title, points: [.init(label: "Ann", x: 3, y: 1200, link: "/agents/1")],
                xTitle: "Deals", xFormat: .count, yTitle: "Revenue", yFormat: .money)
        default:
            drawing = Heatmap.draw(
                title: data.title, rows: ["Web"], columns: ["Jan", "Feb"],
                cells: [[.init(value: 25, link: "/leads?source=website"), .init(value: nil)]], format: .percent,
                color: { $0 >= 20 ? .good : .bad })
        }
        let svg = SVGWriter.svg(drawing)
        let parser = XMLParser(data: Data(svg.utf8))
        #expect(parser.parse(), "\(kind): \(parser.parserError.map(String.init(describing:)) ?? "")")
        #expect(svg.contains(#"role="img" aria-label="Revenue by region""#))
        #expect(svg.contains("<title>"))
        #expect(svg.contains("<a href=\""), "every mark with records behind it links to them")
    }

    @Test func forecastsDrawTheirRangesAndLinkEveryActualMonth() throws {
        let data = ForecastChart.Data(
            title: "Revenue: North", months: ["Sep", "Oct", "Nov", "Dec", "Jan"], actual: [100, 120, 130, nil, nil],
            forecast: [nil, nil, nil, 140, 150], range80: [nil, nil, nil, 120...160, 125...175],
            range95: [nil, nil, nil, 110...170, 100...200], pipeline: [nil, nil, nil, 90, 0],
            links: ["/sales?m=9", "/sales?m=10", "/sales?m=11", nil, nil],
            pipelineLinks: [nil, nil, nil, "/opportunities?m=12", "/opportunities?m=1"], format: .money)
        let drawing = ForecastChart.draw(data)
        let bands = drawing.items.filter { if case .polygon = $0.shape { true } else { false } }
        #expect(bands.count == 2, "the 95% and the 80% range")
        let links = drawing.items.compactMap(\.link)
        #expect(links == ["/sales?m=9", "/sales?m=10", "/sales?m=11", "/opportunities?m=12", "/opportunities?m=1"])
        let svg = SVGWriter.svg(drawing)
        #expect(svg.contains("<title>Forecast, Dec: $140 (80% range $120–$160)</title>"), "\(svg)")
        #expect(svg.contains("<title>Actual, Nov: $130</title>"))
        try XMLDocument(xmlString: svg, options: [])
        #expect(ValueFormat.money.whole(1_234.5) == "$1,235" && ValueFormat.count.whole(41.4) == "41")
    }

    @Test func barsCarryTheirValueAndDrillDownLink() {
        let svg = SVGWriter.svg(BarChart.draw(data))
        #expect(svg.contains("<a href=\"/sales?region=s&amp;x=1\">"))
        #expect(svg.contains("<title>2026, South &amp; East: $5,300.50</title>"))
        #expect(svg.contains(">$6k</text>"), "the axis reaches the next round tick")
    }

    @Test func stackedBarsReachTheSumOfTheirSeries() {
        let drawing = BarChart.draw(
            ChartData(
                title: "t", categories: ["a"],
                series: [.init(name: "x", values: [30]), .init(name: "y", values: [70])], format: .count),
            mode: .stacked)
        let heights = drawing.items.compactMap { item -> Double? in
            if case .rect(_, _, _, let height) = item.shape, item.fill == .series(0) || item.fill == .series(1),
                item.tooltip != nil
            {
                return height
            }
            return nil
        }
        #expect(heights.count == 2)
        #expect(abs(heights[1] / heights[0] - 70.0 / 30.0) < 0.01)
    }

    @Test func tableAlternativeHoldsEveryNumber() {
        let table = data.table
        #expect(table.header == ["Region", "2026", "2025"])
        #expect(table.rows[1] == [.text("South & East"), .number(5300.5, .money), .number(4000, .money)])
    }
}

@Suite("Axis ticks")
struct AxisScaleTests {
    @Test func countsTickInWholeNumbers() {
        #expect(AxisScale(maximum: 2).ticks == [0, 0.5, 1, 1.5, 2])
        #expect(AxisScale(maximum: 2, wholeNumbers: true).ticks == [0, 1, 2])
        #expect(AxisScale(maximum: 3, wholeNumbers: true).ticks == [0, 1, 2, 3])
        #expect(AxisScale(maximum: 240, wholeNumbers: true).ticks == [0, 50, 100, 150, 200, 250])
    }
}

@Suite("Chart tables")
struct ChartTableTests {
    @Test func everyExportedColumnHasAName() {
        let single = ChartData(
            title: "Revenue by region", categories: ["North"], series: [.init(name: "", values: [10])], format: .money)
        #expect(single.table.header == ["Region", "Revenue"])
        let named = ChartData(
            title: "Deals won and lost by month", categories: ["Jan"],
            series: [.init(name: "Won", values: [1]), .init(name: "Lost", values: [2])], format: .count)
        #expect(named.table.header == ["Month", "Won", "Lost"])
        let plain = ChartData(
            title: "Funnel", categories: ["New"], series: [.init(name: "", values: [3])], format: .count)
        #expect(plain.table.header == ["Item", "Value"])
        #expect(!single.table.header.contains(""))
    }

    @Test func marksThatStandForAStageOrOutcomeWearItsColour() {
        let stages = ChartData(
            title: "Deals by stage", categories: ["Proposal", "Won"],
            series: [.init(name: "", values: [4, 2], links: ["/a", "/b"])],
            format: .count, categoryColors: [.toneTeal, .good])
        for drawing in [BarChart.draw(stages), FunnelChart.draw(stages)] {
            #expect(drawing.items.filter { $0.link != nil }.map(\.fill) == [.toneTeal, .good])
        }
        let outcomes = ChartData(
            title: "Deals won and lost by month", categories: ["Jan"],
            series: [
                .init(name: "Won", values: [3], links: ["/w"], color: .good),
                .init(name: "Lost", values: [1], links: ["/l"], color: .bad),
            ],
            format: .count)
        let bars = BarChart.draw(outcomes)
        #expect(bars.items.filter { $0.link != nil }.map(\.fill) == [.good, .bad])
        // The legend's swatches match the bars they name.
        let swatches = bars.items.filter { if case .rect(_, _, 10, 10) = $0.shape { true } else { false } }
        #expect(swatches.map(\.fill) == [.good, .bad])
        // Without meaning, series keep the palette.
        let plain = ChartData(
            title: "Revenue by region", categories: ["North"], series: [.init(name: "", values: [10], links: ["/n"])],
            format: .money)
        #expect(BarChart.draw(plain).items.filter { $0.link != nil }.first?.fill == .series(0))
    }
}
