// The pipeline over many documents: input files in, output files out.
//
// In:  InputFiles and a compiled lexicon.
// Out: one output per input file (or all to standard output), in input order,
//      whatever the number of workers; a BatchSummary; every bad document
//      reported through `onError` while the others go on.
//
// Documents are annotated and serialized in parallel, a window of them at a
// time, each worker with its own Annotator; the results are written in order.

import Dispatch
import Foundation

public enum OutputFormat: String, Sendable, CaseIterable {
    case jsonl, json, xml

    public var fileExtension: String { rawValue }
}

public struct BatchOptions: Sendable {
    public var format: OutputFormat = .jsonl
    /// Adds tokens and sentences to JSON output (XML always has them).
    public var includeTokens = false
    /// One output file per input file under this directory; nil: standard output.
    public var outputDirectory: String? = nil
    public var jobs = ProcessInfo.processInfo.activeProcessorCount
    public var replaceInvalid = false

    public init() {}
}

public struct BatchSummary: Sendable {
    public var documents = 0
    public var failedDocuments = 0
    public var entities = 0
    public var bytes = 0
}

// @unchecked: a run uses worker k's Annotator and XML writer from one thread only.
public final class BatchAnnotator: @unchecked Sendable {
    private let lexicon: CompiledLexicon
    private let options: BatchOptions
    private let annotators: [Annotator]
    private let xmlWriters: [XMLOutputWriter]
    /// Writes the <corpus> start and end tags of the current XML output.
    private var xmlFrame: XMLOutputWriter?

    public init(lexicon: CompiledLexicon, options: BatchOptions) throws(EigennameError) {
        self.lexicon = lexicon
        self.options = options
        let jobs = max(1, options.jobs)
        var annotators: [Annotator] = []
        var xmlWriters: [XMLOutputWriter] = []
        for _ in 0..<jobs {
            annotators.append(try Annotator(lexicon: lexicon))
            if options.format == .xml {
                // Each worker writes <document> elements inside a <corpus> that
                // a separate frame writer opens and closes per output file.
                let writer = try XMLOutputWriter(includeTokens: true)
                _ = writer.begin()
                xmlWriters.append(writer)
            }
        }
        self.annotators = annotators
        self.xmlWriters = xmlWriters
    }

    /// Annotates every input; reports each failed document or file through `onError`.
    public func run(_ inputs: [InputFile], onError: (EigennameError) -> Void) -> BatchSummary {
        var summary = BatchSummary()
        let stdout = OutputSink.standardOutput
        var wroteToStdout = false
        var stdoutEmpty = true   // no document written to standard output yet (for JSON array commas)
        for input in inputs {
            let documents: [Result<SourceDocument, EigennameError>]
            do {
                documents = try DocumentReader.documents(of: input, replaceInvalid: options.replaceInvalid)
            } catch {
                onError(error)
                summary.failedDocuments += 1
                continue
            }
            let sink: OutputSink
            if let dir = options.outputDirectory {
                let relative = (input.relativePath as NSString).deletingPathExtension + "." + options.format.fileExtension
                do { sink = try OutputSink.file(at: dir + "/" + relative) } catch {
                    onError(error)
                    summary.failedDocuments += documents.count
                    continue
                }
            } else {
                sink = stdout
            }
            let separateFile = options.outputDirectory != nil
            let asArray = options.format == .json && (input.format == .jsonl || !separateFile)
            if separateFile || !wroteToStdout { sink.write(header(asArray: asArray)) }
            wroteToStdout = wroteToStdout || !separateFile
            var first = separateFile ? true : stdoutEmpty
            var window = 0
            let windowSize = max(1, options.jobs) * 64
            while window < documents.count {
                let slice = Array(documents[window..<min(documents.count, window + windowSize)])
                let results = process(slice)
                for (k, result) in results.enumerated() {
                    switch result {
                    case .success(let (bytes, entityCount)):
                        if asArray && !first { sink.write(Array(",\n".utf8)) }
                        sink.write(bytes)
                        first = false
                        summary.documents += 1
                        summary.entities += entityCount
                        if case .success(let doc) = slice[k] { summary.bytes += doc.utf8.count }
                    case .failure(let error):
                        onError(error)
                        summary.failedDocuments += 1
                    }
                }
                window += windowSize
            }
            if !separateFile { stdoutEmpty = first }
            if separateFile {
                sink.write(footer(asArray: asArray))
                do { try sink.commit() } catch { onError(error) }
            }
        }
        if wroteToStdout {
            stdout.write(footer(asArray: options.format == .json))
            try? stdout.commit()
        }
        return summary
    }

    private func header(asArray: Bool) -> [UInt8] {
        switch options.format {
        case .jsonl: return []
        case .json: return asArray ? Array("[\n".utf8) : []
        case .xml:
            guard let frame = try? XMLOutputWriter(includeTokens: true) else { return [] }
            xmlFrame = frame
            return frame.begin()
        }
    }

    private func footer(asArray: Bool) -> [UInt8] {
        switch options.format {
        case .jsonl: return []
        case .json: return asArray ? Array("\n]\n".utf8) : []
        case .xml: return xmlFrame?.end() ?? []
        }
    }

    /// Annotates and serializes a window of documents on all workers; results keep their order.
    private func process(_ documents: [Result<SourceDocument, EigennameError>])
        -> [Result<([UInt8], Int), EigennameError>]
    {
        var results = [Result<([UInt8], Int), EigennameError>](repeating: .success(([], 0)), count: documents.count)
        let jobs = min(annotators.count, documents.count)
        results.withUnsafeMutableBufferPointer { out in
            let out = UncheckedSendable(out)
            DispatchQueue.concurrentPerform(iterations: jobs) { worker in
                for k in stride(from: worker, to: documents.count, by: jobs) {
                    switch documents[k] {
                    case .failure(let error):
                        out.value[k] = .failure(error)
                    case .success(let doc):
                        let annotated = annotators[worker].annotate(doc)
                        out.value[k] = serialize(annotated, worker: worker).map { ($0, annotated.entities.count) }
                    }
                }
            }
        }
        return results
    }

    private func serialize(_ doc: AnnotatedDocument, worker: Int) -> Result<[UInt8], EigennameError> {
        var buffer: [UInt8] = []
        switch options.format {
        case .jsonl:
            JSONOutput.append(doc, options: JSONOutputOptions(includeTokens: options.includeTokens, pretty: false), to: &buffer)
            buffer.append(UInt8(ascii: "\n"))
        case .json:
            JSONOutput.append(doc, options: JSONOutputOptions(includeTokens: options.includeTokens, pretty: true), to: &buffer)
        case .xml:
            do { buffer = try xmlWriters[worker].write(doc) } catch {
                return .failure(.library(name: "libxml2", reason: "\(doc.origin): \(error)"))
            }
        }
        return .success(buffer)
    }
}

/// Wraps a value that is shared across threads with external synchronization
/// (here: each worker writes disjoint indices).
struct UncheckedSendable<T>: @unchecked Sendable {
    var value: T
    init(_ value: T) { self.value = value }
}
