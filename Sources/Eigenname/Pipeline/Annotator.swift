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

    public init(lexicon: CompiledLexicon) throws(EigennameError) {
        recognizer = EntityRecognizer(lexicon: lexicon)
        tokenizer = try Tokenizer()
    }

    /// Runs every stage; with `recognizingEntities: false` only normalization,
    /// tokenization and sentence splitting (`eigenname tokenize`).
    public func annotate(_ document: SourceDocument, recognizingEntities: Bool = true) -> AnnotatedDocument {
        document.utf8.withUnsafeBufferPointer { original in
            let normalized = normalizer.normalize(original)
            var tokens = tokenizer.tokenize(normalized, original: original)
            splitter.attachPeriods(&tokens, text: normalized)
            let sentences = splitter.split(tokens, text: normalized)
            let entities = recognizingEntities
                ? recognizer.recognize(tokens: tokens, sentences: sentences, text: normalized, original: original) : []
            return AnnotatedDocument(id: document.id, utf8: document.utf8, origin: document.origin, tokens: tokens,
                                     sentences: splitter.joiningSentences(sentences, across: entities), entities: entities)
        }
    }

    /// Convenience for tests and small jobs.
    public func annotate(text: String, id: String = "doc") -> AnnotatedDocument {
        annotate(SourceDocument(id: id, text: text))
    }
}
