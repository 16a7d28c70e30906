// Output, the formats: what an output format is, and the list of them.
//
// In:  annotated documents, one at a time, on the worker threads; where each
//      output (a file per input file, or standard output) begins and ends.
// Out: the bytes of each output; or, for formats written one file per
//      document under --out, those files, and at the end the files that
//      describe the whole collection (an index, a configuration).
//
// A batch run asks its format four things: whether documents need tokens and
// sentences (`needsTokens`); how to serialize one document (`makeSerializer`:
// one serializer per worker, which may keep state such as libxml2's writer);
// what opens, separates and closes one output (`framing`); and, when it writes
// a file per document, which files describe the collection
// (`collectionFiles`, from one `CollectionEntry` per document, also read back
// from the files of a resumed run by `collectionEntry(readingBack:)`).
//
// Adding a format: a file in Output/ with a type that conforms, and one line in
// `OutputFormats.all` (see README, "Changing the code").

/// One output format of `--format`.
public protocol OutputFormat: Sendable {
    /// The name after `--format` ("jsonl").
    var name: String { get }
    /// The extension of an output file ("jsonl"; "tcf.xml"; for per-document
    /// formats, that of the file that marks an input done on a resumed run).
    var fileExtension: String { get }
    /// One file (or a few) per document under `--out`, instead of documents
    /// streamed into one output per input file or into standard output.
    var writesFilePerDocument: Bool { get }
    /// A line for `--help`.
    var summary: String { get }

    /// Whether documents must carry tokens and sentences (JSON only with --tokens).
    /// Without them a very large document is annotated in parts.
    func needsTokens(includeTokens: Bool) -> Bool
    /// A serializer for one worker thread.
    func makeSerializer(includeTokens: Bool) throws(EigennameError) -> any DocumentSerializer
    /// What opens, separates and closes the documents of one output.
    func framing(for output: OutputTarget) -> OutputFraming
    /// The files that describe the whole collection, written after the last document
    /// (names relative to --out), from the entries of every document in input order.
    func collectionFiles(_ entries: [CollectionEntry]) -> [OutputFile]
    /// The entry of a document written by an earlier run (its file's bytes and path
    /// relative to --out): a resumed run lists it as an undisturbed run would.
    func collectionEntry(readingBack bytes: [UInt8], relativePath: String) -> CollectionEntry?
}

extension OutputFormat {
    public var writesFilePerDocument: Bool { false }
    public func needsTokens(includeTokens: Bool) -> Bool { true }
    public func framing(for output: OutputTarget) -> OutputFraming { OutputFraming() }
    public func collectionFiles(_ entries: [CollectionEntry]) -> [OutputFile] { [] }
    public func collectionEntry(readingBack bytes: [UInt8], relativePath: String) -> CollectionEntry? { nil }
}

/// Serializes documents for one worker thread (not shared between threads).
public protocol DocumentSerializer {
    /// Serializes one document: bytes for the output, or (for formats that write a file per document) its files in `place`.
    /// - Throws: ``EigennameError/library(name:reason:)`` when libxml2 fails.
    func serialize(_ document: AnnotatedDocument, at place: DocumentPlace) throws(EigennameError) -> SerializedDocument
}

/// Where a document's own files go, for formats that write a file per document.
public struct DocumentPlace: Sendable {
    /// The folder below --out, "/"-separated ("" for the top).
    public var directory: String
    /// The file name without extension, from the document id, safe for a file system.
    public var fileStem: String

    /// A place: a folder below the output directory ("" for the top) and a file name without extension.
    public init(directory: String, fileStem: String) {
        self.directory = directory
        self.fileStem = fileStem
    }

    /// A path below --out of a file in this place.
    public func path(_ name: String) -> String { directory.isEmpty ? name : directory + "/" + name }
}

/// One document serialized: bytes for the output, or files of its own.
public struct SerializedDocument: Sendable {
    /// The document's bytes in the output (empty for formats that write a file per document).
    public var bytes: [UInt8] = []
    /// Names relative to the document's place; written in this order, and after a
    /// failure the rest are not (the last one marks the input done for a resumed run).
    public var files: [OutputFile] = []
    /// What the collection files say of this document.
    public var entry: CollectionEntry? = nil

    /// A serialized document: output bytes, files of its own, and what the collection files say of it.
    public init(bytes: [UInt8] = [], files: [OutputFile] = [], entry: CollectionEntry? = nil) {
        self.bytes = bytes
        self.files = files
        self.entry = entry
    }
}

/// A file an output format writes: a name relative to the output directory ("/"-separated) and its bytes.
public struct OutputFile: Sendable {
    /// The file's path relative to the output directory, "/"-separated ("a/b.html").
    public var name: String
    /// The file's contents.
    public var bytes: [UInt8]

    /// A file from its relative path and contents.
    public init(name: String, bytes: [UInt8]) {
        self.name = name
        self.bytes = bytes
    }
}

/// What a collection file (the HTML index, brat's configuration) says of one document.
public struct CollectionEntry: Sendable {
    /// The document's main file, relative to --out ("a/b.html").
    public var href: String
    /// The document's count of entities.
    public var entityCount: Int
    /// The entity types the document has.
    public var entityTypes: [String]

    /// An entry from the document's main file and its entities.
    public init(href: String, entityCount: Int, entityTypes: [String]) {
        self.href = href
        self.entityCount = entityCount
        self.entityTypes = entityTypes
    }
}

/// The output a framing is for.
public enum OutputTarget: Sendable {
    /// All documents of the run to standard output.
    case standardOutput
    /// The output file of one input file of this format.
    case file(input: InputFile.Format)
}

/// What opens, separates and closes the documents of one output.
public struct OutputFraming: Sendable {
    /// Bytes before the first document ("[" of a JSON array, an XML header).
    public var begin: [UInt8] = []
    /// Bytes between two documents.
    public var separator: [UInt8] = []
    /// Bytes after the last document.
    public var end: [UInt8] = []

    /// A framing from its three parts (all empty by default: documents back to back).
    public init(begin: [UInt8] = [], separator: [UInt8] = [], end: [UInt8] = []) {
        self.begin = begin
        self.separator = separator
        self.end = end
    }
}

/// The formats `--format` offers.
public enum OutputFormats {
    /// Every format, one line each.
    public static let all: [any OutputFormat] = [
        JSONLinesFormat(),
        JSONFormat(),
        XMLFormat(),
        CoNLLFormat(),
        TCFFormat(),
        BratFormat(),
        HTMLFormat(),
    ]

    /// The format of this `--format` name ("jsonl", "xml", …), or nil for an unknown name.
    public static func named(_ name: String) -> (any OutputFormat)? {
        all.first { $0.name == name }
    }
}

// `.jsonl`, `.xml`, … wherever a format is expected.
extension OutputFormat where Self == JSONLinesFormat {
    /// The JSON Lines format (``JSONLinesFormat``), as in `format: .jsonl`.
    public static var jsonl: JSONLinesFormat { JSONLinesFormat() }
}
extension OutputFormat where Self == JSONFormat {
    /// The pretty-printed JSON format (``JSONFormat``), as in `format: .json`.
    public static var json: JSONFormat { JSONFormat() }
}
extension OutputFormat where Self == XMLFormat {
    /// The XML format (``XMLFormat``), as in `format: .xml`.
    public static var xml: XMLFormat { XMLFormat() }
}
extension OutputFormat where Self == CoNLLFormat {
    /// The CoNLL format (``CoNLLFormat``), as in `format: .conll`.
    public static var conll: CoNLLFormat { CoNLLFormat() }
}
extension OutputFormat where Self == TCFFormat {
    /// The TCF format (``TCFFormat``), as in `format: .tcf`.
    public static var tcf: TCFFormat { TCFFormat() }
}
extension OutputFormat where Self == BratFormat {
    /// The brat format (``BratFormat``), as in `format: .brat`.
    public static var brat: BratFormat { BratFormat() }
}
extension OutputFormat where Self == HTMLFormat {
    /// The HTML format (``HTMLFormat``), as in `format: .html`.
    public static var html: HTMLFormat { HTMLFormat() }
}
