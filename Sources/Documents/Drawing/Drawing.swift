/// A picture as a list of simple shapes in points, top-left origin: what the chart types
/// produce and what the SVG and PDF writers both render, so a chart looks the same in both.
public struct Drawing: Sendable, Equatable {
    public struct Point: Sendable, Equatable {
        public var x: Double
        public var y: Double
        public init(_ x: Double, _ y: Double) { self.x = x; self.y = y }
    }

    public enum Anchor: String, Sendable { case start, middle, end }

    public enum Shape: Sendable, Equatable {
        case rect(x: Double, y: Double, width: Double, height: Double)
        case line(Point, Point)
        case polyline([Point])
        case polygon([Point])
        case circle(center: Point, radius: Double)
        case text(String, at: Point, anchor: Anchor, size: Double, bold: Bool)
        /// A picture fetched by whoever shows the drawing (a map tile): drawn in SVG only.
        case image(href: String, x: Double, y: Double, width: Double, height: Double)
    }

    public struct Item: Sendable, Equatable {
        public var shape: Shape
        public var fill: Color?
        public var stroke: Color?
        public var strokeWidth: Double
        /// Shown on hover in SVG (`<title>`), so every mark can say what it is worth.
        public var tooltip: String?
        /// Where a click on the mark goes: the records behind it.
        public var link: String?

        public init(
            _ shape: Shape, fill: Color? = nil, stroke: Color? = nil, strokeWidth: Double = 1, tooltip: String? = nil,
            link: String? = nil
        ) {
            self.shape = shape
            self.fill = fill
            self.stroke = stroke
            self.strokeWidth = strokeWidth
            self.tooltip = tooltip
            self.link = link
        }
    }

    public let width: Double
    public let height: Double
    /// The accessible name of the picture.
    public let title: String
    public private(set) var items: [Item] = []

    public init(width: Double, height: Double, title: String) {
        self.width = width
        self.height = height
        self.title = title
    }

    public mutating func add(_ item: Item) { items.append(item) }

    public mutating func add(
        _ shape: Shape, fill: Color? = nil, stroke: Color? = nil, strokeWidth: Double = 1, tooltip: String? = nil,
        link: String? = nil
    ) {
        items.append(Item(shape, fill: fill, stroke: stroke, strokeWidth: strokeWidth, tooltip: tooltip, link: link))
    }

    public mutating func text(
        _ string: String, _ x: Double, _ y: Double, anchor: Anchor = .start, size: Double = 11, bold: Bool = false,
        color: Color = .ink
    ) {
        add(.text(string, at: Point(x, y), anchor: anchor, size: size, bold: bold), fill: color)
    }
}

/// An sRGB colour.
public struct Color: Sendable, Equatable {
    public let red: UInt8, green: UInt8, blue: UInt8

    public init(_ red: UInt8, _ green: UInt8, _ blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    public var hex: String {
        "#"
            + [red, green, blue].map { value in
                let digits = String(value, radix: 16)
                return digits.count == 1 ? "0" + digits : digits
            }.joined()
    }

    public static let ink = Color(0x1f, 0x29, 0x37)
    public static let muted = Color(0x6b, 0x72, 0x80)
    public static let grid = Color(0xe5, 0xe7, 0xeb)
    public static let white = Color(0xff, 0xff, 0xff)
    public static let good = Color(0x16, 0xa3, 0x4a)
    public static let warning = Color(0xf5, 0x9e, 0x0b)
    public static let bad = Color(0xdc, 0x26, 0x26)
    /// The badge tones' strong shades, for marks that stand for a status or stage.
    public static let toneBlue = Color(0x25, 0x63, 0xeb)
    public static let toneViolet = Color(0x7c, 0x3a, 0xed)
    public static let toneTeal = Color(0x0d, 0x94, 0x88)
    public static let toneOrange = Color(0xea, 0x8a, 0x0c)

    /// Series colours, distinguishable for the common kinds of colour blindness.
    public static let palette: [Color] = [
        Color(0x25, 0x63, 0xeb), Color(0xf9, 0x73, 0x16), Color(0x0d, 0x94, 0x88), Color(0xa8, 0x55, 0xf7),
        Color(0xe1, 0x1d, 0x48), Color(0x84, 0xcc, 0x16), Color(0x0e, 0xa5, 0xe9), Color(0x78, 0x71, 0x6c),
    ]

    public static func series(_ index: Int) -> Color { palette[index % palette.count] }
}
