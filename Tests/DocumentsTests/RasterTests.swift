@testable import Documents
import Foundation
import Testing
import ZIPFoundation

@Suite struct RasterTests {
    let blue = Color.toneBlue

    @Test func shapesFillThePixelsWhoseCentresTheyCover() {
        var drawing = Drawing(width: 20, height: 24, title: "known answer")
        drawing.add(.rect(x: 2, y: 2, width: 4, height: 4), fill: blue)
        drawing.add(.line(Drawing.Point(0, 10), Drawing.Point(20, 10)), stroke: .bad)
        drawing.add(.circle(center: Drawing.Point(15, 4), radius: 3), fill: .good)
        drawing.text("1", 0, 22, size: 9, color: .ink)
        let raster = Raster(drawing, scale: 1)
        #expect(raster.width == 20 && raster.height == 24)
        // the rectangle covers columns and rows 2 to 5, nothing around it
        #expect(raster.color(x: 2, y: 2) == blue && raster.color(x: 5, y: 5) == blue)
        #expect(raster.color(x: 1, y: 3) == .white && raster.color(x: 6, y: 3) == .white)
        #expect(raster.color(x: 3, y: 6) == .white)
        // a hairline still shows, one pixel row, across the width
        #expect((0..<20).allSatisfy { raster.color(x: $0, y: 9) == .bad })
        #expect(raster.color(x: 10, y: 11) == .white)
        // the circle's centre and edge
        #expect(raster.color(x: 15, y: 4) == .good && raster.color(x: 15, y: 0) == .white)
        #expect(raster.color(x: 11, y: 4) == .white)
        // "1" of the pixel font, baseline at 22: its top dot at column 2, row 15; its foot row 21
        #expect(raster.color(x: 2, y: 15) == .ink && raster.color(x: 0, y: 15) == .white)
        #expect((1...3).allSatisfy { raster.color(x: $0, y: 21) == .ink })
    }

    @Test func textAnchorsAtItsStartMiddleOrEnd() {
        for (anchor, x) in [(Drawing.Anchor.start, 10.0), (.middle, 30.0), (.end, 50.0)] {
            var drawing = Drawing(width: 60, height: 12, title: "")
            drawing.add(.text("II", at: Drawing.Point(x, 10), anchor: anchor, size: 9, bold: false), fill: .ink)
            let raster = Raster(drawing, scale: 1)
            let inked = (0..<60).filter { column in (0..<12).contains { raster.color(x: column, y: $0) == .ink } }
            // "II" is 11 pixels wide: two glyphs of 5 and one pixel between them
            let first = try? #require(inked.first), last = inked.last
            switch anchor {
            case .start: #expect(first == 11 && last == 19, "\(inked)")
            case .middle: #expect(first == 26 && last == 34, "\(inked)")
            case .end: #expect(first == 40 && last == 48, "\(inked)")
            }
        }
    }

    @Test func accentsAndUnknownCharactersStillDraw() {
        #expect(PixelFont.rows(of: "é") == PixelFont.rows(of: "e"))
        #expect(PixelFont.rows(of: "漢") == PixelFont.rows(of: "?"))
        #expect(PixelFont.rows(of: "g").count == 9 && PixelFont.rows(of: "A").count == 7)
    }

    @Test func pngHoldsTheRasterAsItsStandardSays() throws {
        var drawing = Drawing(width: 7, height: 3, title: "")
        drawing.add(.rect(x: 0, y: 1, width: 7, height: 1), fill: blue)
        let raster = Raster(drawing, scale: 1)
        let png = try PNGWriter.png(raster)
        #expect(png.prefix(8) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        var chunks: [String: [UInt8]] = [:]
        var offset = 8
        while offset < png.count {
            let length = png[offset..<(offset + 4)].reduce(0) { $0 << 8 | Int($1) }
            let type = String(decoding: png[(offset + 4)..<(offset + 8)], as: UTF8.self)
            let data = Array(png[(offset + 8)..<(offset + 8 + length)])
            let crc = png[(offset + 8 + length)..<(offset + 12 + length)].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            #expect(crc == CRC32.checksum(Array(type.utf8) + data), "\(type)")
            chunks[type] = data
            offset += 12 + length
        }
        #expect(chunks["IHDR"] == [0, 0, 0, 7, 0, 0, 0, 3, 8, 2, 0, 0, 0])
        #expect(chunks["IEND"] == [])
        let stream = try #require(chunks["IDAT"])
        #expect(stream.prefix(2) == [0x78, 0x9C])
        let deflated = Data(stream.dropFirst(2).dropLast(4))
        var rows = Data()
        _ = try Data.decompress(
            size: Int64(deflated.count), bufferSize: 4096, skipCRC32: true,
            provider: { position, size in
                deflated.subdata(in: Int(position)..<min(Int(position) + size, deflated.count))
            },
            consumer: { rows.append($0) })
        let expected = (0..<3).flatMap { row in [UInt8(0)] + raster.pixels[(row * 21)..<((row + 1) * 21)] }
        #expect(Array(rows) == expected)
        #expect(Array(rows[23...25]) == [blue.red, blue.green, blue.blue], "row 1, after its filter byte, is the bar")
        let adler = stream.suffix(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        #expect(adler == PNGWriter.adler32(expected))
        #expect(PNGWriter.adler32(Array("Wikipedia".utf8)) == 0x11E6_0398, "the known answer")
    }
}
