import FieldRoutes
import Foundation
import NIOCore
import Vapor

/// Road distances and travel times from an OSRM-compatible table service. Asks in blocks so
/// that no request names more than `blockSize` × 2 places (OSRM's table limit is 100 by
/// default); a pair the server cannot route keeps the estimate.
struct RoadRouter {
    let client: any Client
    let baseURL: String
    var blockSize = 50
    var timeout: TimeAmount = .seconds(5)

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    private struct Table: Decodable {
        let code: String
        let durations: [[Double?]]?
        let distances: [[Double?]]?
    }

    func matrix(_ points: [GeoPoint], estimate: TravelMatrix) async throws -> TravelMatrix {
        var metres = estimate.metres, seconds = estimate.seconds
        let blocks = stride(from: 0, to: points.count, by: blockSize).map {
            Array($0..<min($0 + blockSize, points.count))
        }
        for sources in blocks {
            for destinations in blocks {
                let places = sources + destinations.filter { !sources.contains($0) }
                let table = try await ask(
                    places.map { points[$0] }, sources: sources.count,
                    destinations: destinations.map { places.firstIndex(of: $0)! })
                for (row, source) in sources.enumerated() {
                    for (column, destination) in destinations.enumerated() where source != destination {
                        if let value = table.durations?[safe: row]?[safe: column] ?? nil {
                            seconds[source][destination] = value
                        }
                        if let value = table.distances?[safe: row]?[safe: column] ?? nil {
                            metres[source][destination] = value
                        }
                    }
                }
            }
        }
        return TravelMatrix(metres: metres, seconds: seconds)
    }

    private func ask(_ places: [GeoPoint], sources: Int, destinations: [Int]) async throws -> Table {
        let coordinates = places.map { "\($0.longitude),\($0.latitude)" }.joined(separator: ";")
        let url =
            baseURL.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
            + "/table/v1/driving/\(coordinates)?annotations=duration,distance"
            + "&sources=\((0..<sources).map(String.init).joined(separator: ";"))"
            + "&destinations=\(destinations.map(String.init).joined(separator: ";"))"
        let response = try await client.get(URI(string: url)) { $0.timeout = timeout }
        guard response.status == .ok else {
            throw Failure(description: "The routing server answered \(response.status.code).")
        }
        let table = try response.content.decode(Table.self, using: JSONDecoder())
        guard table.code == "Ok" else { throw Failure(description: "The routing server said \(table.code).") }
        return table
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
