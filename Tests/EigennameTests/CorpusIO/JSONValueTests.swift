// JSONValue: strict RFC 8259 parsing of UTF-8 bytes, and where it reports errors.

import Testing
@testable import Eigenname

private func parseError(_ text: String) -> JSONParseError? {
    parseError(Array(text.utf8))
}

private func parseError(_ bytes: [UInt8]) -> JSONParseError? {
    do {
        _ = try JSONValue.parse(bytes)
        return nil
    } catch {
        return error
    }
}

@Suite("JSON parsing")
struct JSONValueTests {
    @Test("an object keeps its members in input order")
    func objectKeepsMemberOrder() throws {
        let value = try JSONValue.parse(#"{"text": "Xiaomi baut Autos.", "id": "doc-1", "lang": "de"}"#)
        #expect(value.objectValue?.map(\.key) == ["text", "id", "lang"])
        #expect(value["text"]?.stringValue == "Xiaomi baut Autos.")
        #expect(value["fehlt"] == nil)
    }

    @Test("all value kinds parse, with whitespace around them")
    func allValueKinds() throws {
        let value = try JSONValue.parse(" \t\r\n[null, true, false, 0, \"Köln\", [], {}] \n")
        #expect(value == .array([.null, .bool(true), .bool(false), .number(0), .string("Köln"), .array([]), .object([])]))
    }

    @Test("a scalar is a complete document")
    func scalarDocument() throws {
        #expect(try JSONValue.parse("42") == .number(42))
        #expect(try JSONValue.parse(#""Ä""#) == .string("Ä"))
    }

    @Test("numbers follow the RFC grammar", arguments: [
        ("0", 0.0), ("-0", -0.0), ("17", 17), ("-17", -17), ("3.25", 3.25), ("1e3", 1000), ("1E+3", 1000),
        ("2.5e-3", 0.0025), ("123456789012345678901234567890", 123456789012345678901234567890.0),
        ("9007199254740993", 9007199254740992),
    ])
    func numbers(text: String, expected: Double) throws {
        #expect(try JSONValue.parse(text) == .number(expected))
    }

    @Test("simple escapes decode")
    func simpleEscapes() throws {
        let value = try JSONValue.parse(#""\"\\\/\b\f\n\r\t\u00fc\u00DF""#)
        #expect(value == .string("\"\\/\u{8}\u{C}\n\r\tüß"))
    }

    @Test("a surrogate pair escape decodes to its one character")
    func surrogatePair() throws {
        #expect(try JSONValue.parse(#""Auto \ud83d\ude97!""#) == .string("Auto 🚗!"))
    }

    @Test("lone surrogate escape becomes U+FFFD", arguments: [
        (#""\uD800""#, "\u{FFFD}"),
        (#""a\uDBFFb""#, "a\u{FFFD}b"),
        (#""\uDC00x""#, "\u{FFFD}x"),
        (#""\uD800\u0041""#, "\u{FFFD}A"),        // high surrogate followed by a non-surrogate escape
        (#""\uD800\uD800\uDC00""#, "\u{FFFD}𐀀"),  // the second high surrogate pairs
        (#""\uDE00\uD83D""#, "\u{FFFD}\u{FFFD}"),  // reversed pair
    ])
    func loneSurrogate(json: String, expected: String) throws {
        let value = try JSONValue.parse(json)
        #expect(value == .string(expected))
        // One code point per lone surrogate, so offsets after it stay where they were.
        #expect(value.stringValue?.unicodeScalars.count == expected.unicodeScalars.count)
    }

    @Test("invalid UTF-8 in a string is rejected at its byte offset")
    func invalidUTF8IsRejected() throws {
        //                 {   "   t   "   :   "   G   r   <C3>  "  }
        let bytes: [UInt8] = [0x7B, 0x22, 0x74, 0x22, 0x3A, 0x22, 0x47, 0x72, 0xC3, 0x22, 0x7D]
        let error = try #require(parseError(bytes))
        #expect(error.kind == .invalidUTF8)
        #expect(error.column == 9)
        #expect(error.byteOffset == 8)
    }

    @Test("overlong forms, encoded surrogates and code points beyond U+10FFFF are not UTF-8", arguments: [
        [0xC0, 0x80], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xFF], [0x80],
    ] as [[UInt8]])
    func strictUTF8(sequence: [UInt8]) throws {
        let error = try #require(parseError([0x22] + sequence + [0x22]))
        #expect(error.kind == .invalidUTF8)
        #expect(error.column == 2)
    }

    @Test("invalid UTF-8 becomes U+FFFD when replacement is asked for")
    func invalidUTF8IsReplacedOnRequest() throws {
        let bytes: [UInt8] = [0x22, 0x47, 0x72, 0xC3, 0x65, 0x5C, 0x6E, 0x22]  // "Gr<C3>e\n"
        #expect(try JSONValue.parse(bytes, replacingInvalidUTF8: true) == .string("Gr\u{FFFD}e\n"))
    }

    @Test("malformed JSON reports the column and reason", arguments: [
        (#"{"id" "a"}"#, 7, "expected ':' after object key"),
        (#"{"text": "Ford"#, 10, "unterminated string"),
        (#""Ford \x""#, 7, #"invalid escape \x"#),
        (#""\u12G4""#, 2, #"invalid escape \u: expected four hex digits"#),
        (#"{"a": 1} x"#, 10, "trailing characters after value"),
        ("[1, 2,]", 7, "trailing comma in array"),
        (#"{"a": 1,}"#, 9, "trailing comma in object"),
        ("[1 2]", 4, "expected ',' or ']' after array element, found '2'"),
        (#"{"a": 1 "b": 2}"#, 9, "expected ',' or '}' after object member, found '\"'"),
        ("{1: 2}", 2, "expected '\"' to start an object key, found '1'"),
        ("0123", 2, "leading zeros are not allowed"),
        ("-x", 2, "expected a digit after '-'"),
        ("1.", 3, "expected a digit after '.'"),
        ("1e+", 4, "expected a digit in the exponent"),
        ("1e400", 1, "number out of range"),
        ("tru", 1, "invalid literal (expected 'true')"),
        ("NaN", 1, "expected a value, found 'N'"),
        ("", 1, "unexpected end of input"),
        ("[", 2, "unexpected end of input"),
        ("\"Zeile\nZeile\"", 7, "unescaped control character U+000A in string"),
        (#"{"id": 1, "id": 2}"#, 11, #"duplicate key "id""#),
    ])
    func malformed(json: String, column: Int, reason: String) throws {
        let error = try #require(parseError(json))
        #expect(error.column == column)
        #expect(error.reason == reason)
        #expect(error.kind == .syntax)
    }

    @Test("duplicate keys are found in large objects too")
    func duplicateKeyInLargeObject() throws {
        let members = (0..<40).map { "\"k\($0)\": \($0)" } + ["\"k7\": 0"]
        let error = try #require(parseError("{" + members.joined(separator: ", ") + "}"))
        #expect(error.reason == #"duplicate key "k7""#)
    }

    @Test("nesting up to 512 levels parses; one more is an error")
    func nestingLimit() throws {
        let deepest = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        #expect(throws: Never.self) { try JSONValue.parse(deepest) }

        let tooDeep = String(repeating: "[", count: 513) + String(repeating: "]", count: 513)
        let error = try #require(parseError(tooDeep))
        #expect(error.kind == .tooDeep)
        #expect(error.column == 513)
    }

    @Test("very deep input fails cleanly instead of exhausting the stack")
    func veryDeepInput() throws {
        let error = try #require(parseError(String(repeating: #"{"a":"#, count: 100_000)))
        #expect(error.kind == .tooDeep)
    }

    @Test("intValue is only given for integers a Double holds exactly")
    func intValue() {
        #expect(JSONValue.number(42).intValue == 42)
        #expect(JSONValue.number(-7).intValue == -7)
        #expect(JSONValue.number(9_007_199_254_740_992).intValue == 9_007_199_254_740_992)
        #expect(JSONValue.number(9_007_199_254_740_994).intValue == nil)
        #expect(JSONValue.number(1.5).intValue == nil)
        #expect(JSONValue.string("42").intValue == nil)
    }

    @Test("accessors return nil for other kinds")
    func accessorsOnOtherKinds() throws {
        let value = try JSONValue.parse(#"[{"a": "b"}, 1]"#)
        #expect(value[0]?["a"]?.stringValue == "b")
        #expect(value[1]?.stringValue == nil)
        #expect(value[2] == nil)
        #expect(value["a"] == nil)
        #expect(value.arrayValue?.count == 2)
        #expect(JSONValue.null.isNull)
    }

    @Test("object equality compares members in order")
    func objectEquality() throws {
        #expect(try JSONValue.parse(#"{"a":1,"b":2}"#) == JSONValue.parse(#"{ "a" : 1 , "b" : 2 }"#))
        #expect(try JSONValue.parse(#"{"a":1,"b":2}"#) != JSONValue.parse(#"{"b":2,"a":1}"#))
    }
}
