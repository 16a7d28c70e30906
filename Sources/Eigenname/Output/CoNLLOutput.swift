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

enum CoNLLOutput {
    /// Appends `doc` as CoNLL lines (its `# id` line, then its sentences) to `buffer`.
    static func append(_ doc: AnnotatedDocument, to buffer: inout [UInt8]) {
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
    static func encode(_ doc: AnnotatedDocument) -> [UInt8] {
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

/// `--format conll`: token TAB BIO tag, a blank line between sentences.
public struct CoNLLFormat: OutputFormat {
    /// The CoNLL (token and BIO tag per line) format.
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
