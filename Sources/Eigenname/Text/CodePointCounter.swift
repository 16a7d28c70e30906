// Text, offsets: UTF-8 byte offsets in, code point offsets out (what every
// output reports), eight bytes at a time.

/// Converts original UTF-8 byte offsets to code point offsets, for offsets
/// queried in non-decreasing order: counts lead bytes once, never rescans.
struct CodePointCounter {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var byteOffset = 0
    private var codePoints = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    @inline(__always)
    mutating func codePointOffset(ofByte target: Int) -> Int {
        precondition(target >= byteOffset, "offsets must be queried in order")
        var i = byteOffset
        var n = codePoints
        // Eight bytes at a time: count the continuation bytes (10xxxxxx), the rest start code points.
        // Thirty-two while there are: four words' marks (0 or 1 a byte) summed before one count.
        if let base = bytes.baseAddress {
            while i + 32 <= target {
                let p = UnsafeRawPointer(base + i)
                let sum = (ByteMask.continuationBytes(p.loadUnaligned(as: UInt64.self)) >> 7)
                    &+ (ByteMask.continuationBytes(p.loadUnaligned(fromByteOffset: 8, as: UInt64.self)) >> 7)
                    &+ (ByteMask.continuationBytes(p.loadUnaligned(fromByteOffset: 16, as: UInt64.self)) >> 7)
                    &+ (ByteMask.continuationBytes(p.loadUnaligned(fromByteOffset: 24, as: UInt64.self)) >> 7)
                n += 32 - Int((sum &* ByteMask.ones) >> 56)  // (each byte of `sum` is at most 4: no carry)
                i += 32
            }
            while i + 8 <= target {
                let x = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                n += 8 - ByteMask.countHighBits(ByteMask.continuationBytes(x))
                i += 8
            }
        }
        if i < target, let base = bytes.baseAddress, i + 8 <= bytes.count {
            // The last few bytes (a short token) in one masked load.
            let rest = target - i
            let x = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) & ((1 &<< UInt64(rest * 8)) &- 1)
            n += rest - ByteMask.countHighBits(ByteMask.continuationBytes(x))
            i = target
        }
        while i < target {
            if bytes[i] & 0xC0 != 0x80 { n += 1 }
            i += 1
        }
        byteOffset = target
        codePoints = n
        return n
    }
}
