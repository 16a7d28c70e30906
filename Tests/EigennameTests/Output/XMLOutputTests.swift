// XMLOutputWriter: AnnotatedDocuments -> XML valid against the shipped schema;
// XMLSchemaValidator: XML -> libxml2's messages.

import CLibXML2
import Testing
@testable import Eigenname

/// begin() + write(_:) per document + end().
private func corpusXML(_ documents: [AnnotatedDocument], includeTokens: Bool = true) throws -> [UInt8] {
    let writer = try XMLOutputWriter(includeTokens: includeTokens)
    var output = writer.begin()
    for document in documents { output += try writer.write(document) }
    output += writer.end()
    return output
}

private typealias Element = ParsedXMLElement

/// Parses `bytes` with libxml2 as a consumer would; fails the test when not well-formed.
private func parse(_ bytes: [UInt8]) throws -> Element {
    try #require(ParsedXMLElement.parse(bytes), "not well-formed: \(String(decoding: bytes, as: UTF8.self))")
}

@Suite("XML output")
struct XMLOutputTests {
    @Test("a corpus of documents validates against the shipped schema")
    func corpusValidates() throws {
        let documents = [OutputFixture.farley,
                         OutputFixture.document(id: "doc-2", "Die Financial Times berichtet über BYD.",
                                                entities: [("Financial Times", "COMPANY", "Financial Times"),
                                                           ("BYD", "COMPANY", "BYD")])]
        let messages = try XMLSchemaValidator().validate(try corpusXML(documents))
        #expect(messages == [])
    }

    @Test("a document is written as text, sentences, tokens and entities")
    func documentLayout() throws {
        let doc = OutputFixture.document("Ford baut.", entities: [("Ford", "COMPANY", "Ford Motor Company")])
        let writer = try XMLOutputWriter()
        #expect(string(writer.begin()) == """
            <?xml version="1.0" encoding="UTF-8"?>
            <corpus xmlns="https://eigenname.dev/ns/annotation/1">

            """)
        let written = string(try writer.write(doc))
        #expect(written == """
              <document id="doc-1">
                <text>Ford baut.</text>
                <sentences>
                  <s start="0" end="10"/>
                </sentences>
                <tokens>
                  <t start="0" end="4" kind="word"/>
                  <t start="5" end="9" kind="word"/>
                  <t start="9" end="10" kind="punctuation"/>
                </tokens>
                <entities>
                  <entity start="0" end="4" type="COMPANY" canonical="Ford Motor Company" source="lexicon">Ford</entity>
                </entities>
              </document>

            """)
        #expect(string(writer.end()) == "</corpus>\n")
    }

    @Test("every entity has a source attribute, lexicon or discovered, and the document validates")
    func sourceAttribute() throws {
        let output = try corpusXML([FormatFixtures.discovered])
        #expect(try XMLSchemaValidator().validate(output) == [])
        let entities = try parse(output).child("document")?.child("entities")?.children ?? []
        #expect(entities.map { $0.attributes["source"] } == ["discovered", "lexicon", "discovered"])
        #expect(entities.map(\.text) == ["Hansen Fahrzeugtechnik GmbH", "Ford", "Petra Lorenz"])
        #expect(string(output).contains(#"canonical="Petra Lorenz" source="discovered">Petra Lorenz</entity>"#))
    }

    @Test("elements are in the annotation namespace")
    func namespace() throws {
        let root = try parse(try corpusXML([OutputFixture.farley]))
        #expect(root.name == "corpus")
        #expect(root.namespace == AnnotationSchema.namespace)
        #expect(root.child("document")?.child("entities")?.child("entity")?.namespace == AnnotationSchema.namespace)
    }

    @Test("token kinds are written as word, number, punctuation and symbol")
    func tokenKinds() throws {
        let root = try parse(try corpusXML([OutputFixture.document("Golf 8, 30 000 €")]))
        let kinds = root.child("document")?.child("tokens")?.children.compactMap { $0.attributes["kind"] }
        #expect(kinds == ["word", "number", "punctuation", "number", "number", "symbol"])
    }

    @Test("XML output of text with control characters, U+FFFE, ]]> and CRLF validates against the shipped schema")
    func hostileTextValidates() throws {
        let text = "Vorspann\u{0}\u{1}\u{8}\u{B}\u{C}\u{1B}\u{1F}\u{7F}\u{FFFE}\u{FFFF} ]]> <&> \"'\r\n\tFord\r"
        let doc = OutputFixture.document(id: "böse\u{1}\r\n<id>", text, entities: [("Ford", "COMPANY", "Ford\u{0}\u{FFFF}")])
        let messages = try XMLSchemaValidator().validate(try corpusXML([doc]))
        #expect(messages == [])
    }

    @Test("characters XML cannot carry become U+FFFD one for one, and replaced counts them")
    func unrepresentableCharactersAreReplaced() throws {
        let text = "A\u{0}B\u{1B}C\u{FFFE}D\u{FFFF}E\tF\nG\rH Xiaomi"
        let doc = OutputFixture.document(text, entities: [("Xiaomi", "COMPANY", "Xiaomi")])
        let document = try #require(try parse(try corpusXML([doc])).child("document"))

        let written = document.child("text")?.text ?? ""
        #expect(written == "A\u{FFFD}B\u{FFFD}C\u{FFFD}D\u{FFFD}E\tF\nG\rH Xiaomi")
        #expect(written.unicodeScalars.count == text.unicodeScalars.count)
        #expect(document.attributes["replaced"] == "4")

        // Offsets still point at the entity in the written text.
        let entity = try #require(document.child("entities")?.child("entity"))
        let scalars = Array(written.unicodeScalars)
        let start = try #require(Int(entity.attributes["start"] ?? ""))
        let end = try #require(Int(entity.attributes["end"] ?? ""))
        #expect(String(String.UnicodeScalarView(scalars[start..<end])) == entity.text)
    }

    @Test("bytes that are not UTF-8 are written as U+FFFD and counted")
    func invalidUTF8IsReplaced() throws {
        var doc = OutputFixture.document("")
        doc.utf8 = Array("Gr".utf8) + [0xC3] + Array("e".utf8)
        let output = try corpusXML([doc])
        #expect(try XMLSchemaValidator().validate(output) == [])
        let document = try parse(output).child("document")
        #expect(document?.child("text")?.text == "Gr\u{FFFD}e")
        #expect(document?.attributes["replaced"] == "1")
    }

    @Test("any text gives XML that validates and reads back with offsets intact")
    func randomTextValidates() throws {
        var generator = OutputFixture.Generator(state: 1871)
        let validator = try XMLSchemaValidator()
        for _ in 0..<200 {
            let text = OutputFixture.randomText(using: &generator)
            let doc = OutputFixture.document(id: text, text)
            let output = try corpusXML([doc])
            #expect(validator.validate(output) == [])

            // Every character comes back, or U+FFFD in its place where XML 1.0 cannot carry it.
            let expected = String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
                let value = scalar.value
                let allowed = value == 0x9 || value == 0xA || value == 0xD || (value >= 0x20 && value != 0xFFFE && value != 0xFFFF)
                return allowed ? scalar : "\u{FFFD}"
            }))
            let document = try parse(output).child("document")
            #expect(document?.child("text")?.text == expected)
            #expect(document?.attributes["id"] == expected)
        }
    }

    @Test("replaced is absent when nothing was replaced")
    func noReplacedAttribute() throws {
        let document = try parse(try corpusXML([OutputFixture.farley])).child("document")
        #expect(document?.attributes["replaced"] == nil)
        #expect(document?.attributes["id"] == "doc-1")
    }

    @Test("CR survives XML round trip")
    func carriageReturnRoundTrip() throws {
        let text = "Zeile 1\r\nZeile 2\rZeile 3\n\r"
        let output = try corpusXML([OutputFixture.document(text)])
        #expect(string(output).contains("Zeile 1&#13;\nZeile 2&#13;Zeile 3\n&#13;"))
        #expect(try parse(output).child("document")?.child("text")?.text == text)
    }

    @Test("]]> and <&> are escaped and read back unchanged")
    func markupCharactersAreEscaped() throws {
        let text = "a]]>b <Ford> & \"VW\""
        var doc = OutputFixture.document(text)
        doc.entities = [Entity(start: 0, end: 4, type: "<&>", text: "a]]>", canonical: "]]> & <\"'>")]
        let output = try corpusXML([doc])
        let raw = string(output)
        #expect(raw.contains("<text>a]]&gt;b &lt;Ford&gt; &amp; &quot;VW&quot;</text>"))
        #expect(!raw.contains("]]>"))
        #expect(try XMLSchemaValidator().validate(output) == [])

        let document = try parse(output).child("document")
        #expect(document?.child("text")?.text == text)
        let entity = document?.child("entities")?.child("entity")
        #expect(entity?.text == "a]]>")
        #expect(entity?.attributes["type"] == "<&>")
        #expect(entity?.attributes["canonical"] == "]]> & <\"'>")
    }

    @Test("attribute values keep tabs, line breaks and quotes")
    func attributeWhitespaceSurvives() throws {
        let id = "Nr.\t1\r\n\"Ford\"  'VW'"
        let document = try parse(try corpusXML([OutputFixture.document(id: id, "Text")])).child("document")
        #expect(document?.attributes["id"] == id)
    }

    @Test("non-ASCII characters are written as raw UTF-8, in text and attributes")
    func nonASCIIIsRaw() throws {
        let doc = OutputFixture.document(id: "Straße-1", "Hans-Jürgen Müller fährt 🚗",
                                         entities: [("Hans-Jürgen Müller", "PERSON", "Hans-Jürgen Müller")])
        let raw = string(try corpusXML([doc]))
        #expect(raw.contains(#"<document id="Straße-1">"#))
        #expect(raw.contains("<text>Hans-Jürgen Müller fährt 🚗</text>"))
        #expect(raw.contains(#"canonical="Hans-Jürgen Müller" source="lexicon">Hans-Jürgen Müller</entity>"#))
    }

    @Test("without tokens there are no sentences or tokens, and the output still validates")
    func withoutTokens() throws {
        let output = try corpusXML([OutputFixture.farley], includeTokens: false)
        let document = try parse(output).child("document")
        #expect(document?.children.map(\.name) == ["text", "entities"])
        #expect(try XMLSchemaValidator().validate(output) == [])
    }

    @Test("an empty corpus and an empty document validate")
    func emptyCorpusAndDocument() throws {
        let validator = try XMLSchemaValidator()
        #expect(validator.validate(try corpusXML([])) == [])
        #expect(validator.validate(try corpusXML([OutputFixture.document("")])) == [])
    }

    @Test("each write returns its own document only")
    func writesAreIndependent() throws {
        let writer = try XMLOutputWriter()
        _ = writer.begin()
        let first = string(try writer.write(OutputFixture.document(id: "erstes", "Ford")))
        let second = string(try writer.write(OutputFixture.document(id: "zweites", "Tesla")))
        #expect(first.contains("erstes") && !first.contains("zweites"))
        #expect(second.contains("zweites") && !second.contains("erstes"))
        _ = writer.end()
    }
}

@Suite("XML schema validation")
struct XMLSchemaValidatorTests {
    @Test("the shipped schema declares the writer's namespace")
    func schemaNamespace() {
        #expect(AnnotationSchema.xsd.contains("targetNamespace=\"\(AnnotationSchema.namespace)\""))
        #expect(AnnotationSchema.xsd.contains("elementFormDefault=\"qualified\""))
    }

    @Test("schema violations are reported with their line numbers")
    func schemaViolations() throws {
        var xml = string(try corpusXML([OutputFixture.document("Ford baut.")]))
        xml = xml.replacing(#"kind="word""#, with: #"kind="adjektiv""#)
        let messages = try XMLSchemaValidator().validate(Array(xml.utf8))
        #expect(!messages.isEmpty)
        #expect(messages.first?.hasPrefix("line 9: ") == true)
        #expect(messages.first?.contains("adjektiv") == true)
    }

    @Test("source is optional (XML from before it validates) but only lexicon or discovered")
    func sourceInTheSchema() throws {
        let validator = try XMLSchemaValidator()
        let written = string(try corpusXML([FormatFixtures.discovered]))
        let withoutSource = written.replacing(#" source="discovered""#, with: "").replacing(#" source="lexicon""#, with: "")
        #expect(!withoutSource.contains("source="))
        #expect(validator.validate(Array(withoutSource.utf8)) == [])
        let unknown = written.replacing(#"source="discovered""#, with: #"source="geraten""#)
        let messages = validator.validate(Array(unknown.utf8))
        #expect(!messages.isEmpty)
        #expect(messages.first?.contains("geraten") == true)
        #expect(AnnotationSchema.xsd.contains(#"<xs:attribute name="source" type="en:EntitySource" use="optional" default="lexicon"/>"#))
    }

    @Test("a missing required element is reported")
    func missingElement() throws {
        let xml = """
            <?xml version="1.0"?>
            <corpus xmlns="\(AnnotationSchema.namespace)">
              <document id="x"><entities/></document>
            </corpus>
            """
        let messages = try XMLSchemaValidator().validate(Array(xml.utf8))
        #expect(messages.count == 1)
        #expect(messages.first?.hasPrefix("line 3: ") == true)
    }

    @Test("XML that is not well-formed is reported, not printed")
    func notWellFormed() throws {
        let messages = try XMLSchemaValidator().validate(Array("<corpus>\n<document>\n</corpus>".utf8))
        #expect(!messages.isEmpty)
        #expect(messages.allSatisfy { $0.hasPrefix("line ") })
    }

    @Test("entity references are reported, neither expanded nor fetched")
    func entityReferencesAreNotExpanded() throws {
        // Our output never holds entity references (only character references);
        // a file that does is refused instead of being expanded or fetched.
        let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE corpus [<!ENTITY extern SYSTEM "http://example.invalid/x"><!ENTITY firma "Ford">]>
            <corpus xmlns="\(AnnotationSchema.namespace)">
              <document id="x"><text>&extern;&firma;</text><entities/></document>
            </corpus>
            """
        let messages = try XMLSchemaValidator().validate(Array(xml.utf8))
        #expect(messages.count == 1)
        #expect(messages.first?.contains("entity reference") == true)
    }

    @Test("an empty input is reported")
    func emptyInput() throws {
        #expect(try XMLSchemaValidator().validate([]) == ["the document is empty"])
    }
}
