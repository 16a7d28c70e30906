// JSONLReader: JSON Lines bytes -> one SourceDocument (or one error) per line,
// in memory and streamed from a file.

import Testing
@testable import Eigenname

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

private func read(_ jsonl: String, path: String = "korpus/nachrichten.jsonl",
                  reader: JSONLReader = JSONLReader()) -> [Result<SourceDocument, EigennameError>] {
    reader.documents(in: Array(jsonl.utf8), path: path)
}

private extension Result where Success == SourceDocument, Failure == EigennameError {
    var document: SourceDocument? { try? get() }
    var failure: EigennameError? {
        if case let .failure(error) = self { return error }
        return nil
    }
}

/// Writes `bytes` to a fresh temporary file and returns its path.
private func temporaryFile(_ bytes: [UInt8]) throws -> String {
    var template = Array("/tmp/eigenname-jsonl-XXXXXX".utf8CString)
    let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    try #require(descriptor >= 0)
    defer { close(descriptor) }
    let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
    try #require(written == bytes.count)
    return String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

@Suite("JSON Lines input")
struct JSONLReaderTests {
    @Test("each line gives a document with its id, text and origin")
    func readsDocuments() throws {
        let results = read("""
            {"id": "a1", "text": "Jim Farley ist CEO von Ford."}
            {"id": "a2", "text": "Xiaomi baut den SU7."}
            """)
        let documents = results.compactMap(\.document)
        #expect(documents.map(\.id) == ["a1", "a2"])
        #expect(documents[1].text == "Xiaomi baut den SU7.")
        #expect(documents[1].origin == DocumentOrigin(path: "korpus/nachrichten.jsonl", line: 2))
    }

    @Test("an integer id becomes its decimal string")
    func integerID() {
        let results = read(#"{"id": 4711, "text": "Kölnisch Wasser"}"#)
        #expect(results.first?.document?.id == "4711")
    }

    @Test("a missing or null id becomes <file stem>-<line>")
    func missingID() {
        let results = read("""
            {"text": "Erster Artikel"}
            {"id": null, "text": "Zweiter Artikel"}
            """)
        #expect(results.compactMap(\.document).map(\.id) == ["nachrichten-1", "nachrichten-2"])
        #expect(read(#"{"text": "Von der Standardeingabe"}"#, path: "-").first?.document?.id == "stdin-1")
    }

    @Test("malformed line reports its column and the other lines still load")
    func malformedLineDoesNotStopTheOthers() {
        let results = read("""
            {"id": "gut-1", "text": "Tesla-Konkurrent BYD"}
            {"id": "kaputt", "text" "Ford"}
            {"id": "gut-2", "text": "Mercedes-Benz"}
            """)
        #expect(results.count == 3)
        #expect(results[0].document?.id == "gut-1")
        #expect(results[1].failure == .malformedJSON(origin: DocumentOrigin(path: "korpus/nachrichten.jsonl", line: 2),
                                                     column: 25, reason: "expected ':' after object key"))
        #expect(results[2].document?.id == "gut-2")
    }

    @Test("a missing text is an error for that line")
    func missingText() {
        let results = read(#"{"id": "ohne-text"}"#)
        #expect(results.first?.failure == .malformedJSON(origin: DocumentOrigin(path: "korpus/nachrichten.jsonl", line: 1),
                                                         column: 1, reason: #"missing "text""#))
    }

    @Test("a text that is not a string is an error for that line")
    func nonStringText() {
        let results = read(#"{"id": "zahl", "text": 42}"#)
        guard case let .malformedJSON(_, _, reason)? = results.first?.failure else {
            Issue.record("expected malformedJSON, got \(results)")
            return
        }
        #expect(reason == #""text" must be a string, found a number"#)
    }

    @Test("an id that is neither a string nor an integer is an error", arguments: [
        #"{"id": 1.5, "text": "x"}"#, #"{"id": true, "text": "x"}"#, #"{"id": ["a"], "text": "x"}"#,
        #"{"id": 1e300, "text": "x"}"#,
    ])
    func invalidID(line: String) {
        guard case let .malformedJSON(_, column, reason)? = read(line).first?.failure else {
            Issue.record("expected malformedJSON")
            return
        }
        #expect(column == 1)
        #expect(reason.hasPrefix(#""id" must be a string or an integer"#))
    }

    @Test("a line with two texts is an error, not a guess")
    func duplicateText() {
        let failure = read(#"{"text": "Ford", "text": "Tesla"}"#).first?.failure
        #expect(failure == .malformedJSON(origin: DocumentOrigin(path: "korpus/nachrichten.jsonl", line: 1), column: 18,
                                          reason: #"duplicate key "text""#))
    }

    @Test("a line that is not an object is an error")
    func nonObjectLine() {
        let failure = read(#"["id", "text"]"#).first?.failure
        #expect(failure == .malformedJSON(origin: DocumentOrigin(path: "korpus/nachrichten.jsonl", line: 1), column: 1,
                                          reason: #"expected an object with "id" and "text", found an array"#))
    }

    @Test("CRLF line endings are tolerated and the CR is not part of the text")
    func crlfLineEndings() {
        let results = read("{\"id\": \"w1\", \"text\": \"Windows\"}\r\n{\"id\": \"w2\", \"text\": \"Zeile\\r\\n\"}\r\n")
        #expect(results.compactMap(\.document).map(\.text) == ["Windows", "Zeile\r\n"])
    }

    @Test("blank lines are skipped but still count for line numbers")
    func blankLines() {
        let results = read("\n{\"text\": \"eins\"}\n   \n\t\r\n{\"text\": \"zwei\"}\n\n")
        #expect(results.count == 2)
        #expect(results.compactMap(\.document?.origin.line) == [2, 5])
    }

    @Test("a byte order mark at the start of the file is skipped")
    func byteOrderMark() {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array(#"{"id": "bom", "text": "Grüße"}"#.utf8)
        let results = JSONLReader().documents(in: bytes, path: "bom.jsonl")
        #expect(results.first?.document?.text == "Grüße")
    }

    @Test("the last line may lack its line feed")
    func lastLineWithoutLineFeed() {
        #expect(read("{\"text\": \"eins\"}\n{\"text\": \"zwei\"}").compactMap(\.document?.text) == ["eins", "zwei"])
    }

    @Test("invalid UTF-8 is reported with its byte offset in the line")
    func invalidUTF8() {
        let bytes = Array("{\"text\": \"ok\"}\n{\"text\": \"Gr".utf8) + [0xC3] + Array("e\"}\n".utf8)
        let results = JSONLReader().documents(in: bytes, path: "kaputt.jsonl")
        #expect(results[0].document?.text == "ok")
        #expect(results[1].failure == .invalidUTF8(origin: DocumentOrigin(path: "kaputt.jsonl", line: 2), byteOffset: 12))
    }

    @Test("invalid UTF-8 reads as U+FFFD when replacement is asked for")
    func invalidUTF8Replaced() {
        let bytes = Array("{\"text\": \"Gr".utf8) + [0xC3] + Array("e\"}".utf8)
        let results = JSONLReader(replacingInvalidUTF8: true).documents(in: bytes, path: "kaputt.jsonl")
        #expect(results.first?.document?.text == "Gr\u{FFFD}e")
    }

    @Test("a lone surrogate escape in the text reads as one U+FFFD")
    func loneSurrogateInText() {
        let results = read(#"{"text": "A\ud800B Ford"}"#)
        #expect(results.first?.document?.text == "A\u{FFFD}B Ford")
    }

    @Test("the file stem drops directories and the extension")
    func fileStem() {
        #expect(JSONLReader.fileStem("korpus/nachrichten.jsonl") == "nachrichten")
        #expect(JSONLReader.fileStem("/daten/heise.de.jsonl") == "heise.de")
        #expect(JSONLReader.fileStem(".versteckt") == ".versteckt")
        #expect(JSONLReader.fileStem("ohne-endung") == "ohne-endung")
        #expect(JSONLReader.fileStem("-") == "stdin")
    }

    @Test("streaming a file gives the same results as reading it whole, across chunk boundaries")
    func streamMatchesInMemory() throws {
        var text = "\u{FEFF}"
        for index in 1...50 {
            text += index % 7 == 0 ? "{kaputt}\r\n" : "{\"id\": \(index), \"text\": \"Dokument Nr. \(index) über Xiaomi\"}\r\n"
            if index % 10 == 0 { text += "\n" }
        }
        text += #"{"text": "ohne Zeilenende"}"#
        let bytes = Array(text.utf8)
        let path = try temporaryFile(bytes)
        defer { unlink(path) }

        let expected = JSONLReader().documents(in: bytes, path: path)
        for chunkSize in [1, 2, 7, 64, 1 << 16] {
            let streamed = Array(try JSONLStream(path: path, chunkSize: chunkSize))
            #expect(streamed.count == expected.count)
            #expect(streamed.map(\.failure) == expected.map(\.failure))
            #expect(streamed.map { $0.document?.id } == expected.map { $0.document?.id })
            #expect(streamed.map { $0.document?.utf8 } == expected.map { $0.document?.utf8 })
            #expect(streamed.map { $0.document?.origin } == expected.map { $0.document?.origin })
        }
    }

    @Test("a streamed line longer than the limit is an error and the next lines still load")
    func overlongLine() throws {
        let long = "{\"text\": \"" + String(repeating: "lang ", count: 100) + "\"}\n"
        let path = try temporaryFile(Array(("{\"text\": \"kurz\"}\n" + long + "{\"text\": \"danach\"}\n").utf8))
        defer { unlink(path) }

        let results = Array(try JSONLStream(path: path, chunkSize: 16, maximumLineLength: 100))
        #expect(results.count == 3)
        #expect(results[0].document?.text == "kurz")
        #expect(results[1].failure == .malformedJSON(origin: DocumentOrigin(path: path, line: 2), column: 101,
                                                     reason: "line longer than 100 bytes"))
        #expect(results[2].document?.text == "danach")
        #expect(results[2].document?.origin.line == 3)
    }

    @Test("a document line of several megabytes streams whole, alone in its file or between others")
    func veryLongLines() throws {
        let text = String(repeating: "Ford baut in Köln. ", count: 120_000)  // about 2.3 MB
        let long = "{\"id\": \"lang\", \"text\": \"" + text + "\"}"
        for (content, expected) in [(long + "\n", ["lang"]), (long, ["lang"]),
                                    ("{\"id\": \"a\", \"text\": \"x\"}\n" + long + "\n{\"id\": \"b\", \"text\": \"y\"}\n", ["a", "lang", "b"])] {
            let path = try temporaryFile(Array(content.utf8))
            defer { unlink(path) }
            let results = Array(try JSONLStream(path: path))
            #expect(results.compactMap { $0.document?.id } == expected)
            #expect(results.first { $0.document?.id == "lang" }?.document?.text == text)
            #expect(results.compactMap { $0.document?.origin.line } == Array(1...expected.count))
        }
    }

    @Test("streaming a file that does not exist throws an I/O error")
    func missingFile() {
        #expect(throws: EigennameError.self) {
            _ = try JSONLReader().stream(path: "/nicht/vorhanden.jsonl")
        }
    }
    /// Lines in many shapes: what the fast path accepts must read exactly as the general parser reads it.
    static let shapes: [String] = [
        #"{"id": "a1", "text": "Jim Farley ist CEO von Ford."}"#,
        #"{"text": "Xiaomis SU7", "id": 7}"#,
        #"{"id": null, "text": ""}"#,
        #"{"id": 4711.0, "text": "Kölnisch Wasser"}"#,
        #"{"id": "z", "quelle": "dpa", "seite": 3, "neu": true, "alt": false, "leer": null, "text": "Ford-Chef"}"#,
        #"{"id": "e", "text": "Er sagte: \"Ford\" \\ \/ \b\f\n\r\t \u00e4\u00DF \ud83d\ude97 \ud800 Ende"}"#,
        #"{"id": "verschachtelt", "meta": {"a": [1, 2]}, "text": "BMW"}"#,
        #"{"id": "esc\u0041", "text": "Audi"}"#,
        #"{"t\u0065xt": "Opel", "id": "k"}"#,
        #"{"id": 1e3, "text": "Zahl"}"#,
        #"  {"id" : "leer" , "text" : "Mercedes-Benz AG"}  "#,
        #"{"id": "ü", "text": "Grüße aus Köln – „Zitat“ 🚗"}"#,
        #"{"text": "a", "text": "b"}"#,
        #"{"id": "x", "id": "y", "text": "b"}"#,
        #"{"a": 1, "a": 2, "text": "b"}"#,
        #"{"id": "x", "text": 5}"#,
        #"{"id": true, "text": "x"}"#,
        #"{"id": "x"}"#,
        #"{"id": "x", "text": "offen"#,
        #"{"id": "x", "text": "a"} nachgestellt"#,
        #"{"id": "x", "text": "a",}"#,
        #"["text"]"#,
        "{\"text\": \"Tab\tim Text\"}",
    ]

    @Test("the fast path for flat document lines reads every line exactly as the general parser does",
          arguments: shapes)
    func flatDocumentsAgreeWithGeneralParser(line: String) {
        let bytes = Array(line.utf8)
        bytes.withUnsafeBufferPointer { buffer in
            var parser = JSONParser(bytes: buffer, replacingInvalidUTF8: false)
            let general = try? JSONValue.parse(buffer)
            // Declined lines go to the general parser, which then decides alone.
            guard let flat = parser.parseFlatDocument() else { return }
            guard let general, case let .string(text)? = general["text"] else {
                Issue.record("the fast path accepted a line the general parser rejects: \(line)")
                return
            }
            #expect(flat.text == Array(text.utf8))
            switch (flat.id, general["id"]) {
            case (.absent, nil), (.null, .null?): break
            case let (.string(a), .string(b)?): #expect(a == b)
            case let (.integer(a), .number(b)?): #expect(Double(a) == b)
            default: Issue.record("ids differ for \(line)")
            }
        }
    }

    @Test("the fast path reads flat lines and leaves nested members and duplicate keys to the general parser")
    func flatDocumentCoverage() {
        func accepts(_ line: String) -> Bool {
            let bytes = Array(line.utf8)
            return bytes.withUnsafeBufferPointer { buffer in
                var parser = JSONParser(bytes: buffer, replacingInvalidUTF8: false)
                return parser.parseFlatDocument() != nil
            }
        }
        #expect(accepts(Self.shapes[0]) && accepts(Self.shapes[4]) && accepts(Self.shapes[5]) && accepts(Self.shapes[11]))
        #expect(!accepts(Self.shapes[6]))
        #expect(!accepts(Self.shapes[12]) && !accepts(Self.shapes[13]) && !accepts(Self.shapes[14]))
    }

    @Test("quotes, backslashes, raw control characters and umlauts are found at every position of a string")
    func stringScanFindsSpecialBytesAnywhere() {
        let cases: [(written: String, read: String?)] = [(#"\""#, "\""), (#"\\"#, "\\"), (#"\n"#, "\n"), ("\u{01}", nil), ("ä", "ä")]
        for (written, expected) in cases {
            for position in 0..<20 {
                let before = String(repeating: "x", count: position), after = String(repeating: "y", count: 19 - position)
                let results = read("{\"text\": \"" + before + written + after + "\"}")
                if let expected {
                    #expect(results.first?.document?.text == before + expected + after, "\(written) at \(position)")
                } else {
                    #expect(results.first?.failure != nil, "raw control character at \(position)")
                }
            }
        }
    }
}
