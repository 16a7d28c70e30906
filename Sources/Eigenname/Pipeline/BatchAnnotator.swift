// The pipeline over many documents: input files in, output files out.
//
// In:  InputFiles and a compiled lexicon.
// Out: one output per input file (or all to standard output), in input order
//      whatever the number of workers; a BatchSummary; every bad document
//      reported through `onError` while the others go on.
//
// Work flows in batches of a few megabytes. While the workers (WorkerPool)
// decode, annotate and serialize batch k, each with its own Annotator, taking
// the next document as it gets free and going on to batch k+1 when k has none
// left, the calling thread reads batch k+1, then waits for k and writes it.
// So reading and writing overlap the work, memory stays bounded (two batches
// in flight), and the output order is the input order.

import Dispatch
import Foundation

public enum OutputFormat: String, Sendable, CaseIterable {
    case jsonl, json, xml, conll, tcf, brat, html

    public var fileExtension: String {
        switch self {
        case .tcf: return "tcf.xml"
        case .brat: return "ann"
        default: return rawValue
        }
    }

    /// Formats written as one file (or, for brat, a pair) per document, which
    /// need --out: TCF, brat and HTML. The others stream documents into one
    /// file per input file, or to standard output.
    public var isPerDocument: Bool { self == .tcf || self == .brat || self == .html }
}

public struct BatchOptions: Sendable {
    public var format: OutputFormat = .jsonl
    /// Adds tokens and sentences to JSON output (XML always has them).
    public var includeTokens = false
    /// One output file per input file under this directory; nil: standard output.
    public var outputDirectory: String? = nil
    public var jobs = ProcessInfo.processInfo.activeProcessorCount
    public var replaceInvalid = false
    /// Answer each input line as soon as it is read, flushing after each batch
    /// (for pipes: Hadoop Streaming, Spark's RDD.pipe).
    public var streaming = false
    /// False: tokens and sentences only (`eigenname tokenize`).
    public var recognizeEntities = true
    /// For .xml inputs: which elements hold the text (nil: XMLInput.defaultTextXPath).
    public var xmlTextXPath: String? = nil
    /// With an output directory: redo inputs whose output is newer than they are
    /// (without it, such inputs are skipped, so an interrupted run resumes).
    public var force = false
    /// The recognition rules to run (RecognitionRules.swift; `--rules`, $EIGENNAME_RULES).
    public var rules: RuleSet = .all
    /// How output bytes are written (tests put in one that fails like a full disk).
    var vectorWriter: OutputSink.VectorWriter = OutputSink.systemWriter

    public init() {}
}

public struct BatchSummary: Sendable {
    public var documents = 0
    public var failedDocuments = 0
    public var entities = 0
    public var entitiesByType: [String: Int] = [:]
    /// Input bytes of the documents done.
    public var bytes = 0
    /// Input files skipped because their output is newer (resumed runs).
    public var skippedFiles = 0
    /// The first error messages (at most 1,000).
    public var errors: [String] = []
    /// Outputs that could not be written (a failed write, close or rename): none
    /// of them is left behind, partial or whole, so a rerun writes them again.
    public var failedOutputs: [OutputFailure] = []
    /// Standard output failed, so the run stopped there: nothing after it could reach the reader.
    public var stoppedEarly = false
    /// The reader of standard output went away (a pipe into `head`): the run stopped quietly.
    public var brokenPipe = false
    public var seconds = 0.0

    public var megabytesPerSecond: Double { seconds > 0 ? Double(bytes) / 1e6 / seconds : 0 }

    /// Every document done and every output written.
    public var succeeded: Bool { failedDocuments == 0 && failedOutputs.isEmpty && !brokenPipe }

    /// Documents annotated whose output was lost with a failed output.
    public var documentsNotWritten: Int { failedOutputs.reduce(0) { $0 + $1.documents } }
}

/// An output that could not be written, and why.
public struct OutputFailure: Sendable, Equatable {
    /// The output file, or "standard output".
    public var path: String
    public var reason: String
    /// Documents annotated for this output and so not written.
    public var documents: Int
}

/// How far a run is, after each batch written.
public struct BatchProgress: Sendable {
    public var documents: Int
    public var failedDocuments: Int
    /// Input bytes read so far, and in all (0 when unknown: standard input).
    public var bytes: Int
    public var totalBytes: Int
    public var seconds: Double
}

// @unchecked: during a run, worker k alone uses annotators[k] and xmlWriters[k].
public final class BatchAnnotator: @unchecked Sendable {
    private let options: BatchOptions
    private let annotators: [Annotator]
    private let xmlWriters: [XMLOutputWriter]

    public init(lexicon: CompiledLexicon, options: BatchOptions) throws(EigennameError) {
        self.options = options
        let jobs = max(1, options.jobs)
        var annotators: [Annotator] = []
        var xmlWriters: [XMLOutputWriter] = []
        for _ in 0..<jobs {
            annotators.append(try Annotator(lexicon: lexicon, rules: options.rules))
            if options.format == .xml {
                // Each worker writes <document> elements inside a <corpus> that
                // a separate frame writer opens and closes per output.
                let writer = try XMLOutputWriter(includeTokens: true)
                _ = writer.begin()
                xmlWriters.append(writer)
            }
        }
        self.annotators = annotators
        self.xmlWriters = xmlWriters
    }

    /// One document's outcome: its serialized bytes (or, for per-document formats,
    /// its files: a name and content each) and what the summary counts.
    typealias Outcome = Result<(bytes: [UInt8], files: [(name: String, bytes: [UInt8])], entities: EntityCounts, inputBytes: Int),
                               EigennameError>

    /// Annotates every input; reports each failed document or file through
    /// `onError`, and how far it is through `onProgress` after every batch.
    public func run(_ inputs: [InputFile], onError: (EigennameError) -> Void,
                    onProgress: (BatchProgress) -> Void = { _ in }) -> BatchSummary {
        let started = DispatchTime.now()
        let (todo, skipped) = options.force ? (inputs, []) : upToDateFilesRemoved(inputs)
        let totalBytes = todo.reduce(0) { $0 + fileSize($1.path) }
        var writer = OutputWriter(options: options, inputs: todo, allInputs: inputs, writerFunction: options.vectorWriter)
        writer.summary.skippedFiles = skipped.count
        writer.upToDate = skipped.compactMap { input in outputPath(of: input).map { (input, $0) } }
        let reader = WorkReader(todo, totalBytes: totalBytes, maximumBatchBytes: options.streaming ? 1 << 20 : 4 << 20,
                                keepsBlankLines: options.streaming)
        func elapsed() -> Double { Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9 }
        let pool = WorkerPool<Outcome>(workers: annotators.count) { [self] unit, worker in process(unit, worker: worker) }
        defer { pool.close() }
        func submit(_ items: [BatchItem]) -> BatchWork<Outcome> {
            let batch = BatchWork<Outcome>(items, placeholder: .success(([], [], EntityCounts(), 0)))
            pool.submit(batch)
            return batch
        }
        var current = reader.nextBatch(returnEarly: options.streaming).map(submit)
        while let batch = current {
            if options.streaming {
                // No reading ahead: a client may wait for these answers before it writes more.
                batch.finished.wait()
                writer.write(batch, onError: onError)
                writer.flush(onError: onError)
                if writer.summary.stoppedEarly { break }
                current = reader.nextBatch(returnEarly: true).map(submit)
            } else {
                // The workers go on to the next batch while this one is written.
                current = reader.nextBatch().map(submit)
                batch.finished.wait()
                writer.write(batch, onError: onError)
                if writer.summary.stoppedEarly { break }
            }
            let s = writer.summary
            onProgress(BatchProgress(documents: s.documents, failedDocuments: s.failedDocuments, bytes: s.bytes,
                                     totalBytes: totalBytes, seconds: elapsed()))
        }
        writer.finish(onError: onError)
        writer.summary.seconds = elapsed()
        return writer.summary
    }

    /// The output file of an input, with an output directory.
    private func outputPath(of input: InputFile) -> String? {
        guard let dir = options.outputDirectory, !input.isStandardInput else { return nil }
        return dir + "/" + (input.relativePath as NSString).deletingPathExtension + "." + options.format.fileExtension
    }

    /// Inputs whose output exists and is newer are done already: a rerun resumes.
    /// Returns the inputs to do and those skipped.
    private func upToDateFilesRemoved(_ inputs: [InputFile]) -> ([InputFile], [InputFile]) {
        guard options.outputDirectory != nil else { return (inputs, []) }
        var todo: [InputFile] = [], skipped: [InputFile] = []
        for input in inputs {
            if let output = outputPath(of: input), let outTime = modificationTime(output),
               let inTime = modificationTime(input.path), outTime >= inTime {
                skipped.append(input)
            } else {
                todo.append(input)
            }
        }
        return (todo, skipped)
    }

    /// Decode, annotate, serialize: all of one document's work, on a worker.
    private func process(_ unit: WorkUnit, worker: Int) -> Outcome {
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
            else { return .success((options.streaming ? [0x0A] : [], [], EntityCounts(), 0)) }  // a blank line
            switch result {
            case .success(let d): document = d
            case .failure(let error): return .failure(error)
            }
        }
        // Only JSON without --tokens needs no tokens; then a very large document goes through in parts.
        let keepingTokens = options.includeTokens || !(options.format == .jsonl || options.format == .json)
        let annotated = annotators[worker].annotate(document, recognizingEntities: options.recognizeEntities,
                                                    keepingTokens: keepingTokens)
        var buffer: [UInt8] = []
        var files: [(name: String, bytes: [UInt8])] = []
        let stem = safeFileName(document.id)
        switch options.format {
        case .jsonl:
            JSONOutput.append(annotated, options: JSONOutputOptions(includeTokens: options.includeTokens, pretty: false), to: &buffer)
            buffer.append(UInt8(ascii: "\n"))
        case .json:
            JSONOutput.append(annotated, options: JSONOutputOptions(includeTokens: options.includeTokens, pretty: true), to: &buffer)
        case .xml:
            do { buffer = try xmlWriters[worker].write(annotated) } catch {
                return .failure(.library(name: "libxml2", reason: "\(document.origin): \(error)"))
            }
        case .conll:
            CoNLLOutput.append(annotated, to: &buffer)
        case .tcf:
            do { files = [(stem + ".tcf.xml", try TCFOutput.document(annotated))] } catch {
                return .failure(.library(name: "libxml2", reason: "\(document.origin): \(error)"))
            }
        case .brat:
            files = [(stem + ".txt", annotated.utf8), (stem + ".ann", BratOutput.annotations(annotated))]
        case .html:
            let depth = unit.documentDirectory.split(separator: "/").count
            files = [(stem + ".html", HTMLOutput.page(annotated, indexHref: String(repeating: "../", count: depth) + "index.html"))]
        }
        return .success((buffer, files, EntityCounts(annotated.entities), unit.bytes.count))
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
        for entity in entities {
            if let k = byType.firstIndex(where: { $0.type == entity.type }) {
                byType[k].count += 1
            } else {
                byType.append((entity.type, 1))
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

/// Writes outcomes in order: opens and closes output files, frames JSON arrays
/// and XML corpora, and counts the summary, failed outputs included.
private struct OutputWriter {
    let options: BatchOptions
    let inputs: [InputFile]
    /// Every input of the run, up-to-date ones included, in order (for the HTML index).
    let allInputs: [InputFile]
    let writerFunction: OutputSink.VectorWriter
    var summary = BatchSummary()
    /// Inputs skipped as up to date, with their output: per-document formats read
    /// them back, so the index (HTML) or type list (brat) of a resumed run is the
    /// same as that of an undisturbed one.
    var upToDate: [(input: InputFile, output: String)] = []
    private var sink: OutputSink?
    /// The output file being written: its path, the error that keeps it from
    /// being written (the sink could not be made), and its documents so far.
    private var outputPath = ""
    private var outputError: EigennameError?
    private var outputDocuments = 0
    private var framedAsArray = false
    private var wroteDocument = false
    private var stdoutStarted = false
    private var xmlFrame: XMLOutputWriter?

    init(options: BatchOptions, inputs: [InputFile], allInputs: [InputFile], writerFunction: @escaping OutputSink.VectorWriter) {
        self.options = options
        self.inputs = inputs
        self.allInputs = allInputs
        self.writerFunction = writerFunction
    }

    private var separateFiles: Bool { options.outputDirectory != nil }

    mutating func write(_ work: BatchWork<BatchAnnotator.Outcome>, onError: (EigennameError) -> Void) {
        for (index, item) in work.items.enumerated() {
            guard !summary.stoppedEarly else { return }
            switch item {
            case .begin(let file):
                begin(file, onError: onError)
            case .end:
                if separateFiles { end(onError: onError) }
            case .failure(let error):
                report(error, onError)
            case .unit:
                switch work.outcomes[index] {
                case .success(let outcome):
                    guard !outcome.bytes.isEmpty || !outcome.files.isEmpty else { continue }
                    if framedAsArray && wroteDocument { sink?.write(Array(",\n".utf8)) }
                    sink?.write(outcome.bytes)
                    if !outcome.files.isEmpty && writeFiles(outcome.files, onError: onError),
                       options.format == .html, let page = outcome.files.first {
                        let href = documentDirectory.isEmpty ? page.name : documentDirectory + "/" + page.name
                        htmlPages.append((inputPath, (String(href.dropLast(".html".count)), href, outcome.entities.total)))
                    }
                    wroteDocument = true
                    outputDocuments += 1
                    summary.documents += 1
                    summary.entities += outcome.entities.total
                    for (type, count) in outcome.entities.byType { summary.entitiesByType[type, default: 0] += count }
                    summary.bytes += outcome.inputBytes
                case .failure(let error):
                    report(error, onError)
                    // Streaming keeps one line out per line in: the error takes the document's place.
                    if options.streaming { sink?.write(Self.errorLine(error)) }
                }
            }
        }
        checkStandardOutput(onError: onError)
    }

    mutating func flush(onError: (EigennameError) -> Void) {
        sink?.flush()
        checkStandardOutput(onError: onError)
    }

    /// Standard output that failed ends the run: nothing written after it can reach the reader.
    private mutating func checkStandardOutput(onError: (EigennameError) -> Void) {
        guard !separateFiles, let sink, let failure = sink.failure else { return }
        standardOutputFailed(sink, failure, onError)
    }

    private mutating func standardOutputFailed(_ sink: OutputSink, _ failure: EigennameError,
                                               _ onError: (EigennameError) -> Void) {
        self.sink = nil
        summary.stoppedEarly = true
        if sink.isBrokenPipe {
            summary.brokenPipe = true  // quietly, as Unix tools do
        } else {
            onError(failure)
            summary.failedOutputs.append(OutputFailure(path: sink.name, reason: Self.reason(failure), documents: 0))
        }
    }

    private static func reason(_ error: EigennameError) -> String {
        if case .io(_, let reason) = error { return reason }
        return "\(error)"
    }

    private mutating func report(_ error: EigennameError, _ onError: (EigennameError) -> Void) {
        onError(error)
        summary.failedDocuments += 1
        if summary.errors.count < 1000 { summary.errors.append("\(error)") }
    }

    private mutating func outputFailed(_ path: String, _ error: EigennameError, documents: Int,
                                       _ onError: (EigennameError) -> Void) {
        onError(error)
        summary.failedOutputs.append(OutputFailure(path: path, reason: Self.reason(error), documents: documents))
    }

    /// {"error": "…"} as one JSONL line.
    static func errorLine(_ error: EigennameError) -> [UInt8] {
        Array((ReportJSON.object([("error", .string("\(error)"))]).rendered(pretty: false) + "\n").utf8)
    }

    /// Where per-document files of the current input go.
    private var documentDirectory = ""
    /// The current input's path.
    private var inputPath = ""
    /// Per-document HTML pages written, for the index, with their input's path.
    private var htmlPages: [(input: String, page: HTMLOutput.IndexEntry)] = []

    /// One document's files, in order; after a failure the rest are not written,
    /// since the last one marks the input done for a resumed run (brat: .ann after .txt).
    private mutating func writeFiles(_ files: [(name: String, bytes: [UInt8])], onError: (EigennameError) -> Void) -> Bool {
        for file in files {
            guard writeFile(file.name, file.bytes, documents: 1, onError: onError) else { return false }
        }
        return true
    }

    @discardableResult
    private mutating func writeFile(_ name: String, _ bytes: [UInt8], documents: Int,
                                    onError: (EigennameError) -> Void) -> Bool {
        guard let dir = options.outputDirectory else { return false }
        let path = dir + "/" + (documentDirectory.isEmpty ? name : documentDirectory + "/" + name)
        do {
            let sink = try OutputSink.file(at: path, writer: writerFunction)
            sink.write(bytes)
            try sink.commit()
            return true
        } catch {
            outputFailed(path, error, documents: documents, onError)
            return false
        }
    }

    private mutating func begin(_ file: Int, onError: (EigennameError) -> Void) {
        if options.format.isPerDocument {
            // A folder per JSONL file; the documents of a text or XML file sit where the file sits.
            let input = inputs[file]
            inputPath = input.path
            documentDirectory = input.format == .jsonl
                ? (input.relativePath as NSString).deletingPathExtension
                : (input.relativePath as NSString).deletingLastPathComponent
            return
        }
        guard let dir = options.outputDirectory else {
            // Standard output: one frame around everything.
            if !stdoutStarted {
                stdoutStarted = true
                sink = OutputSink.standardOutput(writer: writerFunction)
                framedAsArray = options.format == .json
                writeHeader()
            }
            return
        }
        let input = inputs[file]
        outputPath = dir + "/" + (input.relativePath as NSString).deletingPathExtension + "." + options.format.fileExtension
        outputDocuments = 0
        do {
            sink = try OutputSink.file(at: outputPath, writer: writerFunction)
            outputError = nil
        } catch {
            // Its documents are still annotated (their errors are reported), and counted as not written.
            sink = nil
            outputError = error
        }
        framedAsArray = options.format == .json && input.format == .jsonl
        wroteDocument = false
        writeHeader()
    }

    private mutating func writeHeader() {
        switch options.format {
        case .jsonl, .conll, .tcf, .brat, .html: break
        case .json: if framedAsArray { sink?.write(Array("[\n".utf8)) }
        case .xml:
            xmlFrame = try? XMLOutputWriter(includeTokens: true)
            sink?.write(xmlFrame?.begin() ?? [])
        }
    }

    private mutating func end(onError: (EigennameError) -> Void) {
        guard !options.format.isPerDocument else { return }
        switch options.format {
        case .jsonl, .conll, .tcf, .brat, .html: break
        case .json: sink?.write(Array((framedAsArray ? "\n]\n" : "\n").utf8))
        case .xml: sink?.write(xmlFrame?.end() ?? [])
        }
        if separateFiles {
            if let outputError {
                outputFailed(outputPath, outputError, documents: outputDocuments, onError)
            } else if let sink {
                do { try sink.commit() } catch {
                    outputFailed(outputPath, error, documents: outputDocuments, onError)
                }
            }
            outputError = nil
        } else if let sink {
            do { try sink.commit() } catch {
                standardOutputFailed(sink, error, onError)
            }
        }
        sink = nil
    }

    mutating func finish(onError: (EigennameError) -> Void) {
        if !separateFiles && stdoutStarted { end(onError: onError) }
        guard options.format.isPerDocument, !summary.stoppedEarly else { return }
        documentDirectory = ""
        switch options.format {
        case .html:
            // Pages of up-to-date inputs are read back, and all are listed in input order.
            var pages = htmlPages
            for (input, output) in upToDate {
                let href = String(output.dropFirst(options.outputDirectory!.count + 1))
                guard let page = FileManager.default.contents(atPath: output),
                      let count = HTMLOutput.entityCount(ofPage: [UInt8](page)) else { continue }
                pages.append((input.path, (String(href.dropLast(".html".count)), href, count)))
            }
            guard !pages.isEmpty else { return }
            var position: [String: Int] = [:]
            for (k, input) in allInputs.enumerated() where position[input.path] == nil { position[input.path] = k }
            let ordered = pages.enumerated().sorted {
                (position[$0.element.input] ?? 0, $0.offset) < (position[$1.element.input] ?? 0, $1.offset)
            }
            writeFile("index.html", HTMLOutput.index(ordered.map(\.element.page)), documents: 0, onError: onError)
        case .brat:
            var types = Set(summary.entitiesByType.keys)
            for (_, output) in upToDate {
                if let ann = FileManager.default.contents(atPath: output) { types.formUnion(BratOutput.entityTypes(ofAnnotations: [UInt8](ann))) }
            }
            writeFile("annotation.conf", BratOutput.annotationConfiguration(types: types.sorted()), documents: 0, onError: onError)
            writeFile("visual.conf", BratOutput.visualConfiguration(types: types.sorted()), documents: 0, onError: onError)
        default:
            break
        }
    }
}

private func fileSize(_ path: String) -> Int {
    var info = stat()
    return path != "-" && stat(path, &info) == 0 ? Int(info.st_size) : 0
}

private func modificationTime(_ path: String) -> Double? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    return Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9
}
