// JSON output of annotated documents, in the interchange format of ANNOTATION.md.
//
//   in:  an AnnotatedDocument and JSONOutputOptions
//   out: UTF-8 JSON bytes appended to a caller-owned [UInt8] buffer
//
// Written into a pointer buffer (Text/GrowingBuffer.swift), a literal or a value at a
// time, and appended to the caller's buffer in one copy: no JSONEncoder, no String per
// token. Field order is fixed:
//
//   {"id", "text", "entities": [{"start", "end", "type", "text", "canonical", "source", "id" (a row's QID, if any)}],
//    "tokens": [[start, end], …], "sentences": [[start, end], …]}
//
// (tokens and sentences only with includeTokens; offsets in code points;
// "source" is always written: "lexicon" or "discovered", see EntitySource).
// Compact output is one line without a line break, so that the caller can
// append "\n" for JSON Lines; pretty output uses two-space indentation and does
// not end with a line break either.
//
// Strings: `"` and `\` are escaped, and so are U+0000–U+001F (as \b \t \n \f \r
// or \u00xx) and U+2028/U+2029 (legal JSON, but line breaks to JavaScript
// before ES2019). Everything else is raw UTF-8. Should the text ever hold bytes
// that are not UTF-8 (a broken invariant upstream), each such byte is written as
// U+FFFD, so the output is valid JSON whatever the input.

/// Options of the interchange JSON: tokens and sentences, and indentation.
public struct JSONOutputOptions: Sendable, Equatable {
    /// Also write "tokens" and "sentences" as arrays of [start, end] pairs.
    public var includeTokens: Bool
    /// Two-space indentation instead of one line.
    public var pretty: Bool

    /// Options: by default one line, entities only.
    public init(includeTokens: Bool = false, pretty: Bool = false) {
        self.includeTokens = includeTokens
        self.pretty = pretty
    }
}

/// The interchange JSON of one annotated document (ANNOTATION.md), written into a byte buffer; offsets in code points, end exclusive.
public enum JSONOutput {
    /// Appends `doc` as one JSON object to `buffer`.
    public static func append(_ doc: AnnotatedDocument, options: JSONOutputOptions = JSONOutputOptions(),
                              to buffer: inout [UInt8]) {
        // Room for the text and about 150 bytes per entity at once, not by doubling.
        var writer = Writer(pretty: options.pretty, capacity: doc.utf8.count + doc.id.utf8.count + 128 + doc.entities.count * 160
                                                              + (options.includeTokens ? doc.tokens.count * 16 : 0))
        defer {
            buffer.append(contentsOf: writer.out.elements)
            writer.out.deallocate()
        }

        writer.open(ascii: "{")
        writer.key("id", first: true)
        writer.string(doc.id)
        writer.key("text")
        // (Read from a JSON string escaped as this writer escapes: its bytes, without a look at each.)
        switch doc.textAsJSON {
        case .unknown: doc.utf8.withUnsafeBufferPointer { writer.string($0) }
        case .sameAsText: doc.utf8.withUnsafeBufferPointer { writer.plainString($0) }
        case .escaped(let json): json.withUnsafeBufferPointer { writer.plainString($0) }
        }

        writer.key("entities")
        if !options.pretty {
            writer.literal("[")
            for (index, entity) in doc.entities.enumerated() { writer.oneLine(entity, first: index == 0, keyed: true) }
            writer.literal("]")
        } else {
            writer.array(doc.entities) { writer, entity in
                writer.open(ascii: "{")
                writer.key("start", first: true)
                writer.integer(entity.start)
                writer.key("end")
                writer.integer(entity.end)
                writer.key("type")
                writer.string(entity.type)
                writer.key("text")
                writer.string(entity.text)
                writer.key("canonical")
                writer.string(entity.canonical)
                writer.key("source")
                writer.ascii(entity.source.jsonLiteral)
                if let id = entity.id {
                    writer.key("id")
                    writer.string(id)
                }
                writer.close(ascii: "}")
            }
        }

        if options.includeTokens {
            writer.key("tokens")
            writer.array(doc.tokens) { writer, token in writer.pair(Int(token.start), Int(token.end)) }
            writer.key("sentences")
            writer.array(doc.sentences) { writer, sentence in writer.pair(sentence.span.start, sentence.span.end) }
        }
        writer.close(ascii: "}")
    }

    /// Appends `doc`'s compact answer, as `eigenname stream --compact` writes it: the id and
    /// the entities as arrays, without the text the client sent,
    ///
    ///     ["id",[[start,end,"type","text","canonical","source"],[…,"source","Q…"],…]]
    ///
    /// each entity in the interchange order of fields, its `id` (a row's QID) last and only
    /// when it has one. A client that keeps its texts reads this with a fraction of the work.
    static func appendCompact(_ doc: AnnotatedDocument, to buffer: inout [UInt8]) {
        var writer = Writer(pretty: false, capacity: doc.id.utf8.count + 8 + doc.entities.count * 80)
        defer {
            buffer.append(contentsOf: writer.out.elements)
            writer.out.deallocate()
        }
        writer.literal("[")
        writer.string(doc.id)
        writer.literal(",[")
        for (index, entity) in doc.entities.enumerated() { writer.oneLine(entity, first: index == 0, keyed: false) }
        writer.literal("]]")
    }

    /// `doc` as JSON bytes in a fresh buffer.
    public static func encode(_ doc: AnnotatedDocument, options: JSONOutputOptions = JSONOutputOptions()) -> [UInt8] {
        var buffer: [UInt8] = []
        append(doc, options: options, to: &buffer)
        return buffer
    }

    /// Appends `bytes` as a JSON string literal (with quotes), escaped as described above.
    static func appendString<Sink: ByteAppending>(_ bytes: UnsafeBufferPointer<UInt8>, to buffer: inout Sink) {
        buffer.append(byte: UInt8(ascii: "\""))
        var runStart = 0  // start of bytes to copy unchanged
        var i = 0
        let count = bytes.count
        while i < count {
            if let base = bytes.baseAddress { i = JSONStringScan.plainASCIIEnd(base, from: i, count: count) }
            guard i < count else { break }
            let byte = bytes[i]
            if byte < 0x80 {
                if byte >= 0x20, byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\") {
                    i += 1
                    continue
                }
                buffer.append(bytes: UnsafeBufferPointer(rebasing: bytes[runStart..<i]))
                appendEscape(for: byte, to: &buffer)
                i += 1
            } else if let length = UTF8Validation.sequenceLength(in: bytes, at: i) {
                // U+2028 / U+2029 are E2 80 A8 / E2 80 A9.
                guard length == 3, byte == 0xE2, bytes[i + 1] == 0x80, bytes[i + 2] & 0xFE == 0xA8 else {
                    i += length
                    continue
                }
                buffer.append(bytes: UnsafeBufferPointer(rebasing: bytes[runStart..<i]))
                (bytes[i + 2] == 0xA8 ? lineSeparatorEscape : paragraphSeparatorEscape).withUnsafeBufferPointer { buffer.append(bytes: $0) }
                i += 3
            } else {
                buffer.append(bytes: UnsafeBufferPointer(rebasing: bytes[runStart..<i]))
                replacementCharacter.withUnsafeBufferPointer { buffer.append(bytes: $0) }
                i += 1
            }
            runStart = i
        }
        buffer.append(bytes: UnsafeBufferPointer(rebasing: bytes[runStart..<count]))
        buffer.append(byte: UInt8(ascii: "\""))
    }

    private static let lineSeparatorEscape = Array(#"\u2028"#.utf8)
    private static let paragraphSeparatorEscape = Array(#"\u2029"#.utf8)
    private static let replacementCharacter: [UInt8] = [0xEF, 0xBF, 0xBD]
    private static let hexDigits = Array("0123456789abcdef".utf8)

    private static func appendEscape<Sink: ByteAppending>(for byte: UInt8, to buffer: inout Sink) {
        buffer.append(byte: UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): buffer.append(byte: byte)
        case 0x08: buffer.append(byte: UInt8(ascii: "b"))
        case 0x09: buffer.append(byte: UInt8(ascii: "t"))
        case 0x0A: buffer.append(byte: UInt8(ascii: "n"))
        case 0x0C: buffer.append(byte: UInt8(ascii: "f"))
        case 0x0D: buffer.append(byte: UInt8(ascii: "r"))
        default:
            for b in [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0xF)]] {
                buffer.append(byte: b)
            }
        }
    }

    /// Appends the decimal digits of `value`.
    static func appendInteger<Sink: ByteAppending>(_ value: Int, to buffer: inout Sink) {
        if value < 0 { buffer.append(byte: UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        // The digits from the last, into twenty bytes on the stack (UInt64.max has twenty).
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var position = 20
            repeat {
                position -= 1
                digits[position] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            buffer.append(bytes: UnsafeBufferPointer(rebasing: digits[position..<20]))
        }
    }

    /// Knows the indentation; everything else is plain appending, into a GrowingBuffer (freed by the caller).
    private struct Writer {
        var out = GrowingBuffer<UInt8>()
        let pretty: Bool
        var depth = 0

        init(pretty: Bool, capacity: Int) {
            self.pretty = pretty
            out.reserve(capacity)
        }

        mutating func newline() {
            guard pretty else { return }
            out.append(byte: 0x0A)
            for _ in 0..<(2 * depth) { out.append(byte: UInt8(ascii: " ")) }
        }

        mutating func open(ascii bracket: Unicode.Scalar) {
            out.append(byte: UInt8(ascii: bracket))
            depth += 1
        }

        mutating func close(ascii bracket: Unicode.Scalar) {
            depth -= 1
            newline()
            out.append(byte: UInt8(ascii: bracket))
        }

        /// `"name":` (pretty: `"name": ` on its own line), preceded by a comma unless first.
        mutating func key(_ name: StaticString, first: Bool = false) {
            if !first { out.append(byte: UInt8(ascii: ",")) }
            newline()
            out.append(byte: UInt8(ascii: "\""))
            name.withUTF8Buffer { out.append(bytes: $0) }
            out.append(byte: UInt8(ascii: "\""))
            out.append(byte: UInt8(ascii: ":"))
            if pretty { out.append(byte: UInt8(ascii: " ")) }
        }

        mutating func string(_ bytes: UnsafeBufferPointer<UInt8>) {
            JSONOutput.appendString(bytes, to: &out)
        }

        /// `bytes` known to be escaped already or to need no escaping (TextAsJSON), in quotes.
        mutating func plainString(_ bytes: UnsafeBufferPointer<UInt8>) {
            out.append(byte: UInt8(ascii: "\""))
            out.append(bytes: bytes)
            out.append(byte: UInt8(ascii: "\""))
        }

        mutating func string(_ value: String) {
            // (Native strings are contiguous: no copy of the String made to reach its bytes.)
            if let done: Void = value.utf8.withContiguousStorageIfAvailable({ string($0) }) { return done }
            var value = value
            value.withUTF8 { string($0) }
        }

        /// One entity without line breaks: an object with its keys (JSONL), or without them an
        /// array of the values in the same order (the compact answer). Each key with its
        /// punctuation is one literal: byte by byte, the keys cost more than the values.
        mutating func oneLine(_ entity: Entity, first: Bool, keyed: Bool) {
            literal(keyed ? (first ? "{\"start\":" : ",{\"start\":") : (first ? "[" : ",["))
            integer(entity.start)
            literal(keyed ? ",\"end\":" : ",")
            integer(entity.end)
            literal(keyed ? ",\"type\":" : ",")
            string(entity.type)
            literal(keyed ? ",\"text\":" : ",")
            string(entity.text)
            literal(keyed ? ",\"canonical\":" : ",")
            string(entity.canonical)
            literal(keyed ? ",\"source\":" : ",")
            literal(entity.source == .lexicon ? "\"lexicon\"" : "\"discovered\"")
            if let id = entity.id {
                literal(keyed ? ",\"id\":" : ",")
                string(id)
            }
            literal(keyed ? "}" : "]")
        }

        /// Bytes known to need no escaping, in one append.
        mutating func literal(_ text: StaticString) {
            text.withUTF8Buffer { out.append(bytes: $0) }
        }

        /// Bytes written as they are: a literal known to need no escaping.
        mutating func ascii(_ bytes: [UInt8]) {
            bytes.withUnsafeBufferPointer { out.append(bytes: $0) }
        }

        mutating func integer(_ value: Int) {
            JSONOutput.appendInteger(value, to: &out)
        }

        /// `[start, end]` on one line even when pretty.
        mutating func pair(_ start: Int, _ end: Int) {
            out.append(byte: UInt8(ascii: "["))
            integer(start)
            out.append(byte: UInt8(ascii: ","))
            if pretty { out.append(byte: UInt8(ascii: " ")) }
            integer(end)
            out.append(byte: UInt8(ascii: "]"))
        }

        /// An array with one element per line when pretty; `[]` when empty.
        mutating func array<Element>(_ elements: [Element], _ body: (inout Writer, Element) -> Void) {
            guard !elements.isEmpty else {
                literal("[]")
                return
            }
            open(ascii: "[")
            for (index, element) in elements.enumerated() {
                if index > 0 { out.append(byte: UInt8(ascii: ",")) }
                newline()
                body(&self, element)
            }
            close(ascii: "]")
        }
    }
}

extension EntitySource {
    /// `"lexicon"` or `"discovered"` with the quotes, as JSON writes it.
    var jsonLiteral: [UInt8] {
        switch self {
        case .lexicon: return EntitySource.lexiconLiteral
        case .discovered: return EntitySource.discoveredLiteral
        }
    }

    private static let lexiconLiteral = Array(#""lexicon""#.utf8)
    private static let discoveredLiteral = Array(#""discovered""#.utf8)
}

/// `--format jsonl`: one compact JSON object per document and line, the interchange format.
public struct JSONLinesFormat: OutputFormat {
    /// The JSON Lines format.
    public init() {}
    public var name: String { "jsonl" }
    public var fileExtension: String { "jsonl" }
    public var summary: String { "one object per document and line, the interchange format" }
    public func needsTokens(includeTokens: Bool) -> Bool { includeTokens }

    public func makeSerializer(includeTokens: Bool) -> any DocumentSerializer {
        JSONSerializer(options: JSONOutputOptions(includeTokens: includeTokens, pretty: false), lineEnd: true)
    }
}

/// `--format json`: the same objects pretty-printed; an array of them where an output
/// holds several documents (standard output, a JSONL input), else one object.
public struct JSONFormat: OutputFormat {
    /// The pretty-printed JSON format.
    public init() {}
    public var name: String { "json" }
    public var fileExtension: String { "json" }
    public var summary: String { "the same, pretty-printed; an object per .txt input, an array per .jsonl input" }
    public func needsTokens(includeTokens: Bool) -> Bool { includeTokens }

    public func makeSerializer(includeTokens: Bool) -> any DocumentSerializer {
        JSONSerializer(options: JSONOutputOptions(includeTokens: includeTokens, pretty: true), lineEnd: false)
    }

    public func framing(for output: OutputTarget) -> OutputFraming {
        switch output {
        case .standardOutput, .file(input: .jsonl):
            return OutputFraming(begin: Array("[\n".utf8), separator: Array(",\n".utf8), end: Array("\n]\n".utf8))
        case .file:
            return OutputFraming(end: [0x0A])
        }
    }
}

/// `eigenname stream --compact`: one compact answer per line (``JSONOutput/appendCompact(_:to:)``).
struct CompactAnswerSerializer: DocumentSerializer {
    func serialize(_ document: AnnotatedDocument, at place: DocumentPlace) -> SerializedDocument {
        var bytes: [UInt8] = []
        JSONOutput.appendCompact(document, to: &bytes)
        bytes.append(0x0A)
        return SerializedDocument(bytes: bytes)
    }
}

struct JSONSerializer: DocumentSerializer {
    let options: JSONOutputOptions
    let lineEnd: Bool

    func serialize(_ document: AnnotatedDocument, at place: DocumentPlace) -> SerializedDocument {
        var bytes: [UInt8] = []
        JSONOutput.append(document, options: options, to: &bytes)
        if lineEnd { bytes.append(0x0A) }
        return SerializedDocument(bytes: bytes)
    }
}
