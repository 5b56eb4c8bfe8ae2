import Foundation

/// A 32-bit FNV-1a hash of text: the same in every process and on every run (Swift's own
/// `Hasher` is seeded per process), for keys that several processes must agree on.
public enum StableHash {
    public static func fnv1a32(_ text: String) -> UInt32 {
        var hash: UInt32 = 0x811C_9DC5
        for byte in text.utf8 {
            hash ^= UInt32(byte)
            hash = hash &* 0x0100_0193
        }
        return hash
    }

    /// The same hash as a signed 32-bit number, as PostgreSQL's advisory lock keys take it.
    public static func int32(_ text: String) -> Int32 { Int32(bitPattern: fnv1a32(text)) }
}

extension StableHash {
    /// A UUID that is always the same for the same text (FNV-1a over four salted passes), for
    /// rows that must be written once however often their writer runs.
    public static func uuid(_ text: String) -> UUID {
        var bytes: [UInt8] = []
        for salt in 0..<4 {
            let value = fnv1a32("\(salt):\(text)")
            bytes += [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
        }
        bytes[6] = (bytes[6] & 0x0F) | 0x50
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return UUID(
            uuid: (
                bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
            ))
    }
}
