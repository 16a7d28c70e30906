// CoNLL output: token-per-line BIO, as CoNLL-2003 and GermEval tools read it.
//
//   in:  an AnnotatedDocument
//   out: UTF-8 lines appended to a caller-owned [UInt8] buffer:
//
//   # id = beispiel
//   Ford	B-COMPANY
//   -	O
//   Chef	O
//   Jim	B-PERSON
//   Farley	I-PERSON
//   …
//   .	O
//   (blank line after every sentence)
//
// One line per token: the token's text, a TAB, its tag (O, B-TYPE, I-TYPE;
// IOB2: every entity starts with B, so two adjacent entities of one type stay
// two). Tokens and sentences are the document's own (Token.start/end code
// points into the original text). Every document starts with a `# id = …`
// line; documents follow each other directly (each sentence, the last one
// too, ends with a blank line).
//
// The project's CoNLL reader (Evaluation/GoldReaders.swift, `CoNLLReader`)
// reads this back: it skips `#` lines that are not token lines, takes the
// token from the first column and the tag from the last, makes one document
// per sentence (id "<file stem>-<n>") with the tokens joined by single spaces.
// Round trip (tested): every entity comes back with its type and exactly its
// characters, at the offsets that the sentence's tokens joined by spaces give.
//
// Decisions:
// - An entity boundary inside a token (a span that does not start or end at a
//   token boundary) splits the token there: "Fords" with an entity "Ford" is
//   written as "Ford B-X" and "s O". CoNLL can only tag whole tokens; splitting
//   keeps every entity exactly instead of widening it to whole tokens. Such
//   documents therefore have more CoNLL lines than tokens.
// - An entity that runs over a sentence end is written as two entities (B-
//   again at the start of the next sentence): a BIO entity cannot cross the
//   blank line. The recognizer does not produce such spans.
// - Overlapping entities (which ANNOTATION.md forbids and the recognizer does
//   not produce): the earlier one (then the longer one) is kept, the other is
//   left out.
// - White space and control characters inside a token (a line-end hyphenation
//   "Auto-<LF>mobil" is one token) are left out of the token's text, so a line
//   is always one token; a piece left empty by that is not written.
// - Types: white space and control characters in a type are written as "_".
// - The id line: line breaks, tabs and other control characters in the id are
//   written as spaces. Should the id's last word look like a tag ("# id =
//   S-Bahn"), a TAB ends the line, so that no reader takes it for a token "#".

public enum CoNLLOutput {
    /// Appends `doc` as CoNLL lines (its `# id` line, then its sentences) to `buffer`.
    public static func append(_ doc: AnnotatedDocument, to buffer: inout [UInt8]) {
        appendIDLine(doc.id, to: &buffer)
        let scalars = FormatText.scalars(doc.utf8)
        let entities = FormatText.nonOverlapping(doc.entities, length: scalars.count)
        var nextEntity = 0  // the first entity that ends after the current position

        for sentence in doc.sentences {
            var wroteLine = false
            var openEntity = -1  // the entity of the last tagged piece of this sentence
            for tokenIndex in sentence.tokens where tokenIndex < doc.tokens.count {
                let token = doc.tokens[tokenIndex]
                let tokenStart = max(0, min(Int(token.start), scalars.count))
                let tokenEnd = max(tokenStart, min(Int(token.end), scalars.count))
                var pieceStart = tokenStart
                while pieceStart < tokenEnd {
                    while nextEntity < entities.count && entities[nextEntity].end <= pieceStart { nextEntity += 1 }
                    // The piece ends at the token's end or at the next entity boundary inside the token.
                    var pieceEnd = tokenEnd
                    var entity = -1
                    if nextEntity < entities.count {
                        let e = entities[nextEntity]
                        if e.start <= pieceStart {
                            entity = nextEntity
                            pieceEnd = min(pieceEnd, e.end)
                        } else {
                            pieceEnd = min(pieceEnd, e.start)
                        }
                    }
                    let lineStart = buffer.count
                    for scalar in scalars[pieceStart..<pieceEnd] where !FormatText.isSpaceOrControl(scalar) {
                        FormatText.appendUTF8(scalar, to: &buffer)
                    }
                    if buffer.count > lineStart {
                        buffer.append(0x09)
                        if entity < 0 {
                            buffer.append(UInt8(ascii: "O"))
                            openEntity = -1
                        } else {
                            buffer.append(entity == openEntity ? UInt8(ascii: "I") : UInt8(ascii: "B"))
                            buffer.append(UInt8(ascii: "-"))
                            appendType(entities[entity].type, to: &buffer)
                            openEntity = entity
                        }
                        buffer.append(0x0A)
                        wroteLine = true
                    }
                    pieceStart = pieceEnd
                }
            }
            if wroteLine { buffer.append(0x0A) }
        }
    }

    /// `doc` as CoNLL bytes in a fresh buffer.
    public static func encode(_ doc: AnnotatedDocument) -> [UInt8] {
        var buffer: [UInt8] = []
        append(doc, to: &buffer)
        return buffer
    }

    // MARK: Pieces

    static func appendIDLine(_ id: String, to buffer: inout [UInt8]) {
        buffer.append(contentsOf: "# id = ".utf8)
        var cleaned = String.UnicodeScalarView()
        for scalar in id.unicodeScalars {
            cleaned.append(FormatText.isSpaceOrControl(scalar) ? " " : scalar)
        }
        let line = String(cleaned)
        buffer.append(contentsOf: line.utf8)
        if let lastWord = line.split(separator: " ").last, looksLikeTag(lastWord) { buffer.append(0x09) }
        buffer.append(0x0A)
    }

    /// What CoNLLReader takes for a tag: "O", or B/I/E/S, "-", and at least one more character.
    static func looksLikeTag(_ field: Substring) -> Bool {
        if field == "O" { return true }
        guard field.count > 2, let prefix = field.first, "BIES".contains(prefix) else { return false }
        return field[field.index(after: field.startIndex)] == "-"
    }

    private static func appendType(_ type: String, to buffer: inout [UInt8]) {
        if type.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) {
            buffer.append(contentsOf: type.utf8)
            return
        }
        for scalar in type.unicodeScalars {
            FormatText.appendUTF8(FormatText.isSpaceOrControl(scalar) ? "_" : scalar, to: &buffer)
        }
    }
}

/// Text helpers the output formats share (CoNLL, brat, TCF, HTML, the evaluation page).
enum FormatText {
    /// The code points of UTF-8 text (bytes that are not UTF-8, which valid
    /// documents never hold, become U+FFFD one for one, like String's decoding).
    static func scalars(_ utf8: [UInt8]) -> [Unicode.Scalar] {
        var result: [Unicode.Scalar] = []
        result.reserveCapacity(utf8.count)
        if utf8.allSatisfy({ $0 < 0x80 }) {
            for byte in utf8 { result.append(Unicode.Scalar(byte)) }
            return result
        }
        var decoder = UTF8()
        var iterator = utf8.makeIterator()
        loop: while true {
            switch decoder.decode(&iterator) {
            case let .scalarValue(scalar): result.append(scalar)
            case .emptyInput: break loop
            case .error: result.append("\u{FFFD}")
            }
        }
        return result
    }

    static func appendUTF8(_ scalar: Unicode.Scalar, to buffer: inout [UInt8]) {
        if scalar.value < 0x80 {
            buffer.append(UInt8(scalar.value))
        } else {
            UTF8.encode(scalar) { buffer.append($0) }
        }
    }

    static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }

    /// White space (Unicode White_Space: also NBSP, U+2028, …) or a control character.
    static func isSpaceOrControl(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 { return scalar.value <= 0x20 || scalar.value == 0x7F }
        return scalar.properties.isWhitespace || scalar.properties.generalCategory == .control
    }

    /// A character that ends a line for a reader that splits lines like Python's
    /// str.splitlines: LF, VT, FF, CR, FS, GS, RS, NEL, LINE/PARAGRAPH SEPARATOR.
    static func isLineBreak(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A...0x0D, 0x1C...0x1E, 0x85, 0x2028, 0x2029: return true
        default: return false
        }
    }

    /// The entities with a valid span inside `length` code points, sorted by
    /// (start, longest first), without overlaps: an entity that overlaps one
    /// kept before it is left out.
    static func nonOverlapping(_ entities: [Entity], length: Int) -> [Entity] {
        let sorted = entities.filter { $0.start >= 0 && $0.start < $0.end && $0.end <= length }
            .sorted { ($0.start, -$0.end, $0.type) < ($1.start, -$1.end, $1.type) }
        var kept: [Entity] = []
        kept.reserveCapacity(sorted.count)
        for entity in sorted where kept.last.map({ $0.end <= entity.start }) ?? true {
            kept.append(entity)
        }
        return kept
    }

    /// FNV-1a over the UTF-8 of `string`: a hash that is the same in every
    /// process (Swift's Hasher is seeded per process).
    static func stableHash(_ string: String) -> UInt32 {
        var hash: UInt32 = 0x811C_9DC5
        for byte in string.utf8 {
            hash ^= UInt32(byte)
            hash = hash &* 0x0100_0193
        }
        return hash
    }
}

/// `--format conll`: token TAB BIO tag, a blank line between sentences.
public struct CoNLLFormat: OutputFormat {
    public init() {}
    public var name: String { "conll" }
    public var fileExtension: String { "conll" }
    public var summary: String { "token TAB BIO tag (CoNLL-2003/GermEval style)" }

    public func makeSerializer(includeTokens: Bool) -> any DocumentSerializer { CoNLLSerializer() }
}

struct CoNLLSerializer: DocumentSerializer {
    func serialize(_ document: AnnotatedDocument, at place: DocumentPlace) -> SerializedDocument {
        var bytes: [UInt8] = []
        CoNLLOutput.append(document, to: &bytes)
        return SerializedDocument(bytes: bytes)
    }
}
