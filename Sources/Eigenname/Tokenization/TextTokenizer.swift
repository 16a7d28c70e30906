// Tokenization, the whole way: original UTF-8 in, match form and tokens out.
//
// In:  a document's original bytes (or a part of a very large one), or the
//      joined surfaces of a lexicon.
// Out: the match form (TextNormalizer: NFC, soft hyphens, typographic marks,
//      with its map back to the original) and the tokens over it (Tokenizer),
//      their attached marks joined (AttachedMarks.swift).
//
// The one place where normalize → tokenize → join is spelled out: documents
// (Annotator) and lexicon surfaces (LexiconCompiler) both come here, so a
// surface and the text that contains it give the same tokens by construction.
// Not thread-safe (it owns an ICU break iterator): one per thread.

final class TextTokenizer {
    private let normalizer = TextNormalizer()
    private let tokenizer: Tokenizer
    let splitter = SentenceSplitter.standard

    init() throws(EigennameError) {
        tokenizer = try Tokenizer()
    }

    /// The match form and tokens of `original`. `codePoints: false` leaves the
    /// tokens' code point offsets uncomputed (an output that carries no tokens
    /// needs them only for entities, counted later).
    func tokenize(_ original: UnsafeBufferPointer<UInt8>, codePoints: Bool) -> (text: NormalizedText, tokens: [Token]) {
        tokens(of: normalizer.normalize(original), original: original, codePoints: codePoints)
    }

    /// The same for a whole text in an array: a text that normalization does not
    /// change is shared, not copied (most documents).
    func tokenize(_ original: [UInt8], codePoints: Bool) -> (text: NormalizedText, tokens: [Token]) {
        let normalized = normalizer.normalize(original)
        return original.withUnsafeBufferPointer { tokens(of: normalized, original: $0, codePoints: codePoints) }
    }

    private func tokens(of normalized: NormalizedText, original: UnsafeBufferPointer<UInt8>,
                        codePoints: Bool) -> (text: NormalizedText, tokens: [Token]) {
        var tokens = tokenizer.tokenize(normalized, original: original, codePoints: codePoints)
        splitter.joinAttachedMarks(&tokens, text: normalized)
        return (normalized, tokens)
    }
}
