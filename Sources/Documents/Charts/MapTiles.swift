import Foundation

/// Map tiles from an XYZ server (`https://tiles.example/{z}/{x}/{y}.png`) laid under a
/// Web Mercator picture: the zoom whose tiles come closest to 256 points wide, and every tile
/// the picture shows, at most `mostTiles`.
public struct MapTiles: Sendable, Equatable {
    public let template: String
    /// Who the map data belongs to, printed in the corner as tile servers ask.
    public let attribution: String

    public static let mostTiles = 48

    public init?(template: String, attribution: String) {
        guard
            let url = URL(
                string: template.replacingOccurrences(of: "{", with: "").replacingOccurrences(of: "}", with: "")),
            ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host != nil,
            ["{z}", "{x}", "{y}"].allSatisfy(template.contains)
        else { return nil }
        self.template = template
        self.attribution = attribution
    }

    /// The scheme, host and port tiles come from: what a page's content policy must allow.
    public var origin: String {
        let url = URL(string: template.replacingOccurrences(of: "{", with: "").replacingOccurrences(of: "}", with: ""))!
        return "\(url.scheme!.lowercased())://\(url.host!)" + (url.port.map { ":\($0)" } ?? "")
    }

    public func url(zoom: Int, x: Int, y: Int) -> String {
        template.replacingOccurrences(of: "{z}", with: String(zoom)).replacingOccurrences(of: "{x}", with: String(x))
            .replacingOccurrences(of: "{y}", with: String(y))
    }

    public struct Tile: Sendable, Equatable {
        public let zoom: Int, x: Int, y: Int
        public let left: Double, top: Double, size: Double
    }

    /// The tiles covering a `width` × `height` picture where world coordinates (0…1 across,
    /// 0…1 down) map to points as `offset + coordinate × scale`.
    public static func tiles(
        width: Double, height: Double, scale: Double, offsetX: Double, offsetY: Double
    ) -> [Tile] {
        guard scale > 0, scale.isFinite else { return [] }
        var zoom = min(max(Int(log2(scale / 256).rounded()), 0), 19)
        while true {
            let count = Double(1 << zoom), size = scale / count
            let columns = range((0 - offsetX) / size, (width - offsetX) / size, count)
            let rows = range((0 - offsetY) / size, (height - offsetY) / size, count)
            if zoom > 0, columns.count * rows.count > mostTiles {
                zoom -= 1
                continue
            }
            return rows.flatMap { y in
                columns.map { x in
                    Tile(
                        zoom: zoom, x: x, y: y, left: offsetX + Double(x) * size, top: offsetY + Double(y) * size,
                        size: size)
                }
            }
        }
    }

    private static func range(_ from: Double, _ to: Double, _ count: Double) -> [Int] {
        let first = max(Int(from.rounded(.down)), 0), last = min(Int(to.rounded(.down)), Int(count) - 1)
        return first <= last ? Array(first...last) : []
    }
}
