import FieldRoutes
import Foundation

/// How far roads wind and how fast reps go, per travel mode: the estimate used for every
/// distance and travel time. Admins set them; these defaults suit a city.
struct TravelSettings: Codable, Equatable, Sendable {
    var car = TravelModel.car
    var walking = TravelModel.walking
    var publicTransport = TravelModel.publicTransport

    func model(_ mode: TravelMode) -> TravelModel {
        switch mode {
        case .car: car
        case .walking: walking
        case .publicTransport: publicTransport
        }
    }
}

extension CompanySettings {
    func travel() async throws -> TravelSettings {
        guard let text = try await value(.travel),
            let settings = try? JSONDecoder().decode(TravelSettings.self, from: Data(text.utf8))
        else { return TravelSettings() }
        return settings
    }

    func setTravel(_ settings: TravelSettings) async throws {
        try await set(.travel, to: String(decoding: try JSONEncoder().encode(settings), as: UTF8.self))
    }
}
