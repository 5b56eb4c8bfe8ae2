import Testing

@testable import FieldRoutes

@Suite("Territories drawn as areas")
struct GeoAreaTests {
    func point(_ latitude: Double, _ longitude: Double) -> GeoPoint {
        GeoPoint(latitude: latitude, longitude: longitude)
    }

    @Test func placesInsideAndOutsideASquareAndAnLShape() throws {
        // central Berlin, roughly Mitte
        let square = try GeoArea(corners: [
            point(52.50, 13.35), point(52.50, 13.45), point(52.55, 13.45), point(52.55, 13.35),
        ])
        #expect(square.contains(point(52.52, 13.405)))  // Alexanderplatz area
        #expect(!square.contains(point(52.48, 13.40)))  // south of it
        #expect(!square.contains(point(52.52, 13.50)))  // east of it
        // an L: the notch at the top right is outside although it is within the corners' box
        let shape = try GeoArea(corners: [point(0, 0), point(0, 4), point(2, 4), point(2, 2), point(4, 2), point(4, 0)])
        #expect(shape.contains(point(1, 3)))
        #expect(shape.contains(point(3, 1)))
        #expect(!shape.contains(point(3, 3)))
        #expect(shape.centre == point(2, 2))
    }

    @Test func anAreaAcrossTheAntimeridianHoldsBothSides() throws {
        // around Fiji's Taveuni, drawn from 179.5°E to 179.5°W
        let fiji = try GeoArea(corners: [point(-17, 179.5), point(-17, -179.5), point(-16, -179.5), point(-16, 179.5)])
        #expect(fiji.contains(point(-16.5, 179.9)))
        #expect(fiji.contains(point(-16.5, -179.9)))
        #expect(!fiji.contains(point(-16.5, 0)))
        #expect(!fiji.contains(point(-16.5, 178)))
        #expect(abs(fiji.centre.longitude) == 180)
    }

    @Test func typedCornersAreReadAndBadOnesNamed() throws {
        let area = try GeoArea.parse("52.5, 13.35\n52.5 13.45;52.55, 13.45\n\n52.55,13.35\n")
        #expect(area.corners.count == 4)
        #expect(area.corners[1] == point(52.5, 13.45))
        #expect(area.text.hasPrefix("52.500000, 13.350000\n52.500000, 13.450000"))
        #expect(try GeoArea.parse(area.text) == area)
        // as a browser sends a text box: lines ending in CR LF
        #expect(
            try GeoArea.parse("52.5, 13.35\r\n52.5, 13.45\r\n52.55, 13.45\r\n")
                == GeoArea.parse("52.5, 13.35\n52.5, 13.45\n52.55, 13.45"))
        #expect(throws: GeoArea.Invalid.tooFewCorners(2)) { try GeoArea.parse("1, 1\n2, 2") }
        #expect(throws: GeoArea.Invalid.tooFewCorners(0)) { try GeoArea.parse("  ") }
        #expect(throws: GeoArea.Invalid.unreadable(line: 2, text: "north of here")) {
            try GeoArea.parse("1, 1\nnorth of here\n3, 3")
        }
        #expect(throws: GeoArea.Invalid.outOfRange(corner: 3)) { try GeoArea.parse("1, 1\n2, 2\n91, 3") }
        let many = (0...GeoArea.mostCorners).map { "\(Double($0) / 1000), 1" }.joined(separator: "\n")
        #expect(throws: GeoArea.Invalid.tooManyCorners(GeoArea.mostCorners + 1)) { try GeoArea.parse(many) }
        #expect(GeoArea.Invalid.tooFewCorners(1).description == "An area needs at least 3 corners; 1 was given.")
    }
}
