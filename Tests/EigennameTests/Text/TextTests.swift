// Text helpers (Sources/Eigenname/Text/): UTF-8, eight-byte masks, code point
// offsets, stable hashes. Each checked against the plain, byte-by-byte answer.

import Testing
@testable import Eigenname

@Suite("Text helpers")
struct TextTests {
    /// Scalars from every UTF-8 length, the edges of each range included.
    static let scalars: [UInt32] = [0x00, 0x41, 0x7F, 0x80, 0xE4, 0x7FF, 0x800, 0x20AC, 0xD7FF, 0xE000, 0xFFFD, 0xFFFF,
                                    0x10000, 0x1F600, 0x10FFFF]

    @Test("encode writes what Swift's own UTF-8 has, and decode reads it back")
    func utf8RoundTrip() {
        for c in Self.scalars {
            var bytes: [UInt8] = []
            UTF8Scalar.encode(c, into: &bytes)
            #expect(bytes == Array(String(Character(Unicode.Scalar(c)!)).utf8))
            let (decoded, length) = bytes.withUnsafeBufferPointer { UTF8Scalar.decode($0, at: 0) }
            #expect(decoded == c && length == bytes.count)
            #expect(bytes.withUnsafeBufferPointer { UTF8Validation.sequenceLength(in: $0, at: 0) } == bytes.count)
        }
    }

    @Test("ill-formed UTF-8 is refused where it starts: stray continuation, overlong, surrogate, truncated")
    func utf8Validation() {
        for bad: [UInt8] in [[0x80], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xE2, 0x82], [0xF4, 0x90, 0x80, 0x80]] {
            #expect(bad.withUnsafeBufferPointer { UTF8Validation.sequenceLength(in: $0, at: 0) } == nil)
        }
        #expect(firstInvalidUTF8Offset(Array("Größe".utf8) + [0xFF] + Array("x".utf8)) == 7)
        #expect(firstInvalidUTF8Offset(Array("Größe".utf8)) == nil)
    }

    @Test("the eight-byte masks agree with a byte-by-byte test on 20,000 words")
    func byteMasks() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            var x = UInt64.random(in: .min ... .max, using: &generator)
            // Often plain ASCII with zeros and hyphens, as text is.
            if Bool.random(using: &generator) { x &= ByteMask.low7 }
            if Bool.random(using: &generator) { x &= ~(0xFF << (UInt64.random(in: 0..<8, using: &generator) * 8)) }
            let bytes = (0..<8).map { UInt8(truncatingIfNeeded: x >> ($0 * 8)) }
            func mask(_ test: (UInt8) -> Bool) -> UInt64 {
                bytes.enumerated().reduce(0) { $0 | (test($1.element) ? UInt64(0x80) << ($1.offset * 8) : 0) }
            }
            #expect(ByteMask.zeroBytes(x) == mask { $0 == 0 })
            #expect((ByteMask.hasZeroByte(x) != 0) == bytes.contains(0))
            #expect(ByteMask.bytesEqual(x, UInt8(ascii: "-")) == mask { $0 == UInt8(ascii: "-") })
            #expect(ByteMask.continuationBytes(x) == mask { $0 & 0xC0 == 0x80 })
            #expect(ByteMask.countHighBits(mask { $0 & 1 == 1 }) == bytes.filter { $0 & 1 == 1 }.count)
            let ascii = x & ByteMask.low7
            let asciiBytes = bytes.map { $0 & 0x7F }
            for k: UInt8 in [0x30, 0x41, 0x5B, 0x61, 0x7B] {
                #expect(ByteMask.atLeast(ascii, k)
                        == asciiBytes.enumerated().reduce(0) { $0 | ($1.element >= k ? UInt64(0x80) << ($1.offset * 8) : 0) })
            }
        }
    }

    @Test("code point offsets of byte offsets, asked in order, as String counts them")
    func codePointCounter() {
        let text = "Die Größe von 🚗-Flotten: Škoda, Citroën, 東京 — 24. November"
        let utf8 = Array(text.utf8)
        utf8.withUnsafeBufferPointer { buffer in
            var counter = CodePointCounter(buffer)
            var offset = 0
            for (k, scalar) in text.unicodeScalars.enumerated() {
                #expect(counter.codePointOffset(ofByte: offset) == k)
                offset += String(scalar).utf8.count
            }
            #expect(counter.codePointOffset(ofByte: utf8.count) == text.unicodeScalars.count)
        }
    }

    @Test("code point offsets asked far apart (thirty-two bytes and more between them) count as String does")
    func codePointCounterFarApart() {
        let text = String(repeating: "Die Größe von 🚗-Flotten: Škoda, Citroën, 東京 — 24. November. ", count: 20)
        let utf8 = Array(text.utf8)
        utf8.withUnsafeBufferPointer { buffer in
            var counter = CodePointCounter(buffer)
            var offset = 0
            for (k, scalar) in text.unicodeScalars.enumerated() {
                if k % 37 == 0 { #expect(counter.codePointOffset(ofByte: offset) == k) }
                offset += String(scalar).utf8.count
            }
            #expect(counter.codePointOffset(ofByte: utf8.count) == text.unicodeScalars.count)
        }
    }

    @Test("FNV-1a gives its published values")
    func stableHashes() {
        #expect(StableHash.fnv1a32([UInt8]()) == 0x811C_9DC5)
        #expect(StableHash.fnv1a32(Array("a".utf8)) == 0xE40C_292C)
        #expect(StableHash.fnv1a32(Array("foobar".utf8)) == 0xBF9C_F968)
        var h = StableHash.FNV1a64()
        h.combine(Array("a".utf8))
        #expect(h.value == 0xAF63_DC4C_8601_EC8C)
        var pieces = StableHash.FNV1a64()
        pieces.combine(Array("foo".utf8))
        pieces.combine(Array("bar".utf8))
        #expect(pieces.value == 0x8594_4171_F739_67E8)
    }
}
