import Foundation

/// A place on Earth in decimal degrees.
public struct GeoPoint: Sendable, Equatable, Hashable, Codable {
    public let latitude: Double
    public let longitude: Double

    public init(latitude: Double, longitude: Double) {
        self.latitude = latitude
        self.longitude = longitude
    }

    /// Mean Earth radius (IUGG), in metres.
    public static let earthRadius = 6_371_008.8

    /// Great-circle distance in metres. The haversine form stays accurate for points close
    /// together, and the longitude difference wraps, so points either side of the
    /// antimeridian are near.
    public func distance(to other: GeoPoint) -> Double {
        let lat1 = latitude * .pi / 180, lat2 = other.latitude * .pi / 180
        let dLat = lat2 - lat1
        let dLon = (other.longitude - longitude) * .pi / 180
        let h = sin(dLat / 2) * sin(dLat / 2) + cos(lat1) * cos(lat2) * sin(dLon / 2) * sin(dLon / 2)
        return 2 * Self.earthRadius * asin(min(1, sqrt(h)))
    }
}
