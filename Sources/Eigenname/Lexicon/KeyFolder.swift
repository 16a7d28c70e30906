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
    /// Per BMP code point: the folded scalar in the low 21 bits, and in the top
    /// byte an ASCII letter to append ("ä" -> "a" + "e"), or 0.
    private static let table: [UInt32] = (0..<0x10000).map { c in
        let code = UInt32(c)
        if c < 0x80 {
            return c >= 0x41 && c <= 0x5A ? code + 32 : code
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
        while i < token.count {
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
            let t = c < 0x10000 ? table[Int(c)] : en_fold_case(c)
            n += UTF8Scalar.write(t & 0x1FFFFF, to: out + n)
            if t >> 24 != 0 { out[n] = UInt8(t >> 24); n += 1 }
        }
        return (n, sawLower && !sawUpper ? .lowercase : upperCount >= 2 && !sawLower ? .capitals : .other)
    }
}
