// TCF output: the Text Corpus Format 0.4 of CLARIN-D's WebLicht ("D-Spin"),
// written with libxml2's xmlTextWriter.
//
//   in:  one AnnotatedDocument
//   out: one UTF-8 TCF document (TCF holds one text per file):
//
//   <D-Spin xmlns="http://www.dspin.de/data" version="0.4">
//     <MetaData xmlns="http://www.dspin.de/data/metadata">
//       <source>document id</source>
//     </MetaData>
//     <TextCorpus xmlns="http://www.dspin.de/data/textcorpus" lang="de">
//       <text>Ford-Chef Jim Farley …</text>
//       <tokens charOffsets="true">
//         <token ID="t_0" start="0" end="4">Ford</token> …
//       </tokens>
//       <sentences charOffsets="true">
//         <sentence ID="s_0" tokenIDs="t_0 t_1 …" start="0" end="38"/> …
//       </sentences>
//       <namedEntities type="Eigenname" charOffsets="true">
//         <entity ID="ne_0" class="COMPANY" tokenIDs="t_0" start="0" end="4"/> …
//       </namedEntities>
//     </TextCorpus>
//   </D-Spin>
//
// Valid per the TCF 0.4 RELAX NG schema (d-spin_0_4.rnc, metadata_0_4.rnc,
// textcorpus_0_4.rnc of github.com/weblicht/tcf-spec): the layers are the
// optional text, tokens, sentences and namedEntities; IDs are xsd:ID (t_N,
// s_N, ne_N, unique in the file), tokenIDs xsd:IDREFS; start/end are the
// optional character offsets that charOffsets="true" announces. The tests check
// this against an XML Schema transcription of those parts of the schema.
//
// Decisions:
// - Offsets are code points into <text>, end exclusive, as everywhere in
//   Eigenname. (Java tools such as WebLicht's wlfxb index UTF-16 units; for text
//   without characters beyond U+FFFF, which is German news text, the two agree.)
// - An entity's tokenIDs are the tokens its span overlaps; its start/end keep
//   its exact span even when that is not a whole number of tokens. An entity
//   that overlaps no token (no valid tokenIDs possible) is left out.
// - namedEntities type="Eigenname": the tag set is the lexicons' types, not a
//   standard one (CoNLL2002, MUC1990 …); class is the type.
// - The document id goes in MetaData's <source> (kept by the schema for
//   compatibility; TCF has no other place for a document name).
// - Characters that XML 1.0 cannot carry are written as U+FFFD, one for one,
//   like --format xml (XMLOutput.swift), so offsets stay valid; TCF has no
//   place to count them. CR is written as &#13;.

import CLibXML2

public enum TCFOutput {
    public static let namespace = "http://www.dspin.de/data"
    public static let metadataNamespace = "http://www.dspin.de/data/metadata"
    public static let textCorpusNamespace = "http://www.dspin.de/data/textcorpus"

    /// One TCF 0.4 document for `doc`; `language` is TextCorpus's lang (an xsd:language tag).
    public static func document(_ doc: AnnotatedDocument, language: String = "de") throws(EigennameError) -> [UInt8] {
        let writer = try TCFWriter()
        return try writer.write(doc, language: language)
    }
}

/// One libxml2 text writer over a memory buffer, for one document.
private final class TCFWriter {
    private let buffer: xmlBufferPtr
    private let writer: xmlTextWriterPtr
    /// Sanitized, NUL-terminated values for the next libxml2 call.
    private var value: [UInt8] = []

    init() throws(EigennameError) {
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
        xmlTextWriterSetIndent(writer, 1)
        xmlTextWriterSetIndentString(writer, "  ")
    }

    deinit {
        xmlFreeTextWriter(writer)
        xmlBufferFree(buffer)
    }

    func write(_ doc: AnnotatedDocument, language: String) throws(EigennameError) -> [UInt8] {
        try check(xmlTextWriterStartDocument(writer, "1.0", "UTF-8", nil), "xmlTextWriterStartDocument")
        try check(xmlTextWriterStartElementNS(writer, nil, "D-Spin", TCFOutput.namespace), "xmlTextWriterStartElementNS")
        try attribute("version", "0.4")

        try check(xmlTextWriterStartElementNS(writer, nil, "MetaData", TCFOutput.metadataNamespace),
                  "xmlTextWriterStartElementNS")
        try startElement("source")
        try string(doc.id)
        try endElement()
        try endElement()  // MetaData

        try check(xmlTextWriterStartElementNS(writer, nil, "TextCorpus", TCFOutput.textCorpusNamespace),
                  "xmlTextWriterStartElementNS")
        try attribute("lang", language)

        try startElement("text")
        doc.utf8.withUnsafeBufferPointer { _ = XMLOutputWriter.sanitize($0, into: &value) }
        try check(xmlTextWriterWriteString(writer, value), "xmlTextWriterWriteString")
        try endElement()

        let scalarCount = doc.utf8.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
        try startElement("tokens")
        try attribute("charOffsets", "true")
        for (index, token) in doc.tokens.enumerated() {
            try startElement("token")
            try attribute("ID", "t_\(index)")
            try attribute("start", String(token.start))
            try attribute("end", String(token.end))
            let lower = max(0, min(Int(token.utf8Start), doc.utf8.count))
            let upper = max(lower, min(Int(token.utf8End), doc.utf8.count))
            doc.utf8[lower..<upper].withUnsafeBufferPointer { _ = XMLOutputWriter.sanitize($0, into: &value) }
            try check(xmlTextWriterWriteString(writer, value), "xmlTextWriterWriteString")
            try endElement()
        }
        try endElement()

        try startElement("sentences")
        try attribute("charOffsets", "true")
        for (index, sentence) in doc.sentences.enumerated() {
            let tokens = sentence.tokens.clamped(to: 0..<doc.tokens.count)
            guard !tokens.isEmpty else { continue }  // tokenIDs (IDREFS) needs one token at least
            try startElement("sentence")
            try attribute("ID", "s_\(index)")
            try attribute("tokenIDs", tokens.map { "t_\($0)" }.joined(separator: " "))
            try attribute("start", String(sentence.span.start))
            try attribute("end", String(sentence.span.end))
            try endElement()
        }
        try endElement()

        try startElement("namedEntities")
        try attribute("type", "Eigenname")
        try attribute("charOffsets", "true")
        var number = 0
        for entity in doc.entities where entity.start < entity.end && entity.start >= 0 && entity.end <= scalarCount {
            let tokens = Self.overlappingTokens(doc.tokens, entity.start, entity.end)
            guard !tokens.isEmpty else { continue }
            try startElement("entity")
            try attribute("ID", "ne_\(number)")
            try attribute("class", entity.type)
            try attribute("tokenIDs", tokens.map { "t_\($0)" }.joined(separator: " "))
            try attribute("start", String(entity.start))
            try attribute("end", String(entity.end))
            try endElement()
            number += 1
        }
        try endElement()

        try check(xmlTextWriterEndDocument(writer), "xmlTextWriterEndDocument")  // closes every open element
        try check(xmlTextWriterFlush(writer), "xmlTextWriterFlush")
        let count = Int(xmlBufferLength(buffer))
        return count == 0 ? [] : Array(UnsafeBufferPointer(start: xmlBufferContent(buffer), count: count))
    }

    /// The indices of the tokens that overlap [start, end) (tokens are in text order).
    static func overlappingTokens(_ tokens: [Token], _ start: Int, _ end: Int) -> Range<Int> {
        // The first token that ends after `start`.
        var low = 0, high = tokens.count
        while low < high {
            let middle = (low + high) / 2
            if Int(tokens[middle].end) <= start { low = middle + 1 } else { high = middle }
        }
        var last = low
        while last < tokens.count && Int(tokens[last].start) < end { last += 1 }
        return low..<last
    }

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

    private func string(_ string: String) throws(EigennameError) {
        setValue(string)
        try check(xmlTextWriterWriteString(writer, value), "xmlTextWriterWriteString")
    }

    private func setValue(_ string: String) {
        var string = string
        string.withUTF8 { _ = XMLOutputWriter.sanitize($0, into: &value) }
    }

    private func check(_ result: Int32, _ function: String) throws(EigennameError) {
        if result < 0 { throw .library(name: "libxml2", reason: "\(function) failed") }
    }
}
