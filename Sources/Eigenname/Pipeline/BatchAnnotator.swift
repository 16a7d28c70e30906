// The pipeline over many documents: input files in, output files out.
//
// In:  InputFiles and a compiled lexicon.
// Out: one output per input file (or all to standard output), in input order
//      whatever the number of workers; a BatchSummary; every bad document
//      reported through `onError` while the others go on.
//
// Three parts: this file schedules the work; DocumentProcessor does one
// document's work on a worker (decode, annotate, serialize in the output
// format); BatchOutputWriter writes the outcomes in order.
//
// Work flows in batches of a few megabytes. While the workers (WorkerPool)
// process batch k, each with its own Annotator and serializer, taking the next
// document as it gets free and going on to batch k+1 when k has none left, the
// calling thread reads batch k+1, then waits for k and writes it. So reading
// and writing overlap the work, memory stays bounded (two batches in flight),
// and the output order is the input order.

import Dispatch
import Foundation

/// How a ``BatchAnnotator`` reads, annotates and writes: the command line's `eigenname annotate` options.
public struct BatchOptions: Sendable {
    /// The output format (default: JSON Lines, ``JSONLinesFormat``).
    public var format: any OutputFormat = .jsonl
    /// Adds tokens and sentences to JSON output (XML always has them).
    public var includeTokens = false
    /// One output file per input file under this directory; nil: standard output.
    public var outputDirectory: String? = nil
    /// Worker threads, each with its own ``Annotator`` (default: one per processor core).
    public var jobs = ProcessInfo.processInfo.activeProcessorCount
    /// Read invalid UTF-8 as U+FFFD instead of reporting the document as failed.
    public var replaceInvalid = false
    /// Answer each input line as soon as it is read, flushing after each batch
    /// (for pipes: Hadoop Streaming, Spark's RDD.pipe).
    public var streaming = false
    /// With ``streaming``: answer each line with the compact `["id",[[start,end,"type","text",
    /// "canonical","source"(,"id")],…]]` instead of the document in the output format, the text
    /// not echoed, and no tokens (`eigenname stream --compact`, for clients that keep their texts).
    public var compactAnswers = false
    /// False: tokens and sentences only (`eigenname tokenize`).
    public var recognizeEntities = true
    /// For .xml inputs: which elements hold the text (nil: XMLInput.defaultTextXPath).
    public var xmlTextXPath: String? = nil
    /// With an output directory: redo inputs whose output is newer than they are
    /// (without it, such inputs are skipped, so an interrupted run resumes).
    public var force = false
    /// The recognition rules to run (RecognitionRules.swift; `--rules`, $EIGENNAME_RULES).
    package var rules: RuleSet = .all
    /// No output (whatever `outputDirectory` says): each document's discovered names go to the
    /// `onNames` of ``BatchAnnotator/run(_:onError:onProgress:onNames:)`` instead (`eigenname discover`).
    package var collectsNames = false
    /// How output bytes are written (tests put in one that fails like a full disk).
    var vectorWriter: OutputSink.VectorWriter = OutputSink.systemWriter

    /// Options with the defaults: JSON Lines to standard output, one worker per core.
    public init() {}

    /// What the output needs of each document.
    var needs: AnnotationNeeds {
        AnnotationNeeds(entities: recognizeEntities, tokens: format.needsTokens(includeTokens: includeTokens))
    }
}

/// Annotates many input files on several threads and writes one output per input file (or all to standard output), in input order.
/// 
/// A bad document is reported through `onError` of ``run(_:onError:onProgress:)`` while the others go on.
public final class BatchAnnotator: Sendable {
    private let options: BatchOptions
    private let processors: [DocumentProcessor]

    /// Creates the workers (``BatchOptions/jobs`` annotators sharing `lexicon`).
    /// - Throws: ``EigennameError/library(name:reason:)`` when ICU or libxml2 cannot start.
    public init(lexicon: CompiledLexicon, options: BatchOptions) throws(EigennameError) {
        self.options = options
        var processors: [DocumentProcessor] = []
        for _ in 0..<max(1, options.jobs) { processors.append(try DocumentProcessor(lexicon: lexicon, options: options)) }
        self.processors = processors
    }

    /// Annotates every input; reports each failed document or file through
    /// `onError`, and how far it is through `onProgress` after every batch.
    public func run(_ inputs: [InputFile], onError: (EigennameError) -> Void,
                    onProgress: (BatchProgress) -> Void = { _ in }) -> BatchSummary {
        run(inputs, onError: onError, onProgress: onProgress, onNames: { _ in })
    }

    /// As ``run(_:onError:onProgress:)``; with ``BatchOptions/collectsNames``, hands each
    /// document's discovered names to `onNames`, in input order on the calling thread, and writes nothing.
    package func run(_ inputs: [InputFile], onError: (EigennameError) -> Void,
                     onProgress: (BatchProgress) -> Void, onNames: (DocumentNames) -> Void) -> BatchSummary {
        let started = DispatchTime.now()
        let (todo, skipped) = options.force || options.collectsNames ? (inputs, []) : upToDateFilesRemoved(inputs)
        let totalBytes = todo.reduce(0) { $0 + fileSize($1.path) }
        var writer = BatchOutputWriter(options: options, inputs: todo, allInputs: inputs)
        writer.summary.skippedFiles = skipped.count
        writer.upToDate = skipped.compactMap { input in outputPath(of: input).map { (input, $0) } }
        let reader = WorkReader(todo, totalBytes: totalBytes, maximumBatchBytes: maximumBatchBytes,
                                keepsBlankLines: options.streaming)
        func elapsed() -> Double { Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9 }
        let processors = self.processors
        let pool = WorkerPool<DocumentOutcome>(workers: processors.count) { unit, worker in processors[worker].process(unit) }
        defer { pool.close() }
        func submit(_ items: [BatchItem]) -> BatchWork<DocumentOutcome> {
            let batch = BatchWork<DocumentOutcome>(items, placeholder: .success(ProcessedDocument()))
            pool.submit(batch)
            return batch
        }
        var current = reader.nextBatch(returnEarly: options.streaming).map(submit)
        while let batch = current {
            if options.streaming {
                // Reading ahead only what the client has sent already: it may wait for these
                // answers before it writes more, but what is there keeps the workers busy
                // while these answers are written (without it they idle at every batch's end).
                let ahead = reader.hasInputReady ? reader.nextBatch(returnEarly: true).map(submit) : nil
                batch.finished.wait()
                writer.write(batch, onError: onError, onNames: onNames)
                writer.flush(onError: onError)
                if writer.summary.stoppedEarly { break }
                current = ahead ?? reader.nextBatch(returnEarly: true).map(submit)
            } else {
                // The workers go on to the next batch while this one is written.
                current = reader.nextBatch().map(submit)
                batch.finished.wait()
                writer.write(batch, onError: onError, onNames: onNames)
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

    /// The largest batch: 4 MB; streaming, 64 KB per worker (128 KB to 1 MB). A client that
    /// keeps a window of lines in flight (the Python package: 256 lines, about 600 KB of news
    /// text) then gets answers back while the workers go on with the lines read ahead, and
    /// refills the window before they run dry; with the whole window in one batch, client and
    /// workers took turns (20 MB through the Python package, five pairs on 2 cores: 0.43 → 0.41 s).
    private var maximumBatchBytes: Int {
        options.streaming ? min(1 << 20, max(128 << 10, (64 << 10) * processors.count)) : 4 << 20
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
