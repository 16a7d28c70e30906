// The data that flows between the pipeline stages, in one place.
//
//   CorpusIO        bytes on disk        -> [SourceDocument]
//   Normalization   SourceDocument       -> NormalizedText (match form + offset map)
//   Tokenization    NormalizedText       -> [Token], [Sentence]
//   Lexicon         Lexicons/*.tsv       -> CompiledLexicon
//   Recognition     tokens + lexicon     -> [Entity]
//   Output          AnnotatedDocument    -> JSON / XML bytes
//
// Offsets that leave the library are always Unicode scalar (code point)
// offsets into the ORIGINAL text, start inclusive, end exclusive
// (../shared/ANNOTATION.md). Internally, stages also keep UTF-8 byte offsets,
// stored as Int32 so that a token costs a few bytes, not a few words.

/// Where a document came from, for error messages and output file names.
public struct DocumentOrigin: Sendable, Hashable, CustomStringConvertible {
    /// The input file ("-" for standard input).
    public var path: String
    /// The 1-based line for documents read from JSONL; nil for whole files.
    public var line: Int?

    /// Creates an origin: a file, and the line of a JSONL document.
    public init(path: String, line: Int? = nil) {
        self.path = path
        self.line = line
    }

    /// `path:line` (standard input as `stdin`), as messages name a document.
    public var description: String {
        let name = path == "-" ? "stdin" : path
        if let line { return "\(name):\(line)" }
        return name
    }
}

/// One input document: its id and its original text as valid UTF-8 (a leading
/// byte order mark already removed; offsets count from the first character after it).
public struct SourceDocument: Sendable {
    /// The document's id, as the output formats write it.
    public var id: String
    /// The text: valid UTF-8 (not checked here; `TextDecoding` and
    /// ``Annotator/annotate(bytes:id:replaceInvalid:)`` check bytes).
    public var utf8: [UInt8] { didSet { textAsJSON = .unknown } }
    /// Where the document came from.
    public var origin: DocumentOrigin
    /// How JSON output may write `utf8` back without looking at every byte again: set by the
    /// JSONL reader (TextAsJSON). Any change to `utf8` clears it.
    var textAsJSON = TextAsJSON.unknown

    /// Creates a document from UTF-8 bytes that are known to be valid.
    public init(id: String, utf8: [UInt8], origin: DocumentOrigin) {
        self.id = id
        self.utf8 = utf8
        self.origin = origin
    }

    /// Creates a document from a string.
    public init(id: String, text: String, origin: DocumentOrigin = DocumentOrigin(path: "-")) {
        self.init(id: id, utf8: Array(text.utf8), origin: origin)
    }

    /// The text as a string.
    public var text: String { String(decoding: utf8, as: UTF8.self) }
}

/// A half-open range of code point offsets into the original text.
public struct TextSpan: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The first code point's offset.
    public var start: Int
    /// The offset after the last code point.
    public var end: Int

    /// Creates a span from `start` (inclusive) to `end` (exclusive).
    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }

    /// Code points in the span.
    public var length: Int { end - start }
    /// `[start, end)`.
    public var description: String { "[\(start), \(end))" }
}

/// What kind of text a token is, from ICU's word-break rule status and its first character.
public enum TokenKind: UInt8, Sendable, Codable {
    /// Letters (with digits, hyphens or apostrophes inside): "Ford", "SU7", "Xiaomis".
    case word
    /// A number: "2024", "3,5".
    case number
    /// Punctuation: ".", ",", "(", "„".
    case punctuation
    /// Any other symbol: "€", "%", "+", an emoji.
    case symbol
}

/// One token. Holds offsets only: no String per token on the hot path.
public struct Token: Sendable, Hashable {
    /// Code point offset of the token's first character in the original text.
    public var start: Int32
    /// Code point offset after its last character (end exclusive).
    public var end: Int32
    /// UTF-8 byte offset of the token's first byte in the original text.
    public var utf8Start: Int32
    /// UTF-8 byte offset after its last byte (end exclusive).
    public var utf8End: Int32
    /// UTF-8 byte offsets into the normalized (match form) text.
    var normalizedStart: Int32
    var normalizedEnd: Int32
    /// What kind of text the token is.
    public var kind: TokenKind
    /// Whether whitespace (or a line break) separates this token from the previous one.
    public var spaceBefore: Bool

    /// The token's code point span in the original text, end exclusive.
    public var span: TextSpan { TextSpan(start: Int(start), end: Int(end)) }
}

/// A sentence: its span and the tokens it holds.
public struct Sentence: Sendable, Hashable {
    /// The sentence's code point span in the original text, end exclusive.
    public var span: TextSpan
    /// The indices of its tokens in ``AnnotatedDocument/tokens``.
    public var tokens: Range<Int>

    /// Creates a sentence from its span and the indices of its tokens.
    public init(span: TextSpan, tokens: Range<Int>) {
        self.span = span
        self.tokens = tokens
    }
}

/// Where an entity comes from: the `"source"` of the interchange format
/// (ANNOTATION.md, rule 14). Scoring ignores it.
public enum EntitySource: String, Sendable, Hashable, Codable, CaseIterable {
    /// A lexicon row matched: the entity's name (or a form the recognizer derives
    /// from it: genitive, compound, short form) is listed in a lexicon.
    case lexicon
    /// Found by the discovery rules: no lexicon row lists it (a company by its legal
    /// form, a person by a first name and a role, …).
    case discovered
}

/// A recognized entity, in the interchange format of ANNOTATION.md.
public struct Entity: Sendable, Hashable, Codable {
    /// Code point offset of the entity's first character in the original text.
    public var start: Int
    /// Code point offset after its last character.
    public var end: Int
    /// The entity type as the lexicon names it ("COMPANY", "PERSON", "MODEL", …).
    public var type: String
    /// The original text between start and end.
    public var text: String
    /// The lexicon's preferred name.
    public var canonical: String
    /// Where the entity comes from: a lexicon row, or the discovery rules.
    public var source: EntitySource
    /// The lexicon row's stable identifier (its `id` column, a Wikidata QID such as "Q156578"); nil
    /// when the row has none, and for discovered names.
    public var id: String?

    /// Creates an entity; `start` and `end` are code point offsets, end exclusive, and `text` the original text between them.
    public init(start: Int, end: Int, type: String, text: String, canonical: String, source: EntitySource = .lexicon,
                id: String? = nil) {
        self.start = start
        self.end = end
        self.type = type
        self.text = text
        self.canonical = canonical
        self.source = source
        self.id = id
    }

    /// Decodes an entity; a missing `source` (JSON written before the field existed,
    /// or gold) is ``EntitySource/lexicon``.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        start = try container.decode(Int.self, forKey: .start)
        end = try container.decode(Int.self, forKey: .end)
        type = try container.decode(String.self, forKey: .type)
        text = try container.decode(String.self, forKey: .text)
        canonical = try container.decode(String.self, forKey: .canonical)
        source = try container.decodeIfPresent(EntitySource.self, forKey: .source) ?? .lexicon
        id = try container.decodeIfPresent(String.self, forKey: .id)
    }

    /// The entity's code point span, end exclusive.
    public var span: TextSpan { TextSpan(start: start, end: end) }
}

/// What an output needs of a document's annotation (from its format: JSON
/// without --tokens needs no tokens; `eigenname tokenize` no entities).
public struct AnnotationNeeds: Sendable, Equatable {
    /// Entities (false: tokens and sentences only).
    public var entities: Bool
    /// Tokens and sentences in the result.
    public var tokens: Bool

    /// Asks for entities, tokens and sentences, or less.
    public init(entities: Bool = true, tokens: Bool = true) {
        self.entities = entities
        self.tokens = tokens
    }
}

/// A text read from a JSON string, as JSON output would write it back: the bytes between the
/// quotes of the input are exactly the writer's when the input had no escapes but those the
/// writer writes (JSONOutput.appendString) and no raw U+2028 or U+2029. Then the writer copies
/// them instead of escaping the text byte by byte (on the benchmark's mixed corpus, a quarter of
/// JSON output's instructions).
enum TextAsJSON: Sendable {
    /// Not known: the writer escapes the text.
    case unknown
    /// The text itself needs no escaping.
    case sameAsText
    /// The text's JSON string content (without the quotes), escaped as the writer escapes.
    case escaped([UInt8])

    /// The longest escaped content kept (`escaped` is a copy held until output): a document of
    /// 100 MB would hold 100 MB more; larger ones are escaped again, as before.
    static let largestCopy = 4 << 20
}

/// A document after the whole pipeline.
///
/// Offsets are Unicode scalar (code point) offsets into ``text``; ``tokens`` and
/// ``sentences`` are empty when the ``AnnotationNeeds`` of the call did not ask for them.
public struct AnnotatedDocument: Sendable {
    /// The document's id.
    public var id: String
    /// The original text (BOM removed), as UTF-8.
    public var utf8: [UInt8] { didSet { textAsJSON = .unknown } }
    /// Where the document came from.
    public var origin: DocumentOrigin
    /// The tokens, in text order.
    public var tokens: [Token]
    /// The sentences, in text order; each names its range of ``tokens``.
    public var sentences: [Sentence]
    /// The entities found, in text order, not overlapping.
    public var entities: [Entity]
    /// How JSON output may write `utf8` back (SourceDocument.textAsJSON). Any change to `utf8` clears it.
    var textAsJSON = TextAsJSON.unknown

    /// The original text as a string.
    public var text: String { String(decoding: utf8, as: UTF8.self) }
}

/// Every error Eigenname reports: each names the file and the position.
public enum EigennameError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Bytes that are not UTF-8, at `byteOffset` of the file (or of the JSONL line's text).
    case invalidUTF8(origin: DocumentOrigin, byteOffset: Int)
    /// A ".txt" file that is no text (not UTF-8 and with NUL bytes, or mostly control
    /// bytes): a binary file, skipped. `byteOffset` is its first NUL (or control) byte.
    case binaryFile(origin: DocumentOrigin, byteOffset: Int)
    /// A JSON(L) line that cannot be read.
    case malformedJSON(origin: DocumentOrigin, column: Int, reason: String)
    /// A lexicon row that cannot be read.
    case malformedLexicon(path: String, line: Int, reason: String)
    /// A file or directory that cannot be read or written.
    case io(path: String, reason: String)
    /// ICU or libxml2 refused to work.
    case library(name: String, reason: String)
    /// A command-line value that makes no sense.
    case usage(String)

    /// The message for a person: the file and position, what went wrong, and what to do where there is something to do.
    public var description: String {
        switch self {
        case let .invalidUTF8(origin, offset):
            return "\(origin): invalid UTF-8 at byte offset \(offset) (use --replace-invalid to read it as U+FFFD)"
        case let .binaryFile(origin, offset):
            return "\(origin): looks like a binary file (NUL or control bytes from byte offset \(offset)); skipped"
        case let .malformedJSON(origin, column, reason):
            return "\(origin): column \(column): malformed JSON: \(reason)"
        case let .malformedLexicon(path, line, reason):
            return "\(path):\(line): \(reason)"
        case let .io(path, reason):
            return "\(path): \(reason)"
        case let .library(name, reason):
            return "\(name): \(reason)"
        case let .usage(message):
            return message
        }
    }
}

// MARK: A batch run, for the command line and the progress reporter

/// What a batch run did.
public struct BatchSummary: Sendable {
    /// Documents annotated (including failed ones).
    public var documents = 0
    /// Documents that could not be read or annotated (see ``errors``).
    public var failedDocuments = 0
    /// Entities found in all.
    public var entities = 0
    /// Entities found, per entity type.
    public var entitiesByType: [String: Int] = [:]
    /// Input bytes of the documents done.
    public var bytes = 0
    /// Input files skipped because their output is newer (resumed runs).
    public var skippedFiles = 0
    /// The first error messages (at most 1,000).
    public var errors: [String] = []
    /// Outputs that could not be written (a failed write, close or rename): none
    /// of them is left behind, partial or whole, so a rerun writes them again.
    public var failedOutputs: [OutputFailure] = []
    /// Standard output failed, so the run stopped there: nothing after it could reach the reader.
    public var stoppedEarly = false
    /// The reader of standard output went away (a pipe into `head`): the run stopped quietly.
    public var brokenPipe = false
    /// Wall-clock seconds the run took.
    public var seconds = 0.0

    /// Throughput: input megabytes (10⁶ bytes) a second.
    public var megabytesPerSecond: Double { seconds > 0 ? Double(bytes) / 1e6 / seconds : 0 }

    /// Every document done and every output written.
    public var succeeded: Bool { failedDocuments == 0 && failedOutputs.isEmpty && !brokenPipe }

    /// Documents annotated whose output was lost with a failed output.
    public var documentsNotWritten: Int { failedOutputs.reduce(0) { $0 + $1.documents } }
}

/// An output that could not be written, and why.
public struct OutputFailure: Sendable, Equatable {
    /// The output file, or "standard output".
    public var path: String
    /// What went wrong, for a person.
    public var reason: String
    /// Documents annotated for this output and so not written.
    public var documents: Int
}

/// How far a run is, after each batch written.
public struct BatchProgress: Sendable {
    /// Documents done so far (successful or not).
    public var documents: Int
    /// Documents that failed so far.
    public var failedDocuments: Int
    /// Input bytes read so far, and in all (0 when unknown: standard input).
    public var bytes: Int
    /// Input bytes in all (0 when unknown: standard input).
    public var totalBytes: Int
    /// Wall-clock seconds since the run started.
    public var seconds: Double
}
