// JSON Lines input: one document per line.
//
//   in:  bytes of a .jsonl file (in memory, or streamed from a file descriptor)
//        where each line is an object like {"id": "doc-1", "text": "…"}
//   out: one Result<SourceDocument, EigennameError> per non-blank line, in order
//
// Each line stands alone: a malformed line becomes a failure for that line and
// the following lines still load, so one bad record does not cost a corpus.
//
// Line rules: LF ends a line, a CR before it is dropped (CRLF files), blank or
// whitespace-only lines are skipped (they still count for line numbers), a
// UTF-8 byte order mark at the start of the file is skipped. Columns and byte
// offsets in errors count from the start of the line (after the BOM on line 1).
//
// Members: "text" must be a string. "id" may be a string or an integer
// (|id| ≤ 2^53, written as its decimal digits); when it is missing or null the
// id is "<file stem>-<line>" ("stdin-<line>" for "-"). Other members (such as
// "entities" in gold files) are ignored here.

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

struct JSONLReader: Sendable {
    /// Read bytes that are not UTF-8 inside strings as U+FFFD instead of
    /// reporting `EigennameError.invalidUTF8`.
    var replacingInvalidUTF8: Bool

    init(replacingInvalidUTF8: Bool = false) {
        self.replacingInvalidUTF8 = replacingInvalidUTF8
    }

    /// All documents of a JSONL file held in memory, one result per non-blank line.
    func documents(in bytes: [UInt8], path: String) -> [Result<SourceDocument, EigennameError>] {
        var results: [Result<SourceDocument, EigennameError>] = []
        bytes.withUnsafeBufferPointer { buffer in
            var start = JSONLReader.byteOrderMarkLength(buffer)
            var lineNumber = 0
            while start < buffer.count {
                lineNumber += 1
                let end = JSONLReader.indexOfLineFeed(in: buffer, from: start) ?? buffer.count
                if let result = document(line: UnsafeBufferPointer(rebasing: buffer[start..<end]),
                                         path: path, lineNumber: lineNumber) {
                    results.append(result)
                }
                start = end + 1
            }
        }
        return results
    }

    /// The document on one line (without its LF), or nil for a blank line.
    func document(line: UnsafeBufferPointer<UInt8>, path: String, lineNumber: Int)
        -> Result<SourceDocument, EigennameError>?
    {
        var line = line
        if line.last == 0x0D { line = UnsafeBufferPointer(rebasing: line.dropLast()) }
        if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return nil }

        let origin = DocumentOrigin(path: path, line: lineNumber)
        var flat = JSONParser(bytes: line, replacingInvalidUTF8: replacingInvalidUTF8)
        if let document = flat.parseFlatDocument() {
            let id: String
            switch document.id {
            case .absent, .null: id = "\(JSONLReader.fileStem(path))-\(lineNumber)"
            case let .string(string): id = string
            case let .integer(integer): id = String(integer)
            }
            var source = SourceDocument(id: id, utf8: document.text, origin: origin)
            source.textAsJSON = document.textAsJSON
            return .success(source)
        }
        // Anything else (and every error) through the general parser.
        let value: JSONValue
        do {
            value = try JSONValue.parse(line, replacingInvalidUTF8: replacingInvalidUTF8)
        } catch {
            switch error.kind {
            case .invalidUTF8: return .failure(.invalidUTF8(origin: origin, byteOffset: error.byteOffset))
            case .syntax, .tooDeep: return .failure(.malformedJSON(origin: origin, column: error.column, reason: error.reason))
            }
        }
        // Member problems are reported at column 1: the parser keeps no positions
        // for values, and the reason names the member.
        func failure(_ reason: String) -> Result<SourceDocument, EigennameError> {
            .failure(.malformedJSON(origin: origin, column: 1, reason: reason))
        }
        guard case .object = value else {
            return failure("expected an object with \"id\" and \"text\", found \(value.kindName)")
        }

        guard let textValue = value["text"] else { return failure("missing \"text\"") }
        guard case let .string(text) = textValue else {
            return failure("\"text\" must be a string, found \(textValue.kindName)")
        }

        let id: String
        switch value["id"] {
        case nil, .null?:
            id = "\(JSONLReader.fileStem(path))-\(lineNumber)"
        case let .string(string)?:
            id = string
        case let .number(number)?:
            guard let integer = JSONValue.number(number).intValue else {
                return failure("\"id\" must be a string or an integer of at most 2^53, found \(number)")
            }
            id = String(integer)
        case let other?:
            return failure("\"id\" must be a string or an integer, found \(other.kindName)")
        }
        return .success(SourceDocument(id: id, utf8: Array(text.utf8), origin: origin))
    }

    /// Streams the documents of the file at `path` ("-" for standard input).
    func stream(path: String) throws(EigennameError) -> JSONLStream {
        try JSONLStream(path: path, reader: self)
    }

    // MARK: Helpers shared with JSONLStream

    static func byteOrderMarkLength(_ buffer: UnsafeBufferPointer<UInt8>) -> Int {
        buffer.count >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF ? 3 : 0
    }

    static func indexOfLineFeed(in buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard start < buffer.count, let base = buffer.baseAddress,
              let found = memchr(base + start, 0x0A, buffer.count - start) else { return nil }
        return UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
    }

    /// "corpus/news.jsonl" -> "news"; "-" -> "stdin".
    static func fileStem(_ path: String) -> String {
        if path == "-" { return "stdin" }
        let name = path.split(separator: "/", omittingEmptySubsequences: true).last.map(String.init) ?? path
        if let dot = name.lastIndex(of: "."), dot != name.startIndex {
            return String(name[..<dot])
        }
        return name
    }
}

/// Documents read line by line from a file descriptor (see LineStream: memory
/// stays bounded by the read chunk plus the longest line).
///
///     for result in try JSONLReader().stream(path: "corpus.jsonl") { … }
///
/// A read error ends the sequence after one `.failure(.io(…))`.
final class JSONLStream: Sequence, IteratorProtocol {
    let reader: JSONLReader
    private let lines: LineStream

    /// Opens `path` ("-" reads standard input, which is not closed afterwards).
    init(path: String, reader: JSONLReader = JSONLReader(), chunkSize: Int = 1 << 16,
                maximumLineLength: Int = 1 << 30) throws(EigennameError) {
        self.reader = reader
        lines = try LineStream(path: path, chunkSize: chunkSize, maximumLineLength: maximumLineLength)
    }

    func next() -> Result<SourceDocument, EigennameError>? {
        while let line = lines.next() {
            switch line {
            case .failure(let error): return .failure(error)
            case .success(let raw):
                let result = raw.bytes.withUnsafeBufferPointer {
                    reader.document(line: $0, path: lines.path, lineNumber: raw.number)
                }
                if let result { return result }
            }
        }
        return nil
    }
}
