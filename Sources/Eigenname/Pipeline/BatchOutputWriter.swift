// The pipeline, writing: document outcomes in input order in, output files out.
//
// In:  the batches of a run, each document processed (DocumentProcessor), and
//      where each input file begins and ends.
// Out: the outputs, framed by the format (one per input file under --out, or
//      one on standard output), or the files of each document and the
//      collection files at the end; the BatchSummary, write failures included.
//      Or, collecting names (`eigenname discover`), no output: each document's
//      discovered names to the caller, in input order.
//
// Runs on the calling thread of a batch run. Knows nothing of any one format:
// what a format writes comes from its OutputFormat.

import Foundation

struct BatchOutputWriter {
    let options: BatchOptions
    let format: any OutputFormat
    let inputs: [InputFile]
    /// Every input of the run, up-to-date ones included, in order (for the collection files).
    let allInputs: [InputFile]
    var summary = BatchSummary()
    /// Inputs skipped as up to date, with their output: per-document formats read
    /// them back, so the collection files of a resumed run (the HTML index, brat's
    /// configuration) are those of an undisturbed one.
    var upToDate: [(input: InputFile, output: String)] = []

    private var sink: OutputSink?
    private var framing = OutputFraming()
    /// The output file being written: its path, the error that keeps it from
    /// being written (the sink could not be made), and its documents so far.
    private var outputPath = ""
    private var outputError: EigennameError?
    private var outputDocuments = 0
    private var stdoutStarted = false
    /// The current input's path (per-document formats: what each entry belongs to).
    private var inputPath = ""
    /// Collection entries of the documents written, with their input's path.
    private var entries: [(input: String, entry: CollectionEntry)] = []

    init(options: BatchOptions, inputs: [InputFile], allInputs: [InputFile]) {
        self.options = options
        self.format = options.format
        self.inputs = inputs
        self.allInputs = allInputs
    }

    private var separateFiles: Bool { options.outputDirectory != nil }

    mutating func write(_ work: BatchWork<DocumentOutcome>, onError: (EigennameError) -> Void,
                        onNames: (DocumentNames) -> Void = { _ in }) {
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
                case .success(let processed):
                    if let names = processed.names {
                        // `eigenname discover`: names instead of output.
                        onNames(names)
                        count(processed)
                        continue
                    }
                    let output = processed.output
                    guard !output.bytes.isEmpty || !output.files.isEmpty else { continue }
                    if outputDocuments > 0 { sink?.write(framing.separator) }
                    sink?.write(output.bytes)
                    if !output.files.isEmpty && writeFiles(output.files, onError: onError), let entry = output.entry {
                        entries.append((inputPath, entry))
                    }
                    outputDocuments += 1
                    count(processed)
                case .failure(let error):
                    report(error, onError)
                    // Streaming keeps one line out per line in: the error takes the document's place.
                    if options.streaming { sink?.write(Self.errorLine(error)) }
                }
            }
        }
        checkStandardOutput(onError: onError)
    }

    /// One document done: what the summary counts of it.
    private mutating func count(_ processed: ProcessedDocument) {
        summary.documents += 1
        summary.entities += processed.entities.total
        for (type, count) in processed.entities.byType { summary.entitiesByType[type, default: 0] += count }
        summary.bytes += processed.inputBytes
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

    /// One document's files, in order; after a failure the rest are not written,
    /// since the last one marks the input done for a resumed run (brat: .ann after .txt).
    private mutating func writeFiles(_ files: [OutputFile], onError: (EigennameError) -> Void) -> Bool {
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
            let sink = try OutputSink.file(at: path, writer: options.vectorWriter)
            sink.write(bytes)
            try sink.commit()
            return true
        } catch {
            outputFailed(path, error, documents: documents, onError)
            return false
        }
    }

    private mutating func begin(_ file: Int, onError: (EigennameError) -> Void) {
        // Collecting names writes no output.
        guard !options.collectsNames else { return }
        let input = inputs[file]
        if format.writesFilePerDocument {
            // A folder per JSONL file; the documents of a text or XML file sit where the file sits.
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
                sink = OutputSink.standardOutput(writer: options.vectorWriter)
                framing = format.framing(for: .standardOutput)
                sink?.write(framing.begin)
            }
            return
        }
        outputPath = dir + "/" + (input.relativePath as NSString).deletingPathExtension + "." + format.fileExtension
        outputDocuments = 0
        do {
            sink = try OutputSink.file(at: outputPath, writer: options.vectorWriter)
            outputError = nil
        } catch {
            // Its documents are still annotated (their errors are reported), and counted as not written.
            sink = nil
            outputError = error
        }
        framing = format.framing(for: .file(input: input.format))
        sink?.write(framing.begin)
    }

    private mutating func end(onError: (EigennameError) -> Void) {
        guard !format.writesFilePerDocument else { return }
        sink?.write(framing.end)
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
        guard format.writesFilePerDocument, !summary.stoppedEarly, let dir = options.outputDirectory else { return }
        documentDirectory = ""
        // Entries of up-to-date inputs are read back from their files; all in input order.
        var all = entries
        for (input, output) in upToDate {
            guard let bytes = FileManager.default.contents(atPath: output),
                  let entry = format.collectionEntry(readingBack: [UInt8](bytes), relativePath: String(output.dropFirst(dir.count + 1)))
            else { continue }
            all.append((input.path, entry))
        }
        var position: [String: Int] = [:]
        for (k, input) in allInputs.enumerated() where position[input.path] == nil { position[input.path] = k }
        let ordered = all.enumerated().sorted {
            (position[$0.element.input] ?? 0, $0.offset) < (position[$1.element.input] ?? 0, $1.offset)
        }.map(\.element.entry)
        for file in format.collectionFiles(ordered) {
            writeFile(file.name, file.bytes, documents: 0, onError: onError)
        }
    }
}
