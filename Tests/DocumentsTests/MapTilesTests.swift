@testable import Documents
import Foundation
import Testing

@Suite struct MapTilesTests {
    let tiles = MapTiles(template: "https://tiles.example.org:8443/{z}/{x}/{y}.png", attribution: "© Example")!

    @Test func berlinAtZoomTenIsTheTileEveryMapShowsForIt() throws {
        // Web Mercator: Berlin (52.52° N, 13.405° E) lies in tile 550/335 at zoom 10
        let latitude = 52.52 * .pi / 180
        let x = (13.405 + 180) / 360, y = (1 - log(tan(latitude) + 1 / cos(latitude)) / .pi) / 2
        let scale = 256.0 * 1024
        let found = MapTiles.tiles(
            width: 600, height: 400, scale: scale, offsetX: 300 - x * scale, offsetY: 200 - y * scale)
        #expect(found.allSatisfy { $0.zoom == 10 && $0.size == 256 })
        let berlin = try #require(found.first { $0.x == 550 && $0.y == 335 }, "\(found)")
        #expect(berlin.left <= 300 && 300 < berlin.left + 256 && berlin.top <= 200 && 200 < berlin.top + 256)
        // 600 × 400 points of 256-point tiles: 3 or 4 columns, 2 or 3 rows, no more
        #expect((6...12).contains(found.count), "\(found.count)")
        #expect(tiles.url(zoom: 10, x: 550, y: 335) == "https://tiles.example.org:8443/10/550/335.png")
        #expect(tiles.origin == "https://tiles.example.org:8443")
    }

    @Test func aWideViewTakesAFewLargerTilesAndTheWorldEndsAtItsEdges() {
        let whole = MapTiles.tiles(width: 4000, height: 4000, scale: 256 * 64, offsetX: 0, offsetY: 0)
        #expect(whole.count <= MapTiles.mostTiles && !whole.isEmpty)
        #expect(whole.allSatisfy { $0.x >= 0 && $0.y >= 0 && $0.x < 1 << $0.zoom && $0.y < 1 << $0.zoom })
        let world = MapTiles.tiles(width: 256, height: 256, scale: 256, offsetX: 0, offsetY: 0)
        #expect(world == [MapTiles.Tile(zoom: 0, x: 0, y: 0, left: 0, top: 0, size: 256)])
    }

    @Test func onlyAnHTTPTemplateWithAllThreePartsIsATileServer() {
        #expect(MapTiles(template: "ftp://tiles.example.org/{z}/{x}/{y}.png", attribution: "") == nil)
        #expect(MapTiles(template: "https://tiles.example.org/{z}/{x}.png", attribution: "") == nil)
        #expect(MapTiles(template: "tiles/{z}/{x}/{y}.png", attribution: "") == nil)
    }

    @Test func aMapWithTilesDrawsThemUnderThePlacesWithTheirAttribution() {
        let places = [
            PlaceMap.Place(label: "A", latitude: 41.89, longitude: -87.63, color: .toneBlue),
            PlaceMap.Place(label: "B", latitude: 41.85, longitude: -87.65, color: .toneBlue),
        ]
        let svg = SVGWriter.svg(PlaceMap.draw(title: "Map", places: places, tiles: tiles))
        let image = svg.range(of: "<image href=\"https://tiles.example.org:8443/")
        let firstPlace = svg.range(of: "<circle")
        #expect(image != nil && firstPlace != nil && image!.lowerBound < firstPlace!.lowerBound)
        #expect(svg.contains("© Example"))
        #expect(!SVGWriter.svg(PlaceMap.draw(title: "Map", places: places)).contains("<image"))
    }
}
