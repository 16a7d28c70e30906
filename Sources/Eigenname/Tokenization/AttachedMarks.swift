// Tokenization, part 1b: tokens in, the tokens German corpora count out.
//
// In:  the tokens of the word breaker (ICU's rules: "Dr", ".", "-", "-").
// Out: the same tokens with the marks attached to them joined, as Universal
//      Dependencies and TIGER count tokens: a period that belongs to the word
//      before it ("Dr.", "z.", "B.", "24.", "F."; the rules of where a period
//      belongs are the sentence splitter's: abbreviations.txt, ordinals, initials),
//      a run of the same punctuation mark ("...", "--", "``", "''"), and an
//      emoticon written apart from the words (";-)", "^^"; emoticons.txt).
// Lexicon surfaces go through the same step (TextTokenizer), so matching sees
// the same tokens in both.

extension SentenceSplitter {
    /// Joins the marks attached to tokens, in place (a large document's tokens are
    /// not copied). First decides every join on the tokens as they are, then compacts.
    func joinAttachedMarks(_ tokens: inout [Token], text: NormalizedText) {
        guard tokens.count > 1 else { return }
        let joins: [Bool] = text.bytes.withUnsafeBufferPointer { bytes in
            var joins = [Bool](repeating: false, count: tokens.count)
            // Raw buffers in the loop: array reads and writes inside a closure check
            // bounds and uniqueness at every token. The helpers take the array itself.
            let all = tokens
            all.withUnsafeBufferPointer { tokens in
            joins.withUnsafeMutableBufferPointer { joins in
                var lastKind = tokens[0].kind
                var lastRun: UInt8? = nil  // the mark the kept token before consists of, if it is a run of one
                // Emoticons: a cheap test of the next token and the first byte before looking closer.
                let initials = emoticonInitials
                func emoticonStart(_ i: Int) -> Bool {
                    !tokens[i + 1].spaceBefore && initials[Int(bytes[Int(tokens[i].normalizedStart)])]
                }
                var emoticonLast = emoticonStart(0) ? emoticonLength(at: 0, all, bytes) : 0  // last token of one being joined
                for i in 1..<tokens.count {
                    let t = tokens[i]
                    if i <= emoticonLast {
                        joins[i] = true
                        continue
                    }
                    if t.kind != .word && t.kind != .number && t.spaceBefore && i + 1 < tokens.count && emoticonStart(i) {
                        emoticonLast = i + emoticonLength(at: i, all, bytes)
                    }
                    if !t.spaceBefore, t.kind == .punctuation || t.kind == .symbol {
                        if isPeriod(t, bytes) && lastKind != .punctuation && periodContinues(at: i, all, bytes) {
                            joins[i] = true
                            continue
                        }
                        if isRepeatable(t, bytes), let run = lastRun, run == bytes[Int(t.normalizedStart)] {
                            joins[i] = true
                            continue
                        }
                    }
                    lastKind = t.kind
                    lastRun = isRepeatable(t, bytes) ? bytes[Int(t.normalizedStart)] : nil
                }
            }
            }
            return joins
        }
        guard let firstJoin = joins.firstIndex(of: true) else { return }
        // Raw buffer: the compaction writes every token after the first join once.
        let kept = tokens.withUnsafeMutableBufferPointer { tokens in
            var kept = firstJoin
            for i in firstJoin..<tokens.count {
                if joins[i] {
                    tokens[kept - 1].end = tokens[i].end
                    tokens[kept - 1].utf8End = tokens[i].utf8End
                    tokens[kept - 1].normalizedEnd = tokens[i].normalizedEnd
                } else {
                    tokens[kept] = tokens[i]
                    kept += 1
                }
            }
            return kept
        }
        tokens.removeLast(tokens.count - kept)
    }
}
