import SalesPulseCore
import Testing

struct StableHashTests {
    @Test func knownAnswersOfFNV1a() {
        // the published FNV-1a 32-bit test vectors
        #expect(StableHash.fnv1a32("") == 0x811C_9DC5)
        #expect(StableHash.fnv1a32("a") == 0xE40C_292C)
        #expect(StableHash.fnv1a32("foobar") == 0xBF9C_F968)
        #expect(StableHash.int32("a") == Int32(bitPattern: 0xE40C_292C))
    }
}
