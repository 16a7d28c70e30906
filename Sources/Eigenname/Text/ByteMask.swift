// Text, eight bytes at a time: a UInt64 of text bytes in, a mask with the high bit
// of every byte that passes a test out (SWAR: SIMD within a register).
//
// The normalizer, the word breaker, the key folder, the JSON scanner and the
// code point counter skip plain ASCII eight bytes at a time with these. Two
// zero-byte tests: `zeroBytes` is exact per byte (for where a byte is);
// `hasZeroByte` is cheaper and exact only in saying whether there is one (a
// borrow may mark bytes above the first zero byte).

enum ByteMask {
    static let ones: UInt64 = 0x0101_0101_0101_0101
    static let high: UInt64 = 0x8080_8080_8080_8080
    static let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F

    /// `byte` in every byte.
    @inline(__always)
    static func repeating(_ byte: UInt8) -> UInt64 { ones &* UInt64(byte) }

    /// The high bit of every zero byte of `x`, exactly (no lane borrows from another).
    @inline(__always)
    static func zeroBytes(_ x: UInt64) -> UInt64 { ~(((x & low7) &+ low7) | x) & high }

    /// Non-zero when some byte of `x` is zero (only the lowest marked byte is sure).
    @inline(__always)
    static func hasZeroByte(_ x: UInt64) -> UInt64 { (x &- ones) & ~x & high }

    /// The high bit of every byte of `x` equal to `byte`.
    @inline(__always)
    static func bytesEqual(_ x: UInt64, _ byte: UInt8) -> UInt64 { zeroBytes(x ^ repeating(byte)) }

    /// For bytes below 0x80: the high bit of every byte of `x` that is at least `k`
    /// (x + 0x80 - k carries into a byte's high bit exactly then, never into the next byte).
    @inline(__always)
    static func atLeast(_ x: UInt64, _ k: UInt8) -> UInt64 { (x &+ repeating(0x80 &- k)) & high }

    /// The high bit of every UTF-8 continuation byte (10xxxxxx).
    @inline(__always)
    static func continuationBytes(_ x: UInt64) -> UInt64 { x & ~(x << 1) & high }

    /// How many bytes of `mask` (high bits only) are set: a multiply sums them into the
    /// top byte (the baseline x86-64 target has no POPCNT).
    @inline(__always)
    static func countHighBits(_ mask: UInt64) -> Int { Int(((mask >> 7) &* ones) >> 56) }
}
