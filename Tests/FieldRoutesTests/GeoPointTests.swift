import Testing

@testable import FieldRoutes

@Suite("Distances on Earth")
struct GeoPointTests {
    @Test func knownDistancesComeOutRight() {
        // Paris – London is about 343.5 km; one degree of longitude at the equator 111.19 km
        let paris = GeoPoint(latitude: 48.8566, longitude: 2.3522)
        let london = GeoPoint(latitude: 51.5074, longitude: -0.1278)
        #expect(abs(paris.distance(to: london) / 1000 - 343.5) < 1.0)
        #expect(
            abs(GeoPoint(latitude: 0, longitude: 0).distance(to: GeoPoint(latitude: 0, longitude: 1)) - 111_195) < 1)
        #expect(paris.distance(to: paris) == 0)
    }

    @Test func theAntimeridianAndThePolesAreNoWall() {
        // two islands either side of 180° are 22 km apart, not half the world
        let west = GeoPoint(latitude: -16.8, longitude: 179.9)
        let east = GeoPoint(latitude: -16.8, longitude: -179.9)
        #expect(west.distance(to: east) < 25_000)
        // at the pole every longitude is the same place
        #expect(GeoPoint(latitude: 90, longitude: 0).distance(to: GeoPoint(latitude: 90, longitude: 120)) < 1e-6)
        // across the pole: 89°N 0° to 89°N 180° is two degrees of latitude
        let across = GeoPoint(latitude: 89, longitude: 0).distance(to: GeoPoint(latitude: 89, longitude: 180))
        #expect(abs(across - 2 * 111_195) < 10)
        // antipodes: half the circumference
        let half = GeoPoint(latitude: 0, longitude: 0).distance(to: GeoPoint(latitude: 0, longitude: 180))
        #expect(abs(half - .pi * GeoPoint.earthRadius) < 1)
    }

    @Test func travelTimeFollowsRoadFactorAndSpeed() {
        let model = TravelModel(roadFactor: 1.5, speedKmh: 30)
        // 10 km straight is 15 km of road, half an hour at 30 km/h
        #expect(abs(model.seconds(10_000) - 1_800) < 1e-9)
        let matrix = model.matrix([GeoPoint(latitude: 0, longitude: 0), GeoPoint(latitude: 0, longitude: 1)])
        #expect(abs(matrix.metres[0][1] - 111_195 * 1.5) < 2 && matrix.seconds[1][0] == matrix.seconds[0][1])
    }
}
