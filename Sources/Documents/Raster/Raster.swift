/// A drawing turned into pixels: filled rectangles, polygons and circles, stroked lines and
/// outlines, and text in the pixel font, sampled at pixel centres (no smoothing). What Word
/// versions without SVG show for a chart.
public struct Raster: Sendable {
    public let width: Int
    public let height: Int
    /// Red, green and blue of each pixel, row by row from the top.
    public private(set) var pixels: [UInt8]

    public init(width: Int, height: Int, background: Color = .white) {
        self.width = max(width, 1)
        self.height = max(height, 1)
        pixels = [UInt8](repeating: 0, count: self.width * self.height * 3)
        for index in 0..<(self.width * self.height) {
            pixels[index * 3] = background.red
            pixels[index * 3 + 1] = background.green
            pixels[index * 3 + 2] = background.blue
        }
    }

    /// The drawing at `scale` pixels per point.
    public init(_ drawing: Drawing, scale: Double) {
        self.init(width: Int((drawing.width * scale).rounded(.up)), height: Int((drawing.height * scale).rounded(.up)))
        for item in drawing.items { draw(item, scale: scale) }
    }

    public func color(x: Int, y: Int) -> Color {
        let index = (y * width + x) * 3
        return Color(pixels[index], pixels[index + 1], pixels[index + 2])
    }

    private mutating func draw(_ item: Drawing.Item, scale: Double) {
        func point(_ point: Drawing.Point) -> Drawing.Point { Drawing.Point(point.x * scale, point.y * scale) }
        let strokeWidth = max(item.strokeWidth * scale, 1)
        switch item.shape {
        case .rect(let x, let y, let width, let height):
            let corners = [
                Drawing.Point(x, y), Drawing.Point(x + width, y), Drawing.Point(x + width, y + height),
                Drawing.Point(x, y + height),
            ].map(point)
            if let fill = item.fill { fillPolygon(corners, fill) }
            if let stroke = item.stroke { strokeLines(corners + [corners[0]], width: strokeWidth, stroke) }
        case .line(let from, let to):
            if let stroke = item.stroke ?? item.fill {
                strokeLines([point(from), point(to)], width: strokeWidth, stroke)
            }
        case .polyline(let points):
            if let stroke = item.stroke { strokeLines(points.map(point), width: strokeWidth, stroke) }
        case .polygon(let points):
            let corners = points.map(point)
            if let fill = item.fill { fillPolygon(corners, fill) }
            if let stroke = item.stroke, let first = corners.first {
                strokeLines(corners + [first], width: strokeWidth, stroke)
            }
        case .circle(let center, let radius):
            let middle = point(center), outer = radius * scale
            if let fill = item.fill { fillCircle(middle, outer, inner: nil, fill) }
            if let stroke = item.stroke {
                fillCircle(middle, outer + strokeWidth / 2, inner: max(outer - strokeWidth / 2, 0), stroke)
            }
        case .text(let string, let at, let anchor, let size, let bold):
            text(
                string, at: point(at), anchor: anchor, pixelsPerDot: max(1, Int((size * scale / 9).rounded())),
                bold: bold, item.fill ?? .ink)
        case .image:
            break
        }
    }

    private mutating func set(_ x: Int, _ y: Int, _ color: Color) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        let index = (y * width + x) * 3
        pixels[index] = color.red
        pixels[index + 1] = color.green
        pixels[index + 2] = color.blue
    }

    /// Even-odd filling, one scan line per pixel row through the pixel centres.
    private mutating func fillPolygon(_ corners: [Drawing.Point], _ color: Color) {
        guard corners.count >= 3 else { return }
        let top = max(0, Int(corners.map(\.y).min()!.rounded(.down)))
        let bottom = min(height - 1, Int(corners.map(\.y).max()!.rounded(.up)))
        guard top <= bottom else { return }
        for row in top...bottom {
            let y = Double(row) + 0.5
            var crossings: [Double] = []
            for index in corners.indices {
                let a = corners[index], b = corners[(index + 1) % corners.count]
                guard (a.y <= y && b.y > y) || (b.y <= y && a.y > y) else { continue }
                crossings.append(a.x + (y - a.y) / (b.y - a.y) * (b.x - a.x))
            }
            crossings.sort()
            var pair = 0
            while pair + 1 < crossings.count {
                let from = max(0, Int((crossings[pair] - 0.5).rounded(.up)))
                let to = min(width - 1, Int((crossings[pair + 1] - 0.5).rounded(.down)))
                if from <= to { for column in from...to { set(column, row, color) } }
                pair += 2
            }
        }
    }

    /// Each segment as a rectangle of the stroke's width, with a disc at every joint.
    private mutating func strokeLines(_ points: [Drawing.Point], width: Double, _ color: Color) {
        guard points.count >= 2 else { return }
        let half = width / 2
        for index in 0..<(points.count - 1) {
            let a = points[index], b = points[index + 1]
            let length = ((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y)).squareRoot()
            guard length > 0 else { continue }
            // A hairline still covers the pixel row or column it passes through.
            let spread = max(half, 0.5)
            let nx = -(b.y - a.y) / length * spread, ny = (b.x - a.x) / length * spread
            fillPolygon(
                [
                    Drawing.Point(a.x + nx, a.y + ny), Drawing.Point(b.x + nx, b.y + ny),
                    Drawing.Point(b.x - nx, b.y - ny), Drawing.Point(a.x - nx, a.y - ny),
                ], color)
        }
        if half > 1 { for joint in points { fillCircle(joint, half, inner: nil, color) } }
    }

    private mutating func fillCircle(_ center: Drawing.Point, _ radius: Double, inner: Double?, _ color: Color) {
        let top = max(0, Int(center.y - radius)), bottom = min(height - 1, Int(center.y + radius))
        let left = max(0, Int(center.x - radius)), right = min(width - 1, Int(center.x + radius))
        guard top <= bottom, left <= right else { return }
        for row in top...bottom {
            for column in left...right {
                let dx = Double(column) + 0.5 - center.x, dy = Double(row) + 0.5 - center.y
                let distance = (dx * dx + dy * dy).squareRoot()
                if distance <= radius, distance >= (inner ?? -1) { set(column, row, color) }
            }
        }
    }

    /// The pixel font, each font dot `pixelsPerDot` pixels square, the baseline at `at.y`.
    private mutating func text(
        _ string: String, at: Drawing.Point, anchor: Drawing.Anchor, pixelsPerDot dot: Int, bold: Bool, _ color: Color
    ) {
        let advance = PixelFont.cellWidth * dot + (bold ? 1 : 0)
        let total = Double(string.count * advance - dot)
        var x: Int
        switch anchor {
        case .start: x = Int(at.x.rounded())
        case .middle: x = Int((at.x - total / 2).rounded())
        case .end: x = Int((at.x - total).rounded())
        }
        let top = Int(at.y.rounded()) - PixelFont.ascent * dot
        for character in string {
            for (rowIndex, bits) in PixelFont.rows(of: character).enumerated() {
                for column in 0..<5 where bits & (1 << (4 - column)) != 0 {
                    for dy in 0..<dot {
                        for dx in 0..<(dot + (bold ? 1 : 0)) {
                            set(x + column * dot + dx, top + rowIndex * dot + dy, color)
                        }
                    }
                }
            }
            x += advance
        }
    }
}
