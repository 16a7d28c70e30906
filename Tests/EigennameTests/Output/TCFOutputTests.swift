// TCF 0.4 output (WebLicht): text, tokens, sentences and named entities,
// validated against the TCF layers it uses.

import Foundation
import Testing
@testable import Eigenname

/// The parts of the TCF 0.4 RELAX NG schema (weblicht/tcf-spec: d-spin_0_4.rnc,
/// metadata_0_4.rnc, textcorpus_0_4.rnc) that the output uses, as XML Schema,
/// which libxml2 here can validate. Everything else TCF allows is left out, so the
/// output is checked against a stricter schema than TCF's own.
private func tcfSchema(in dir: String) throws -> [UInt8] {
    let metadata = """
        <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="http://www.dspin.de/data/metadata"
                   elementFormDefault="qualified">
          <xs:element name="MetaData">
            <xs:complexType><xs:all><xs:element name="source" type="xs:string" minOccurs="0"/></xs:all></xs:complexType>
          </xs:element>
        </xs:schema>
        """
    let textCorpus = """
        <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="http://www.dspin.de/data/textcorpus"
                   xmlns:tc="http://www.dspin.de/data/textcorpus" elementFormDefault="qualified">
          <xs:simpleType name="true"><xs:restriction base="xs:string"><xs:enumeration value="true"/></xs:restriction></xs:simpleType>
          <xs:element name="TextCorpus">
            <xs:complexType>
              <xs:all>
                <xs:element name="text" type="xs:string" minOccurs="0"/>
                <xs:element name="tokens" minOccurs="0">
                  <xs:complexType>
                    <xs:sequence>
                      <xs:element name="token" minOccurs="0" maxOccurs="unbounded">
                        <xs:complexType><xs:simpleContent><xs:extension base="xs:string">
                          <xs:attribute name="start" type="xs:int"/>
                          <xs:attribute name="end" type="xs:int"/>
                          <xs:attribute name="ID" type="xs:ID"/>
                        </xs:extension></xs:simpleContent></xs:complexType>
                      </xs:element>
                    </xs:sequence>
                    <xs:attribute name="charOffsets" type="tc:true"/>
                  </xs:complexType>
                </xs:element>
                <xs:element name="sentences" minOccurs="0">
                  <xs:complexType>
                    <xs:sequence>
                      <xs:element name="sentence" minOccurs="0" maxOccurs="unbounded">
                        <xs:complexType>
                          <xs:attribute name="ID" type="xs:ID"/>
                          <xs:attribute name="start" type="xs:int"/>
                          <xs:attribute name="end" type="xs:int"/>
                          <xs:attribute name="tokenIDs" type="xs:IDREFS" use="required"/>
                        </xs:complexType>
                      </xs:element>
                    </xs:sequence>
                    <xs:attribute name="charOffsets" type="tc:true"/>
                  </xs:complexType>
                </xs:element>
                <xs:element name="namedEntities" minOccurs="0">
                  <xs:complexType>
                    <xs:sequence>
                      <xs:element name="entity" minOccurs="0" maxOccurs="unbounded">
                        <xs:complexType>
                          <xs:attribute name="class" type="xs:string" use="required"/>
                          <xs:attribute name="ID" type="xs:ID"/>
                          <xs:attribute name="start" type="xs:int"/>
                          <xs:attribute name="end" type="xs:int"/>
                          <xs:attribute name="tokenIDs" type="xs:IDREFS" use="required"/>
                        </xs:complexType>
                      </xs:element>
                    </xs:sequence>
                    <xs:attribute name="type" type="xs:string" use="required"/>
                    <xs:attribute name="charOffsets" type="tc:true"/>
                  </xs:complexType>
                </xs:element>
              </xs:all>
              <xs:attribute name="lang" type="xs:language" use="required"/>
            </xs:complexType>
          </xs:element>
        </xs:schema>
        """
    try write(Array(metadata.utf8), to: dir + "/metadata.xsd")
    try write(Array(textCorpus.utf8), to: dir + "/textcorpus.xsd")
    return Array("""
        <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="http://www.dspin.de/data"
                   xmlns:md="http://www.dspin.de/data/metadata" xmlns:tc="http://www.dspin.de/data/textcorpus"
                   elementFormDefault="qualified">
          <xs:import namespace="http://www.dspin.de/data/metadata" schemaLocation="\(dir)/metadata.xsd"/>
          <xs:import namespace="http://www.dspin.de/data/textcorpus" schemaLocation="\(dir)/textcorpus.xsd"/>
          <xs:element name="D-Spin">
            <xs:complexType>
              <xs:sequence><xs:element ref="md:MetaData"/><xs:element ref="tc:TextCorpus"/></xs:sequence>
              <xs:attribute name="version" use="required">
                <xs:simpleType><xs:restriction base="xs:string"><xs:enumeration value="0.4"/></xs:restriction></xs:simpleType>
              </xs:attribute>
            </xs:complexType>
          </xs:element>
        </xs:schema>
        """.utf8)
}

private typealias XMLElement = ParsedXMLElement

/// Parses `bytes` with libxml2 (no network, no entity substitution); nil when not well-formed.
private func parseXML(_ bytes: [UInt8]) -> XMLElement? { ParsedXMLElement.parse(bytes) }

@Suite("TCF output")
struct TCFOutputTests {
    @Test("well-formed, with the text, tokens, sentences and namedEntities layers matching the document")
    func layers() throws {
        for doc in FormatFixtures.documents {
            let root = try #require(parseXML(try TCFOutput.document(doc)), "not well-formed")
            #expect(root.name == "D-Spin" && root.namespace == "http://www.dspin.de/data")
            #expect(root.attributes["version"] == "0.4")
            #expect(root.child("MetaData")?.namespace == "http://www.dspin.de/data/metadata")
            #expect(root.child("MetaData")?.child("source")?.text == doc.id)
            let corpus = try #require(root.child("TextCorpus"))
            #expect(corpus.namespace == "http://www.dspin.de/data/textcorpus" && corpus.attributes["lang"] == "de")
            #expect(corpus.children.map(\.name) == ["text", "tokens", "sentences", "namedEntities"])
            #expect(corpus.child("text")?.text == doc.text)

            let tokens = try #require(corpus.child("tokens")).children
            #expect(tokens.count == doc.tokens.count)
            var tokenIndex: [String: Int] = [:]
            for (index, (element, token)) in zip(tokens, doc.tokens).enumerated() {
                tokenIndex[element.attributes["ID"] ?? ""] = index
                #expect(element.attributes["start"] == String(token.start) && element.attributes["end"] == String(token.end))
                #expect(element.text == Fixtures.slice(doc.text, Int(token.start), Int(token.end)))
            }
            #expect(tokenIndex.count == doc.tokens.count, "token IDs are unique")

            let sentences = try #require(corpus.child("sentences")).children
            #expect(sentences.count == doc.sentences.count)
            for (element, sentence) in zip(sentences, doc.sentences) {
                let ids = (element.attributes["tokenIDs"] ?? "").split(separator: " ").map { tokenIndex[String($0)] }
                #expect(ids == sentence.tokens.map { $0 })
                #expect(element.attributes["start"] == String(sentence.span.start))
            }

            let entities = try #require(corpus.child("namedEntities"))
            #expect(entities.attributes["type"] == "Eigenname")
            #expect(entities.children.count == doc.entities.count)
            for (element, entity) in zip(entities.children, doc.entities) {
                #expect(element.attributes["class"] == entity.type)
                #expect(element.attributes["start"] == String(entity.start) && element.attributes["end"] == String(entity.end))
                let covered = (element.attributes["tokenIDs"] ?? "").split(separator: " ").compactMap { tokenIndex[String($0)] }
                    .map { doc.tokens[$0] }
                #expect(covered.first.map { Int($0.start) } == entity.start && covered.last.map { Int($0.end) } == entity.end)
            }
        }
    }

    @Test("valid against the TCF 0.4 schema's D-Spin, MetaData and TextCorpus layers (IDs unique)")
    func validatesAgainstSchema() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let validator = try XMLSchemaValidator(xsd: try tcfSchema(in: dir))
        var empty = Fixtures.annotate("")
        empty.id = "leer"
        for doc in FormatFixtures.documents + [empty] {
            #expect(validator.validate(try TCFOutput.document(doc)) == [], "\(doc.id)")
        }
        // The schema does catch mistakes: a duplicate ID, an unknown layer.
        let good = string(try TCFOutput.document(FormatFixtures.documents[0]))
        #expect(!validator.validate(Array(good.replacingOccurrences(of: "ID=\"t_1\"", with: "ID=\"t_0\"").utf8)).isEmpty)
        #expect(!validator.validate(Array(good.replacingOccurrences(of: "<sentences", with: "<satz").replacingOccurrences(of: "</sentences", with: "</satz").utf8)).isEmpty)
    }

    @Test("the source is not written (TCF 0.4 has no place for it): discovered entities give the same valid bytes")
    func sourceLeftOut() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let discovered = FormatFixtures.discovered
        var allLexicon = discovered
        for index in allLexicon.entities.indices { allLexicon.entities[index].source = .lexicon }
        let output = try TCFOutput.document(discovered)
        #expect(output == (try TCFOutput.document(allLexicon)))
        #expect(try XMLSchemaValidator(xsd: try tcfSchema(in: dir)).validate(output) == [])
    }

    @Test("characters XML cannot carry become U+FFFD one for one; CR and markup characters survive parsing")
    func sanitizedText() throws {
        var doc = Fixtures.annotate("A\u{1}B <Ford> & \"BMW\"\r\nTesla\u{FFFE}.")
        doc.id = "x\u{0}y"
        let root = try #require(parseXML(try TCFOutput.document(doc)))
        let text = try #require(root.child("TextCorpus")?.child("text")?.text)
        #expect(text == "A\u{FFFD}B <Ford> & \"BMW\"\r\nTesla\u{FFFD}.")
        #expect(text.unicodeScalars.count == doc.text.unicodeScalars.count)
        #expect(root.child("MetaData")?.child("source")?.text == "x\u{FFFD}y")
        #expect(root.child("TextCorpus")?.child("namedEntities")?.children.map { $0.attributes["class"] }
                == ["COMPANY", "COMPANY", "COMPANY"])
    }

    @Test("an entity that does not align with tokens keeps its exact offsets and refers to the tokens it overlaps")
    func misalignedEntity() throws {
        var doc = Fixtures.annotate("Die Fordwerke bauen.")
        doc.entities = [Entity(start: 4, end: 8, type: "COMPANY", text: "Ford", canonical: "Ford")]
        let root = try #require(parseXML(try TCFOutput.document(doc)))
        let entity = try #require(root.child("TextCorpus")?.child("namedEntities")?.children.first)
        #expect(entity.attributes == ["ID": "ne_0", "class": "COMPANY", "tokenIDs": "t_1", "start": "4", "end": "8"])
    }
}
