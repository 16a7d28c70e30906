// The output formats for other tools and for people: CoNLL BIO, brat standoff,
// TCF 0.4, the HTML view and index, and the HTML evaluation report.
// Also holds FormatFixtures and HTMLMarks, which BrowserTests.swift shares.

import CLibXML2
import Foundation
import Testing
@testable import Eigenname

/// Documents from the pipeline (Fixtures.lexicon) for the format tests.
enum FormatFixtures {
    static let texts: [(id: String, text: String)] = [
        ("farley", "Ford-Chef Jim Farley fuhr monatelang Xiaomis SU7-Modell. Den Xiaomi SU7 gibt es seit 2024."),
        ("ft", "Die Financial Times schreibt über BMW und Tesla, auch über VW.\n\nLei Jun (Xiaomi) und Elon Musk führen Autokonzerne."),
        ("musk", "Elon Musk und Elon-Musk-Fans: Tesla Model 3 und Model 3 gegen den ID.3 von VW. Mercedes-Benz baut Autos."),
        ("umbruch", "Der Auto-\nmobilbauer Ford wies Berichte der Financial\nTimes als „falsch“ zurück. Harrison Ford 😀 und Fords Mustang Mach-E."),
    ]

    static var documents: [AnnotatedDocument] {
        let annotator = try! Annotator(lexicon: Fixtures.lexicon)
        return texts.map { annotator.annotate(text: $0.text, id: $0.id) }
    }

    /// The documents as `annotate` writes them (JSONL), read back by the evaluation's interchange reader.
    static func jsonlDocuments(_ documents: [AnnotatedDocument]) throws -> [EvaluationDocument] {
        var bytes: [UInt8] = []
        for doc in documents {
            JSONOutput.append(doc, to: &bytes)
            bytes.append(0x0A)
        }
        var warnings: [String] = []
        let result = try InterchangeReader.values(in: bytes, path: "pred.jsonl").map { value, origin in
            try InterchangeReader.entityDocument(value, origin: origin, warnings: &warnings)
        }
        #expect(warnings.isEmpty)
        return result
    }
}

/// The <mark> elements of an HTML page (as written, or as Chromium serializes its DOM).
struct HTMLMark: Equatable {
    var attributes: [String: String]
    var text: String
    var classes: [String] { (attributes["class"] ?? "").split(separator: " ").map(String.init) }
}

enum HTMLMarks {
    static func parse(_ html: String) -> [HTMLMark] {
        var marks: [HTMLMark] = []
        let s = Array(html.unicodeScalars)
        var i = 0
        func starts(_ prefix: String, at index: Int) -> Bool {
            let p = Array(prefix.unicodeScalars)
            return index + p.count <= s.count && Array(s[index..<(index + p.count)]) == p
        }
        while i < s.count {
            guard starts("<mark", at: i), i + 5 < s.count, s[i + 5] == " " || s[i + 5] == ">" else {
                i += 1
                continue
            }
            i += 5
            var attributes: [String: String] = [:]
            while i < s.count {
                while i < s.count, s[i] == " " || s[i] == "\n" { i += 1 }
                if i < s.count, s[i] == ">" { i += 1; break }
                var name = ""
                while i < s.count, s[i] != "=", s[i] != " ", s[i] != ">" { name.unicodeScalars.append(s[i]); i += 1 }
                var value = ""
                if i < s.count, s[i] == "=" {
                    i += 1
                    let quote = s[i]
                    i += 1
                    while i < s.count, s[i] != quote { value.unicodeScalars.append(s[i]); i += 1 }
                    i += 1
                }
                attributes[name] = unescape(value)
            }
            var text = ""
            while i < s.count, !starts("</mark>", at: i) { text.unicodeScalars.append(s[i]); i += 1 }
            marks.append(HTMLMark(attributes: attributes, text: unescape(text)))
        }
        return marks
    }

    static func unescape(_ s: String) -> String {
        guard s.contains("&") else { return s }
        var out = ""
        var rest = Substring(s)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            rest = rest[amp...]
            guard let semicolon = rest.firstIndex(of: ";") else { break }
            let name = rest[rest.index(after: rest.startIndex)..<semicolon]
            switch name {
            case "amp": out += "&"
            case "lt": out += "<"
            case "gt": out += ">"
            case "quot": out += "\""
            case "nbsp": out += "\u{A0}"
            default:
                if name.hasPrefix("#x"), let v = UInt32(name.dropFirst(2), radix: 16), let u = Unicode.Scalar(v) {
                    out.unicodeScalars.append(u)
                } else if name.hasPrefix("#"), let v = UInt32(name.dropFirst()), let u = Unicode.Scalar(v) {
                    out.unicodeScalars.append(u)
                } else {
                    out += "&" + name + ";"
                }
            }
            rest = rest[rest.index(after: semicolon)...]
        }
        return out + rest
    }
}

private func string(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

private func temporaryDirectory() throws -> String {
    let dir = NSTemporaryDirectory() + "eigenname-format-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
}

private func write(_ bytes: [UInt8], to path: String) throws {
    try Data(bytes).write(to: URL(fileURLWithPath: path))
}

// MARK: - CoNLL

@Suite("CoNLL output")
struct FormatCoNLLTests {
    @Test("one token TAB tag per line, B-/I- per entity, # id line first, a blank line after every sentence")
    func layout() {
        let doc = Fixtures.annotate("Ford-Chef Jim Farley lobt BMW. Tesla schweigt.")
        #expect(string(CoNLLOutput.encode(doc)) == """
            # id = doc
            Ford\tB-COMPANY
            -\tO
            Chef\tO
            Jim\tB-PERSON
            Farley\tI-PERSON
            lobt\tO
            BMW\tB-COMPANY
            .\tO

            Tesla\tB-COMPANY
            schweigt\tO
            .\tO


            """)
    }

    @Test("adjacent entities of one type stay two entities (IOB2: each starts with B)")
    func adjacentEntities() throws {
        var doc = Fixtures.annotate("BMW Tesla fahren.")
        #expect(doc.entities.map(\.text) == ["BMW", "Tesla"])
        doc.id = "zwei"
        let lines = string(CoNLLOutput.encode(doc)).split(separator: "\n")
        #expect(lines.prefix(3) == ["# id = zwei", "BMW\tB-COMPANY", "Tesla\tB-COMPANY"])
        let read = try CoNLLReader.read(CoNLLOutput.encode(doc), path: "zwei.conll")
        #expect(read.documents.first?.entities.map(\.text) == ["BMW", "Tesla"])
    }

    @Test("round trip: CoNLL read back as gold scores F1 1.0 against the JSONL it came from")
    func roundTrip() throws {
        let documents = FormatFixtures.documents
        var conll: [UInt8] = []
        for doc in documents { CoNLLOutput.append(doc, to: &conll) }
        let readBack = try CoNLLReader.read(conll, path: "korpus.conll")
        #expect(readBack.warnings.isEmpty)
        // One document per "# id = …" line, matched by id; texts differ only in white space.
        #expect(readBack.documents.map(\.id) == documents.map(\.id))
        let jsonl = try FormatFixtures.jsonlDocuments(documents)
        let evaluation = EntityScorer().score(gold: readBack.documents, predicted: jsonl)
        let total = documents.reduce(0) { $0 + $1.entities.count }
        #expect(total >= 20)
        #expect(evaluation.goldEntities == total && evaluation.predictedEntities == total)
        #expect(evaluation.exactMicro.f1 == 1.0)
        #expect(evaluation.exactMicro.truePositives == total)
    }

    @Test("an entity boundary inside a token splits the token, so the entity keeps its exact span")
    func entityInsideToken() throws {
        var doc = Fixtures.annotate("Die Fordwerke und BMWs Werk.")
        #expect(doc.tokens.count == 6)
        // Hand-made spans that do not align with the tokens "Fordwerke" and "BMWs".
        doc.entities = [Entity(start: 4, end: 8, type: "COMPANY", text: "Ford", canonical: "Ford"),
                        Entity(start: 18, end: 21, type: "COMPANY", text: "BMW", canonical: "BMW")]
        let output = string(CoNLLOutput.encode(doc))
        #expect(output.contains("Ford\tB-COMPANY\nwerke\tO\n"))
        #expect(output.contains("BMW\tB-COMPANY\ns\tO\n"))
        let read = try CoNLLReader.read(Array(output.utf8), path: "x.conll")
        #expect(read.documents.first?.entities.map { "\($0.text)/\($0.type)" } == ["Ford/COMPANY", "BMW/COMPANY"])
    }

    @Test("a line break inside a token (line-end hyphenation) is left out: one line per token")
    func lineBreakInsideToken() throws {
        let doc = Fixtures.annotate("Der Auto-\nmobilbauer Ford.")
        let output = string(CoNLLOutput.encode(doc))
        #expect(output.contains("\nAuto-mobilbauer\tO\nFord\tB-COMPANY\n"))
        #expect(try CoNLLReader.read(Array(output.utf8), path: "x.conll").documents.first?.text
                == "Der Auto-mobilbauer Ford .")
    }

    @Test("the # id line never reads as a token: line breaks become spaces, a tag-like last word gets a TAB after it")
    func idLine() throws {
        for id in ["S-Bahn", "O", "Bericht B-X", "zwei\nZeilen\tund\rmehr", "I-95"] {
            var doc = Fixtures.annotate("Ford baut.")
            doc.id = id
            let output = CoNLLOutput.encode(doc)
            let firstLine = string(output).split(separator: "\n", omittingEmptySubsequences: false)[0]
            #expect(firstLine.hasPrefix("# id = ") && !firstLine.contains("\r"))
            let read = try CoNLLReader.read(output, path: "x.conll")
            #expect(read.documents.count == 1)
            #expect(read.documents.first?.text == "Ford baut .", "id \(id)")
        }
    }

    @Test("a document without tokens is its # id line alone")
    func emptyDocument() {
        var doc = Fixtures.annotate("   ")
        doc.id = "leer"
        #expect(string(CoNLLOutput.encode(doc)) == "# id = leer\n")
    }
}

// MARK: - brat

@Suite("brat output")
struct FormatBratTests {
    @Test("T lines with code point offsets, the canonical name as an AnnotatorNotes line")
    func layout() {
        let doc = Fixtures.annotate("😀 Über Fords Jim Farley.")
        #expect(string(BratOutput.annotations(doc)) == """
            T1\tCOMPANY 7 12\tFords
            #1\tAnnotatorNotes T1\tFord Motor Company
            T2\tPERSON 13 23\tJim Farley
            #2\tAnnotatorNotes T2\tJim Farley

            """)
    }

    @Test("round trip: .txt and .ann read back with BratReader, F1 1.0 against the JSONL entities")
    func roundTrip() throws {
        let documents = FormatFixtures.documents
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for doc in documents {
            try write(doc.utf8, to: "\(dir)/\(doc.id).txt")
            try write(BratOutput.annotations(doc), to: "\(dir)/\(doc.id).ann")
        }
        let readBack = try BratReader.read(path: dir)
        let jsonl = try FormatFixtures.jsonlDocuments(documents)
        let evaluation = EntityScorer().score(gold: readBack.documents, predicted: jsonl)
        let total = documents.reduce(0) { $0 + $1.entities.count }
        #expect(evaluation.documents.matched == documents.count)
        #expect(evaluation.goldEntities == total && evaluation.predictedEntities == total)
        #expect(evaluation.exactMicro.f1 == 1.0)
        #expect(evaluation.documents.textDiffers.isEmpty)
        // The only warnings are about the line-spanning entity of "umbruch".
        #expect(readBack.warnings.allSatisfy { $0.contains("umbruch.ann") && $0.contains("discontinuous") })
    }

    @Test("an entity over a line break is a discontinuous span without the break; its text joins the lines with a space")
    func multiLineEntity() throws {
        let doc = Fixtures.annotate("Die Financial \n  Times schreibt.")
        let ann = string(BratOutput.annotations(doc))
        #expect(ann.hasPrefix("T1\tCOMPANY 4 13;17 22\tFinancial Times\n"))
        let read = try BratReader.read(annotations: Array(ann.utf8), annPath: "x.ann", text: doc.text, id: "x")
        #expect(read.documents.first?.entities.map(\.span) == [TextSpan(start: 4, end: 22)])
    }

    @Test("types with spaces are written with underscores; annotation.conf and visual.conf list the types")
    func configuration() {
        var doc = Fixtures.annotate("Ford baut.")
        doc.entities[0].type = "AUTO BAUER"
        doc.entities[0].canonical = "Ford\nMotor\tCompany"
        #expect(string(BratOutput.annotations(doc)) == "T1\tAUTO_BAUER 0 4\tFord\n#1\tAnnotatorNotes T1\tFord Motor Company\n")
        let conf = string(BratOutput.annotationConfiguration(types: ["PERSON", "COMPANY", "PERSON"]))
        #expect(conf.contains("[entities]\nCOMPANY\nPERSON\n\n[relations]"))
        let visual = string(BratOutput.visualConfiguration(types: ["COMPANY"]))
        #expect(visual.contains("[drawing]\nCOMPANY\tbgColor:\(TypeColors.background("COMPANY"))\n"))
    }
}

// MARK: - TCF

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
struct FormatTCFTests {
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

// MARK: - HTML

@Suite("HTML output")
struct FormatHTMLTests {
    @Test("every entity is one <mark> with its type, canonical name, offsets and title, around exactly its text")
    func highlightsEveryEntity() {
        for doc in FormatFixtures.documents {
            let marks = HTMLMarks.parse(string(HTMLOutput.page(doc)))
            #expect(marks.count == doc.entities.count)
            for (mark, entity) in zip(marks, doc.entities) {
                #expect(mark.text == entity.text)
                #expect(mark.attributes["data-type"] == entity.type)
                #expect(mark.attributes["data-canonical"] == entity.canonical)
                #expect(mark.attributes["data-start"] == String(entity.start) && mark.attributes["data-end"] == String(entity.end))
                #expect(mark.attributes["title"] == "\(entity.type): \(entity.canonical)")
                #expect(mark.classes.contains("ent") && mark.classes.contains(HTMLStyle.typeClass(entity.type)))
            }
        }
    }

    @Test("the text between the marks is the document's text: nothing lost, line breaks kept (pre-wrap)")
    func textIsComplete() throws {
        let doc = FormatFixtures.documents[3]
        let html = string(HTMLOutput.page(doc))
        let start = try #require(html.range(of: "<div class=\"text\" lang=\"de\">"))
        let end = try #require(html.range(of: "</div>", range: start.upperBound..<html.endIndex))
        var inner = String(html[start.upperBound..<end.lowerBound])
        while let open = inner.range(of: "<mark"), let close = inner.range(of: ">", range: open.upperBound..<inner.endIndex) {
            inner.removeSubrange(open.lowerBound..<close.upperBound)
        }
        inner = inner.replacingOccurrences(of: "</mark>", with: "")
        #expect(HTMLMarks.unescape(inner) == doc.text)
        #expect(html.contains(".text{white-space:pre-wrap"))
    }

    @Test("escapes < & > \" in the text, the id, types and canonical names")
    func escapes() {
        var doc = Fixtures.annotate("<b>Ford</b> & \"BMW\" > Tesla")
        doc.id = "<script>alert(\"x\")</script>&"
        doc.entities[0].canonical = "Ford \"<Motor>\" & Co"
        doc.entities[1].type = "A<B>&\"C"
        let html = string(HTMLOutput.page(doc))
        #expect(!html.contains("<script") && !html.contains("<b>") && !html.contains("</b>"))
        #expect(html.contains("&lt;b&gt;<mark"))
        #expect(html.contains("&amp; &quot;") == false)  // quotes in text stay plain
        #expect(html.contains("&amp; \"<mark"))
        #expect(html.contains("<title>&lt;script&gt;alert(\"x\")&lt;/script&gt;&amp; – Eigenname</title>"))
        #expect(html.contains("data-canonical=\"Ford &quot;&lt;Motor&gt;&quot; &amp; Co\""))
        #expect(html.contains("data-type=\"A&lt;B&gt;&amp;&quot;C\""))
        let marks = HTMLMarks.parse(html)
        #expect(marks.map(\.text) == ["Ford", "BMW", "Tesla"])
        #expect(marks[1].attributes["data-type"] == "A<B>&\"C")
        #expect(marks[1].classes.last?.hasPrefix("t-A_B___C-") == true)
    }

    @Test("characters HTML does not allow become U+FFFD one for one")
    func controlCharacters() {
        let doc = Fixtures.annotate("A\u{0}B\u{7}C\u{85}D\u{FFFF} Ford")
        let html = string(HTMLOutput.page(doc))
        #expect(html.contains("A\u{FFFD}B\u{FFFD}C\u{FFFD}D\u{FFFD} <mark"))
    }

    @Test("self-contained: no script, no external reference, a CSP that forbids fetching; one CSS rule per type")
    func selfContained() {
        let html = string(HTMLOutput.page(FormatFixtures.documents[1]))
        for forbidden in ["<script", "src=", "<link", "url(", "@import", "http://", "https://", "javascript:"] {
            #expect(!html.contains(forbidden), "\(forbidden)")
        }
        #expect(html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"))
        #expect(html.hasPrefix("<!DOCTYPE html>\n"))
        for type in ["COMPANY", "PERSON"] {
            #expect(html.contains(".t-\(type){--bg:\(TypeColors.background(type));--fg:\(TypeColors.accent(type))}"))
        }
    }

    @Test("a type's color depends on its name only: same on every page, different types differ")
    func colors() {
        #expect(TypeColors.background("COMPANY") == TypeColors.background("COMPANY"))
        let all = ["COMPANY", "PERSON", "MODEL"].map(TypeColors.background)
        #expect(Set(all).count == 3)
        #expect(all.allSatisfy { $0.count == 7 && $0.hasPrefix("#") })
        #expect(TypeColors.hex(hue: 0, saturation: 1, lightness: 0.5) == "#ff0000")
        #expect(TypeColors.hex(hue: 120, saturation: 1, lightness: 0.5) == "#00ff00")
        #expect(TypeColors.hex(hue: 240, saturation: 1, lightness: 0.5) == "#0000ff")
    }

    @Test("legend and table: each type with its count, each canonical name with its mentions and forms")
    func legendAndTable() {
        let doc = Fixtures.annotate("Ford und Fords Chef. BMW lobt Ford.")
        let html = string(HTMLOutput.page(doc))
        #expect(html.contains("<span class=\"type-name\">COMPANY</span> <span class=\"count\">4</span>"))
        #expect(html.contains("<td>Ford Motor Company</td><td class=\"num\">3</td><td class=\"forms\"><q>Ford</q>, <q>Fords</q></td>"))
        #expect(html.contains("<td>BMW</td><td class=\"num\">1</td>"))
        let empty = string(HTMLOutput.page(Fixtures.annotate("Nichts.")))
        #expect(empty.contains("No entities in this document."))
    }

    @Test("the index links every page (percent-encoded), escapes titles and sums the entities; a page can link back")
    func index() {
        let html = string(HTMLOutput.index([(title: "a <b>", href: "sub dir/a#1.html", entityCount: 3),
                                            (title: "Über", href: "über.html", entityCount: 2)]))
        #expect(html.contains("<a href=\"sub%20dir/a%231.html\">a &lt;b&gt;</a></td><td class=\"num\">3</td>"))
        #expect(html.contains("<a href=\"%C3%BCber.html\">Über</a>"))
        #expect(html.contains("2 documents · 5 entities"))
        #expect(!html.contains("<script"))
        let page = string(HTMLOutput.page(Fixtures.annotate("Ford."), indexHref: "../index.html"))
        #expect(page.contains("<a href=\"../index.html\">← All documents</a>"))
        #expect(!string(HTMLOutput.page(Fixtures.annotate("Ford."))).contains("All documents"))
    }
}

// MARK: - Evaluation report

/// Gold that differs from the pipeline's predictions in known ways, and the evaluation of it.
enum ReportFixture {
    static var evaluation: EntityEvaluation {
        let predicted = FormatFixtures.documents.map {
            EvaluationDocument(id: $0.id, text: $0.text, entities: $0.entities, origin: $0.origin)
        }
        var gold = predicted
        // "farley": gold lacks "Xiaomis" (a false positive) and has "Den" as a PERSON (a false negative).
        gold[0].entities.removeAll { $0.text == "Xiaomis" }
        let den = Array(gold[0].text!.unicodeScalars).firstIndex(of: "D")!
        gold[0].entities.append(Entity(start: den, end: den + 3, type: "PERSON", text: "Den", canonical: ""))
        // "ft": BMW is a MODEL in gold (a false negative MODEL and a false positive COMPANY).
        if let index = gold[1].entities.firstIndex(where: { $0.text == "BMW" }) { gold[1].entities[index].type = "MODEL" }
        // "musk": gold's span for "Elon-Musk" is shorter (a boundary error of each kind).
        if let index = gold[2].entities.firstIndex(where: { $0.text == "Elon-Musk" }) {
            gold[2].entities[index].end -= 5
            gold[2].entities[index].text = "Elon"
        }
        return EntityScorer().score(gold: gold, predicted: predicted)
    }
}

@Suite("HTML evaluation report")
struct FormatEvaluationReportTests {
    @Test("every false negative and false positive is a mark in its context, in the section of its type")
    func mistakesHighlighted() throws {
        let e = ReportFixture.evaluation
        #expect(e.falseNegatives.count == 3 && e.falsePositives.count == 3)
        let html = string(EvaluationHTMLReport.page(e, goldSource: "gold.jsonl", predictedSource: "pred.jsonl"))
        let marks = HTMLMarks.parse(html).filter { $0.classes.contains("mistake") }
        let expected = e.falseNegatives.map { ("fn", $0) } + e.falsePositives.map { ("fp", $0) }
        #expect(marks.count == expected.count)
        for (kind, mistake) in expected {
            let mark = marks.first {
                $0.attributes["data-kind"] == kind && $0.attributes["data-doc"] == mistake.documentID
                    && $0.attributes["data-start"] == String(mistake.entity.start)
                    && $0.attributes["data-end"] == String(mistake.entity.end)
            }
            let found = try #require(mark, "\(kind) \(mistake.entity.text)")
            #expect(found.attributes["data-type"] == mistake.entity.type)
            #expect(found.text == mistake.entity.text)
            // In the section of its type.
            let section = try #require(html.range(of: "<section class=\"type\" id=\"type-\(mistake.entity.type)\""))
            let next = html.range(of: "</section>", range: section.upperBound..<html.endIndex)!
            #expect(html[section.upperBound..<next.lowerBound].contains("data-start=\"\(mistake.entity.start)\""))
        }
        // The context before the mark.
        #expect(html.contains("<div class=\"context\">Ford-Chef Jim Farley fuhr monatelang <mark class=\"mistake fp t-COMPANY\""))
    }

    @Test("the score tables: exact per type and micro, partial, span only, canonical; file names in the header")
    func scores() {
        let e = ReportFixture.evaluation
        let html = string(EvaluationHTMLReport.page(e, goldSource: "gold.jsonl", predictedSource: "pred.jsonl"))
        #expect(html.contains("Gold: <code>gold.jsonl</code> · Predictions: <code>pred.jsonl</code>"))
        for id in ["exact", "partial", "span", "canonical"] { #expect(html.contains("<h3 id=\"\(id)\">")) }
        let micro = e.exactMicro
        #expect(html.contains("<tr class=\"micro\"><th scope=\"row\">micro</th><td class=\"num\">\(EvaluationReport.ratio(micro.precision))</td><td class=\"num\">\(EvaluationReport.ratio(micro.recall))</td><td class=\"num\">\(EvaluationReport.ratio(micro.f1))</td>"))
        #expect(html.contains("<td class=\"num\">\(micro.truePositives)</td><td class=\"num\">\(micro.falsePositives)</td><td class=\"num\">\(micro.falseNegatives)</td></tr>"))
        for type in e.types { #expect(html.contains("<tr><th scope=\"row\"><span class=\"tag t-\(type)\">\(type)</span></th>")) }
        #expect(!html.contains("<script") && !html.contains("http://") && !html.contains("https://"))
    }

    @Test("no mistakes: says so; no gold canonical names: says so")
    func perfect() {
        let documents = FormatFixtures.documents.map {
            EvaluationDocument(id: $0.id, text: $0.text, entities: $0.entities, origin: $0.origin)
        }
        let html = string(EvaluationHTMLReport.page(EntityScorer().score(gold: documents, predicted: documents)))
        #expect(html.contains("No mistakes"))
        #expect(HTMLMarks.parse(html).filter { $0.classes.contains("mistake") }.isEmpty)
    }

    @Test("the context is split at the [[ ]] whose content has the entity's length, even with [[ in the text")
    func contextSplit() {
        let entity = Entity(start: 3, end: 7, type: "COMPANY", text: "Ford", canonical: "")
        let m = EntityMistake(documentID: "d", entity: entity, context: "[[ [[Ford]] baut [[x]]", note: "missed")
        #expect(EvaluationHTMLReport.splitContext(m) == ("[[ ", "Ford", " baut [[x]]"))
        let noText = EntityMistake(documentID: "d", entity: entity, context: "", note: "missed")
        #expect(EvaluationHTMLReport.splitContext(noText) == ("", "Ford", ""))
    }
}
