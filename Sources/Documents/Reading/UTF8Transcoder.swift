/// Turns a file's bytes, chunk by chunk, into UTF-8, keeping a character cut in two by a chunk
/// boundary for the next chunk.
public struct UTF8Transcoder: Sendable {
    public let encoding: TextEncoding
    private var carry: [UInt8] = []

    public init(_ encoding: TextEncoding) { self.encoding = encoding }

    public mutating func transcode(_ chunk: [UInt8], final: Bool = false) -> [UInt8] {
        switch encoding {
        case .utf8: return chunk
        case .windows1251: return Self.singleByte(chunk, high: SingleByteTables.windows1251)
        case .windows1252: return Self.singleByte(chunk, high: SingleByteTables.windows1252)
        case .utf16LE, .utf16BE: return utf16(chunk, final: final)
        }
    }

    private static func singleByte(_ chunk: [UInt8], high: [UInt16]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(chunk.count + chunk.count / 4)
        for byte in chunk {
            if byte < 0x80 { output.append(byte) } else { appendScalar(UInt32(high[Int(byte - 0x80)]), to: &output) }
        }
        return output
    }

    private mutating func utf16(_ chunk: [UInt8], final: Bool) -> [UInt8] {
        let bytes = carry + chunk
        carry = []
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        let bigEndian = encoding == .utf16BE
        func unit(at position: Int) -> UInt32 {
            bigEndian
                ? UInt32(bytes[position]) << 8 | UInt32(bytes[position + 1])
                : UInt32(bytes[position + 1]) << 8 | UInt32(bytes[position])
        }
        while index + 1 < bytes.count {
            let first = unit(at: index)
            if (0xD800...0xDBFF).contains(first) {
                guard index + 3 < bytes.count else { break }
                let second = unit(at: index + 2)
                if (0xDC00...0xDFFF).contains(second) {
                    Self.appendScalar(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00), to: &output)
                    index += 4
                } else {
                    Self.appendScalar(0xFFFD, to: &output)
                    index += 2
                }
            } else {
                Self.appendScalar((0xDC00...0xDFFF).contains(first) ? 0xFFFD : first, to: &output)
                index += 2
            }
        }
        if index < bytes.count {
            if final { Self.appendScalar(0xFFFD, to: &output) } else { carry = Array(bytes[index...]) }
        }
        return output
    }

    static func appendScalar(_ scalar: UInt32, to output: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            output.append(UInt8(scalar))
        case 0x80..<0x800:
            output.append(UInt8(0xC0 | (scalar >> 6)))
            output.append(UInt8(0x80 | (scalar & 0x3F)))
        case 0x800..<0x10000:
            output.append(UInt8(0xE0 | (scalar >> 12)))
            output.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            output.append(UInt8(0x80 | (scalar & 0x3F)))
        default:
            output.append(UInt8(0xF0 | (scalar >> 18)))
            output.append(UInt8(0x80 | ((scalar >> 12) & 0x3F)))
            output.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            output.append(UInt8(0x80 | (scalar & 0x3F)))
        }
    }
}

/// Bytes 0x80–0xFF of the Windows code pages, as Unicode code points (0xFFFD where undefined).
enum SingleByteTables {
    static let windows1251: [UInt16] =
        [
            0x0402, 0x0403, 0x201A, 0x0453, 0x201E, 0x2026, 0x2020, 0x2021, 0x20AC, 0x2030, 0x0409, 0x2039, 0x040A,
            0x040C, 0x040B, 0x040F,
            0x0452, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0xFFFD, 0x2122, 0x0459, 0x203A, 0x045A,
            0x045C, 0x045B, 0x045F,
            0x00A0, 0x040E, 0x045E, 0x0408, 0x00A4, 0x0490, 0x00A6, 0x00A7, 0x0401, 0x00A9, 0x0404, 0x00AB, 0x00AC,
            0x00AD, 0x00AE, 0x0407,
            0x00B0, 0x00B1, 0x0406, 0x0456, 0x0491, 0x00B5, 0x00B6, 0x00B7, 0x0451, 0x2116, 0x0454, 0x00BB, 0x0458,
            0x0405, 0x0455, 0x0457,
        ] + (0x0410...0x044F).map { UInt16($0) }

    static let windows1252: [UInt16] =
        [
            0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152,
            0xFFFD, 0x017D, 0xFFFD,
            0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153,
            0xFFFD, 0x017E, 0x0178,
        ] + (0xA0...0xFF).map { UInt16($0) }
}
