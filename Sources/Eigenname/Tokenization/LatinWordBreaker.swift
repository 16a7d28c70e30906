// Tokenization, fast path: the word boundaries of plain Latin text without ICU.
//
// In:  match-form UTF-8.
// Out: regions of it, each either for the fast path (only ASCII, the Latin
//      letters U+00C0–U+024F, Greek, Cyrillic, Arabic and Hebrew letters, Hangul
//      syllables, and a few symbols such as § ° € £ ¥ ² © ® …) or for
//      ICU; and for a fast-path region exactly the boundaries ICU's
//      word-break iterator gives for it.
//
// For these characters the Unicode word-break rules (UAX #29) that ICU
// applies reduce to a small state machine: letters, digits and "_" join; a
// letter, "'", "." or ":" and a letter join ("Ford's", "e.V", "a:b"); a digit,
// ",", ";", "." or "'" and a digit join ("1.000", "3,5"); CR LF is one
// segment; runs of spaces are one segment; a run of Hangul syllables is one
// segment (ICU's dictionary set, without a Korean dictionary); everything else
// stands alone. German news text almost always qualifies, and this costs a
// fraction of the ICU iterator. A word with anything else (other scripts, CJK,
// combining marks, emoji, punctuation such as "·", a Hebrew letter before a
// quote) is left to ICU: regions are split at the
// start of a whitespace run, where UAX #29 always breaks and no rule looks
// across, so each region can be segmented on its own. Differential tests over
// the benchmark texts, real Arabic, Hebrew and Korean words, and every added
// character in the contexts where the rules differ check that both give
// identical boundaries.

struct LatinWordBreaker {
    enum Class: UInt8 {
        case other, letter, digit, midLetter, midNum, midNumLet, singleQuote, extendNumLet, space, cr, newline
        /// A Hangul syllable: ICU keeps a run of them together and joins them with nothing else.
        case hangul
        /// Not in the fast path's character set.
        case unsupported
    }

    /// The class of an ASCII byte (the breaker reads it from a table made from this).
    @inline(__always)
    static func asciiClass(_ b: UInt8) -> Class {
        switch b {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"): return .letter
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return .digit
        // ICU's root rules leave ":" out of MidLetter (UAX #29 has it; Swedish tailors it back).
        case UInt8(ascii: ","), UInt8(ascii: ";"): return .midNum
        case UInt8(ascii: "."): return .midNumLet
        case UInt8(ascii: "'"): return .singleQuote
        case UInt8(ascii: "_"): return .extendNumLet
        // ICU joins "@" with the letters around it ("name@example.de", "@Paul"): left to ICU.
        case UInt8(ascii: "@"): return .unsupported
        case 0x20: return .space
        case 0x0D: return .cr
        case 0x0A, 0x0B, 0x0C: return .newline
        default: return .other
        }
    }

    /// The class of the scalar at `i` and its length in bytes.
    @inline(__always)
    static func classify(_ s: UnsafeBufferPointer<UInt8>, _ i: Int) -> (Class, Int) {
        let b = s[i]
        if b < 0x80 { return (asciiClass(b), 1) }
        let (c, l) = UTF8Scalar.decode(s, at: i)
        switch c {
        case 0xC0...0x24F where c != 0xD7 && c != 0xF7: return (.letter, l)
        // Greek and Cyrillic letters (ALetter in UAX #29 as Latin ones: "Κυριάκος", "Газпром"),
        // without the signs, marks and punctuation of those blocks (U+0374, U+037E, U+0387, U+0482–U+0489).
        case 0x0386, 0x0388...0x038A, 0x038C, 0x038E...0x03A1, 0x03A3...0x03F5, 0x03F7...0x03FF,
             0x0400...0x0481, 0x048A...0x04FF: return (.letter, l)
        // Arabic letters (ALetter: "أرامكو", "محمد"), without tatweel, the marks (U+064B–U+065F,
        // U+0670: Extend), the Arabic-Indic digits and the punctuation of the block.
        case 0x0620...0x063F, 0x0641...0x064A, 0x0671...0x06D3: return (.letter, l)
        // Hebrew letters ("טבע"): letters here, but a Hebrew letter before "'" or '"' (where
        // UAX #29 has rules of its own, WB7a–c) sends its word to ICU (`firstUnsupported`).
        case 0x05D0...0x05EA, 0x05EF...0x05F2: return (.letter, l)
        // Hangul syllables ("현대자동차"): ICU's dictionary set, a run of them is one word.
        case 0xAC00...0xD7A3: return (.hangul, l)
        // Symbols that stand alone ("m²", "¥"): UAX #29's Other.
        case 0xA3, 0xA5, 0xA7, 0xA9, 0xAE, 0xB0, 0xB2, 0xB3, 0x2026, 0x20AC: return (.other, l)
        default: return (.unsupported, l)
        }
    }

    /// Whether every character of `s` is one the fast path knows.
    static func isEligible(_ s: UnsafeBufferPointer<UInt8>) -> Bool { firstUnsupported(s, from: 0) == s.count }

    @inline(__always)
    private static func isWhitespace(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0D) }

    /// The first character at or after `i` that the fast path does not know,
    /// or `s.count`. Skips eight bytes at a time while they are ASCII without "@".
    static func firstUnsupported(_ s: UnsafeBufferPointer<UInt8>, from i: Int) -> Int {
        guard let base = s.baseAddress else { return s.count }
        var i = i
        while i < s.count {
            if i + 8 <= s.count {
                let x = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                let hasAt = ByteMask.hasZeroByte(x ^ ByteMask.repeating(UInt8(ascii: "@")))
                if (x & ByteMask.high) | hasAt == 0 { i += 8; continue }
            }
            let b = s[i]
            if b < 0x80 {
                if b == UInt8(ascii: "@") { return i }
                i += 1
                continue
            }
            let (cls, l) = classify(s, i)
            if cls == .unsupported { return i }
            // A Hebrew letter (D7 90–D7 AA, D7 AF–D7 B2) before a quote: UAX #29's Hebrew rules, left to ICU.
            if b == 0xD7, i + l < s.count, s[i + l] == UInt8(ascii: "'") || s[i + l] == UInt8(ascii: "\"") { return i }
            i += l
        }
        return s.count
    }

    /// The region that starts at `start`: where it ends, and whether the fast
    /// path can segment it. Regions end at the start of a whitespace run, so a
    /// word with an unknown character goes to ICU whole.
    static func region(_ s: UnsafeBufferPointer<UInt8>, from start: Int) -> (end: Int, eligible: Bool) {
        let bad = firstUnsupported(s, from: start)
        if bad == s.count { return (s.count, true) }
        // The whitespace run before the word that holds the unknown character.
        var unitStart = bad
        while unitStart > start && !isWhitespace(s[unitStart - 1]) { unitStart -= 1 }
        while unitStart > start && isWhitespace(s[unitStart - 1]) { unitStart -= 1 }
        if unitStart > start { return (unitStart, true) }
        // The region starts with that word: it goes to ICU, up to the next whitespace run.
        var end = bad
        while end < s.count && !isWhitespace(s[end]) { end += 1 }
        return (end, false)
    }

    /// The bytes of `x` that are ASCII letters, digits or "_", as their high bits.
    /// For bytes below 0x80, (v + 0x80 - k) has its high bit set exactly when v >= k
    /// (the high bits are cleared first, so no lane carries into the next).
    @inline(__always)
    static func wordCharacterMask(_ x: UInt64) -> UInt64 {
        let x7 = x & ByteMask.low7
        let folded = x7 | ByteMask.repeating(0x20)  // "A"–"Z" onto "a"–"z"; nothing else lands there
        let letter = ByteMask.atLeast(folded, 0x61) & ~ByteMask.atLeast(folded, 0x7B)
        let digit = ByteMask.atLeast(x7, 0x30) & ~ByteMask.atLeast(x7, 0x3A)
        let underscore = ByteMask.bytesEqual(x7, UInt8(ascii: "_"))
        return (letter | digit | underscore) & ~x & ByteMask.high
    }

    /// `asciiClass` for every ASCII byte, made once: the per-character loop reads
    /// it through a pointer (no switch, no lazy-initialization check per character).
    nonisolated(unsafe) private static let asciiClasses: UnsafePointer<Class> = {  // written once, then only read
        let table = UnsafeMutablePointer<Class>.allocate(capacity: 128)
        for b in 0..<128 { table[b] = asciiClass(UInt8(b)) }
        return UnsafePointer(table)
    }()

    private let text: UnsafeBufferPointer<UInt8>
    private var position: Int
    private let classes: UnsafePointer<Class>

    /// Segments `range` of `text`; boundaries are offsets into `text`.
    init(_ text: UnsafeBufferPointer<UInt8>, range: Range<Int>) {
        self.text = UnsafeBufferPointer(rebasing: text[..<range.upperBound])
        position = range.lowerBound
        classes = Self.asciiClasses
    }

    /// Marks a boundary whose segment follows a segment of one space (`next`).
    static let afterSingleSpace = Int32.min

    /// Writes up to `capacity` further boundaries; returns how many (0 at the end). The boundary
    /// after a segment of one space, which four tokens in ten follow, is left out: the next one
    /// comes with `afterSingleSpace` set instead (its segment starts a byte after the last boundary).
    mutating func next(into boundaries: UnsafeMutablePointer<Int32>, capacity: Int) -> Int {
        var n = 0
        while n < capacity && position < text.count {
            var mark: Int32 = 0
            if text[position] == 0x20, position + 1 < text.count, text[position + 1] != 0x20 {
                position += 1
                mark = Self.afterSingleSpace
            }
            position = segmentEnd(from: position)
            boundaries[n] = Int32(position) | mark
            n += 1
        }
        return n
    }

    @inline(__always)
    private func segmentEnd(from start: Int) -> Int {
        let b0 = text[start]
        let (first, firstLength) = b0 < 0x80 ? (classes[Int(b0)], 1) : Self.classify(text, start)
        var i = start + firstLength
        switch first {
        case .cr:
            return i < text.count && text[i] == 0x0A ? i + 1 : i
        case .space:
            while i < text.count && text[i] == 0x20 { i += 1 }
            return i
        case .hangul:
            // Hangul syllables are EA B0 80 – ED 9E A3: three bytes each.
            while i + 3 <= text.count && text[i] >= 0xEA && text[i] <= 0xED && Self.classify(text, i).0 == .hangul { i += 3 }
            return i
        case .letter, .digit, .extendNumLet:
            var last = first
            while i < text.count {
                // The run of ASCII letters, digits and "_" ahead, up to eight bytes at a
                // time (they all join); the byte that ends it goes through the rules below.
                if i + 8 <= text.count, let base = text.baseAddress {
                    let x = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                    let stops = ~Self.wordCharacterMask(x) & ByteMask.high
                    let run = stops == 0 ? 8 : stops.trailingZeroBitCount >> 3
                    if run > 0 {
                        let b = UInt8(truncatingIfNeeded: x &>> UInt64(run * 8 - 8))
                        last = b <= UInt8(ascii: "9") ? .digit : b == UInt8(ascii: "_") ? .extendNumLet : .letter
                        i += run
                        // The run went on to the next eight bytes; else the byte at i
                        // ended it, and goes through the rules below right away.
                        if run == 8 { continue }
                    }
                }
                let b = text[i]
                let (c, l) = b < 0x80 ? (classes[Int(b)], 1) : Self.classify(text, i)
                switch c {
                case .letter, .digit, .extendNumLet:
                    last = c
                    i += l
                    continue
                case .midLetter, .midNum, .midNumLet, .singleQuote:
                    guard i + l < text.count else { return i }
                    let b2 = text[i + l]
                    let (after, afterLength) = b2 < 0x80 ? (classes[Int(b2)], 1) : Self.classify(text, i + l)
                    let joinsLetters = last == .letter && after == .letter && c != .midNum
                    let joinsDigits = last == .digit && after == .digit && c != .midLetter
                    guard joinsLetters || joinsDigits else { return i }
                    last = after
                    i += l + afterLength
                    continue
                default:
                    return i
                }
            }
            return i
        default:
            return i
        }
    }
}
