// Evaluation input in the interchange format (../shared/ANNOTATION.md).
//
//   in:  a .jsonl file (one document object per line), a .json file (one
//        document object or an array of them), a directory walked recursively
//        for both, or "-" (JSON Lines on standard input)
//   out: [EvaluationDocument] (id, text, entities) for the entity scorer, or
//        [TokenizedDocument] (id, text, token and sentence spans, as written by
//        `annotate --tokens`) for the token scorer, plus warnings
//
// Members read: "id" (a string or an integer), "text" (optional: without it no
// offsets are checked and error listings take the context from the other side),
// "entities" (entity evaluation; required: a gold file without entities is more
// likely the wrong file than a document without names, so say "entities": []),
// "tokens" and "sentences" (token evaluation; arrays of [start, end] pairs).
// An entity needs "start", "end" (code points, 0 ≤ start < end ≤ text length)
// and "type"; "text", "canonical" and "source" are optional. "source" is
// "lexicon" (also when missing: gold, and output written before the field
// existed) or "discovered"; any other value is an error naming file and line.
// Scoring ignores it (ANNOTATION.md, rule 14). An entity "text" that differs
// from the document text at its offsets is a warning, not an error: the offsets
// are what is scored. Two documents with one id on one side are an error.
// Other members are ignored.

import Foundation

/// One document of a gold or prediction file, for entity evaluation.
public struct EvaluationDocument: Sendable, Equatable {
    /// The document's id: gold and predicted documents are matched by it.
    public var id: String
    /// The document text, when the file gives it.
    public var text: String?
    /// The document's entities; offsets are code points, end exclusive.
    public var entities: [Entity]
    /// Where the document was read (file and line), for messages.
    public var origin: DocumentOrigin
    /// Gold only: spans the gold leaves unjudged (GermEval's part and deriv
    /// labels, e.g. "SPD" inside "SPD-Politiker"): a prediction inside one is
    /// neither right nor wrong, for every system alike. JSONL: "ignore": [[start, end], …].
    public var ignored: [TextSpan]

    /// Creates an evaluation document; `ignored` spans (gold only) are neither right nor wrong.
    public init(id: String, text: String?, entities: [Entity], origin: DocumentOrigin, ignored: [TextSpan] = []) {
        self.id = id
        self.text = text
        self.entities = entities
        self.origin = origin
        self.ignored = ignored
    }
}

/// One document with token and sentence spans, for token evaluation.
package struct TokenizedDocument: Sendable, Equatable {
    var id: String
    var text: String?
    var tokens: [TextSpan]
    var sentences: [TextSpan]
    var origin: DocumentOrigin

    init(id: String, text: String?, tokens: [TextSpan], sentences: [TextSpan], origin: DocumentOrigin) {
        self.id = id
        self.text = text
        self.tokens = tokens
        self.sentences = sentences
        self.origin = origin
    }
}

/// Documents read from one or more files, in file order, and what looked wrong
/// without being an error.
public struct LoadedCorpus<Document: Sendable>: Sendable {
    /// The documents, in file order.
    public var documents: [Document]
    /// What looked wrong without being an error, for a person.
    public var warnings: [String]

    /// Creates a corpus from documents and warnings.
    public init(documents: [Document] = [], warnings: [String] = []) {
        self.documents = documents
        self.warnings = warnings
    }
}

/// Reads gold or predicted documents in the interchange format (JSON Lines or JSON, as ``JSONOutput`` writes it) for ``EntityScorer``.
public enum InterchangeReader {
    /// Documents with entities from a file, a directory or "-".
    public static func entityDocuments(at path: String) throws(EigennameError) -> LoadedCorpus<EvaluationDocument> {
        var corpus = LoadedCorpus<EvaluationDocument>()
        for file in try files(at: path) {
            let bytes = try EvaluationFiles.read(file)
            for (value, origin) in try values(in: bytes, path: file) {
                corpus.documents.append(try entityDocument(value, origin: origin, warnings: &corpus.warnings))
            }
        }
        try checkUniqueIDs(corpus.documents.map { ($0.id, $0.origin) })
        return corpus
    }

    /// Documents with token and sentence spans from a file, a directory or "-".
    package static func tokenizedDocuments(at path: String) throws(EigennameError) -> LoadedCorpus<TokenizedDocument> {
        var corpus = LoadedCorpus<TokenizedDocument>()
        for file in try files(at: path) {
            let bytes = try EvaluationFiles.read(file)
            for (value, origin) in try values(in: bytes, path: file) {
                corpus.documents.append(try tokenizedDocument(value, origin: origin))
            }
        }
        try checkUniqueIDs(corpus.documents.map { ($0.id, $0.origin) })
        return corpus
    }

    // MARK: Files and values

    /// The files to read for `path`: itself, or the .json and .jsonl files below a directory, sorted.
    static func files(at path: String) throws(EigennameError) -> [String] {
        if path == "-" { return ["-"] }
        return try EvaluationFiles.expand(path, extensions: ["json", "jsonl"])
    }

    /// The JSON values of a file with the origin of each: one per non-blank line
    /// of JSON Lines, or the elements of a .json file's top-level array (its one
    /// object otherwise).
    static func values(in bytes: [UInt8], path: String) throws(EigennameError) -> [(JSONValue, DocumentOrigin)] {
        var bytes = bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if path.hasSuffix(".json") {
            let origin = DocumentOrigin(path: path)
            let value = try parse(bytes[...], origin: origin)
            if case let .array(elements) = value {
                return elements.enumerated().map { index, element in
                    (element, DocumentOrigin(path: "\(path) [document \(index + 1)]"))
                }
            }
            return [(value, origin)]
        }
        var result: [(JSONValue, DocumentOrigin)] = []
        var lineNumber = 0
        for line in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
            lineNumber += 1
            var line = line
            if line.last == 0x0D { line = line.dropLast() }
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            let origin = DocumentOrigin(path: path, line: lineNumber)
            result.append((try parse(line, origin: origin), origin))
        }
        return result
    }

    private static func parse(_ bytes: ArraySlice<UInt8>, origin: DocumentOrigin) throws(EigennameError) -> JSONValue {
        do {
            return try JSONValue.parse(Array(bytes))
        } catch {
            switch error.kind {
            case .invalidUTF8: throw .invalidUTF8(origin: origin, byteOffset: error.byteOffset)
            case .syntax, .tooDeep: throw .malformedJSON(origin: origin, column: error.column, reason: error.reason)
            }
        }
    }

    // MARK: Documents

    static func entityDocument(_ value: JSONValue, origin: DocumentOrigin,
                               warnings: inout [String]) throws(EigennameError) -> EvaluationDocument {
        let (id, text) = try idAndText(value, origin: origin)
        guard let entitiesValue = value["entities"] else {
            throw malformed(origin, "missing \"entities\" (write \"entities\": [] for a document without any)")
        }
        guard case let .array(items) = entitiesValue else {
            throw malformed(origin, "\"entities\" must be an array, found \(entitiesValue.kindName)")
        }
        let scalars = text.map { Array($0.unicodeScalars) }
        var entities: [Entity] = []
        entities.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            let label = "entity \(index + 1)"
            guard case .object = item else { throw malformed(origin, "\(label) must be an object, found \(item.kindName)") }
            guard let start = item["start"]?.intValue, let end = item["end"]?.intValue else {
                throw malformed(origin, "\(label) needs integer \"start\" and \"end\"")
            }
            guard let type = item["type"]?.stringValue, !type.isEmpty else {
                throw malformed(origin, "\(label) needs a non-empty string \"type\"")
            }
            guard start >= 0, start < end else {
                throw malformed(origin, "\(label) has start \(start) and end \(end); need 0 ≤ start < end")
            }
            if let scalars, end > scalars.count {
                throw malformed(origin, "\(label) ends at \(end), after the end of the text (\(scalars.count) code points)")
            }
            var entityText = item["text"]?.stringValue
            if let scalars {
                let actual = EvaluationText.slice(scalars, start, end)
                if let given = entityText, given != actual {
                    warnings.append("\(origin): \(label) \"\(given)\" does not match the text at [\(start), \(end)): \"\(actual)\"")
                }
                entityText = entityText ?? actual
            }
            let canonical = item["canonical"]?.stringValue ?? ""
            let source = try entitySource(item["source"], label: label, origin: origin)
            entities.append(Entity(start: start, end: end, type: type, text: entityText ?? "", canonical: canonical,
                                   source: source, id: item["id"]?.stringValue))
        }
        var ignored: [TextSpan] = []
        for pair in value["ignore"]?.arrayValue ?? [] {
            if let start = pair[0]?.intValue, let end = pair[1]?.intValue, start < end { ignored.append(TextSpan(start: start, end: end)) }
        }
        return EvaluationDocument(id: id, text: text, entities: entities, origin: origin, ignored: ignored)
    }

    /// An entity's "source": missing or null is lexicon; otherwise "lexicon" or "discovered".
    private static func entitySource(_ value: JSONValue?, label: String,
                                     origin: DocumentOrigin) throws(EigennameError) -> EntitySource {
        switch value {
        case nil, .null?:
            return .lexicon
        case let .string(name)?:
            guard let source = EntitySource(rawValue: name) else {
                throw malformed(origin, "\(label) has unknown \"source\" \"\(name)\" (expected \"lexicon\" or \"discovered\")")
            }
            return source
        case let other?:
            throw malformed(origin, "\(label) \"source\" must be a string, \"lexicon\" or \"discovered\", found \(other.kindName)")
        }
    }

    static func tokenizedDocument(_ value: JSONValue, origin: DocumentOrigin) throws(EigennameError) -> TokenizedDocument {
        let (id, text) = try idAndText(value, origin: origin)
        let length = text.map { $0.unicodeScalars.count }
        func spans(_ member: String) throws(EigennameError) -> [TextSpan] {
            guard let list = value[member] else {
                throw malformed(origin, "missing \"\(member)\" (write predictions with `eigenname annotate --tokens`)")
            }
            guard case let .array(items) = list else {
                throw malformed(origin, "\"\(member)\" must be an array, found \(list.kindName)")
            }
            var spans: [TextSpan] = []
            spans.reserveCapacity(items.count)
            for (index, item) in items.enumerated() {
                guard case let .array(pair) = item, pair.count == 2,
                      let start = pair[0].intValue, let end = pair[1].intValue,
                      start >= 0, start < end, end <= (length ?? Int.max)
                else {
                    throw malformed(origin, "\"\(member)\"[\(index)] must be a pair [start, end] with 0 ≤ start < end ≤ text length")
                }
                spans.append(TextSpan(start: start, end: end))
            }
            return spans
        }
        return TokenizedDocument(id: id, text: text, tokens: try spans("tokens"), sentences: try spans("sentences"),
                                 origin: origin)
    }

    private static func idAndText(_ value: JSONValue, origin: DocumentOrigin) throws(EigennameError) -> (String, String?) {
        guard case .object = value else {
            throw malformed(origin, "expected a document object, found \(value.kindName)")
        }
        let id: String
        switch value["id"] {
        case let .string(string)?:
            id = string
        case let .number(number)?:
            guard let integer = JSONValue.number(number).intValue else {
                throw malformed(origin, "\"id\" must be a string or an integer, found \(number)")
            }
            id = String(integer)
        case nil, .null?:
            throw malformed(origin, "missing \"id\": documents are matched by id")
        case let other?:
            throw malformed(origin, "\"id\" must be a string or an integer, found \(other.kindName)")
        }
        switch value["text"] {
        case nil, .null?:
            return (id, nil)
        case let .string(text)?:
            return (id, text)
        case let other?:
            throw malformed(origin, "\"text\" must be a string, found \(other.kindName)")
        }
    }

    private static func malformed(_ origin: DocumentOrigin, _ reason: String) -> EigennameError {
        .malformedJSON(origin: origin, column: 1, reason: reason)
    }

    static func checkUniqueIDs(_ ids: [(String, DocumentOrigin)]) throws(EigennameError) {
        var seen: [String: DocumentOrigin] = [:]
        for (id, origin) in ids {
            if let first = seen[id] {
                throw .malformedJSON(origin: origin, column: 1,
                                     reason: "duplicate document id \"\(id)\" (first at \(first))")
            }
            seen[id] = origin
        }
    }
}

/// File helpers shared by the evaluation readers.
enum EvaluationFiles {
    /// The bytes of `path` ("-" reads standard input to its end).
    static func read(_ path: String) throws(EigennameError) -> [UInt8] {
        if path == "-" { return Array(FileHandle.standardInput.readDataToEndOfFile()) }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .io(path: path, reason: "cannot read file")
        }
        return Array(data)
    }

    /// `path` itself when it is a file; the files below it whose names end in
    /// one of `extensions` (walked recursively, sorted) when it is a directory.
    static func expand(_ path: String, extensions: Set<String>) throws(EigennameError) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .io(path: path, reason: "no such file or directory")
        }
        guard isDirectory.boolValue else { return [path] }
        guard let walker = FileManager.default.enumerator(atPath: path) else {
            throw .io(path: path, reason: "cannot list directory")
        }
        var found: [String] = []
        while let relative = walker.nextObject() as? String {
            let name = relative.split(separator: "/").last.map(String.init) ?? relative
            guard let dot = name.lastIndex(of: "."), extensions.contains(String(name[name.index(after: dot)...])) else {
                continue
            }
            let full = path.hasSuffix("/") ? path + relative : path + "/" + relative
            var isSub: ObjCBool = false
            if FileManager.default.fileExists(atPath: full, isDirectory: &isSub), !isSub.boolValue {
                found.append(full)
            }
        }
        if found.isEmpty {
            throw .io(path: path, reason: "no .\(extensions.sorted().joined(separator: " or ."))) files in this directory")
        }
        return found.sorted()
    }

    /// "data/NER-de-test.tsv" -> "NER-de-test".
    static func stem(_ path: String) -> String {
        JSONLReader.fileStem(path)
    }
}

/// Code point slicing and context for reports.
enum EvaluationText {
    /// `entities` of `source` moved onto `target`, a text with the same characters
    /// apart from white space; nil when the texts differ otherwise. An entity
    /// starts at the target position of its first non-space character and ends
    /// after that of its last.
    static func alignedIgnoringWhiteSpace(_ entities: [Entity], from source: String, to target: String) -> [Entity]? {
        let s = Array(source.unicodeScalars), t = Array(target.unicodeScalars)
        let sIndex = s.indices.filter { !s[$0].properties.isWhitespace }
        let tIndex = t.indices.filter { !t[$0].properties.isWhitespace }
        guard sIndex.count == tIndex.count, zip(sIndex, tIndex).allSatisfy({ s[$0] == t[$1] }) else { return nil }
        // rank[i]: how many non-space characters of the source come before position i.
        var rank = [Int](repeating: 0, count: s.count + 1)
        for i in 0..<s.count { rank[i + 1] = rank[i] + (s[i].properties.isWhitespace ? 0 : 1) }
        return entities.compactMap { e in
            guard e.start >= 0, e.end <= s.count, e.start < e.end else { return nil }
            let first = rank[e.start], last = rank[e.end] - 1
            guard first <= last, last < tIndex.count else { return nil }
            let start = tIndex[first], end = tIndex[last] + 1
            return Entity(start: start, end: end, type: e.type, text: slice(t, start, end), canonical: e.canonical,
                          source: e.source, id: e.id)
        }
    }

    static func slice(_ scalars: [Unicode.Scalar], _ start: Int, _ end: Int) -> String {
        let lower = max(0, min(start, scalars.count))
        let upper = max(lower, min(end, scalars.count))
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[lower..<upper])
        return String(view)
    }

    /// Up to `width` code points either side of the span, the span marked with
    /// [[ ]], line breaks and tabs shown as spaces, "…" where the text goes on.
    static func context(_ scalars: [Unicode.Scalar], _ start: Int, _ end: Int, width: Int = 40) -> String {
        let left = max(0, start - width)
        let right = min(scalars.count, end + width)
        func clean(_ s: String) -> String {
            String(String.UnicodeScalarView(s.unicodeScalars.map { $0.properties.generalCategory == .control
                    || $0 == "\u{2028}" || $0 == "\u{2029}" ? " " : $0 }))
        }
        return (left > 0 ? "…" : "") + clean(slice(scalars, left, start)) + "[[" + clean(slice(scalars, start, end))
            + "]]" + clean(slice(scalars, end, right)) + (right < scalars.count ? "…" : "")
    }
}
