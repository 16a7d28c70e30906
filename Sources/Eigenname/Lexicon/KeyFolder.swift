// Lexicon, part 2: the matching key of a token.
//
// In:  the match-form UTF-8 bytes of one token.
// Out: its key: case-folded, umlauts and ß spelled out ("Müller", "MUELLER",
//      "mueller" -> "mueller"; "Strauß" -> "strauss"), other diacritics
//      removed ("Citroën" -> "citroen"); and whether the token was written all
//      in lowercase (lowercase text does not match capitalized names).
// Lexicon entries and text tokens go through the same folding, so both sides
// agree by construction.

import CICUShim

enum KeyFolder {
    /// Per code point below `tabulatedCodePoints`: the folded scalar in the low 21
    /// bits, and in the top byte an ASCII letter to append ("ä" -> "a" + "e"), or 0.
    private static let table: [UInt32] = (0..<tabulatedCodePoints).map(fold)

    private static func fold(_ code: UInt32) -> UInt32 {
        if code < 0x80 {
            return code >= 0x41 && code <= 0x5A ? code + 32 : code
        }
        let folded = en_fold_case(code)
        switch folded {
        case 0xE4: return 0x61 | UInt32(0x65) << 24  // ä -> ae
        case 0xF6: return 0x6F | UInt32(0x65) << 24  // ö -> oe
        case 0xFC: return 0x75 | UInt32(0x65) << 24  // ü -> ue
        case 0xDF: return 0x73 | UInt32(0x73) << 24  // ß -> ss
        default: return en_strip_marks(folded)
        }
    }

    /// The scratch space `foldWithShape(_:into:)` needs for a token of `count` bytes:
    /// a scalar of 1 to 4 bytes folds to at most 5 bytes.
    static func capacity(for count: Int) -> Int { count * 3 + 4 }

    /// How a token is capitalized.
    enum CaseShape: UInt8 {
        /// A lowercase letter and no capital: "ford".
        case lowercase
        /// Two or more letters, all capitals: "FORD", "BMW", "SU7".
        case capitals
        /// Anything else: "Ford", "iPhone", "7".
        case other
    }

    /// The case shape of the letters in `token` (the match form).
    static func caseShape(_ token: UnsafeBufferPointer<UInt8>) -> CaseShape {
        var upper = 0, lower = 0
        var i = 0
        while i < token.count {
            let (c, l) = UTF8Scalar.decode(token, at: i)
            i += l
            let cls = c < 0x80 ? (c >= 0x41 && c <= 0x5A ? CharacterClass.upper : c >= 0x61 && c <= 0x7A ? .lower : [])
                : CharacterClass.of(c)
            if cls.contains(.upper) { upper += 1 } else if cls.contains(.lower) { lower += 1 }
        }
        return lower > 0 && upper == 0 ? .lowercase : upper >= 2 && lower == 0 ? .capitals : .other
    }

    /// Folds `token` into `out` (at least `capacity(for: token.count)` bytes) and
    /// tells its case shape. Allocates nothing: this runs once per token.
    @inline(__always)
    static func foldWithShape(_ token: UnsafeBufferPointer<UInt8>, into out: UnsafeMutablePointer<UInt8>) -> (count: Int, shape: CaseShape) {
        var upperCount = 0
        var sawUpper = false
        var sawLower = false
        var n = 0
        var i = 0
        let base = token.baseAddress
        // The leading ASCII bytes of eight at once, folded as `foldPackedASCII` does;
        // a token's last eight bytes shifted down where fewer than eight are left.
        // The store writes eight bytes where fewer may count: within `capacity(for:)`.
        let storeLimit = token.count >= 8 ? capacity(for: token.count) - 8 : -1
        while i < token.count {
            if n <= storeLimit {
                let x = i + 8 <= token.count
                    ? UnsafeRawPointer(base! + i).loadUnaligned(as: UInt64.self)
                    : UnsafeRawPointer(base! + token.count - 8).loadUnaligned(as: UInt64.self) &>> UInt64(8 * (i + 8 - token.count))
                let k = min((x & ByteMask.high).trailingZeroBitCount >> 3, token.count - i)
                if k > 0 {
                    let (key, upper, lower) = foldASCII8(x)
                    let used: UInt64 = k == 8 ? ~0 : (1 &<< UInt64(8 * k)) &- 1
                    UnsafeMutableRawPointer(out + n).storeBytes(of: key, as: UInt64.self)
                    // Only "two or more" counts: no population count (a long sequence without POPCNT).
                    let u = upper & used
                    upperCount += u == 0 ? 0 : u & (u &- 1) == 0 ? 1 : 2
                    sawUpper = sawUpper || u != 0
                    sawLower = sawLower || lower & used != 0
                    n += k
                    i += k
                    continue
                }
            }
            let b = token[i]
            if b < 0x80 {
                if b >= 0x41 && b <= 0x5A { sawUpper = true; upperCount += 1; out[n] = b + 32 }
                else { if b >= 0x61 && b <= 0x7A { sawLower = true }; out[n] = b }
                n += 1
                i += 1
                continue
            }
            let (c, l) = UTF8Scalar.decode(token, at: i)
            i += l
            let cls = CharacterClass.of(c)
            if cls.contains(.upper) { sawUpper = true; upperCount += 1 } else if cls.contains(.lower) { sawLower = true }
            if cls.contains(.mark) { continue }  // combining marks left after NFC: drop, as diacritics are
            // (Outside the BMP: case folding only, as ever.)
            let t = c < tabulatedCodePoints ? table[Int(c)] : c < 0x10000 ? fold(c) : en_fold_case(c)
            n += UTF8Scalar.write(t & 0x1FFFFF, to: out + n)
            if t >> 24 != 0 { out[n] = UInt8(t >> 24); n += 1 }
        }
        return (n, sawLower && !sawUpper ? .lowercase : upperCount >= 2 && !sawLower ? .capitals : .other)
    }

    /// A token of one to sixteen ASCII bytes packed into two UInt64, first byte
    /// lowest, zero-padded: what `ShortASCIIKeys` looks up. Nil for anything else
    /// (longer, non-ASCII, or holding a NUL byte), which goes through `foldWithShape`.
    @inline(__always)
    static func packASCII(_ text: UnsafeBufferPointer<UInt8>, start: Int, count: Int) -> PackedKey? {
        guard count >= 1 && count <= 16, let base = text.baseAddress else { return nil }
        // Two loads where sixteen bytes are there to read (nearly always), else byte by byte.
        guard start + 16 <= text.count else {
            let p = packBytes(base + start, count: count)
            let used = PackedKey(low: ~0, high: ~0).prefix(count)
            guard (p.low | p.high) & ByteMask.high == 0,
                  ByteMask.hasZeroByte(p.low | ~used.low) | ByteMask.hasZeroByte(p.high | ~used.high) == 0 else { return nil }
            return p
        }
        // A used byte must be ASCII and not NUL; unused bytes are set to 0xFF for the
        // zero-byte test and left out of the ASCII test.
        let low = UnsafeRawPointer(base + start).loadUnaligned(as: UInt64.self)
        if count <= 8 {
            let used: UInt64 = ~0 &>> UInt64(64 - 8 * count)
            let filled = low | ~used
            guard ((filled &- ByteMask.ones) & ~filled | low & used) & ByteMask.high == 0 else { return nil }
            return PackedKey(low: low & used, high: 0)
        }
        let high = UnsafeRawPointer(base + start + 8).loadUnaligned(as: UInt64.self)
        let used: UInt64 = ~0 &>> UInt64(128 - 8 * count)
        let filled = high | ~used
        guard ((low &- ByteMask.ones) & ~low | low | (filled &- ByteMask.ones) & ~filled | high & used) & ByteMask.high == 0
        else { return nil }
        let p = PackedKey(low: low, high: high & used)
        return p
    }

    @inline(never)
    private static func packBytes(_ bytes: UnsafePointer<UInt8>, count: Int) -> PackedKey {
        var p = PackedKey(low: 0, high: 0)
        for k in 0..<count {
            if k < 8 { p.low |= UInt64(bytes[k]) << UInt64(k * 8) } else { p.high |= UInt64(bytes[k]) << UInt64(k * 8 - 64) }
        }
        return p
    }

    /// `foldWithShape` for a packed ASCII token, eight bytes at once: capitals
    /// lowered, and high-bit masks of its capitals and lowercase letters.
    @inline(__always)
    static func foldPackedASCII(_ p: PackedKey) -> (key: PackedKey, upper: PackedKey, lower: PackedKey) {
        let (lowKey, lowUpper, lowLower) = foldASCII8(p.low)
        // Most tokens have at most eight bytes: nothing to fold in the high half.
        let (highKey, highUpper, highLower) = p.high == 0 ? (0, 0, 0) : foldASCII8(p.high)
        return (PackedKey(low: lowKey, high: highKey), PackedKey(low: lowUpper, high: highUpper),
                PackedKey(low: lowLower, high: highLower))
    }

    /// For bytes below 0x80, x + k sets a byte's high bit exactly when the byte is
    /// at least 0x80 - k, with no carry between bytes.
    @inline(__always)
    private static func foldASCII8(_ x: UInt64) -> (key: UInt64, upper: UInt64, lower: UInt64) {
        let atLeastA = ByteMask.atLeast(x, 0x41)  // >= "A"
        let afterZ = ByteMask.atLeast(x, 0x5B)  // > "Z"
        let atLeastSmallA = ByteMask.atLeast(x, 0x61)  // >= "a"
        let afterSmallZ = ByteMask.atLeast(x, 0x7B)  // > "z"
        let upper = atLeastA & ~afterZ
        return (x | upper >> 2, upper, atLeastSmallA & ~afterSmallZ)
    }

    /// The case shape from the masks of `foldPackedASCII`.
    @inline(__always)
    static func shape(upper: PackedKey, lower: PackedKey) -> CaseShape {
        let hasLower = lower.low | lower.high != 0
        let hasUpper = upper.low | upper.high != 0
        // Two or more capitals: more than one bit set in the two masks together.
        let severalUpper = upper.low & (upper.low &- 1) != 0 || upper.high & (upper.high &- 1) != 0
            || (upper.low != 0 && upper.high != 0)
        return hasLower && !hasUpper ? .lowercase : severalUpper && !hasLower ? .capitals : .other
    }
}

/// Up to sixteen bytes of a key, first byte lowest, zero-padded.
struct PackedKey: Equatable {
    var low: UInt64
    var high: UInt64

    /// The first `n` bytes (0...16; more: all sixteen), the rest zero. Without a branch: `n`
    /// changes word by word, and a branch on it was mispredicted at about one word in four.
    @inline(__always)
    func prefix(_ n: Int) -> PackedKey {
        let lowBits = UInt64(min(max(n, 0), 8) &* 8), highBits = UInt64(min(max(n &- 8, 0), 8) &* 8)
        return PackedKey(low: low & Self.mask(lowBits), high: high & Self.mask(highBits))
    }

    /// The low `bits` bits set (0...64): two shifts, as one shift by 64 would shift by 0.
    @inline(__always)
    private static func mask(_ bits: UInt64) -> UInt64 {
        ~((UInt64.max &<< (bits >> 1)) &<< (bits &- bits >> 1))
    }

    /// Byte `i` (0..<16).
    @inline(__always)
    func byte(_ i: Int) -> UInt8 {
        UInt8(truncatingIfNeeded: i < 8 ? low &>> UInt64(i * 8) : high &>> UInt64(i * 8 - 64))
    }
}
