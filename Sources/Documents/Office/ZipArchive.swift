/// A ZIP archive with stored (uncompressed) entries: all an XLSX file needs, and simple
/// enough to write without a compression library.
public struct ZipArchive: Sendable {
    private var entries: [(name: [UInt8], data: [UInt8], crc: UInt32, offset: Int)] = []
    private var body: [UInt8] = []

    public init() {}

    public mutating func add(_ name: String, _ text: String) { add(name, Array(text.utf8)) }

    public mutating func add(_ name: String, _ data: [UInt8]) {
        let nameBytes = Array(name.utf8), crc = CRC32.checksum(data), offset = body.count
        body += le32(0x0403_4b50) + le16(20) + le16(0x0800) + le16(0) + le16(0) + le16(0x21)
        body +=
            le32(crc) + le32(UInt32(data.count)) + le32(UInt32(data.count)) + le16(UInt16(nameBytes.count)) + le16(0)
        body += nameBytes + data
        entries.append((nameBytes, data, crc, offset))
    }

    public var bytes: [UInt8] {
        var directory: [UInt8] = []
        for entry in entries {
            directory += le32(0x0201_4b50) + le16(20) + le16(20) + le16(0x0800) + le16(0) + le16(0) + le16(0x21)
            directory += le32(entry.crc) + le32(UInt32(entry.data.count)) + le32(UInt32(entry.data.count))
            directory +=
                le16(UInt16(entry.name.count)) + le16(0) + le16(0) + le16(0) + le16(0) + le32(0)
                + le32(UInt32(entry.offset))
            directory += entry.name
        }
        let end =
            le32(0x0605_4b50) + le16(0) + le16(0) + le16(UInt16(entries.count)) + le16(UInt16(entries.count))
            + le32(UInt32(directory.count)) + le32(UInt32(body.count)) + le16(0)
        return body + directory + end
    }

    private func le16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xff), UInt8(value >> 8)] }
    private func le32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8((value >> (8 * $0)) & 0xff) } }
}

/// CRC-32 as ZIP defines it (reflected polynomial 0xEDB88320).
public enum CRC32 {
    private static let table: [UInt32] = (0..<256).map { index in
        (0..<8).reduce(UInt32(index)) { crc, _ in crc & 1 == 1 ? 0xEDB8_8320 ^ (crc >> 1) : crc >> 1 }
    }

    public static func checksum(_ data: [UInt8]) -> UInt32 {
        ~data.reduce(~UInt32(0)) { crc, byte in table[Int((crc ^ UInt32(byte)) & 0xff)] ^ (crc >> 8) }
    }
}
