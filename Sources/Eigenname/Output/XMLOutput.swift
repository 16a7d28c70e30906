// XML output of annotated documents, written with libxml2's xmlTextWriter.
//
//   in:  AnnotatedDocuments, one at a time
//   out: UTF-8 XML bytes: begin() once, write(_:) per document, end() once;
//        concatenated they form one document valid against eigenname.xsd:
//
//   <corpus xmlns="https://eigenname.dev/ns/annotation/1">
//     <document id="…" replaced="N">          (replaced only when N > 0)
//       <text>original text</text>
//       <sentences><s start="0" end="42"/>…</sentences>          (includeTokens)
//       <tokens><t start="0" end="3" kind="word"/>…</tokens>     (includeTokens)
//       <entities><entity start="0" end="10" type="PERSON" canonical="…" source="lexicon" id="Q…">Jim Farley</entity>…</entities>
//     </document>
//   </corpus>
//
// Offsets are code points into the text, end exclusive. `source` ("lexicon" or
// "discovered") is always written; the schema declares it optional with the
// default "lexicon", so that XML written before the attribute existed stays valid
// and means what it meant. The writer's memory
// buffer is emptied after every document, so memory stays bounded by the
// largest document, not the corpus.
//
// XML 1.0 cannot carry every character: C0 controls other than TAB, LF and CR,
// and U+FFFE/U+FFFF are not allowed even as character references (and lone
// surrogates cannot occur in valid UTF-8). Each such character is written as
// U+FFFD, one code point for one, so every offset still points at the same
// place; `replaced` on <document> counts the replacements in <text> so a
// consumer knows the text differs from the original. (id, type, canonical and
// entity text get the same treatment; entity text mirrors <text> and the others
// are not what offsets refer to, so they are not counted.)
//
// Escaping is libxml2's: `<`, `&`, `>` (hence `]]>`) in text; in attributes also
// `"` and TAB/LF/CR as character references, which keeps them through
// attribute-value normalization; CR in text as `&#13;`, which keeps it through
// line-end normalization. Tests check all of these.

import CLibXML2

/// Initializes libxml2 once per process; a global `let` is initialized exactly
/// once even when writers and validators are created on several threads at once
/// (xmlInitParser itself is not safe to race in libxml2 2.9).
let libxml2Initialization: Void = xmlInitParser()

package final class XMLOutputWriter {
    let includeTokens: Bool

    private let xml: XMLTextWriter
    private var state = State.initial
    /// The sanitized text of the current document (reused).
    private var text: [UInt8] = []

    private enum State { case initial, open, closed }

    package init(includeTokens: Bool = true) throws(EigennameError) {
        xml = try XMLTextWriter()
        self.includeTokens = includeTokens
    }

    /// The XML declaration and the opening `<corpus>` tag.
    package func begin() -> [UInt8] {
        precondition(state == .initial, "XMLOutputWriter.begin() called twice")
        state = .open
        // Only fails when out of memory, where Swift itself would trap.
        do {
            try xml.check(xmlTextWriterStartDocument(xml.writer, "1.0", "UTF-8", nil), "xmlTextWriterStartDocument")
            try xml.startElement("corpus", namespace: AnnotationSchema.namespace)
            // The writer leaves the start tag open until content follows; close it
            // so that begin() returns a complete tag.
            try xml.check(xmlTextWriterWriteRaw(xml.writer, "\n"), "xmlTextWriterWriteRaw")
            return try xml.take()
        } catch {
            fatalError("\(error)")
        }
    }

    /// One `<document>` element.
    package func write(_ doc: AnnotatedDocument) throws(EigennameError) -> [UInt8] {
        precondition(state == .open, "XMLOutputWriter.write(_:) called outside begin()/end()")
        try xml.startElement("document")
        // Sanitize the text first: its replacement count is an attribute of <document>.
        let replaced = doc.utf8.withUnsafeBufferPointer { XMLOutputWriter.sanitize($0, into: &text) }
        try xml.attribute("id", doc.id)
        if replaced > 0 { try xml.attribute("replaced", replaced) }

        try xml.startElement("text")
        try xml.check(text.withUnsafeBufferPointer { xmlTextWriterWriteString(xml.writer, $0.baseAddress) },
                  "xmlTextWriterWriteString")
        try xml.endElement()

        if includeTokens {
            // Millions of these per corpus, with nothing to escape (digits and fixed
            // names): preformatted and handed to libxml2 as raw markup, indented as its
            // writer indents, instead of five writer calls per token.
            try writeRows("sentences", "s", doc.sentences.count) { rows, i in
                let span = doc.sentences[i].span
                Self.appendSpan(span.start, span.end, to: &rows)
            }
            try writeRows("tokens", "t", doc.tokens.count) { rows, i in
                let token = doc.tokens[i]
                Self.appendSpan(Int(token.start), Int(token.end), to: &rows)
                rows += Self.kindAttributes[Int(token.kind.rawValue)]
            }
        }

        try xml.startElement("entities")
        for entity in doc.entities {
            try xml.startElement("entity")
            try xml.attribute("start", entity.start)
            try xml.attribute("end", entity.end)
            try xml.attribute("type", entity.type)
            try xml.attribute("canonical", entity.canonical)
            try xml.attribute("source", entity.source.rawValue)
            if let id = entity.id { try xml.attribute("id", id) }
            try xml.string(entity.text)
            try xml.endElement()
        }
        try xml.endElement()

        try xml.endElement()  // document
        return try xml.take()
    }

    /// Preformatted rows not yet handed to libxml2 (reused; at most about 64 KB).
    private var rows: [UInt8] = []

    /// `<name>` with `count` children `<child …/>` on lines of their own, as the
    /// indenting writer lays out children of <document> (`<name/>` when empty).
    private func writeRows(_ name: String, _ child: String, _ count: Int,
                           _ attributes: (inout [UInt8], Int) -> Void) throws(EigennameError) {
        rows.removeAll(keepingCapacity: true)
        guard count > 0 else {
            rows += Array("    <\(name)/>\n".utf8)
            return try flushRows()
        }
        rows += Array("    <\(name)>\n".utf8)
        let open = Array("      <\(child)".utf8)
        for i in 0..<count {
            rows += open
            attributes(&rows, i)
            rows += [UInt8(ascii: "/"), UInt8(ascii: ">"), UInt8(ascii: "\n")]
            if rows.count >= 1 << 16 { try flushRows() }
        }
        rows += Array("    </\(name)>\n".utf8)
        try flushRows()
    }

    private func flushRows() throws(EigennameError) {
        try xml.check(rows.withUnsafeBufferPointer { xmlTextWriterWriteRawLen(xml.writer, $0.baseAddress, Int32($0.count)) },
                      "xmlTextWriterWriteRawLen")
        rows.removeAll(keepingCapacity: true)
    }

    private static func appendSpan(_ start: Int, _ end: Int, to rows: inout [UInt8]) {
        rows += Self.startAttribute
        JSONOutput.appendInteger(start, to: &rows)
        rows += Self.endAttribute
        JSONOutput.appendInteger(end, to: &rows)
        rows.append(UInt8(ascii: "\""))
    }

    private static let startAttribute = Array(" start=\"".utf8)
    private static let endAttribute = Array("\" end=\"".utf8)
    /// By `TokenKind` raw value.
    private static let kindAttributes = ["word", "number", "punctuation", "symbol"].map { Array(" kind=\"\($0)\"".utf8) }

    /// The closing `</corpus>` tag.
    package func end() -> [UInt8] {
        precondition(state == .open, "XMLOutputWriter.end() called without begin()")
        state = .closed
        do {
            try xml.check(xmlTextWriterEndDocument(xml.writer), "xmlTextWriterEndDocument")  // closes <corpus>
            return try xml.take()
        } catch {
            fatalError("\(error)")
        }
    }

    // MARK: Helpers

    /// Copies `bytes` into `out` with every character XML 1.0 cannot carry
    /// (and every byte that is not UTF-8) replaced by U+FFFD, NUL-terminated
    /// for libxml2. Returns the number of replacements.
    static func sanitize(_ bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) -> Int {
        out.removeAll(keepingCapacity: true)
        out.reserveCapacity(bytes.count + 1)
        var replaced = 0
        var runStart = 0  // start of bytes to copy unchanged
        var i = 0
        let count = bytes.count
        while i < count {
            let byte = bytes[i]
            var length = 1
            if byte >= 0x20 && byte < 0x80 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                i += 1
                continue
            }
            if byte >= 0x80, let sequence = UTF8Validation.sequenceLength(in: bytes, at: i) {
                // U+FFFE / U+FFFF are EF BF BE / EF BF BF.
                guard sequence == 3, byte == 0xEF, bytes[i + 1] == 0xBF, bytes[i + 2] >= 0xBE else {
                    i += sequence
                    continue
                }
                length = 3
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<i]))
            out.append(contentsOf: [0xEF, 0xBF, 0xBD])
            replaced += 1
            i += length
            runStart = i
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<count]))
        out.append(0)
        return replaced
    }
}

/// `--format xml`: one <corpus> per output, valid against `eigenname schema`; always with tokens.
public struct XMLFormat: OutputFormat {
    /// The XML format.
    public init() {}
    public var name: String { "xml" }
    public var fileExtension: String { "xml" }
    public var summary: String { "text, sentences, tokens and entities, valid against `eigenname schema`" }

    public func makeSerializer(includeTokens: Bool) throws(EigennameError) -> any DocumentSerializer {
        // Each worker writes <document> elements inside a <corpus> that the framing
        // opens and closes per output.
        let writer = try XMLOutputWriter(includeTokens: true)
        _ = writer.begin()
        return XMLSerializer(writer: writer)
    }

    public func framing(for output: OutputTarget) -> OutputFraming {
        guard let frame = try? XMLOutputWriter(includeTokens: true) else { return OutputFraming() }
        let begin = frame.begin()
        return OutputFraming(begin: begin, end: frame.end())
    }
}

struct XMLSerializer: DocumentSerializer {
    let writer: XMLOutputWriter

    func serialize(_ document: AnnotatedDocument, at place: DocumentPlace) throws(EigennameError) -> SerializedDocument {
        do {
            return SerializedDocument(bytes: try writer.write(document))
        } catch {
            throw .library(name: "libxml2", reason: "\(document.origin): \(error)")
        }
    }
}
