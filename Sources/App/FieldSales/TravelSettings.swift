import FieldRoutes
import Foundation
import SalesPulseCore

/// How far roads wind and how fast reps go, per travel mode: the estimate used for every
/// distance and travel time. Admins set them; these defaults suit a city.
struct TravelSettings: Codable, Equatable, Sendable {
    var car = TravelModel.car
    var walking = TravelModel.walking
    var publicTransport = TravelModel.publicTransport

    init() {}

    /// The modes an update names replace these; the rest stay.
    func updated(by update: TravelUpdate) -> TravelSettings {
        var result = self
        if let car = update.car { result.car = car }
        if let walking = update.walking { result.walking = walking }
        if let publicTransport = update.publicTransport { result.publicTransport = publicTransport }
        return result
    }

    var asUpdate: TravelUpdate { TravelUpdate(car: car, walking: walking, publicTransport: publicTransport) }

    static let roadFactors = 1.0...3.0
    static let speeds = 1.0...200.0

    func validated() throws -> TravelSettings {
        for (mode, model) in [(TravelMode.car, car), (.walking, walking), (.publicTransport, publicTransport)] {
            guard Self.roadFactors.contains(model.roadFactor), Self.speeds.contains(model.speedKmh) else {
                throw DomainError.invalid(
                    field: "travel",
                    "\(mode.label): the road factor goes from 1 to 3 and the average speed from 1 to 200 km/h.")
            }
        }
        return self
    }

    mutating func set(_ mode: TravelMode, _ model: TravelModel) {
        switch mode {
        case .car: car = model
        case .walking: walking = model
        case .publicTransport: publicTransport = model
        }
    }

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

/// Travel settings as the API sends and reads them: a mode left out or null keeps its figures.
struct TravelUpdate: Codable, Equatable, Sendable {
    var car: TravelModel?
    var walking: TravelModel?
    var publicTransport: TravelModel?
}
