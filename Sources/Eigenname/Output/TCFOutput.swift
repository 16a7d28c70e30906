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

enum TCFOutput {
    static let namespace = "http://www.dspin.de/data"
    static let metadataNamespace = "http://www.dspin.de/data/metadata"
    static let textCorpusNamespace = "http://www.dspin.de/data/textcorpus"

    /// One TCF 0.4 document for `doc`; `language` is TextCorpus's lang (an xsd:language tag).
    static func document(_ doc: AnnotatedDocument, language: String = "de") throws(EigennameError) -> [UInt8] {
        let writer = try TCFWriter()
        return try writer.write(doc, language: language)
    }
}

/// One libxml2 text writer over a memory buffer, for one document.
private final class TCFWriter {
    private let xml: XMLTextWriter

    init() throws(EigennameError) {
        xml = try XMLTextWriter()
    }

    func write(_ doc: AnnotatedDocument, language: String) throws(EigennameError) -> [UInt8] {
        try xml.check(xmlTextWriterStartDocument(xml.writer, "1.0", "UTF-8", nil), "xmlTextWriterStartDocument")
        try xml.startElement("D-Spin", namespace: TCFOutput.namespace)
        try xml.attribute("version", "0.4")

        try xml.startElement("MetaData", namespace: TCFOutput.metadataNamespace)
        try xml.startElement("source")
        try xml.string(doc.id)
        try xml.endElement()
        try xml.endElement()  // MetaData

        try xml.startElement("TextCorpus", namespace: TCFOutput.textCorpusNamespace)
        try xml.attribute("lang", language)

        try xml.startElement("text")
        doc.utf8.withUnsafeBufferPointer { _ = XMLOutputWriter.sanitize($0, into: &xml.value) }
        try xml.check(xmlTextWriterWriteString(xml.writer, xml.value), "xmlTextWriterWriteString")
        try xml.endElement()

        let scalarCount = doc.utf8.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
        try xml.startElement("tokens")
        try xml.attribute("charOffsets", "true")
        for (index, token) in doc.tokens.enumerated() {
            try xml.startElement("token")
            try xml.attribute("ID", "t_\(index)")
            try xml.attribute("start", String(token.start))
            try xml.attribute("end", String(token.end))
            let lower = max(0, min(Int(token.utf8Start), doc.utf8.count))
            let upper = max(lower, min(Int(token.utf8End), doc.utf8.count))
            doc.utf8[lower..<upper].withUnsafeBufferPointer { _ = XMLOutputWriter.sanitize($0, into: &xml.value) }
            try xml.check(xmlTextWriterWriteString(xml.writer, xml.value), "xmlTextWriterWriteString")
            try xml.endElement()
        }
        try xml.endElement()

        try xml.startElement("sentences")
        try xml.attribute("charOffsets", "true")
        for (index, sentence) in doc.sentences.enumerated() {
            let tokens = sentence.tokens.clamped(to: 0..<doc.tokens.count)
            guard !tokens.isEmpty else { continue }  // tokenIDs (IDREFS) needs one token at least
            try xml.startElement("sentence")
            try xml.attribute("ID", "s_\(index)")
            try xml.attribute("tokenIDs", tokens.map { "t_\($0)" }.joined(separator: " "))
            try xml.attribute("start", String(sentence.span.start))
            try xml.attribute("end", String(sentence.span.end))
            try xml.endElement()
        }
        try xml.endElement()

        try xml.startElement("namedEntities")
        try xml.attribute("type", "Eigenname")
        try xml.attribute("charOffsets", "true")
        var number = 0
        for entity in doc.entities where entity.start < entity.end && entity.start >= 0 && entity.end <= scalarCount {
            let tokens = Self.overlappingTokens(doc.tokens, entity.start, entity.end)
            guard !tokens.isEmpty else { continue }
            try xml.startElement("entity")
            try xml.attribute("ID", "ne_\(number)")
            try xml.attribute("class", entity.type)
            try xml.attribute("tokenIDs", tokens.map { "t_\($0)" }.joined(separator: " "))
            try xml.attribute("start", String(entity.start))
            try xml.attribute("end", String(entity.end))
            try xml.endElement()
            number += 1
        }
        try xml.endElement()

        try xml.check(xmlTextWriterEndDocument(xml.writer), "xmlTextWriterEndDocument")  // closes every open element
        return try xml.take()
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

}

/// `--format tcf`: a TCF 0.4 file (WebLicht) per document.
public struct TCFFormat: OutputFormat {
    /// The TCF (WebLicht, a file per document) format.
    public init() {}
    public var name: String { "tcf" }
    public var fileExtension: String { "tcf.xml" }
    public var writesFilePerDocument: Bool { true }
    public var summary: String { "TCF 0.4 for WebLicht, a file per document" }

    public func makeSerializer(includeTokens: Bool) -> any DocumentSerializer { TCFSerializer() }
}

struct TCFSerializer: DocumentSerializer {
    func serialize(_ document: AnnotatedDocument, at place: DocumentPlace) throws(EigennameError) -> SerializedDocument {
        do {
            return SerializedDocument(files: [OutputFile(name: place.fileStem + ".tcf.xml", bytes: try TCFOutput.document(document))])
        } catch {
            throw .library(name: "libxml2", reason: "\(document.origin): \(error)")
        }
    }
}
