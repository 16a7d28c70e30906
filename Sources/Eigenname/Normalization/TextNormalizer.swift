// Normalization: original text in, match form out.
//
// In:  the original UTF-8 bytes of a document.
// Out: a NormalizedText: the "match form" (UTF-8 bytes that tokenization and
//      recognition see) and the OffsetMap back to the original bytes.
//
// The match form is the original text with
//  - NFC applied (ICU unorm2), only to the segments that need it;
//  - soft hyphens and zero-width characters deleted;
//  - a word broken at a line end joined ("Elektro-\nfahrzeuge" ->
//    "Elektrofahrzeuge"), a hyphenated word across a line break kept
//    hyphenated ("Ford-\nChef" -> "Ford-Chef");
//  - typographic quotes, apostrophes, dashes and unusual spaces replaced by
//    their ASCII forms.
// Case is kept: recognition folds case itself. Nothing here is ever shown to
// the user; every offset that leaves the library is mapped back.

import CICUShim

struct NormalizedText: Sendable {
    var bytes: [UInt8]
    var map: OffsetMap
}

struct TextNormalizer: Sendable {
    /// Lowercase words that continue a coordination after a line-end hyphen
    /// ("Ford-\nund Xiaomi-Modelle"): there the hyphen is real and stays.
    static let coordinatingWords: Set<[UInt8]> = Set(
        ["und", "oder", "bzw", "sowie", "bis", "als", "wie", "noch", "statt"].map { Array($0.utf8) })

    /// A text that needs no change is shared, not copied (most documents).
    func normalize(_ original: [UInt8]) -> NormalizedText {
        original.withUnsafeBufferPointer { normalize($0, whole: original) }
    }

    func normalize(_ src: UnsafeBufferPointer<UInt8>) -> NormalizedText {
        normalize(src, whole: nil)
    }

    /// The match form as it is built: the bytes, the map's pieces, and the run of bytes copied
    /// unchanged that is not written yet. (A struct, not closures over local variables: those
    /// would be boxed and checked for exclusive access at every use, a few times a character.
    /// Pointer buffers, not arrays: an array append checks uniqueness and capacity in calls,
    /// which cost more than the bytes on text with a quote or dash every few words.)
    private struct Builder {
        var out = GrowingBuffer<UInt8>()
        var pieces = GrowingBuffer<OffsetMap.Piece>()
        var copyStart = 0       // start of the pending run of copied bytes
        var copyOutStart = 0

        /// The next piece of the map; adjacent copies merge into one (as `OffsetMap.append`).
        @inline(__always)
        mutating func appendPiece(normalized: Range<Int>, original: Range<Int>, isCopy: Bool) {
            if normalized.isEmpty && original.isEmpty { return }
            if isCopy && pieces.count > 0 && pieces.last.isCopy {
                pieces.updateLast { $0.normalizedEnd = Int32(normalized.upperBound); $0.originalEnd = Int32(original.upperBound) }
                return
            }
            pieces.append(OffsetMap.Piece(normalizedStart: Int32(normalized.lowerBound), normalizedEnd: Int32(normalized.upperBound),
                                          originalStart: Int32(original.lowerBound), originalEnd: Int32(original.upperBound),
                                          isCopy: isCopy))
        }

        @inline(__always)
        mutating func flushCopy(upTo end: Int, _ src: UnsafeBufferPointer<UInt8>) {
            if out.capacity == 0 {
                out.reserve(src.count)
                pieces.reserve(min(16 + src.count / 32, 1 << 14))  // (mixed text: a replacement per ~60 bytes)
            }
            if end > copyStart {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: src[copyStart..<end]))
                appendPiece(normalized: copyOutStart..<out.count, original: copyStart..<end, isCopy: true)
            }
        }

        /// The same for one byte (quotes, dashes, spaces: most replacements).
        @inline(__always)
        mutating func replace(_ range: Range<Int>, withByte byte: UInt8, _ src: UnsafeBufferPointer<UInt8>) {
            flushCopy(upTo: range.lowerBound, src)
            out.append(byte)
            appendPiece(normalized: out.count - 1..<out.count, original: range, isCopy: false)
            copyStart = range.upperBound
            copyOutStart = out.count
        }

        @inline(__always)
        mutating func replace(_ range: Range<Int>, with bytes: [UInt8], _ src: UnsafeBufferPointer<UInt8>) {
            flushCopy(upTo: range.lowerBound, src)
            let outStart = out.count
            bytes.withUnsafeBufferPointer { out.append(contentsOf: $0) }
            appendPiece(normalized: outStart..<out.count, original: range, isCopy: false)
            copyStart = range.upperBound
            copyOutStart = out.count
        }

        /// The match form and its map; the buffers are freed.
        mutating func finish() -> NormalizedText {
            let text = NormalizedText(bytes: out.array(), map: OffsetMap(pieces: pieces.array()))
            out.deallocate()
            pieces.deallocate()
            return text
        }
    }

    private func normalize(_ src: UnsafeBufferPointer<UInt8>, whole: [UInt8]?) -> NormalizedText {
        var built = Builder()
        let tables = NormalizationTables.shared  // (read once: a static is checked for initialization at every read)
        let n = src.count
        var i = 0

        while i < n {
            // A run of characters that need nothing: one decode and one bit test each.
            // Whether a character combines with the one before it is the later one's
            // property (`hasBoundaryBefore`), so a run stops only at a character that
            // needs attention; if that one combines backwards, the last character of
            // the run starts its segment and goes through the checks below as well.
            var runLast = -1  // start of the run's last character
            while i < n {
                // Eight ASCII bytes without "-" at a time; else those before the first that is not.
                if i + 8 < n, let base = src.baseAddress {
                    let x = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                    let stops = (x | ByteMask.bytesEqual(x, UInt8(ascii: "-"))) & ByteMask.high
                    if stops == 0 {
                        runLast = i + 7
                        i += 8
                        continue
                    }
                    let plain = stops.trailingZeroBitCount >> 3
                    if plain > 0 {
                        runLast = i + plain - 1
                        i += plain
                    }
                }
                let b = src[i]
                if b < 0x80 {
                    if b == UInt8(ascii: "-") { break }
                    runLast = i
                    i += 1
                    continue
                }
                let (c, len) = UTF8Scalar.decode(src, at: i)
                if !tables.needsNothing(c) {
                    if runLast >= 0 && !tables.hasBoundaryBefore(c) { i = runLast }
                    break
                }
                runLast = i
                i += len
            }
            guard i < n else { break }
            let (c, len) = UTF8Scalar.decode(src, at: i)
            let next = i + len
            // A combining sequence: NFC the segment up to the next character that nothing
            // combines across. (Such a boundary is also never inside a word-break segment,
            // so no token ends inside a replacement.)
            if next < n && src[next] >= 0xCC && !tables.hasBoundaryBefore(UTF8Scalar.decode(src, at: next).scalar) {
                var end = next
                while end < n {
                    let (d, dl) = UTF8Scalar.decode(src, at: end)
                    if tables.hasBoundaryBefore(d) { break }
                    end += dl
                }
                let segment = UnsafeBufferPointer(rebasing: src[i..<end])
                if let composed = NormalizationTables.nfc(segment), !composed.elementsEqual(segment) {
                    built.replace(i..<end, with: composed, src)
                }
                i = end
                continue
            }
            if c == 0x2D || c == 0x00AD || c == 0x2010 {  // hyphen, soft hyphen, Unicode hyphen
                if let (replacement, end) = lineEndHyphenation(src, hyphenAt: i, hyphenLength: len, soft: c == 0x00AD) {
                    built.replace(i..<end, with: replacement, src)
                    i = end
                    continue
                }
                if c == 0x00AD { built.replace(i..<next, with: [], src) }
                if c == 0x2010 { built.replace(i..<next, withByte: UInt8(ascii: "-"), src) }
                i = next
                continue
            }
            if c >= 0x80, let plain = NormalizationTables.plainByte(of: c) {
                if plain == NormalizationTables.deleted {
                    built.replace(i..<next, with: [], src)
                } else {
                    built.replace(i..<next, withByte: UInt8(plain), src)
                }
            } else if c >= 0x0300 && !tables.isInertStart(c) {
                // A character NFC changes on its own (U+F901 -> U+66F4), or a lone
                // combining mark at the start of the text: NFC it alone.
                let segment = UnsafeBufferPointer(rebasing: src[i..<next])
                if let composed = NormalizationTables.nfc(segment), !composed.elementsEqual(segment) {
                    built.replace(i..<next, with: composed, src)
                }
            }
            i = next
        }
        if let whole, built.out.count == 0 && built.copyStart == 0 {
            built.out.deallocate()
            built.pieces.deallocate()
            var map = OffsetMap()
            map.append(normalized: 0..<n, original: 0..<n, isCopy: true)
            return NormalizedText(bytes: whole, map: map)
        }
        built.flushCopy(upTo: n, src)
        return built.finish()
    }

    /// At a hyphen (or soft hyphen) that ends a line, decides how the word goes on:
    /// returns the replacement for hyphen + line break + indentation, and where
    /// that stretch ends; nil when the hyphen does not end a line inside a word.
    private func lineEndHyphenation(_ src: UnsafeBufferPointer<UInt8>, hyphenAt h: Int, hyphenLength: Int, soft: Bool)
        -> ([UInt8], Int)?
    {
        // A letter must come right before the hyphen.
        guard h > 0 else { return nil }
        var p = h - 1
        while p > 0 && src[p] & 0xC0 == 0x80 { p -= 1 }
        guard CharacterClass.of(UTF8Scalar.decode(src, at: p).scalar).contains(.letter) else { return nil }
        // Then optional spaces, exactly one line break, optional spaces.
        var j = h + hyphenLength
        while j < src.count && (src[j] == 0x20 || src[j] == 0x09) { j += 1 }
        if j < src.count && src[j] == 0x0D { j += 1 }
        guard j < src.count && src[j] == 0x0A else { return nil }
        j += 1
        while j < src.count && (src[j] == 0x20 || src[j] == 0x09) { j += 1 }
        guard j < src.count else { return nil }
        let nextClass = CharacterClass.of(UTF8Scalar.decode(src, at: j).scalar)
        guard nextClass.contains(.letter) || nextClass.contains(.digit) else { return nil }
        if soft { return ([], j) }  // a soft hyphen always marks a syllable break
        if nextClass.contains(.lower) {
            var k = j
            while k < src.count && src[k] >= UInt8(ascii: "a") && src[k] <= UInt8(ascii: "z") { k += 1 }
            if Self.coordinatingWords.contains(Array(src[j..<k])) { return nil }
            return ([], j)  // "Elektro-\nfahrzeuge": a syllable break, joined
        }
        return ([UInt8(ascii: "-")], j)  // "Ford-\nChef": a real hyphen, kept
    }
}

struct NormalizationTables: Sendable {
    /// Bit per code point below `tabulatedCodePoints`: NFC can start a segment here and leaves it alone.
    private let inert: [UInt64]
    /// Bit per code point below `tabulatedCodePoints`: nothing before it combines with it.
    private let boundary: [UInt64]
    /// Bit per code point below `tabulatedCodePoints`: normalization leaves it as it is and
    /// nothing before it combines with it (inert, no plain byte, no hyphen).
    private let nothing: [UInt64]

    init(inert: [UInt64], boundary: [UInt64]) {
        self.inert = inert
        self.boundary = boundary
        var nothing = inert  // (inert implies a boundary before)
        for c in 0..<tabulatedCodePoints where c == 0x2D || c == 0xAD || (c >= 0x80 && Self.plainByte(of: c) != nil) {
            nothing[Int(c >> 6)] &= ~(1 &<< UInt64(c & 63))
        }
        self.nothing = nothing
    }

    static let shared = NormalizationTables(
        inert: bits { $0 < 0x300 || en_nfc_is_inert_start($0) != 0 },
        boundary: bits { $0 < 0x300 || en_nfc_has_boundary_before($0) != 0 })

    private static func bits(_ property: (UInt32) -> Bool) -> [UInt64] {
        var bits = [UInt64](repeating: 0, count: Int(tabulatedCodePoints) / 64)
        for c in 0..<tabulatedCodePoints where property(c) {
            bits[Int(c >> 6)] |= 1 &<< UInt64(c & 63)
        }
        return bits
    }

    @inline(__always)
    func hasBoundaryBefore(_ c: UInt32) -> Bool {
        if c < 0x300 { return true }
        if c < tabulatedCodePoints { return boundary[Int(c >> 6)] & (1 &<< UInt64(c & 63)) != 0 }
        return en_nfc_has_boundary_before(c) != 0
    }

    /// Whether normalization leaves the character at `c` alone whatever came before it:
    /// not a hyphen, no plain byte, NFC-inert, and nothing before it combines with it.
    /// (Whether it combines with what follows is the next character's `hasBoundaryBefore`.)
    @inline(__always)
    func needsNothing(_ c: UInt32) -> Bool {
        if c < tabulatedCodePoints { return nothing[Int(c >> 6)] & (1 &<< UInt64(c & 63)) != 0 }
        // CJK ideographs and Hangul syllables, the most frequent above the tables, without
        // a call into ICU: NFC-inert starters (a test asks ICU about every one of them).
        if Self.isInInertBlock(c) { return true }
        return Self.plainByte(of: c) == nil && en_nfc_is_inert_start(c) != 0
    }

    /// Whether `c` is in a block above the tables whose every code point is an NFC-inert
    /// starter with no plain byte: CJK Unified Ideographs, Hangul Syllables.
    @inline(__always)
    static func isInInertBlock(_ c: UInt32) -> Bool { (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7A3) }

    @inline(__always)
    func isInertStart(_ c: UInt32) -> Bool {
        if c < 0x300 { return true }
        if c < tabulatedCodePoints { return inert[Int(c >> 6)] & (1 &<< UInt64(c & 63)) != 0 }
        return en_nfc_is_inert_start(c) != 0
    }

    /// NFC of a short segment, as UTF-8; nil if ICU fails.
    static func nfc(_ segment: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        var scalars: [UInt32] = []
        var i = 0
        while i < segment.count {
            let (c, l) = UTF8Scalar.decode(segment, at: i)
            scalars.append(c)
            i += l
        }
        var composed = [UInt32](repeating: 0, count: scalars.count * 3 + 4)
        let count = en_nfc_normalize(scalars, Int32(scalars.count), &composed, Int32(composed.count))
        guard count >= 0 else { return nil }
        var out: [UInt8] = []
        for c in composed[0..<Int(count)] { UTF8Scalar.encode(c, into: &out) }
        return out
    }

    /// What `plainByte(of:)` returns for characters that matching ignores.
    static let deleted: UInt16 = 0x100

    /// The plain ASCII byte that matching uses for a typographic character, `deleted`
    /// for characters that matching ignores; nil for everything else. (A byte, not an
    /// array: quotes, dashes and odd spaces are frequent, an array each would be allocated.)
    static func plainByte(of c: UInt32) -> UInt16? {
        switch c {
        case 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF:
            return deleted  // zero-width characters
        case 0x2018, 0x2019, 0x201A, 0x201B, 0x2032, 0x02BC, 0x2039, 0x203A, 0x00B4, 0x0060:
            return UInt16(UInt8(ascii: "'"))
        case 0x201C, 0x201D, 0x201E, 0x201F, 0x00AB, 0x00BB, 0x2033:
            return UInt16(UInt8(ascii: "\""))
        case 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212, 0xFE63, 0xFF0D:
            return UInt16(UInt8(ascii: "-"))
        case 0x00A0, 0x1680, 0x2000...0x200A, 0x202F, 0x205F, 0x3000:
            return UInt16(UInt8(ascii: " "))
        case 0x0085, 0x2028, 0x2029:
            return UInt16(UInt8(ascii: "\n"))
        default:
            return nil
        }
    }
}
