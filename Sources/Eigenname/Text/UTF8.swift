// Text, UTF-8: bytes in, scalars out, and back.
//
// In:  UTF-8 bytes (valid, or to be checked), or scalars.
// Out: scalars with their lengths (`UTF8Scalar.decode`), UTF-8 bytes
//      (`UTF8Scalar.write` into a buffer, `encode` onto an array: the one encoder),
//      the length of a well-formed sequence (`UTF8Validation`), the offset of the
//      first invalid byte (`firstInvalidUTF8Offset`).
// Hot paths (normalization, tokenization, output) use these on raw buffers.

/// Decoding of one scalar from valid UTF-8.
enum UTF8Scalar {
    @inline(__always)
    static func decode(_ s: UnsafeBufferPointer<UInt8>, at i: Int) -> (scalar: UInt32, length: Int) {
        let b0 = UInt32(s[i])
        if b0 < 0x80 { return (b0, 1) }
        if b0 < 0xE0 { return ((b0 & 0x1F) << 6 | UInt32(s[i + 1] & 0x3F), 2) }
        if b0 < 0xF0 {
            return ((b0 & 0x0F) << 12 | UInt32(s[i + 1] & 0x3F) << 6 | UInt32(s[i + 2] & 0x3F), 3)
        }
        return ((b0 & 0x07) << 18 | UInt32(s[i + 1] & 0x3F) << 12 | UInt32(s[i + 2] & 0x3F) << 6
                    | UInt32(s[i + 3] & 0x3F), 4)
    }

    /// Writes the UTF-8 of `c` at `out`; returns the number of bytes.
    @inline(__always)
    static func write(_ c: UInt32, to out: UnsafeMutablePointer<UInt8>) -> Int {
        switch c {
        case ..<0x80:
            out[0] = UInt8(c)
            return 1
        case ..<0x800:
            out[0] = UInt8(0xC0 | c >> 6); out[1] = UInt8(0x80 | c & 0x3F)
            return 2
        case ..<0x10000:
            out[0] = UInt8(0xE0 | c >> 12); out[1] = UInt8(0x80 | (c >> 6) & 0x3F); out[2] = UInt8(0x80 | c & 0x3F)
            return 3
        default:
            out[0] = UInt8(0xF0 | c >> 18); out[1] = UInt8(0x80 | (c >> 12) & 0x3F)
            out[2] = UInt8(0x80 | (c >> 6) & 0x3F); out[3] = UInt8(0x80 | c & 0x3F)
            return 4
        }
    }

    /// Appends the UTF-8 of `c` to `out`.
    @inline(__always)
    static func encode(_ c: UInt32, into out: inout [UInt8]) {
        if c < 0x80 {
            out.append(UInt8(c))
            return
        }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 4) { buffer in
            let n = write(c, to: buffer.baseAddress!)
            out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[..<n]))
        }
    }
}

/// UTF-8 well-formedness, per the Unicode Standard, Table 3-7. Shared by the
/// parser and the writers (which must not pass invalid bytes on).
enum UTF8Validation {
    /// The length of the well-formed sequence starting at `i`, or nil if the
    /// bytes there are not one (stray continuation byte, overlong form,
    /// surrogate, beyond U+10FFFF, truncated).
    @inline(__always)
    static func sequenceLength(in bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Int? {
        let lead = bytes[i]
        if lead < 0x80 { return 1 }
        let count = bytes.count
        @inline(__always) func isContinuation(_ j: Int) -> Bool { j < count && bytes[j] & 0xC0 == 0x80 }
        switch lead {
        case 0xC2...0xDF:
            return isContinuation(i + 1) ? 2 : nil
        case 0xE0...0xEF:
            guard i + 1 < count else { return nil }
            let second = bytes[i + 1]
            let low: UInt8 = lead == 0xE0 ? 0xA0 : 0x80   // no overlong forms
            let high: UInt8 = lead == 0xED ? 0x9F : 0xBF  // no surrogates
            return (low...high).contains(second) && isContinuation(i + 2) ? 3 : nil
        case 0xF0...0xF4:
            guard i + 1 < count else { return nil }
            let second = bytes[i + 1]
            let low: UInt8 = lead == 0xF0 ? 0x90 : 0x80   // no overlong forms
            let high: UInt8 = lead == 0xF4 ? 0x8F : 0xBF  // nothing beyond U+10FFFF
            return (low...high).contains(second) && isContinuation(i + 2) && isContinuation(i + 3) ? 4 : nil
        default:
            return nil
        }
    }
}

/// The byte offset of the first byte that is not part of valid UTF-8, or nil.
func firstInvalidUTF8Offset(_ bytes: [UInt8]) -> Int? {
    var it = bytes.makeIterator()
    var decoder = UTF8()
    var offset = 0
    while true {
        switch decoder.decode(&it) {
        case .scalarValue(let s): offset += UTF8.width(s)
        case .emptyInput: return nil
        case .error: return offset
        }
    }
}
