import Foundation

/// Places on a map projected from their coordinates (Web Mercator, so it lines up with map
/// tiles when there are any), with a route drawn through the stops in order. Works with no
/// tiles at all: the places and the route are the map.
public enum PlaceMap {
    public struct Place: Sendable, Equatable {
        public let label: String
        public let latitude: Double
        public let longitude: Double
        public let color: Color
        /// Shown inside the marker: the stop's number on a route.
        public let badge: String?
        public let link: String?

        public init(
            label: String, latitude: Double, longitude: Double, color: Color, badge: String? = nil, link: String? = nil
        ) {
            self.label = label
            self.latitude = latitude
            self.longitude = longitude
            self.color = color
            self.badge = badge
            self.link = link
        }
    }

    /// A territory: its outline and its name written in the middle.
    public struct Area: Sendable {
        public let label: String
        public let corners: [(latitude: Double, longitude: Double)]

        public init(label: String, corners: [(latitude: Double, longitude: Double)]) {
            self.label = label
            self.corners = corners
        }
    }

    public static let margin = 28.0

    /// `route` lists indexes into `places` in travelling order.
    public static func draw(
        title: String, places: [Place], route: [Int] = [], areas: [Area] = [], width: Double = 640,
        height: Double = 420, tiles: MapTiles? = nil
    ) -> Drawing {
        var drawing = Drawing(width: width, height: height, title: title)
        drawing.add(.rect(x: 0, y: 0, width: width, height: height), fill: Color(0xf1, 0xf5, 0xf9))
        guard let projection = projection(places: places, areas: areas, width: width, height: height) else {
            drawing.text(
                "No places with a location yet", width / 2, height / 2, anchor: .middle, size: 14, color: .muted)
            return drawing
        }
        if let tiles {
            for tile in MapTiles.tiles(
                width: width, height: height, scale: projection.scale, offsetX: projection.offsetX,
                offsetY: projection.offsetY)
            {
                drawing.add(
                    .image(
                        href: tiles.url(zoom: tile.zoom, x: tile.x, y: tile.y), x: tile.left, y: tile.top,
                        width: tile.size, height: tile.size))
            }
            let label = min(width, Double(tiles.attribution.count) * 5.6 + 12)
            drawing.add(.rect(x: width - label, y: height - 18, width: label, height: 18), fill: .white)
            drawing.text(tiles.attribution, width - 6, height - 5, anchor: .end, size: 10, color: .muted)
        }
        for area in areas {
            let points = area.corners.map { projection.point(latitude: $0.latitude, longitude: $0.longitude) }
            drawing.add(.polygon(points), stroke: Color.toneBlue, strokeWidth: 2, tooltip: area.label)
            let x = points.map(\.x).reduce(0, +) / Double(points.count)
            let y = points.map(\.y).reduce(0, +) / Double(points.count)
            drawing.text(area.label, x, y, anchor: .middle, size: 12, bold: true, color: .toneBlue)
        }
        if route.count > 1 {
            drawing.add(
                .polyline(route.map { projection.point(places[$0]) }), stroke: Color.toneBlue, strokeWidth: 3)
        }
        for place in places {
            let centre = projection.point(place)
            drawing.add(
                .circle(center: centre, radius: place.badge == nil ? 6 : 11), fill: place.color, stroke: .white,
                strokeWidth: 2, tooltip: place.label, link: place.link)
            if let badge = place.badge {
                drawing.text(badge, centre.x, centre.y + 4, anchor: .middle, size: 11, bold: true, color: .white)
            }
        }
        drawing.text("\(places.count) place\(places.count == 1 ? "" : "s")", 8, height - 8, size: 11, color: .muted)
        return drawing
    }

    /// How the map lies in the picture, for pages that turn a tap back into a position; nil
    /// when there is nothing to place.
    public static func projection(
        places: [Place], areas: [Area] = [], width: Double = 640, height: Double = 420
    )
        -> Projection?
    {
        let coordinates =
            places.map { ($0.latitude, $0.longitude) }
            + areas.flatMap { $0.corners.map { ($0.latitude, $0.longitude) } }
        guard !coordinates.isEmpty else { return nil }
        return Projection(coordinates: coordinates, width: width, height: height, margin: margin)
    }

    /// Fits the places into the picture, keeping north up and the same scale both ways: a point
    /// is at `offset + mercator × scale`, Web Mercator running from 0 to 1 across the world.
    public struct Projection: Sendable {
        public let scale: Double
        public let offsetX: Double
        public let offsetY: Double

        init(coordinates: [(Double, Double)], width: Double, height: Double, margin: Double) {
            let xs = coordinates.map { Self.x($0.1) }, ys = coordinates.map { Self.y($0.0) }
            let spanX = max(xs.max()! - xs.min()!, 1e-6), spanY = max(ys.max()! - ys.min()!, 1e-6)
            scale = min((width - 2 * margin) / spanX, (height - 2 * margin) / spanY)
            offsetX = margin + ((width - 2 * margin) - spanX * scale) / 2 - xs.min()! * scale
            offsetY = margin + ((height - 2 * margin) - spanY * scale) / 2 - ys.min()! * scale
        }

        func point(_ place: Place) -> Drawing.Point { point(latitude: place.latitude, longitude: place.longitude) }

        func point(latitude: Double, longitude: Double) -> Drawing.Point {
            Drawing.Point(offsetX + Self.x(longitude) * scale, offsetY + Self.y(latitude) * scale)
        }

        static func x(_ longitude: Double) -> Double { (longitude + 180) / 360 }

        static func y(_ latitude: Double) -> Double {
            let clamped = max(min(latitude, 85.0511), -85.0511) * .pi / 180
            return (1 - log(tan(clamped) + 1 / cos(clamped)) / .pi) / 2
        }
    }
}
