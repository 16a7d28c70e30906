// The pipeline, one document on a worker: raw input in, serialized output out.
//
// In:  a WorkUnit (a text or XML file's bytes, or one JSONL line).
// Out: a DocumentOutcome: the document in the run's output format (bytes, or
//      files of its own; or its discovered names, for `eigenname discover`),
//      with what the summary counts; or the error that
//      keeps it from being annotated (invalid UTF-8, malformed JSON, …).

import Foundation

/// One document's outcome: its output and what the summary counts, or its error.
typealias DocumentOutcome = Result<ProcessedDocument, EigennameError>

struct ProcessedDocument: Sendable {
    var output = SerializedDocument()
    var entities = EntityCounts()
    /// Input bytes of the document (0 for a blank line).
    var inputBytes = 0
    /// Its discovered names, instead of output (BatchOptions.collectsNames).
    var names: DocumentNames? = nil
}

/// Decode, annotate, serialize: all of one document's work. One per worker: its
/// Annotator (ICU) and its serializer (libxml2's writer for XML) are not thread-safe.
final class DocumentProcessor: @unchecked Sendable {
    private let options: BatchOptions
    private let needs: AnnotationNeeds
    private let annotator: Annotator
    private let serializer: any DocumentSerializer

    init(lexicon: CompiledLexicon, options: BatchOptions) throws(EigennameError) {
        self.options = options
        needs = options.needs
        annotator = try Annotator(lexicon: lexicon, rules: options.rules)
        serializer = options.streaming && options.compactAnswers
            ? CompactAnswerSerializer() : try options.format.makeSerializer(includeTokens: options.includeTokens)
    }

    func process(_ unit: WorkUnit) -> DocumentOutcome {
        let document: SourceDocument
        switch unit.kind {
        case .textFile, .xmlFile:
            let origin = DocumentOrigin(path: unit.path)
            let id = ((unit.path as NSString).lastPathComponent as NSString).deletingPathExtension
            do {
                let bytes = unit.kind == .xmlFile
                    ? try XMLInput.text(of: Array(unit.bytes), path: unit.path, xpath: options.xmlTextXPath) : Array(unit.bytes)
                document = SourceDocument(id: id, utf8: try TextDecoding.decode(bytes, origin: origin,
                                                                                replaceInvalid: options.replaceInvalid),
                                          origin: origin)
            } catch {
                return .failure(error)
            }
        case .jsonlLine:
            let reader = JSONLReader(replacingInvalidUTF8: options.replaceInvalid)
            guard let result = unit.bytes.withUnsafeBufferPointer({ reader.document(line: $0, path: unit.path, lineNumber: unit.line) })
            else {
                // A blank line: streaming answers it with a blank line.
                return .success(ProcessedDocument(output: SerializedDocument(bytes: options.streaming ? [0x0A] : [])))
            }
            switch result {
            case .success(let d): document = d
            case .failure(let error): return .failure(error)
            }
        }
        let annotated = annotator.annotate(document, needs: needs)
        if options.collectsNames {
            return .success(ProcessedDocument(entities: EntityCounts(annotated.entities), inputBytes: unit.bytes.count,
                                              names: NameCollector.names(in: annotated)))
        }
        do {
            let output = try serializer.serialize(annotated, at: DocumentPlace(directory: unit.documentDirectory,
                                                                               fileStem: safeFileName(document.id)))
            return .success(ProcessedDocument(output: output, entities: EntityCounts(annotated.entities),
                                              inputBytes: unit.bytes.count))
        } catch {
            return .failure(error)
        }
    }
}

/// How many entities of each type one document has: counted on the worker, so
/// the thread that writes the output adds a few numbers per document instead of
/// hashing a type name per entity.
struct EntityCounts: Sendable {
    var total = 0
    /// In order of first appearance; lexicons define few types.
    var byType: [(type: String, count: Int)] = []

    init() {}

    init(_ entities: [Entity]) {
        total = entities.count
        // (By index: the type alone is read, no copy of each entity and its strings.)
        for e in entities.indices {
            if let k = byType.firstIndex(where: { $0.type == entities[e].type }) {
                byType[k].count += 1
            } else {
                byType.append((entities[e].type, 1))
            }
        }
    }
}

/// A document id as a file name: path separators and control characters become "_".
func safeFileName(_ id: String) -> String {
    let cleaned = String(id.unicodeScalars.map { c -> Character in
        c == "/" || c == "\\" || c.value < 0x20 || c == ":" ? "_" : Character(c)
    })
    return cleaned.isEmpty || cleaned.hasPrefix(".") ? "_" + cleaned : String(cleaned.prefix(200))
}
