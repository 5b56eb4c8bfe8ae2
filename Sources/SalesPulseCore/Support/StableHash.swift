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
