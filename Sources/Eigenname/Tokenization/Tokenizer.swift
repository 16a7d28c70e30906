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
public final class Tokenizer {
    private let breaker: OpaquePointer
    private var boundaries = [Int32](repeating: 0, count: 4096)
    private var statuses = [Int32](repeating: 0, count: 4096)

    public init(locale: String = "de") throws(EigennameError) {
        var errorName: UnsafePointer<CChar>? = nil
        guard let b = en_word_breaker_open(locale, &errorName) else {
            throw .library(name: "ICU", reason: "cannot open word-break iterator for '\(locale)': "
                + (errorName.map { String(cString: $0) } ?? "unknown error"))
        }
        breaker = b
    }

    deinit { en_word_breaker_close(breaker) }

    /// Splits `text` into tokens whose offsets point into `original`.
    func tokenize(_ text: NormalizedText, original: UnsafeBufferPointer<UInt8>) -> [Token] {
        var tokens: [Token] = []
        tokens.reserveCapacity(text.bytes.count / 5 + 8)
        var cursor = OffsetMap.Cursor(text.map)
        var counter = CodePointCounter(original)
        text.bytes.withUnsafeBufferPointer { bytes in
            guard en_word_breaker_set_text(breaker, bytes.baseAddress, Int64(bytes.count)) == 0 else { return }
            var start: Int32 = 0
            var spaceBefore = false
            while true {
                let n = Int(en_word_breaker_next(breaker, &boundaries, &statuses, Int32(boundaries.count)))
                if n == 0 { break }
                for k in 0..<n {
                    let end = boundaries[k]
                    let status = statuses[k]
                    defer { start = end }
                    let kind: TokenKind
                    if status >= 200 {
                        kind = .word
                    } else if status >= 100 {
                        // ICU reports "SU7" with the status of its last part: a name, not a number.
                        let (c, _) = UTF8Scalar.decode(bytes, at: Int(start))
                        kind = CharacterClass.of(c).contains(.letter) ? .word : .number
                    } else {
                        let (c, _) = UTF8Scalar.decode(bytes, at: Int(start))
                        let cls = CharacterClass.of(c)
                        if cls.contains(.space) || c == 0x0A || c == 0x0D || c == 0x09 {
                            spaceBefore = true
                            continue
                        }
                        // Letters with status NONE: scripts ICU does not classify (e.g. Thai without dictionary).
                        kind = cls.contains(.punctuation) ? .punctuation : (cls.contains(.letter) ? .word : .symbol)
                    }
                    let origStart = cursor.originalStart(start)
                    let origEnd = cursor.originalEnd(end)
                    let cpStart = counter.codePointOffset(ofByte: Int(origStart))
                    let cpEnd = counter.codePointOffset(ofByte: Int(origEnd))
                    tokens.append(Token(start: Int32(cpStart), end: Int32(cpEnd), utf8Start: origStart, utf8End: origEnd,
                                        normalizedStart: start, normalizedEnd: end, kind: kind, spaceBefore: spaceBefore))
                    spaceBefore = false
                }
            }
        }
        return tokens
    }
}
