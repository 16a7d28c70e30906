// The pipeline: one document in, one annotated document out.
//
//   SourceDocument -> TextNormalizer -> Tokenizer -> SentenceSplitter
//                  -> EntityRecognizer -> AnnotatedDocument
//
// An Annotator owns an ICU break iterator, which is not thread-safe: give each
// worker its own Annotator. The CompiledLexicon they share is immutable.

public final class Annotator {
    public let recognizer: EntityRecognizer
    private let normalizer = TextNormalizer()
    private let tokenizer: Tokenizer
    private let splitter = SentenceSplitter.standard

    /// `rules`: the recognition rules to run (RecognitionRules.swift; default: all).
    public init(lexicon: CompiledLexicon, rules: RuleSet = .all) throws(EigennameError) {
        recognizer = EntityRecognizer(lexicon: lexicon, rules: rules)
        tokenizer = try Tokenizer()
    }

    /// Documents larger than this are annotated in parts when their tokens are
    /// not wanted, so memory stays a small multiple of the part, not of the document.
    public var partSize = 4 << 20

    /// Runs every stage; with `recognizingEntities: false` only normalization,
    /// tokenization and sentence splitting (`eigenname tokenize`). With
    /// `keepingTokens: false` the result has no tokens and sentences (only
    /// entities), which lets a very large document go through in parts.
    public func annotate(_ document: SourceDocument, recognizingEntities: Bool = true,
                         keepingTokens: Bool = true) -> AnnotatedDocument {
        if !keepingTokens && recognizingEntities {
            return document.utf8.count > partSize ? annotateInParts(document) : annotateEntitiesOnly(document)
        }
        let normalized = normalizer.normalize(document.utf8)
        return document.utf8.withUnsafeBufferPointer { original in
            var tokens = tokenizer.tokenize(normalized, original: original)
            splitter.attachPeriods(&tokens, text: normalized)
            let sentences = splitter.split(tokens, text: normalized)
            let entities = recognizingEntities
                ? recognizer.recognize(tokens: tokens, sentences: sentences, text: normalized, original: original) : []
            return AnnotatedDocument(id: document.id, utf8: document.utf8, origin: document.origin, tokens: tokens,
                                     sentences: splitter.joiningSentences(sentences, across: entities), entities: entities)
        }
    }

    /// Entities only: tokens without code point offsets, and sentences split only if
    /// a lexicon rule asks for them (neither is in the result).
    private func annotateEntitiesOnly(_ document: SourceDocument) -> AnnotatedDocument {
        var state = EntityRecognizer.DocumentState()
        let normalized = normalizer.normalize(document.utf8)
        let pending = document.utf8.withUnsafeBufferPointer { original in
            recognizePart(original, normalized: normalized, state: &state)
        }
        return AnnotatedDocument(id: document.id, utf8: document.utf8, origin: document.origin, tokens: [],
                                 sentences: [], entities: recognizer.finish(pending, state: state))
    }

    /// Tokenization to recognition on `original` (a document or a part of one) and
    /// its match form, entities only.
    private func recognizePart(_ original: UnsafeBufferPointer<UInt8>, normalized: NormalizedText,
                               state: inout EntityRecognizer.DocumentState) -> [EntityRecognizer.PendingEntity] {
        var tokens = tokenizer.tokenize(normalized, original: original, codePoints: false)
        splitter.attachPeriods(&tokens, text: normalized)
        let splitter = self.splitter
        let sentences = EntityRecognizer.SentenceLookup(splitting: { [tokens] in splitter.split(tokens, text: normalized) })
        return recognizer.recognizePart(tokens: tokens, sentences: sentences, text: normalized, original: original,
                                        tokensHaveCodePoints: false, state: &state)
    }

    /// A very large document in parts cut at paragraph or sentence ends: what
    /// recognition knows (names seen, for short forms and `requires-maker`) goes
    /// from part to part, and entity offsets are shifted to the whole document.
    private func annotateInParts(_ document: SourceDocument) -> AnnotatedDocument {
        var state = EntityRecognizer.DocumentState()
        var pending: [EntityRecognizer.PendingEntity] = []
        document.utf8.withUnsafeBufferPointer { all in
            var start = 0
            var codePointStart = 0
            while start < all.count {
                let end = Self.partEnd(all, from: start, partSize: partSize)
                let part = UnsafeBufferPointer(rebasing: all[start..<end])
                for var p in recognizePart(part, normalized: normalizer.normalize(part), state: &state) {
                    p.entity.start += codePointStart
                    p.entity.end += codePointStart
                    pending.append(p)
                }
                var counter = CodePointCounter(part)
                codePointStart += counter.codePointOffset(ofByte: part.count)
                start = end
            }
        }
        return AnnotatedDocument(id: document.id, utf8: document.utf8, origin: document.origin, tokens: [],
                                 sentences: [], entities: recognizer.finish(pending, state: state))
    }

    /// Where the part that starts at `start` ends: after a blank line, else after a
    /// sentence end (". " before a capital), else at a line break or a space,
    /// about `partSize` bytes on; never inside a UTF-8 sequence.
    static func partEnd(_ text: UnsafeBufferPointer<UInt8>, from start: Int, partSize: Int) -> Int {
        let target = start + partSize
        guard target < text.count else { return text.count }
        let window = min(text.count, target + max(partSize / 4, 1024))
        func find(_ accept: (Int) -> Bool) -> Int? {
            var i = target
            while i < window - 2 {
                if accept(i) { return i }
                i += 1
            }
            return nil
        }
        if let i = find({ text[$0] == 0x0A && text[$0 + 1] == 0x0A }) { return i + 2 }
        if let i = find({ text[$0] == UInt8(ascii: ".") && text[$0 + 1] == 0x20 && text[$0 + 2] >= 0x41 && text[$0 + 2] <= 0x5A }) {
            return i + 2
        }
        if let i = find({ text[$0] == 0x0A || text[$0] == 0x20 }) { return i + 1 }
        var i = target  // no white space at all: any character boundary
        while i < text.count && text[i] & 0xC0 == 0x80 { i += 1 }
        return i
    }

    /// Convenience for tests and small jobs.
    public func annotate(text: String, id: String = "doc") -> AnnotatedDocument {
        annotate(SourceDocument(id: id, text: text))
    }
}
