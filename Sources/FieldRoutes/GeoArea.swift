import Foundation

/// A territory drawn on the map: the corners of a polygon, in the order they were drawn.
/// A place is inside by the even-odd rule on longitude and latitude, which is what a person
/// sees on the map for areas the size of a sales territory. Longitudes are unwrapped from the
/// first corner, so an area drawn across the antimeridian (Fiji, the Bering Strait) holds the
/// places on both sides of it.
public struct GeoArea: Sendable, Equatable {
    public let corners: [GeoPoint]

    /// The most corners an area may have: enough for a careful outline of a city district.
    public static let mostCorners = 200

    public enum Invalid: Error, Equatable, CustomStringConvertible {
        case tooFewCorners(Int)
        case tooManyCorners(Int)
        case unreadable(line: Int, text: String)
        case outOfRange(corner: Int)

        public var description: String {
            switch self {
            case .tooFewCorners(let count):
                "An area needs at least 3 corners; \(count == 0 ? "none were" : count == 1 ? "1 was" : "\(count) were") given."
            case .tooManyCorners(let count):
                "An area can have at most \(GeoArea.mostCorners) corners; \(count) were given."
            case .unreadable(let line, let text):
                "Corner \(line) (“\(text)”) is not a latitude and a longitude, as in “52.5200, 13.4050”."
            case .outOfRange(let corner):
                "Corner \(corner) is off the map: latitude runs from -90 to 90, longitude from -180 to 180."
            }
        }
    }

    public init(corners: [GeoPoint]) throws(Invalid) {
        guard corners.count >= 3 else { throw .tooFewCorners(corners.count) }
        guard corners.count <= Self.mostCorners else { throw .tooManyCorners(corners.count) }
        for (index, corner) in corners.enumerated() {
            guard (-90...90).contains(corner.latitude), (-180...180).contains(corner.longitude) else {
                throw .outOfRange(corner: index + 1)
            }
        }
        self.corners = corners
    }

    /// Corners typed or picked on the page: one "latitude, longitude" per line (or separated
    /// by semicolons); blank lines are ignored.
    public static func parse(_ text: String) throws(Invalid) -> GeoArea {
        // A browser sends a text box's line ends as CR LF, one Character in Swift, not "\n".
        let lines = text.split(whereSeparator: { $0.isNewline || $0 == ";" })
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        var corners: [GeoPoint] = []
        for (index, line) in lines.enumerated() {
            let parts = line.split(whereSeparator: { $0 == "," || $0 == " " }).filter { !$0.isEmpty }
            guard parts.count == 2, let latitude = Double(parts[0]), let longitude = Double(parts[1]),
                latitude.isFinite, longitude.isFinite
            else { throw .unreadable(line: index + 1, text: line) }
            corners.append(GeoPoint(latitude: latitude, longitude: longitude))
        }
        return try GeoArea(corners: corners)
    }

    /// The corners as the page shows them: one "latitude, longitude" per line, 6 decimals.
    public var text: String {
        corners.map { String(format: "%.6f, %.6f", $0.latitude, $0.longitude) }.joined(separator: "\n")
    }

    /// Longitudes that never jump by more than half the globe from one corner to the next.
    private var unwrapped: [(x: Double, y: Double)] {
        var previous = corners[0].longitude
        return corners.map { corner in
            var longitude = corner.longitude
            while longitude - previous > 180 { longitude -= 360 }
            while longitude - previous < -180 { longitude += 360 }
            previous = longitude
            return (longitude, corner.latitude)
        }
    }

    public func contains(_ point: GeoPoint) -> Bool {
        let ring = unwrapped
        let west = ring.map(\.x).min()!
        // The point's longitude taken into the area's own unwrapped range.
        var x = point.longitude
        while x < west { x += 360 }
        while x >= west + 360 { x -= 360 }
        let y = point.latitude
        var inside = false
        var j = ring.count - 1
        for i in ring.indices {
            let (xi, yi) = ring[i], (xj, yj) = ring[j]
            if (yi > y) != (yj > y), x < (xj - xi) * (y - yi) / (yj - yi) + xi {
                inside.toggle()
            }
            j = i
        }
        return inside
    }

    /// The middle of the corners, where the area's name is written on the map.
    public var centre: GeoPoint {
        let ring = unwrapped
        var longitude = ring.map(\.x).reduce(0, +) / Double(ring.count)
        while longitude > 180 { longitude -= 360 }
        while longitude < -180 { longitude += 360 }
        return GeoPoint(latitude: ring.map(\.y).reduce(0, +) / Double(ring.count), longitude: longitude)
    }
}
