// The pipeline: one document in, one annotated document out.
//
//   SourceDocument -> TextTokenizer (normalize, tokenize, join attached marks)
//                  -> SentenceSplitter -> EntityRecognizer -> AnnotatedDocument
//
// One path, shaped by what the output needs (AnnotationNeeds): with tokens, the
// tokens carry code point offsets and sentences are split; without them (JSON
// without --tokens), code points are counted only for entities, sentences are
// split only if a lexicon rule asks, and a very large document goes through in
// parts, so memory stays a small multiple of the part.
//
// An Annotator owns an ICU break iterator, which is not thread-safe: give each
// worker its own Annotator. The CompiledLexicon they share is immutable.

/// Annotates documents: tokens, sentences and entities, with one compiled lexicon.
///
/// Not thread-safe (it owns an ICU break iterator): one per thread, sharing the
/// ``CompiledLexicon``, which is immutable. See <doc:Pipeline>.
public final class Annotator {
    /// The recognition stage, over the lexicon.
    let recognizer: EntityRecognizer
    private let textTokenizer: TextTokenizer
    private var splitter: SentenceSplitter { textTokenizer.splitter }

    /// Creates an annotator over a compiled lexicon (``LexiconLoader/load(extra:includeDefaults:)``),
    /// running every recognition rule.
    /// - Throws: ``EigennameError/library(name:reason:)`` when ICU cannot start.
    public convenience init(lexicon: CompiledLexicon) throws(EigennameError) {
        try self.init(lexicon: lexicon, rules: .all)
    }

    /// Creates an annotator over a compiled lexicon; with `discovery: false` it finds only the
    /// names the lexicon lists (no discovery of unlisted people, companies and models, Recognition/NameDiscovery.swift).
    /// - Throws: ``EigennameError/library(name:reason:)`` when ICU cannot start.
    public convenience init(lexicon: CompiledLexicon, discovery: Bool) throws(EigennameError) {
        try self.init(lexicon: lexicon, rules: discovery ? .all : RuleSet.all.subtracting(.discovery))
    }

    /// Creates an annotator running only the recognition `rules` (ablation; the command line's `--rules`).
    init(lexicon: CompiledLexicon, rules: RuleSet) throws(EigennameError) {
        recognizer = EntityRecognizer(lexicon: lexicon, rules: rules)
        textTokenizer = try TextTokenizer()
    }

    /// Documents larger than this are annotated in parts when their tokens are not needed.
    var partSize = 4 << 20
    /// The state of the document annotated last, to be emptied and used again.
    private var spareState: EntityRecognizer.DocumentState? = nil

    /// Annotates `document` as far as `needs` asks: entities (or only tokens and
    /// sentences, `eigenname tokenize`), with or without tokens and sentences.
    public func annotate(_ document: SourceDocument, needs: AnnotationNeeds = AnnotationNeeds()) -> AnnotatedDocument {
        // (The last document's state, emptied, keeps its storage: no allocations per document. Not
        // that of a document of more than a megabyte: its storage is large, and would be held
        // while the document's output is made and after.)
        var state = spareState ?? EntityRecognizer.DocumentState()
        spareState = nil
        state.reset()
        defer { if document.utf8.count <= 1 << 20 { spareState = state } }
        let whole: Part
        if needs.entities && !needs.tokens && document.utf8.count > partSize {
            whole = annotateInParts(document.utf8, state: &state)
        } else {
            let (normalized, tokens) = textTokenizer.tokenize(document.utf8, codePoints: needs.tokens)
            whole = document.utf8.withUnsafeBufferPointer { annotatePart($0, normalized, tokens, needs: needs, state: &state) }
        }
        let entities = recognizer.finish(whole.pending, state: state)
        return AnnotatedDocument(id: document.id, utf8: document.utf8, origin: document.origin, tokens: whole.tokens,
                                 sentences: needs.tokens ? splitter.joiningSentences(whole.sentences, across: entities) : [],
                                 entities: entities, textAsJSON: document.textAsJSON)
    }

    /// What one part (or the whole) of a document gives: its tokens and sentences
    /// when the output needs them, and its entities before the document-wide rules.
    private struct Part {
        var tokens: [Token] = []
        var sentences: [Sentence] = []
        var pending: [EntityRecognizer.PendingEntity] = []
    }

    /// Sentences and recognition over the tokens of `original` (a document or a part of one).
    private func annotatePart(_ original: UnsafeBufferPointer<UInt8>, _ normalized: NormalizedText, _ tokens: [Token],
                              needs: AnnotationNeeds, state: inout EntityRecognizer.DocumentState) -> Part {
        var part = Part()
        let lookup: EntityRecognizer.SentenceLookup
        if needs.tokens {
            part.tokens = tokens
            part.sentences = splitter.split(tokens, text: normalized)
            lookup = EntityRecognizer.SentenceLookup(part.sentences)
        } else {
            // (The tokenizer, this thread's, not a copy of its splitter: a copy retains the splitter's
            // word sets, which all threads share, at every document.)
            let textTokenizer = self.textTokenizer
            lookup = EntityRecognizer.SentenceLookup(splitting: { textTokenizer.splitter.split(tokens, text: normalized) })
        }
        if needs.entities {
            part.pending = recognizer.recognizePart(tokens: tokens, sentences: lookup, text: normalized, original: original,
                                                    tokensHaveCodePoints: needs.tokens, state: &state)
        }
        return part
    }

    /// A very large document in parts cut at paragraph or sentence ends: what
    /// recognition knows (names seen, for short forms and `requires-maker`) goes
    /// from part to part, and entity offsets are shifted to the whole document.
    private func annotateInParts(_ utf8: [UInt8], state: inout EntityRecognizer.DocumentState) -> Part {
        var whole = Part()
        utf8.withUnsafeBufferPointer { all in
            var start = 0
            var codePointStart = 0
            while start < all.count {
                let end = Self.partEnd(all, from: start, partSize: partSize)
                let original = UnsafeBufferPointer(rebasing: all[start..<end])
                let (normalized, tokens) = textTokenizer.tokenize(original, codePoints: false)
                for var p in annotatePart(original, normalized, tokens, needs: AnnotationNeeds(entities: true, tokens: false),
                                          state: &state).pending {
                    p.entity.start += codePointStart
                    p.entity.end += codePointStart
                    whole.pending.append(p)
                }
                var counter = CodePointCounter(original)
                codePointStart += counter.codePointOffset(ofByte: original.count)
                start = end
            }
        }
        return whole
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

    /// Convenience for tests and small jobs: everything, tokens included.
    func annotate(text: String, id: String = "doc") -> AnnotatedDocument {
        annotate(SourceDocument(id: id, text: text))
    }
}
