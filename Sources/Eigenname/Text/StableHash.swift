// Text, hashing: bytes in, a hash out that is the same in every process and on
// every machine (Swift's Hasher is seeded per process): FNV-1a, 32 and 64 bits.
// Used for what is stored or shown across runs: the compile cache's key, the
// colors of entity types.

enum StableHash {
    /// FNV-1a, 32 bits.
    static func fnv1a32<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> UInt32 {
        var hash: UInt32 = 0x811C_9DC5
        for byte in bytes {
            hash ^= UInt32(byte)
            hash = hash &* 0x0100_0193
        }
        return hash
    }

    /// FNV-1a, 64 bits, fed in pieces.
    struct FNV1a64 {
        private(set) var value: UInt64 = 0xCBF2_9CE4_8422_2325

        mutating func combine<Bytes: Sequence<UInt8>>(_ bytes: Bytes) {
            for byte in bytes { value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        }

        /// The eight bytes of `n`, little-endian.
        mutating func combine(_ n: UInt64) {
            withUnsafeBytes(of: n.littleEndian) { combine($0) }
        }
    }
}
