// The library's front door: the few conveniences that make the common tasks
// short for a Swift user (README, "Use as a Swift library"; Eigenname.docc).
// They call the same code as the command line; none of them is on the hot path.

import Foundation

extension Annotator {
    /// Creates an annotator with the default lexicons.
    ///
    /// The default lexicons are found as ``LexiconLoader/defaultDirectory()`` says:
    /// `$EIGENNAME_LEXICONS`, a `Lexicons/` directory beside or above the executable,
    /// `./Lexicons`, then the copies that come with the library. The compiled form is
    /// cached, so this is quick after the first run.
    ///
    /// - Throws: ``EigennameError`` when the lexicons cannot be read or ICU cannot start.
    public convenience init() throws(EigennameError) {
        try self.init(lexicon: LexiconLoader.load())
    }

    /// Annotates a text: its entities, tokens and sentences.
    ///
    /// - Parameters:
    ///   - text: The document's text. Offsets in the result are Unicode scalar offsets into it.
    ///   - id: The document's id, as the output formats write it.
    public func annotate(_ text: String, id: String = "doc") -> AnnotatedDocument {
        annotate(SourceDocument(id: id, text: text))
    }

    /// Annotates a text given as UTF-8 bytes (or UTF-16 with a byte order mark).
    ///
    /// A leading UTF-8 byte order mark is skipped: offsets count from the character after it.
    /// - Parameters:
    ///   - bytes: The document's bytes.
    ///   - id: The document's id.
    ///   - replaceInvalid: Read invalid UTF-8 as U+FFFD instead of throwing.
    /// - Throws: ``EigennameError/invalidUTF8(origin:byteOffset:)`` with the first bad byte.
    public func annotate(bytes: [UInt8], id: String = "doc", replaceInvalid: Bool = false) throws(EigennameError) -> AnnotatedDocument {
        let origin = DocumentOrigin(path: id)
        let utf8 = try TextDecoding.decode(bytes, origin: origin, replaceInvalid: replaceInvalid)
        return annotate(SourceDocument(id: id, utf8: utf8, origin: origin))
    }
}

extension LexiconLoader {
    /// Reads lexicon rows from text in the lexicon file format (`Lexicons/README.md`):
    /// tab-separated `surface`, `type`, `canonical` and optional columns, one row a line.
    ///
    /// - Parameters:
    ///   - tsv: The rows, as a lexicon file holds them (comment lines start with `#`).
    ///   - name: What messages call the text, in place of a file name.
    /// - Throws: ``EigennameError/malformedLexicon(path:line:reason:)`` for the first bad row.
    public static func rows(tsv: String, name: String = "in-memory lexicon") throws(EigennameError) -> [LexiconEntry] {
        try LexiconFile.parse(Array(tsv.utf8), path: name)
    }

    /// Loads the default lexicons (unless excluded), extra lexicon files, and rows held in memory.
    ///
    /// The result is what `eigenname annotate --lexicon FILE…` uses when `rows` are written to
    /// one more file after `extra`. Rows in memory are compiled on every call (the default
    /// lexicons take well under a second); only lexicons from files are cached.
    /// - Parameters:
    ///   - extra: Lexicon files (`.tsv`) read after the defaults.
    ///   - rows: Rows added last, from ``rows(tsv:name:)`` or built with ``LexiconEntry``'s initializer.
    ///   - includeDefaults: False leaves the default entity lexicons out (not the first names
    ///     and common nouns, which are language knowledge).
    /// - Throws: ``EigennameError`` for a file that cannot be read or a malformed row.
    public static func load(extra: [String] = [], rows: [LexiconEntry], includeDefaults: Bool = true) throws(EigennameError) -> CompiledLexicon {
        let (fileRows, firstNames) = try readRows(try sources(extra: extra, includeDefaults: includeDefaults))
        return try LexiconCompiler(knowledge: .installed).compile(fileRows + rows, firstNames: firstNames)
    }
}

extension JSONOutput {
    /// The interchange JSON of one document as a string (one line unless `options.pretty`).
    public static func string(_ document: AnnotatedDocument, options: JSONOutputOptions = JSONOutputOptions()) -> String {
        String(decoding: encode(document, options: options), as: UTF8.self)
    }
}

extension OutputFormat {
    /// The bytes `eigenname annotate --format NAME` writes to standard output for these documents.
    ///
    /// Formats that write a file per document (``TCFFormat``, ``BratFormat``, ``HTMLFormat``)
    /// have no such bytes: use ``files(for:includeTokens:)``.
    /// - Parameters:
    ///   - documents: Annotated documents, in output order. Formats that show tokens need
    ///     documents annotated with tokens (``Annotator/annotate(_:id:)`` has them).
    ///   - includeTokens: JSON formats: add each document's token and sentence spans.
    /// - Throws: ``EigennameError/usage(_:)`` for a format that writes a file per document.
    public func encode(_ documents: [AnnotatedDocument], includeTokens: Bool = false) throws(EigennameError) -> [UInt8] {
        guard !writesFilePerDocument else {
            throw .usage("the \(name) format writes a file per document: use files(for:) or BatchAnnotator with an output directory")
        }
        let serializer = try makeSerializer(includeTokens: includeTokens)
        let framing = framing(for: .standardOutput)
        var bytes = framing.begin
        for (i, document) in documents.enumerated() {
            if i > 0 { bytes += framing.separator }
            bytes += try serializer.serialize(document, at: DocumentPlace(directory: "", fileStem: safeFileName(document.id))).bytes
        }
        bytes += framing.end
        return bytes
    }

    /// Writes ``encode(_:includeTokens:)`` of the documents to a file handle (standard output, a file, a pipe).
    /// - Throws: ``EigennameError/io(path:reason:)`` when the write fails.
    public func write(_ documents: [AnnotatedDocument], to handle: FileHandle, includeTokens: Bool = false) throws(EigennameError) {
        let bytes = try encode(documents, includeTokens: includeTokens)
        do {
            try handle.write(contentsOf: Data(bytes))
        } catch {
            throw .io(path: "file descriptor \(handle.fileDescriptor)", reason: "cannot write: \(error.localizedDescription)")
        }
    }

    /// The files one document gives in this format, named as under `eigenname annotate --out`
    /// (from the document id; for ``BratFormat``: `.txt` and `.ann`). A format that streams
    /// documents into one output gives one file of the document alone.
    /// - Throws: ``EigennameError`` when the serializer cannot start (libxml2).
    public func files(for document: AnnotatedDocument, includeTokens: Bool = false) throws(EigennameError) -> [OutputFile] {
        let place = DocumentPlace(directory: "", fileStem: safeFileName(document.id))
        let serialized = try makeSerializer(includeTokens: includeTokens).serialize(document, at: place)
        if writesFilePerDocument { return serialized.files }
        let framing = framing(for: .standardOutput)
        return [OutputFile(name: place.path(place.fileStem + "." + fileExtension), bytes: framing.begin + serialized.bytes + framing.end)]
    }
}

extension EvaluationDocument {
    /// An annotated document as a prediction (or gold) for ``EntityScorer/score(gold:predicted:)``.
    public init(_ document: AnnotatedDocument) {
        self.init(id: document.id, text: document.text, entities: document.entities, origin: document.origin)
    }
}
