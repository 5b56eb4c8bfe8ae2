import Foundation

/// Where the demo company's customers are: each rep works the metro area of one city, and an
/// account's spot in it derives from its id, so the same account is always in the same place.
public enum DemoPlaces {
    public struct City: Sendable {
        public let name: String
        public let latitude: Double
        public let longitude: Double
    }

    public static let cities = [
        City(name: "Chicago", latitude: 41.8781, longitude: -87.6298),
        City(name: "Houston", latitude: 29.7604, longitude: -95.3698),
        City(name: "New York", latitude: 40.7128, longitude: -74.0060),
        City(name: "San Francisco", latitude: 37.7749, longitude: -122.4194),
    ]

    static let streets = ["Main Street", "Oak Avenue", "Lake Drive", "Market Street", "Park Road", "Elm Street"]

    public struct Place: Sendable, Equatable {
        public let latitude: Double
        public let longitude: Double
        public let address: String
    }

    public static func place(of id: UUID, repIndex: Int) -> Place {
        let city = cities[repIndex % cities.count]
        let bytes = id.uuid
        let a = Double(UInt16(bytes.0) << 8 | UInt16(bytes.1)) / 65_535 - 0.5
        let b = Double(UInt16(bytes.2) << 8 | UInt16(bytes.3)) / 65_535 - 0.5
        let number = Int(bytes.4) * 4 + 1
        return Place(
            latitude: ((city.latitude + a * 0.3) * 1_000_000).rounded() / 1_000_000,
            longitude: ((city.longitude + b * 0.4) * 1_000_000).rounded() / 1_000_000,
            address: "\(number) \(streets[Int(bytes.5) % streets.count]), \(city.name)")
    }
}
