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
//       <entities><entity start="0" end="10" type="PERSON" canonical="…">Jim Farley</entity>…</entities>
//     </document>
//   </corpus>
//
// Offsets are code points into the text, end exclusive. The writer's memory
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

public final class XMLOutputWriter {
    public let includeTokens: Bool

    private let buffer: xmlBufferPtr
    private let writer: xmlTextWriterPtr
    private var state = State.initial
    /// Sanitized, NUL-terminated values for the next libxml2 call (reused
    /// across documents, so they stop allocating once large enough).
    private var value: [UInt8] = []
    private var text: [UInt8] = []

    private enum State { case initial, open, closed }

    public init(includeTokens: Bool = true) throws(EigennameError) {
        _ = libxml2Initialization
        guard let buffer = xmlBufferCreate() else {
            throw .library(name: "libxml2", reason: "cannot allocate an XML buffer")
        }
        guard let writer = xmlNewTextWriterMemory(buffer, 0) else {
            xmlBufferFree(buffer)
            throw .library(name: "libxml2", reason: "cannot create an XML text writer")
        }
        self.buffer = buffer
        self.writer = writer
        self.includeTokens = includeTokens
        xmlTextWriterSetIndent(writer, 1)
        xmlTextWriterSetIndentString(writer, "  ")
    }

    deinit {
        xmlFreeTextWriter(writer)
        xmlBufferFree(buffer)
    }

    /// The XML declaration and the opening `<corpus>` tag.
    public func begin() -> [UInt8] {
        precondition(state == .initial, "XMLOutputWriter.begin() called twice")
        state = .open
        // Only fails when out of memory, where Swift itself would trap.
        do {
            try check(xmlTextWriterStartDocument(writer, "1.0", "UTF-8", nil), "xmlTextWriterStartDocument")
            try check(xmlTextWriterStartElementNS(writer, nil, "corpus", AnnotationSchema.namespace),
                      "xmlTextWriterStartElementNS")
            // The writer leaves the start tag open until content follows; close it
            // so that begin() returns a complete tag.
            try check(xmlTextWriterWriteRaw(writer, "\n"), "xmlTextWriterWriteRaw")
            return try take()
        } catch {
            fatalError("\(error)")
        }
    }

    /// One `<document>` element.
    public func write(_ doc: AnnotatedDocument) throws(EigennameError) -> [UInt8] {
        precondition(state == .open, "XMLOutputWriter.write(_:) called outside begin()/end()")
        try startElement("document")
        // Sanitize the text first: its replacement count is an attribute of <document>.
        let replaced = doc.utf8.withUnsafeBufferPointer { XMLOutputWriter.sanitize($0, into: &text) }
        try attribute("id", doc.id)
        if replaced > 0 { try attribute("replaced", replaced) }

        try startElement("text")
        try check(text.withUnsafeBufferPointer { xmlTextWriterWriteString(writer, $0.baseAddress) },
                  "xmlTextWriterWriteString")
        try endElement()

        if includeTokens {
            try startElement("sentences")
            for sentence in doc.sentences {
                try startElement("s")
                try attribute("start", sentence.span.start)
                try attribute("end", sentence.span.end)
                try endElement()
            }
            try endElement()

            try startElement("tokens")
            for token in doc.tokens {
                try startElement("t")
                try attribute("start", Int(token.start))
                try attribute("end", Int(token.end))
                try check(xmlTextWriterWriteAttribute(writer, "kind", XMLOutputWriter.kindNames[Int(token.kind.rawValue)]),
                          "xmlTextWriterWriteAttribute")
                try endElement()
            }
            try endElement()
        }

        try startElement("entities")
        for entity in doc.entities {
            try startElement("entity")
            try attribute("start", entity.start)
            try attribute("end", entity.end)
            try attribute("type", entity.type)
            try attribute("canonical", entity.canonical)
            setValue(entity.text)
            try check(xmlTextWriterWriteString(writer, value), "xmlTextWriterWriteString")
            try endElement()
        }
        try endElement()

        try endElement()  // document
        return try take()
    }

    /// The closing `</corpus>` tag.
    public func end() -> [UInt8] {
        precondition(state == .open, "XMLOutputWriter.end() called without begin()")
        state = .closed
        do {
            try check(xmlTextWriterEndDocument(writer), "xmlTextWriterEndDocument")  // closes <corpus>
            return try take()
        } catch {
            fatalError("\(error)")
        }
    }

    // MARK: Helpers

    private static let kindNames: [[UInt8]] = ["word", "number", "punctuation", "symbol"].map { Array($0.utf8) + [0] }

    private func startElement(_ name: String) throws(EigennameError) {
        try check(xmlTextWriterStartElement(writer, name), "xmlTextWriterStartElement")
    }

    private func endElement() throws(EigennameError) {
        try check(xmlTextWriterEndElement(writer), "xmlTextWriterEndElement")
    }

    private func attribute(_ name: String, _ string: String) throws(EigennameError) {
        setValue(string)
        try check(xmlTextWriterWriteAttribute(writer, name, value), "xmlTextWriterWriteAttribute")
    }

    private func attribute(_ name: String, _ number: Int) throws(EigennameError) {
        value.removeAll(keepingCapacity: true)
        JSONOutput.appendInteger(number, to: &value)
        value.append(0)
        try check(xmlTextWriterWriteAttribute(writer, name, value), "xmlTextWriterWriteAttribute")
    }

    private func setValue(_ string: String) {
        var string = string
        string.withUTF8 { _ = XMLOutputWriter.sanitize($0, into: &value) }
    }

    private func check(_ result: Int32, _ function: String) throws(EigennameError) {
        if result < 0 { throw .library(name: "libxml2", reason: "\(function) failed") }
    }

    /// Everything written since the last call, removed from libxml2's buffer.
    private func take() throws(EigennameError) -> [UInt8] {
        try check(xmlTextWriterFlush(writer), "xmlTextWriterFlush")
        let count = Int(xmlBufferLength(buffer))
        let bytes = count == 0 ? [] : Array(UnsafeBufferPointer(start: xmlBufferContent(buffer), count: count))
        xmlBufferEmpty(buffer)
        return bytes
    }

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
