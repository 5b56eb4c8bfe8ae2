import Foundation
import ZIPFoundation

/// A raster as a PNG file: 8-bit RGB, no interlacing, every row filtered "none", the image
/// data compressed with deflate in a zlib stream.
public enum PNGWriter {
    public static func png(_ raster: Raster) throws -> [UInt8] {
        var rows = [UInt8]()
        rows.reserveCapacity((raster.width * 3 + 1) * raster.height)
        for row in 0..<raster.height {
            rows.append(0)
            rows += raster.pixels[(row * raster.width * 3)..<((row + 1) * raster.width * 3)]
        }
        var header = bigEndian(UInt32(raster.width)) + bigEndian(UInt32(raster.height))
        header += [8, 2, 0, 0, 0]
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + chunk("IHDR", header)
            + chunk("IDAT", try zlib(rows)) + chunk("IEND", [])
    }

    public static func png(_ drawing: Drawing, scale: Double = 2) throws -> [UInt8] {
        try png(Raster(drawing, scale: scale))
    }

    /// A zlib stream: its two-byte header, the raw deflate data, and the Adler-32 of the input.
    static func zlib(_ bytes: [UInt8]) throws -> [UInt8] {
        let data = Data(bytes)
        var deflated = Data()
        _ = try Data.compress(
            size: Int64(data.count), bufferSize: 64 * 1024,
            provider: { position, size in data.subdata(in: Int(position)..<(Int(position) + size)) },
            consumer: { deflated.append($0) })
        return [0x78, 0x9C] + Array(deflated) + bigEndian(adler32(bytes))
    }

    static func adler32(_ bytes: [UInt8]) -> UInt32 {
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in bytes {
            a = (a + UInt32(byte)) % 65_521
            b = (b + a) % 65_521
        }
        return (b << 16) | a
    }

    private static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let typed = Array(type.utf8) + data
        return bigEndian(UInt32(data.count)) + typed + bigEndian(CRC32.checksum(typed))
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        (0..<4).reversed().map { UInt8((value >> (8 * $0)) & 0xff) }
    }
}
