// Tokenization: match form in, tokens out.
//
// In:  a NormalizedText (match-form UTF-8 and its OffsetMap) and the original bytes.
// Out: [Token]: words, numbers, punctuation and symbols with offsets into the
//      original (code points and UTF-8 bytes) and into the match form.
//
// Word boundaries are ICU's (UAX #29 with ICU's `de` locale), read from the
// UTF-8 bytes through UText, so no UTF-16 copy is made. Whitespace segments
// are not tokens; they only set `spaceBefore` on the token that follows.

import CICUShim

/// An ICU word-break iterator. Not thread-safe: one per worker.
final class Tokenizer {
    private let breaker: OpaquePointer
    /// Boundaries come in batches of this many: raw memory, not a property array
    /// (each access to a class's array property would be checked for exclusivity).
    private static let batch = 4096
    private let boundaries = UnsafeMutablePointer<Int32>.allocate(capacity: Tokenizer.batch)

    /// Whether plain Latin text may take the fast path (tests turn it off to compare).
    var usesLatinFastPath = true

    init(locale: String = "de") throws(EigennameError) {
        var errorName: UnsafePointer<CChar>? = nil
        guard let b = en_word_breaker_open(locale, &errorName) else {
            throw .library(name: "ICU", reason: "cannot open word-break iterator for '\(locale)': "
                + (errorName.map { String(cString: $0) } ?? "unknown error"))
        }
        breaker = b
    }

    deinit {
        en_word_breaker_close(breaker)
        boundaries.deallocate()
    }

    /// Splits `text` into tokens whose offsets point into `original`. With
    /// `codePoints: false` the tokens' code point offsets (`start`, `end`) are left
    /// 0: for callers that need them only for a few tokens and count those themselves.
    func tokenize(_ text: NormalizedText, original: UnsafeBufferPointer<UInt8>, codePoints: Bool = true) -> [Token] {
        var tokens: [Token] = []
        tokens.reserveCapacity(text.bytes.count / 5 + 8)
        let identity = text.map.isIdentity  // most documents: no cursor needed
        var counter = CodePointCounter(original)
        text.map.withCursor { cursor in text.bytes.withUnsafeBufferPointer { bytes in
            // Region by region: the fast path where it applies, ICU elsewhere.
            var regionEnd = 0
            var latin: LatinWordBreaker? = nil
            var icuActive = false
            var icuOffset: Int32 = 0
            var start: Int32 = 0
            var lastOriginalEnd: Int32 = 0
            var spaceBefore = false
            while true {
                let n = latin != nil ? latin!.next(into: boundaries, capacity: Self.batch)
                    : icuActive ? Int(en_word_breaker_next(breaker, boundaries, nil, Int32(Self.batch))) : 0
                if n == 0 {
                    guard regionEnd < bytes.count else { break }
                    let (end, eligible) = usesLatinFastPath ? LatinWordBreaker.region(bytes, from: regionEnd) : (bytes.count, false)
                    if eligible {
                        latin = LatinWordBreaker(bytes, range: regionEnd..<end)
                        icuActive = false
                        icuOffset = 0
                    } else {
                        latin = nil
                        icuActive = true
                        icuOffset = Int32(regionEnd)
                        guard en_word_breaker_set_text(breaker, bytes.baseAddress! + regionEnd, Int64(end - regionEnd)) == 0 else { break }
                    }
                    regionEnd = end
                    continue
                }
                if icuOffset != 0 { for k in 0..<n { boundaries[k] += icuOffset } }
                for k in 0..<n {
                    var end = boundaries[k]
                    if end < 0 {  // (LatinWordBreaker.afterSingleSpace: a space, then this segment)
                        end &= Int32.max
                        start += 1
                        spaceBefore = true
                    }
                    defer { start = end }
                    // The kind comes from the first character. (ICU's rule status would
                    // tell words from numbers too, but costs a call per boundary and
                    // calls "SU7" a number.)
                    let first = bytes[Int(start)]
                    let kind: TokenKind
                    if first < 0x80 {
                        switch first {
                        case 0x20, 0x09...0x0D: spaceBefore = true; continue
                        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"): kind = .word
                        case UInt8(ascii: "0")...UInt8(ascii: "9"): kind = .number
                        case UInt8(ascii: "$"), UInt8(ascii: "+"), UInt8(ascii: "<"), UInt8(ascii: "="), UInt8(ascii: ">"),
                             UInt8(ascii: "^"), UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"), 0x00...0x1F, 0x7F:
                            kind = .symbol  // Unicode's S* categories, and control characters
                        default: kind = .punctuation
                        }
                    } else {
                        let cls = CharacterClass.of(UTF8Scalar.decode(bytes, at: Int(start)).scalar)
                        if cls.contains(.space) { spaceBefore = true; continue }
                        kind = cls.contains(.letter) ? .word : cls.contains(.digit) ? .number
                            : cls.contains(.punctuation) ? .punctuation : .symbol
                    }
                    // Offsets map to original text that is never shared between tokens;
                    // should a boundary fall inside a normalization replacement, the
                    // replacement goes to the earlier token.
                    let mapped = identity ? (start: start, end: end) : cursor.originalRange(start, end)
                    let origStart = max(mapped.start, lastOriginalEnd)
                    let origEnd = mapped.end
                    guard origEnd > origStart else { continue }
                    lastOriginalEnd = origEnd
                    let cpStart = codePoints ? counter.codePointOffset(ofByte: Int(origStart)) : 0
                    let cpEnd = codePoints ? counter.codePointOffset(ofByte: Int(origEnd)) : 0
                    tokens.append(Token(start: Int32(cpStart), end: Int32(cpEnd), utf8Start: origStart, utf8End: origEnd,
                                        normalizedStart: start, normalizedEnd: end, kind: kind, spaceBefore: spaceBefore))
                    spaceBefore = false
                }
            }
        } }
        return tokens
    }
}
