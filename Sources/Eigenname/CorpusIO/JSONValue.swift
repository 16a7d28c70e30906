// A strict JSON parser (RFC 8259) over UTF-8 bytes.
//
//   in:  bytes holding exactly one JSON value (whitespace around it allowed)
//   out: a `JSONValue` tree, or a `JSONParseError` with the 1-based column
//        (byte offset + 1) and a short reason
//
// The JSONL reader falls back to it for lines its flat fast path does not take,
// the evaluation reads interchange files with it (InterchangeReader), and tests
// parse our JSON output back with it. Foundation's JSONSerialization is not
// used: it returns `Any` and does not say where the input is wrong; and it is
// slower: on 5 MB of the benchmark corpus's JSONL lines (2,075 documents, a tree
// per line) this parser reads 297 MB/s, JSONSerialization 221 MB/s (1.34x;
// `Benchmarks/JSONParser`, min of 5, 2026-12-06).
//
// Strictness: no comments, no trailing commas, no leading zeros, no NaN or
// Infinity, no raw control characters in strings, strings must be valid UTF-8,
// duplicate object keys are rejected (RFC 8259 leaves their meaning open, and a
// corpus line with two "text" members is an error, not a choice to guess at).
//
// The parser is iterative (an explicit stack of open containers), so deep
// nesting cannot overflow the thread stack; depth is limited to 512 anyway.

/// A parsed JSON value.
package enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    /// Members in input order (kept so that tests can check field order).
    /// The parser never produces duplicate keys.
    case object([(key: String, value: JSONValue)])

    package static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case let (.bool(a), .bool(b)): return a == b
        case let (.number(a), .number(b)): return a == b
        case let (.string(a), .string(b)): return a == b
        case let (.array(a), .array(b)): return a == b
        case let (.object(a), .object(b)):
            // Order-sensitive: two objects are equal when they were written alike.
            return a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: return false
        }
    }
}

// MARK: - Convenience accessors

extension JSONValue {
    /// The value of the member named `key`, or nil (also when this is not an object).
    subscript(key: String) -> JSONValue? {
        guard case let .object(members) = self else { return nil }
        return members.first(where: { $0.key == key })?.value
    }

    /// The element at `index`, or nil (also when this is not an array).
    subscript(index: Int) -> JSONValue? {
        guard case let .array(elements) = self, elements.indices.contains(index) else { return nil }
        return elements[index]
    }

    var stringValue: String? {
        if case let .string(s) = self { return s }
        return nil
    }

    var doubleValue: Double? {
        if case let .number(d) = self { return d }
        return nil
    }

    /// The number as an `Int` when it is integral and exactly representable:
    /// |value| ≤ 2^53, beyond which a Double no longer holds every integer and
    /// the digits in the input may not be the digits we would return.
    var intValue: Int? {
        guard case let .number(d) = self, d.rounded(.towardZero) == d,
              d.magnitude <= 9_007_199_254_740_992 else { return nil }
        return Int(d)
    }

    var boolValue: Bool? {
        if case let .bool(b) = self { return b }
        return nil
    }

    var arrayValue: [JSONValue]? {
        if case let .array(a) = self { return a }
        return nil
    }

    var objectValue: [(key: String, value: JSONValue)]? {
        if case let .object(o) = self { return o }
        return nil
    }

    var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// "string", "number", … for error messages.
    var kindName: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}

// MARK: - Errors

/// Why and where JSON could not be parsed.
package struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    enum Kind: Sendable, Equatable {
        /// The bytes are not JSON.
        case syntax
        /// A string holds bytes that are not UTF-8.
        case invalidUTF8
        /// Arrays and objects nest deeper than `JSONValue.maximumDepth`.
        case tooDeep
    }

    var kind: Kind
    /// 1-based column: the byte offset of the problem plus one.
    var column: Int
    var reason: String

    init(kind: Kind = .syntax, column: Int, reason: String) {
        self.kind = kind
        self.column = column
        self.reason = reason
    }

    /// The 0-based byte offset of the problem.
    var byteOffset: Int { column - 1 }

    package var description: String { "column \(column): \(reason)" }
}

// MARK: - Parsing

extension JSONValue {
    /// Arrays and objects may nest this deep; one level more is an error.
    static let maximumDepth = 512

    /// Parses exactly one JSON value.
    ///
    /// - Parameters:
    ///   - bytes: The JSON text, UTF-8.
    ///   - replacingInvalidUTF8: when true, bytes in strings that are
    ///     not UTF-8 decode to U+FFFD instead of failing (as `--replace-invalid`).
    /// - Throws: ``JSONParseError`` with the byte offset of the first problem.
    ///
    /// Escapes: `\uD83D\uDE00` (a surrogate pair) decodes to its one character.
    /// A surrogate escape without its partner (`"\uD800"`, `"\uDC00x"`) decodes
    /// to U+FFFD: a Swift String cannot hold a lone surrogate, and replacing it
    /// by exactly one code point keeps the code point offsets of everything
    /// after it where the writer of the JSON expected them.
    package static func parse(
        _ bytes: UnsafeBufferPointer<UInt8>, replacingInvalidUTF8: Bool = false
    ) throws(JSONParseError) -> JSONValue {
        var parser = JSONParser(bytes: bytes, replacingInvalidUTF8: replacingInvalidUTF8)
        return try parser.parseDocument()
    }

    package static func parse(_ bytes: [UInt8], replacingInvalidUTF8: Bool = false) throws(JSONParseError) -> JSONValue {
        // withUnsafeBufferPointer cannot forward a typed error, hence the Result.
        let result = bytes.withUnsafeBufferPointer { buffer in
            Result { () throws(JSONParseError) -> JSONValue in
                try parse(buffer, replacingInvalidUTF8: replacingInvalidUTF8)
            }
        }
        return try result.get()
    }

    package static func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        try parse(Array(text.utf8))
    }
}

/// The parser's state: the input, the read position and a scratch buffer for
/// strings with escapes.
struct JSONParser {
    private let bytes: UnsafeBufferPointer<UInt8>
    private let replacingInvalidUTF8: Bool
    private var index = 0
    private var scratch: [UInt8] = []
    /// The string being read holds U+2028 or U+2029 unescaped (set by skipPlainStringBytes).
    private var lineSeparatorSeen = false
    /// Every escape of the string being read is the one the JSON writer writes for its character.
    private var escapesAreCanonical = true
    /// How the last string `parseStringBytes` read is written back by the JSON writer.
    private(set) var lastStringAsJSON = TextAsJSON.unknown

    init(bytes: UnsafeBufferPointer<UInt8>, replacingInvalidUTF8: Bool) {
        self.bytes = bytes
        self.replacingInvalidUTF8 = replacingInvalidUTF8
    }

    /// An array or object whose closing bracket has not been read yet.
    private struct Container {
        var isObject: Bool
        var elements: [JSONValue] = []
        var members: [(key: String, value: JSONValue)] = []
        /// The key whose value is being parsed.
        var key = ""
        /// Keys seen so far, built only for large objects (small ones scan `members`).
        var keySet: Set<String>?

        /// Records `key`; false if the object already has it.
        mutating func insertKey(_ key: String) -> Bool {
            if members.count < 16, keySet == nil {
                return !members.contains(where: { $0.key == key })
            }
            if keySet == nil { keySet = Set(members.map(\.key)) }
            return keySet!.insert(key).inserted
        }
    }

    mutating func parseDocument() throws(JSONParseError) -> JSONValue {
        var stack: [Container] = []
        var value: JSONValue

        parsing: while true {
            // A value starts here: a scalar, or a container (which pushes a frame
            // and loops back for its first element).
            skipWhitespace()
            guard index < bytes.count else { throw error("unexpected end of input") }
            switch bytes[index] {
            case UInt8(ascii: "{"):
                try checkDepth(stack.count)
                index += 1
                skipWhitespace()
                if peek(UInt8(ascii: "}")) {
                    index += 1
                    value = .object([])
                } else {
                    var container = Container(isObject: true)
                    try parseKey(into: &container, afterComma: false)
                    stack.append(container)
                    continue parsing
                }
            case UInt8(ascii: "["):
                try checkDepth(stack.count)
                index += 1
                skipWhitespace()
                if peek(UInt8(ascii: "]")) {
                    index += 1
                    value = .array([])
                } else {
                    stack.append(Container(isObject: false))
                    continue parsing
                }
            case UInt8(ascii: "\""):
                value = .string(try parseString())
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                value = .number(try parseNumber())
            case UInt8(ascii: "t"):
                try expectLiteral("true")
                value = .bool(true)
            case UInt8(ascii: "f"):
                try expectLiteral("false")
                value = .bool(false)
            case UInt8(ascii: "n"):
                try expectLiteral("null")
                value = .null
            default:
                throw error("expected a value, found \(describeByte(at: index))")
            }

            // A value is complete: hand it to the innermost container, and close
            // containers for as long as their closing brackets follow.
            while !stack.isEmpty {
                let top = stack.count - 1
                skipWhitespace()
                if stack[top].isObject {
                    stack[top].members.append((stack[top].key, value))
                    if peek(UInt8(ascii: ",")) {
                        index += 1
                        skipWhitespace()
                        try parseKey(into: &stack[top], afterComma: true)
                        continue parsing
                    }
                    guard peek(UInt8(ascii: "}")) else {
                        throw error("expected ',' or '}' after object member, found \(describeByte(at: index))")
                    }
                    index += 1
                    value = .object(stack.removeLast().members)
                } else {
                    stack[top].elements.append(value)
                    if peek(UInt8(ascii: ",")) {
                        index += 1
                        skipWhitespace()
                        if peek(UInt8(ascii: "]")) { throw error("trailing comma in array") }
                        continue parsing
                    }
                    guard peek(UInt8(ascii: "]")) else {
                        throw error("expected ',' or ']' after array element, found \(describeByte(at: index))")
                    }
                    index += 1
                    value = .array(stack.removeLast().elements)
                }
            }

            skipWhitespace()
            guard index == bytes.count else { throw error("trailing characters after value") }
            return value
        }
    }

    /// A JSONL document line in its common shape: one flat object whose members
    /// are strings, integers or null. "text" is decoded straight to UTF-8 bytes and
    /// no `JSONValue` is built (this runs once per document of a corpus).
    struct FlatDocument {
        enum ID { case absent, null, string(String), integer(Int) }
        var text: [UInt8]
        var id: ID
        /// How JSON output writes "text" back (see TextAsJSON).
        var textAsJSON = TextAsJSON.unknown
    }

    /// The fast path of `JSONLReader`: nil for anything but a flat object with a
    /// string "text" (nested values, escaped or duplicate keys, non-integer numbers,
    /// any syntax error, `replacingInvalidUTF8`), so that the general parser
    /// decides those cases with its own messages. Both agree on every line this accepts.
    mutating func parseFlatDocument() -> FlatDocument? {
        guard !replacingInvalidUTF8 else { return nil }
        var text: [UInt8]? = nil
        var textAsJSON = TextAsJSON.unknown
        var id = FlatDocument.ID.absent
        var seenOther: [UnsafeBufferPointer<UInt8>] = []
        skipWhitespace()
        guard peek(UInt8(ascii: "{")) else { return nil }
        index += 1
        skipWhitespace()
        if peek(UInt8(ascii: "}")) { return nil }
        while true {
            // A key without escapes, as raw bytes.
            guard peek(UInt8(ascii: "\"")) else { return nil }
            index += 1
            let keyStart = index
            do { try skipPlainStringBytes() } catch { return nil }
            guard peek(UInt8(ascii: "\"")) else { return nil }
            let key = UnsafeBufferPointer(rebasing: bytes[keyStart..<index])
            index += 1
            skipWhitespace()
            guard peek(UInt8(ascii: ":")) else { return nil }
            index += 1
            skipWhitespace()
            guard index < bytes.count else { return nil }
            if key.elementsEqual("text".utf8) {
                guard text == nil, bytes[index] == UInt8(ascii: "\"") else { return nil }
                guard let value = try? parseStringBytes() else { return nil }
                text = value
                textAsJSON = lastStringAsJSON
            } else if key.elementsEqual("id".utf8) {
                guard case .absent = id else { return nil }
                switch bytes[index] {
                case UInt8(ascii: "\""):
                    guard let value = try? parseString() else { return nil }
                    id = .string(value)
                case UInt8(ascii: "n"):
                    guard (try? expectLiteral("null")) != nil else { return nil }
                    id = .null
                default:
                    guard let number = try? parseNumber(), let integer = JSONValue.number(number).intValue else { return nil }
                    id = .integer(integer)
                }
            } else {
                // Another member: a scalar is skipped, a container goes to the general parser.
                guard !seenOther.contains(where: { $0.elementsEqual(key) }) else { return nil }
                seenOther.append(key)
                switch bytes[index] {
                case UInt8(ascii: "\""): guard (try? parseStringBytes()) != nil else { return nil }
                case UInt8(ascii: "t"): guard (try? expectLiteral("true")) != nil else { return nil }
                case UInt8(ascii: "f"): guard (try? expectLiteral("false")) != nil else { return nil }
                case UInt8(ascii: "n"): guard (try? expectLiteral("null")) != nil else { return nil }
                case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): guard (try? parseNumber()) != nil else { return nil }
                default: return nil
                }
            }
            skipWhitespace()
            if peek(UInt8(ascii: ",")) {
                index += 1
                skipWhitespace()
                continue
            }
            guard peek(UInt8(ascii: "}")) else { return nil }
            index += 1
            skipWhitespace()
            guard index == bytes.count, let text else { return nil }
            return FlatDocument(text: text, id: id, textAsJSON: textAsJSON)
        }
    }

    /// Parses a string starting at its opening quote into its UTF-8 bytes.
    private mutating func parseStringBytes() throws(JSONParseError) -> [UInt8] {
        let open = index
        index += 1
        let start = index
        lineSeparatorSeen = false
        escapesAreCanonical = true
        lastStringAsJSON = .unknown
        try skipPlainStringBytes()
        if peek(UInt8(ascii: "\"")) {
            index += 1
            if !lineSeparatorSeen { lastStringAsJSON = .sameAsText }
            return Array(UnsafeBufferPointer(rebasing: bytes[start..<index - 1]))
        }
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "\"") {
                index += 1
                if escapesAreCanonical && !lineSeparatorSeen && index - 1 - start <= TextAsJSON.largestCopy {
                    lastStringAsJSON = .escaped(Array(UnsafeBufferPointer(rebasing: bytes[start..<index - 1])))
                }
                return scratch
            }
            if escapesAreCanonical { escapesAreCanonical = isCanonicalEscape(at: index) }
            try parseEscape(openQuote: open)
            let run = index
            try skipPlainStringBytes()
            scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<index]))
        }
        throw JSONParseError(column: open + 1, reason: "unterminated string")
    }

    // MARK: Pieces

    /// Reads `"key" :` (whitespace before it already skipped).
    private mutating func parseKey(into container: inout Container, afterComma: Bool) throws(JSONParseError) {
        guard peek(UInt8(ascii: "\"")) else {
            if afterComma, peek(UInt8(ascii: "}")) { throw error("trailing comma in object") }
            throw error("expected '\"' to start an object key, found \(describeByte(at: index))")
        }
        let keyStart = index
        let key = try parseString()
        guard container.insertKey(key) else {
            throw JSONParseError(column: keyStart + 1, reason: "duplicate key \"\(key)\"")
        }
        container.key = key
        skipWhitespace()
        guard peek(UInt8(ascii: ":")) else { throw error("expected ':' after object key") }
        index += 1
    }

    private func checkDepth(_ depth: Int) throws(JSONParseError) {
        guard depth < JSONValue.maximumDepth else {
            throw JSONParseError(kind: .tooDeep, column: index + 1,
                                 reason: "nesting deeper than \(JSONValue.maximumDepth) levels")
        }
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(JSONParseError) {
        let count = literal.utf8CodeUnitCount
        let matches = literal.withUTF8Buffer { expected in
            index + count <= bytes.count && (0..<count).allSatisfy { bytes[index + $0] == expected[$0] }
        }
        guard matches else { throw error("invalid literal (expected '\(literal)')") }
        index += count
    }

    /// Parses a number per the RFC grammar; the value must fit a finite Double.
    private mutating func parseNumber() throws(JSONParseError) -> Double {
        let start = index
        var negative = false
        if peek(UInt8(ascii: "-")) {
            negative = true
            index += 1
        }
        guard index < bytes.count, isDigit(bytes[index]) else { throw error("expected a digit after '-'") }
        var integer: UInt64 = 0
        var digits = 0
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if index < bytes.count, isDigit(bytes[index]) { throw error("leading zeros are not allowed") }
            digits = 1
        } else {
            while index < bytes.count, isDigit(bytes[index]) {
                // Wraps harmlessly past 19 digits: such numbers take the slow path.
                integer = integer &* 10 &+ UInt64(bytes[index] - UInt8(ascii: "0"))
                digits += 1
                index += 1
            }
        }
        var isInteger = true
        if peek(UInt8(ascii: ".")) {
            isInteger = false
            index += 1
            guard index < bytes.count, isDigit(bytes[index]) else { throw error("expected a digit after '.'") }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if peek(UInt8(ascii: "e")) || peek(UInt8(ascii: "E")) {
            isInteger = false
            index += 1
            if peek(UInt8(ascii: "+")) || peek(UInt8(ascii: "-")) { index += 1 }
            guard index < bytes.count, isDigit(bytes[index]) else { throw error("expected a digit in the exponent") }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        // Fast path: integers below 2^53 convert exactly.
        if isInteger, digits <= 15 {
            let magnitude = Double(integer)
            return negative ? -magnitude : magnitude
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        guard let value = Double(text), value.isFinite else {
            throw JSONParseError(column: start + 1, reason: "number out of range")
        }
        return value
    }

    /// Parses a string starting at its opening quote.
    private mutating func parseString() throws(JSONParseError) -> String {
        let open = index
        index += 1
        let start = index
        try skipPlainStringBytes()
        // Fast path: no escapes, so the string is a slice of the input.
        if peek(UInt8(ascii: "\"")) {
            let string = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
            index += 1
            return string
        }
        // Slow path: collect the runs between escapes in scratch.
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "\"") {
                index += 1
                // Valid unless replacingInvalidUTF8, where decoding repairs it as promised.
                return String(decoding: scratch, as: UTF8.self)
            }
            try parseEscape(openQuote: open)
            let run = index
            try skipPlainStringBytes()
            scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<index]))
        }
        throw JSONParseError(column: open + 1, reason: "unterminated string")
    }

    /// Moves past string content up to the next quote or backslash (or the end),
    /// checking for control characters and invalid UTF-8 on the way.
    @inline(__always)
    private mutating func skipPlainStringBytes() throws(JSONParseError) {
        guard let base = bytes.baseAddress else { return }
        while index < bytes.count {
            index = JSONStringScan.plainASCIIEnd(base, from: index, count: bytes.count)
            guard index < bytes.count else { return }
            let byte = bytes[index]
            if byte >= 0x20, byte < 0x80 {
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { return }
                index += 1
            } else {
                let length = try stringByteLength(byte)
                // U+2028 and U+2029 (E2 80 A8, E2 80 A9): legal in a JSON string, escaped in output.
                if byte == 0xE2, length == 3, bytes[index + 1] == 0x80, bytes[index + 2] & 0xFE == 0xA8 { lineSeparatorSeen = true }
                index += length
            }
        }
    }

    /// How many bytes of string content start at `index` (a whole UTF-8 sequence);
    /// throws for control characters and invalid UTF-8.
    @inline(__always)
    private func stringByteLength(_ byte: UInt8) throws(JSONParseError) -> Int {
        if byte < 0x20 {
            throw error("unescaped control character U+\(hex(UInt32(byte), width: 4)) in string")
        }
        if byte < 0x80 { return 1 }
        if let length = UTF8Validation.sequenceLength(in: bytes, at: index) { return length }
        // With replacement, pass the byte on; String(decoding:) turns it into U+FFFD.
        if replacingInvalidUTF8 { return 1 }
        throw JSONParseError(kind: .invalidUTF8, column: index + 1, reason: "invalid UTF-8 in string")
    }

    /// Whether the escape at `index` (a backslash) is the one JSONOutput.appendString writes
    /// for its character: \" \\ \b \t \n \f \r, \u00xx (lower-case hex) for the other
    /// control characters, \u2028 and \u2029. (Not "\/", nor "\u00e4" for a letter it writes as it is.)
    private func isCanonicalEscape(at i: Int) -> Bool {
        guard i + 1 < bytes.count else { return false }
        switch bytes[i + 1] {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "b"), UInt8(ascii: "t"), UInt8(ascii: "n"),
             UInt8(ascii: "f"), UInt8(ascii: "r"):
            return true
        case UInt8(ascii: "u"):
            guard i + 5 < bytes.count, let unit = hex4(at: i + 2) else { return false }
            if unit == 0x2028 || unit == 0x2029 { return true }  // (digits only: no case to differ in)
            guard unit < 0x20, unit != 0x08, unit != 0x09, unit != 0x0A, unit != 0x0C, unit != 0x0D else { return false }
            // "\u00" and two lower-case hex digits.
            @inline(__always) func lowerHex(_ v: UInt16) -> UInt8 { v < 10 ? 0x30 + UInt8(v) : 0x57 + UInt8(v) }
            return bytes[i + 4] == lowerHex(unit >> 4) && bytes[i + 5] == lowerHex(unit & 0xF)
        default:
            return false
        }
    }

    /// Decodes one escape at `index` (a backslash) into `scratch`.
    private mutating func parseEscape(openQuote: Int) throws(JSONParseError) {
        guard index + 1 < bytes.count else {
            throw JSONParseError(column: openQuote + 1, reason: "unterminated string")
        }
        let escaped = bytes[index + 1]
        let simple: UInt8?
        switch escaped {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): simple = escaped
        case UInt8(ascii: "b"): simple = 0x08
        case UInt8(ascii: "f"): simple = 0x0C
        case UInt8(ascii: "n"): simple = 0x0A
        case UInt8(ascii: "r"): simple = 0x0D
        case UInt8(ascii: "t"): simple = 0x09
        case UInt8(ascii: "u"): simple = nil
        default:
            let shown = (0x21...0x7E).contains(escaped)
                ? "\\" + String(UnicodeScalar(escaped))
                : "'\\' followed by \(describeByte(at: index + 1))"
            throw error("invalid escape \(shown)")
        }
        if let simple {
            scratch.append(simple)
            index += 2
            return
        }
        guard let unit = hex4(at: index + 2) else {
            throw error("invalid escape \\u: expected four hex digits")
        }
        index += 6
        var scalar = UInt32(unit)
        switch unit {
        case 0xD800...0xDBFF:
            // A high surrogate counts only with a low surrogate escape right after it.
            if index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u"),
               let low = hex4(at: index + 2), (0xDC00...0xDFFF).contains(low) {
                scalar = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
                index += 6
            } else {
                scalar = 0xFFFD
            }
        case 0xDC00...0xDFFF:
            scalar = 0xFFFD
        default:
            break
        }
        appendUTF8(scalar)
    }

    private func hex4(at position: Int) -> UInt16? {
        guard position + 4 <= bytes.count else { return nil }
        var value: UInt16 = 0
        for byte in UnsafeBufferPointer(rebasing: bytes[position..<position + 4]) {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt16(digit)
        }
        return value
    }

    private mutating func appendUTF8(_ scalar: UInt32) {
        UTF8Scalar.encode(scalar, into: &scratch)
    }

    // MARK: Small helpers

    @inline(__always)
    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    @inline(__always)
    private func peek(_ byte: UInt8) -> Bool {
        index < bytes.count && bytes[index] == byte
    }

    @inline(__always)
    private func isDigit(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "0") < 10
    }

    private func error(_ reason: String) -> JSONParseError {
        JSONParseError(column: index + 1, reason: reason)
    }

    private func hex(_ value: UInt32, width: Int) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    private func describeByte(at position: Int) -> String {
        guard position < bytes.count else { return "end of input" }
        let byte = bytes[position]
        if (0x21...0x7E).contains(byte) { return "'\(UnicodeScalar(byte))'" }
        return "byte 0x\(hex(UInt32(byte), width: 2))"
    }
}

/// JSON strings, eight bytes at a time: shared by the parser and the writer.
enum JSONStringScan {
    /// The end of the run of bytes from `start` that a JSON string carries as they
    /// are (printable ASCII other than '"' and '\\'), eight bytes at a time; within
    /// the last eight bytes of the text the caller goes on byte by byte.
    @inline(__always)
    static func plainASCIIEnd(_ base: UnsafePointer<UInt8>, from start: Int, count: Int) -> Int {
        var i = start
        while i + 8 <= count {
            let x = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
            let quote = x ^ ByteMask.repeating(0x22), backslash = x ^ ByteMask.repeating(0x5C)
            // A high bit, a byte below 0x20, or a zero byte in `quote` or `backslash`:
            // (v - k) & ~v & high is non-zero iff some byte of v is below k (all bytes < 0x80).
            let special = (x | ((x &- ByteMask.repeating(0x20)) & ~x)
                | ByteMask.hasZeroByte(quote) | ByteMask.hasZeroByte(backslash)) & ByteMask.high
            // The lowest marked byte is exact (a borrow only comes from a byte that is marked
            // itself): stop right there, so the bytes before it are not looked at one by one.
            if special != 0 { return i + special.trailingZeroBitCount >> 3 }
            i += 8
        }
        return i
    }
}
