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

    /// Folds `token` into `key` (cleared first). Returns true when the token has
    /// a lowercase letter and no uppercase letter.
    @discardableResult
    static func fold(_ token: UnsafeBufferPointer<UInt8>, into key: inout [UInt8]) -> Bool {
        key.removeAll(keepingCapacity: true)
        var sawUpper = false
        var sawLower = false
        var i = 0
        while i < token.count {
            let b = token[i]
            if b < 0x80 {
                if b >= 0x41 && b <= 0x5A { sawUpper = true; key.append(b + 32) }
                else { if b >= 0x61 && b <= 0x7A { sawLower = true }; key.append(b) }
                i += 1
                continue
            }
            let (c, l) = UTF8Scalar.decode(token, at: i)
            i += l
            let cls = CharacterClass.of(c)
            if cls.contains(.upper) { sawUpper = true } else if cls.contains(.lower) { sawLower = true }
            if cls.contains(.mark) { continue }  // combining marks left after NFC: drop, as diacritics are
            if c < 0x10000 {
                let t = table[Int(c)]
                UTF8Scalar.encode(t & 0x1FFFFF, into: &key)
                if t >> 24 != 0 { key.append(UInt8(t >> 24)) }
            } else {
                UTF8Scalar.encode(en_fold_case(c), into: &key)
            }
        }
        return sawLower && !sawUpper
    }

    static func fold(_ text: String) -> [UInt8] {
        var key: [UInt8] = []
        var bytes = Array(text.utf8)
        bytes.withUnsafeBufferPointer { _ = fold($0, into: &key) }
        bytes.removeAll()
        return key
    }
}
