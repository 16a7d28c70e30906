// JSONOutput: AnnotatedDocument -> JSON bytes (interchange format, JSONL or pretty).
// Also holds OutputFixture, the hand-built documents the output tests share.

import Foundation
import Testing
@testable import Eigenname

/// Builds AnnotatedDocuments by hand, without the pipeline: tokens are runs of
/// letters or digits and single other characters, one sentence spans the text,
/// entities sit at the first occurrence of their surface form.
enum OutputFixture {
    static func document(
        id: String = "doc-1", _ text: String,
        entities: [(surface: String, type: String, canonical: String)] = []
    ) -> AnnotatedDocument {
        let scalars = Array(text.unicodeScalars)
        var tokens: [Token] = []
        var utf8Offsets: [Int] = [0]  // utf8Offsets[i] = byte offset of scalar i
        for scalar in scalars { utf8Offsets.append(utf8Offsets.last! + UTF8.width(scalar)) }

        func kind(_ scalar: Unicode.Scalar) -> TokenKind {
            if scalar.properties.isAlphabetic { return .word }
            if scalar.properties.numericType != nil { return .number }
            switch scalar.properties.generalCategory {
            case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
                 .initialPunctuation, .finalPunctuation, .otherPunctuation:
                return .punctuation
            default:
                return .symbol
            }
        }
        var i = 0
        var spaceBefore = false
        while i < scalars.count {
            let scalar = scalars[i]
            if scalar.properties.isWhitespace || scalar.value < 0x20 {
                spaceBefore = true
                i += 1
                continue
            }
            let tokenKind = kind(scalar)
            var end = i + 1
            if tokenKind == .word || tokenKind == .number {
                while end < scalars.count, kind(scalars[end]) == tokenKind, !scalars[end].properties.isWhitespace,
                      scalars[end].value >= 0x20 { end += 1 }
            }
            tokens.append(Token(start: Int32(i), end: Int32(end),
                                utf8Start: Int32(utf8Offsets[i]), utf8End: Int32(utf8Offsets[end]),
                                normalizedStart: Int32(utf8Offsets[i]), normalizedEnd: Int32(utf8Offsets[end]),
                                kind: tokenKind, spaceBefore: spaceBefore))
            spaceBefore = false
            i = end
        }

        let annotated = entities.map { entity -> Entity in
            let needle = Array(entity.surface.unicodeScalars)
            let start = (0...max(0, scalars.count - needle.count)).first { Array(scalars[$0..<$0 + needle.count]) == needle }!
            return Entity(start: start, end: start + needle.count, type: entity.type,
                          text: entity.surface, canonical: entity.canonical)
        }
        return AnnotatedDocument(
            id: id, utf8: Array(text.utf8), origin: DocumentOrigin(path: "test.jsonl", line: 1),
            tokens: tokens, sentences: [Sentence(span: TextSpan(start: 0, end: scalars.count), tokens: 0..<tokens.count)],
            entities: annotated)
    }

    /// The worked example of ANNOTATION.md.
    static let farley = document(
        "Jim Farley, CEO von Ford, ist Xiaomis SU7-Modell gefahren.",
        entities: [("Jim Farley", "PERSON", "Jim Farley"), ("Ford", "COMPANY", "Ford Motor Company"),
                   ("Xiaomis", "COMPANY", "Xiaomi"), ("SU7", "MODEL", "Xiaomi SU7")])
}

extension OutputFixture {
    /// A seeded generator (SplitMix64), so randomized tests fail the same way twice.
    struct Generator: RandomNumberGenerator {
        var state: UInt64

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Random text biased towards the characters that need care in JSON and XML.
    static func randomText(using generator: inout Generator) -> String {
        let tricky: [Unicode.Scalar] = ["\"", "\\", "<", ">", "&", "]", "'", "\r", "\n", "\t", "\u{0}", "\u{1F}",
                                        "\u{7F}", "\u{85}", "\u{2028}", "\u{2029}", "\u{FEFF}", "\u{FFFD}",
                                        "\u{FFFE}", "\u{FFFF}", "ß", "ü", "€", "🚗", "\u{10FFFF}"]
        var scalars = String.UnicodeScalarView()
        for _ in 0..<Int.random(in: 0...40, using: &generator) {
            switch Int.random(in: 0..<4, using: &generator) {
            case 0: scalars.append(tricky.randomElement(using: &generator)!)
            case 1: scalars.append(Unicode.Scalar(UInt8.random(in: 0...0x7F, using: &generator)))
            default:
                // Any scalar: skip the surrogate range, which no Swift String can hold.
                var value = UInt32.random(in: 0...0x10FFFF, using: &generator)
                if (0xD800...0xDFFF).contains(value) { value -= 0x800 }
                scalars.append(Unicode.Scalar(value)!)
            }
        }
        return String(scalars)
    }
}

private func json(_ doc: AnnotatedDocument, tokens: Bool = false, pretty: Bool = false) -> String {
    String(decoding: JSONOutput.encode(doc, options: JSONOutputOptions(includeTokens: tokens, pretty: pretty)),
           as: UTF8.self)
}

private func parsed(_ doc: AnnotatedDocument, tokens: Bool = false, pretty: Bool = false) throws -> JSONValue {
    try JSONValue.parse(JSONOutput.encode(doc, options: JSONOutputOptions(includeTokens: tokens, pretty: pretty)))
}

@Suite("JSON output")
struct JSONOutputTests {
    @Test("compact output is exactly the interchange format on one line")
    func compactOutputIsTheInterchangeFormat() {
        let doc = OutputFixture.document("Ford baut.", entities: [("Ford", "COMPANY", "Ford Motor Company")])
        #expect(json(doc) == #"{"id":"doc-1","text":"Ford baut.","entities":[{"start":0,"end":4,"type":"COMPANY","text":"Ford","canonical":"Ford Motor Company","source":"lexicon"}]}"#)
    }

    @Test("fields come in the order id, text, entities, tokens, sentences")
    func fieldOrder() throws {
        let value = try parsed(OutputFixture.farley, tokens: true)
        #expect(value.objectValue?.map(\.key) == ["id", "text", "entities", "tokens", "sentences"])
        let entityKeys = value["entities"]?[0]?.objectValue?.map(\.key)
        #expect(entityKeys == ["start", "end", "type", "text", "canonical", "source"])
    }

    @Test("output parses back to the document's values")
    func roundTrip() throws {
        let doc = OutputFixture.farley
        let value = try parsed(doc)
        #expect(value["id"]?.stringValue == doc.id)
        #expect(value["text"]?.stringValue == doc.text)
        let entities = try #require(value["entities"]?.arrayValue)
        #expect(entities.count == doc.entities.count)
        for (json, entity) in zip(entities, doc.entities) {
            #expect(json["start"]?.intValue == entity.start)
            #expect(json["end"]?.intValue == entity.end)
            #expect(json["type"]?.stringValue == entity.type)
            #expect(json["text"]?.stringValue == entity.text)
            #expect(json["canonical"]?.stringValue == entity.canonical)
            #expect(json["source"]?.stringValue == entity.source.rawValue)
        }
    }

    @Test("every entity says where it comes from, right after canonical: lexicon or discovered")
    func sourceFollowsCanonical() {
        let line = json(FormatFixtures.discovered)
        #expect(line.contains(#""text":"Hansen Fahrzeugtechnik GmbH","canonical":"Hansen Fahrzeugtechnik GmbH","source":"discovered"}"#))
        #expect(line.contains(#""text":"Ford","canonical":"Ford Motor Company","source":"lexicon"}"#))
        #expect(line.contains(#""text":"Petra Lorenz","canonical":"Petra Lorenz","source":"discovered"}"#))
    }

    @Test("a lexicon row's QID is the entity's id, after source; a row without one and a discovered name have none")
    func rowIdentifierFollowsSource() throws {
        let tsv = "surface\ttype\tcanonical\tid\tmaker\tflags\nVolkswagen\tCOMPANY\tVolkswagen\tQ156578\t\t\nBYD\tCOMPANY\tBYD\t\t\t\n"
        let lexicon = try LexiconCompiler().compile(LexiconFile.parse(Array(tsv.utf8), path: "ids.tsv"))
        let doc = try Annotator(lexicon: lexicon).annotate(text: "Volkswagen und BYD verhandeln mit der Nordwind Logistik AG.")
        #expect(doc.entities.map(\.id) == ["Q156578", nil, nil])
        let line = String(decoding: JSONOutput.encode(doc), as: UTF8.self)
        #expect(line.contains(#""canonical":"Volkswagen","source":"lexicon","id":"Q156578"}"#))
        #expect(line.contains(#""canonical":"BYD","source":"lexicon"}"#))
        struct Document: Decodable { var entities: [Entity] }
        #expect(try JSONDecoder().decode(Document.self, from: Data(line.utf8)).entities == doc.entities)
    }

    @Test("Entity's Codable reads the written entities back, source included")
    func codableReadsTheOutputBack() throws {
        struct Document: Decodable { var entities: [Entity] }
        let doc = FormatFixtures.discovered
        let decoded = try JSONDecoder().decode(Document.self, from: Data(JSONOutput.encode(doc)))
        #expect(decoded.entities == doc.entities)
        #expect(decoded.entities.map(\.source) == [.discovered, .lexicon, .discovered])
    }

    @Test("Entity's Codable takes an entity without source as one from a lexicon")
    func codableMissingSourceIsLexicon() throws {
        let json = #"{"start": 0, "end": 4, "type": "COMPANY", "text": "Ford", "canonical": "Ford Motor Company"}"#
        let entity = try JSONDecoder().decode(Entity.self, from: Data(json.utf8))
        #expect(entity == Entity(start: 0, end: 4, type: "COMPANY", text: "Ford", canonical: "Ford Motor Company"))
        #expect(entity.source == .lexicon)
        let encoded = try JSONSerialization.jsonObject(with: JSONEncoder().encode(entity)) as? [String: Any]
        #expect(encoded?["source"] as? String == "lexicon")
    }

    @Test("Entity's Codable refuses an unknown source")
    func codableUnknownSource() {
        let json = #"{"start": 0, "end": 4, "type": "COMPANY", "text": "Ford", "canonical": "Ford", "source": "geraten"}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Entity.self, from: Data(json.utf8)) }
    }

    @Test("pretty JSON carries the source too, on its own line after canonical")
    func prettySource() {
        let output = json(FormatFixtures.discovered, pretty: true)
        #expect(output.contains("\"canonical\": \"Hansen Fahrzeugtechnik GmbH\",\n      \"source\": \"discovered\"\n"))
        #expect(output.contains("\"canonical\": \"Ford Motor Company\",\n      \"source\": \"lexicon\"\n"))
    }

    @Test("without includeTokens there are no tokens and no sentences")
    func tokensAreOptional() throws {
        let value = try parsed(OutputFixture.farley)
        #expect(value["tokens"] == nil)
        #expect(value["sentences"] == nil)
    }

    @Test("tokens and sentences are [start, end] code point pairs")
    func tokensAsPairs() throws {
        let doc = OutputFixture.document("Größe: 3 m²")
        let value = try parsed(doc, tokens: true)
        let tokens = try #require(value["tokens"]?.arrayValue)
        #expect(tokens == doc.tokens.map { .array([.number(Double($0.start)), .number(Double($0.end))]) })
        #expect(tokens.first == .array([.number(0), .number(5)]))  // "Größe": 5 code points, 7 bytes
        #expect(value["sentences"] == .array([.array([.number(0), .number(11)])]))
    }

    @Test("JSON output escapes control characters and parses back")
    func controlCharactersAreEscaped() throws {
        let controls = String(String.UnicodeScalarView((0..<0x20).map { Unicode.Scalar(UInt8($0)) }))
        let text = "Zeile 1\(controls)Ende"
        let output = json(OutputFixture.document(text))
        #expect(output.unicodeScalars.allSatisfy { $0.value >= 0x20 })
        #expect(output.contains(#"\u0000\u0001"#))
        #expect(output.contains(#"\b\t\n\u000b\f\r"#))
        #expect(output.contains(#"\u001f"#))
        #expect(try JSONValue.parse(output)["text"]?.stringValue == text)
    }

    @Test("quotes and backslashes are escaped")
    func quotesAndBackslashes() throws {
        let text = #"Er sagte "C:\Pfad" und ging."#
        let output = json(OutputFixture.document(text))
        #expect(output.contains(#""text":"Er sagte \"C:\\Pfad\" und ging.""#))
        #expect(try JSONValue.parse(output)["text"]?.stringValue == text)
    }

    @Test("U+2028 and U+2029 are escaped for JavaScript consumers")
    func lineAndParagraphSeparators() throws {
        let text = "Absatz\u{2028}Zeile\u{2029}Ende"
        let output = json(OutputFixture.document(text))
        #expect(output.contains(#"Absatz\u2028Zeile\u2029Ende"#))
        #expect(try JSONValue.parse(output)["text"]?.stringValue == text)
    }

    @Test("other non-ASCII characters are written as raw UTF-8")
    func nonASCIIIsRaw() {
        let text = "Müller fährt „Tesla“ 🚗 – ½ ß"
        #expect(json(OutputFixture.document(text)).contains(#""text":"\#(text)""#))
    }

    @Test("entity and id strings are escaped like the text")
    func entityStringsAreEscaped() throws {
        var doc = OutputFixture.document(id: "a\"b\\c\n", "Ford")
        doc.entities = [Entity(start: 0, end: 4, type: "COMP\tANY", text: "Ford", canonical: "\u{2028}\"Ford\"")]
        let value = try parsed(doc)
        #expect(value["id"]?.stringValue == "a\"b\\c\n")
        #expect(value["entities"]?[0]?["type"]?.stringValue == "COMP\tANY")
        #expect(value["entities"]?[0]?["canonical"]?.stringValue == "\u{2028}\"Ford\"")
    }

    @Test("bytes that are not UTF-8 still give valid JSON, as U+FFFD")
    func invalidUTF8InTheTextStillGivesValidJSON() throws {
        var doc = OutputFixture.document("")
        doc.utf8 = Array("Gr".utf8) + [0xC3] + Array("e ".utf8) + [0xED, 0xA0, 0x80] + [0xFF]
        let value = try parsed(doc)
        #expect(value["text"]?.stringValue == "Gr\u{FFFD}e \u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}")
    }

    @Test("stream --compact's answer: the id and the entities as arrays, no text; a QID last, only when there is one")
    func compactAnswer() throws {
        var doc = OutputFixture.document(id: "a\"1", "Ford und die Nordwind GmbH, 🚗 BYD")
        doc.entities = [Entity(start: 0, end: 4, type: "COMPANY", text: "Ford", canonical: "Ford Motor Company",
                               id: "Q44294"),
                        Entity(start: 13, end: 26, type: "COMPANY", text: "Nordwind GmbH", canonical: "Nordwind \u{2028}GmbH",
                               source: .discovered),
                        Entity(start: 30, end: 33, type: "COMPANY", text: "BYD", canonical: "BYD")]
        var bytes: [UInt8] = Array("x".utf8)  // appended to what is there
        JSONOutput.appendCompact(doc, to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == "x" + #"["a\"1",[[0,4,"COMPANY","Ford","Ford Motor Company","lexicon","Q44294"],"#
                + #"[13,26,"COMPANY","Nordwind GmbH","Nordwind \u2028GmbH","discovered"],[30,33,"COMPANY","BYD","BYD","lexicon"]]]"#)
        let value = try JSONValue.parse(Array(bytes.dropFirst()))
        #expect(value[0]?.stringValue == "a\"1")
        #expect(value[1]?[1]?[4]?.stringValue == "Nordwind \u{2028}GmbH")
        var empty: [UInt8] = []
        JSONOutput.appendCompact(OutputFixture.document(id: "leer", ""), to: &empty)
        #expect(String(decoding: empty, as: UTF8.self) == #"["leer",[]]"#)
        let line = CompactAnswerSerializer().serialize(OutputFixture.farley, at: DocumentPlace(directory: "", fileStem: "x")).bytes
        #expect(line.last == 0x0A && line.filter { $0 == 0x0A }.count == 1)
    }

    @Test("an empty entity list is written as []")
    func emptyEntities() {
        #expect(json(OutputFixture.document("Kein Name hier.")).hasSuffix(#""entities":[]}"#))
        #expect(json(OutputFixture.document("Kein Name hier."), pretty: true).contains(#""entities": []"#))
    }

    @Test("pretty output uses two-space indentation")
    func prettyOutput() {
        let doc = OutputFixture.document("VW ID.3", entities: [("VW ID.3", "MODEL", "VW ID.3")])
        let expected = """
            {
              "id": "doc-1",
              "text": "VW ID.3",
              "entities": [
                {
                  "start": 0,
                  "end": 7,
                  "type": "MODEL",
                  "text": "VW ID.3",
                  "canonical": "VW ID.3",
                  "source": "lexicon"
                }
              ],
              "tokens": [
                [0, 2],
                [3, 5],
                [5, 6],
                [6, 7]
              ],
              "sentences": [
                [0, 7]
              ]
            }
            """
        #expect(json(doc, tokens: true, pretty: true) == expected)
    }

    @Test("append adds to the buffer, so documents and newlines make JSON Lines")
    func appendBuildsJSONLines() throws {
        var buffer: [UInt8] = []
        for text in ["Erster Text.", "Zweiter Text."] {
            JSONOutput.append(OutputFixture.document(text), to: &buffer)
            buffer.append(0x0A)
        }
        let lines = buffer.split(separator: 0x0A)
        #expect(lines.count == 2)
        #expect(try JSONValue.parse(Array(lines[1]))["text"]?.stringValue == "Zweiter Text.")
    }

    @Test("any text survives a JSON round trip")
    func randomTextRoundTrip() throws {
        var generator = OutputFixture.Generator(state: 2024)
        for _ in 0..<500 {
            let text = OutputFixture.randomText(using: &generator)
            var doc = OutputFixture.document("")
            doc.utf8 = Array(text.utf8)
            doc.entities = [Entity(start: 0, end: 0, type: text, text: "", canonical: text)]
            let value = try parsed(doc, pretty: Bool.random(using: &generator))
            #expect(value["text"]?.stringValue == text)
            #expect(value["entities"]?[0]?["canonical"]?.stringValue == text)
        }
    }

    @Test("the plain-byte scan stops exactly at the first byte a string must look at, at any offset of eight")
    func plainScanStopsAtTheFirstSpecialByte() {
        var generator = OutputFixture.Generator(state: 17)
        // Plain bytes, and each kind that stops the scan: quote, backslash, control, UTF-8 and invalid bytes.
        let plain = Array("aZ09 .-~!/".utf8), special: [UInt8] = [0x22, 0x5C, 0x00, 0x0A, 0x1F, 0x7F, 0xC3, 0xA4, 0xE2, 0xFF]
        for round in 0..<20_000 {
            let count = 1 + Int(generator.next() % 30)
            let bytes: [UInt8] = (0..<count).map { _ in
                generator.next() % UInt64(3 + round % 9) == 0 ? special[Int(generator.next() % UInt64(special.count))]
                    : plain[Int(generator.next() % UInt64(plain.count))] }
            let start = Int(generator.next() % UInt64(count))
            // Reference: eight bytes at a time; in a block with a special byte, that byte.
            func isSpecial(_ b: UInt8) -> Bool { b >= 0x80 || b < 0x20 || b == 0x22 || b == 0x5C }
            var expected = start
            while expected + 8 <= count {
                if let k = (expected..<expected + 8).first(where: { isSpecial(bytes[$0]) }) {
                    expected = k
                    break
                }
                expected += 8
            }
            let end = bytes.withUnsafeBufferPointer { JSONStringScan.plainASCIIEnd($0.baseAddress!, from: start, count: count) }
            #expect(end == expected, "\(bytes) from \(start)")
        }
    }

    @Test("escapes and UTF-8 right after one to eight plain bytes are written exactly")
    func escapesAtEveryOffset() throws {
        for k in 1...9 {
            let plain = String(repeating: "x", count: k)
            for (special, written) in [("\"", #"\""#), ("\\", #"\\"#), ("\n", #"\n"#), ("\u{2028}", #"\u2028"#), ("ä", "ä"), ("현", "현")] {
                let text = plain + special + plain + special
                let output = json(OutputFixture.document(text))
                #expect(output.contains(#""text":""# + plain + written + plain + written + "\""), "\(text.debugDescription)")
                #expect(try JSONValue.parse(output)["text"]?.stringValue == text)
            }
        }
    }

    @Test("integers are written in decimal, including zero and negatives")
    func integers() {
        for value in [0, 7, 10, 1234567890, -42, Int.max, Int.min] {
            var buffer: [UInt8] = []
            JSONOutput.appendInteger(value, to: &buffer)
            #expect(String(decoding: buffer, as: UTF8.self) == String(value))
        }
    }

    // JSONL in, JSON out: a text read from a JSON string escaped as this writer escapes is
    // copied back, not escaped again (TextAsJSON). The bytes must be the escaping writer's.

    /// The document of one JSONL line, as the batch reader reads it.
    private static func read(_ line: String) throws -> SourceDocument {
        let bytes = Array(line.utf8)
        let result = try #require(bytes.withUnsafeBufferPointer { JSONLReader().document(line: $0, path: "k.jsonl", lineNumber: 1) })
        return try result.get()
    }

    /// JSON output of `source` (no entities): as read, and as the escaping writer writes the same text.
    private static func outputs(_ source: SourceDocument) -> (asRead: String, escaped: String) {
        let doc = AnnotatedDocument(id: source.id, utf8: source.utf8, origin: source.origin, tokens: [], sentences: [],
                                    entities: [], textAsJSON: source.textAsJSON)
        var plain = doc
        plain.utf8 = doc.utf8  // (any assignment forgets how the text was read)
        return (json(doc), json(plain))
    }

    @Test("a JSONL text with only the writer's own escapes is written back as it was read, byte for byte")
    func canonicalTextIsCopied() throws {
        let texts = [#"Ford meldet einen Gewinn."#, #"Er sagte: \"Wir bauen.\" Pfad C:\\temp"#,
                     #"Tab\tZeile\nWagen\r\b\f \u0001 \u001f Trenner \u2028 \u2029 Ende"#, "Łódź „Zitat“ – 现代 Газпром"]
        for text in texts {
            let source = try Self.read(#"{"id":"a","text":""# + text + #""}"#)
            switch source.textAsJSON {
            case .unknown: Issue.record("not recognized: \(text)")
            case .sameAsText, .escaped: break
            }
            let (asRead, escaped) = Self.outputs(source)
            #expect(asRead == escaped)
            #expect(asRead.contains(#""text":""# + text + #"""#))
        }
    }

    @Test("any other escape, or U+2028 written raw, leaves the text to the escaping writer")
    func otherEscapesAreEscapedAgain() throws {
        let texts = [#"Schräg\/strich"#, #"\u00e4 als Escape"#, #"\u0008 statt \b"#, #"gro\u001F\u001f"#,
                     #"Emoji \ud83d\ude00"#, #"DEL \u007f"#, "roh \u{2028} und \\\"", "roh \u{2029}"]
        for text in texts {
            let source = try Self.read(#"{"id":"a","text":""# + text + #""}"#)
            guard case .unknown = source.textAsJSON else {
                Issue.record("taken as the writer's own: \(text.debugDescription)")
                continue
            }
            let (asRead, escaped) = Self.outputs(source)
            #expect(asRead == escaped)
        }
    }

    @Test("whatever this writer writes, the reader takes as its own and it comes back byte for byte")
    func writtenTextsAreCopiedBack() throws {
        var generator = OutputFixture.Generator(state: 2026)
        for _ in 0..<500 {
            var escaped: [UInt8] = []
            Array(OutputFixture.randomText(using: &generator).utf8).withUnsafeBufferPointer { JSONOutput.appendString($0, to: &escaped) }
            // (A flat line, as corpora have them: one with an array or object in it goes to the general parser.)
            let line = #"{"id":"x","text":"# + String(decoding: escaped, as: UTF8.self) + "}"
            let source = try Self.read(line)
            if case .unknown = source.textAsJSON { Issue.record("not recognized: \(line)") }
            #expect(Self.outputs(source).asRead == #"{"id":"x","text":"# + String(decoding: escaped, as: UTF8.self) + #","entities":[]}"#)
        }
    }

    @Test("a text longer than TextAsJSON.largestCopy with escapes is escaped again, not held twice")
    func longEscapedTextIsNotCopied() throws {
        let text = String(repeating: #"Er sagte: \"Ja.\" "#, count: TextAsJSON.largestCopy / 15 + 1)
        let source = try Self.read(#"{"id":"a","text":""# + text + #""}"#)
        guard case .unknown = source.textAsJSON else { Issue.record("held a copy"); return }
        let (asRead, escaped) = Self.outputs(source)
        #expect(asRead == escaped)
    }

    @Test("changing a document's text forgets how it was read")
    func changedTextIsEscaped() throws {
        var source = try Self.read(#"{"id":"a","text":"Er sagte: \"Ja.\""}"#)
        guard case .escaped = source.textAsJSON else { Issue.record("not recognized"); return }
        source.utf8 = Array("neu \"".utf8)
        guard case .unknown = source.textAsJSON else { Issue.record("still taken as read"); return }
        #expect(Self.outputs(source).asRead.contains(#""text":"neu \"""#))
    }
}
