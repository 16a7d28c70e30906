// Corpus I/O: input files in, batches of work out.
//
// In:  InputFiles, in order.
// Out: batches of BatchItems: where each file starts and ends, and between
//      them its documents as raw bytes (a whole .txt file, or one JSONL line),
//      still undecoded, so that decoding runs on the workers too. A batch holds
//      a few megabytes at most; JSONL is read line by line, so memory stays flat
//      however large a file is.

import Foundation

/// One document's raw input.
struct WorkUnit: Sendable {
    enum Kind: Sendable { case textFile, jsonlLine, xmlFile }
    var kind: Kind
    /// A JSONL line is a slice of the block it was read into (see LineStream).
    var bytes: ArraySlice<UInt8>
    var path: String
    /// The JSONL line number (1-based); 0 for a text file.
    var line: Int
    /// For outputs written per document: the folder below the output directory
    /// (a folder per JSONL file; a text or XML file's own folder).
    var documentDirectory: String
}

enum BatchItem: Sendable {
    /// Output for input file `index` begins.
    case begin(Int)
    case unit(WorkUnit)
    /// A file or line that could not be read at all.
    case failure(EigennameError)
    /// Output for input file `index` ends.
    case end(Int)
}

final class WorkReader {
    private let inputs: [InputFile]
    private let maximumBytes: Int
    private let maximumUnits: Int
    /// This batch's limit: small at first, so the workers start while the rest
    /// is read, then doubling up to `maximumBytes`.
    private var batchBytes: Int
    /// All input bytes (0: unknown, as for standard input) and those read so far:
    /// towards the end, batches shrink again (a quarter of what is left), so that
    /// little work waits for the last batch's slowest worker and output.
    private let totalBytes: Int
    private var bytesRead = 0
    private var next = 0
    private var lines: LineStream?
    private var documentDirectory = ""
    /// Blank JSONL lines become units too (streaming answers every line).
    private let keepsBlankLines: Bool

    init(_ inputs: [InputFile], totalBytes: Int = 0, maximumBatchBytes: Int = 4 << 20, maximumBatchUnits: Int = 4096,
         keepsBlankLines: Bool = false) {
        self.inputs = inputs
        self.totalBytes = totalBytes
        self.keepsBlankLines = keepsBlankLines
        maximumBytes = maximumBatchBytes
        maximumUnits = maximumBatchUnits
        batchBytes = min(maximumBatchBytes, 256 << 10)
    }

    /// Whether `nextBatch(returnEarly: true)` can start without waiting for input to arrive
    /// (another file to open, a line buffered or ready on the pipe, or the end).
    var hasInputReady: Bool {
        if let lines { return lines.hasInputReady }
        return next < inputs.count
    }

    /// The next batch; nil when every input is read. With `returnEarly`, a batch
    /// ends as soon as no further input is ready (for pipes: `eigenname stream`
    /// answers each line without waiting for the next).
    func nextBatch(returnEarly: Bool = false) -> [BatchItem]? {
        var items: [BatchItem] = []
        var bytes = 0
        var units = 0
        defer {
            batchBytes = min(maximumBytes, batchBytes * 2)
            bytesRead += bytes
        }
        let limit = totalBytes > 0 ? min(batchBytes, max(256 << 10, (totalBytes - bytesRead) / 4)) : batchBytes
        while bytes < limit && units < maximumUnits {
            if let stream = lines {
                if returnEarly && units > 0 && !stream.hasBufferedLine { break }
                switch stream.next() {
                case .success(let line)?:
                    if !keepsBlankLines && line.bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
                    items.append(.unit(WorkUnit(kind: .jsonlLine, bytes: line.bytes, path: stream.path, line: line.number,
                                                documentDirectory: documentDirectory)))
                    bytes += line.bytes.count
                    units += 1
                case .failure(let error)?:
                    items.append(.failure(error))
                case nil:
                    items.append(.end(next - 1))
                    lines = nil
                }
                continue
            }
            guard next < inputs.count else { break }
            let input = inputs[next]
            next += 1
            documentDirectory = input.format == .jsonl
                ? (input.relativePath as NSString).deletingPathExtension
                : (input.relativePath as NSString).deletingLastPathComponent
            switch input.format {
            case .jsonl:
                do {
                    lines = try LineStream(path: input.path)
                    items.append(.begin(next - 1))
                } catch {
                    items.append(.failure(error))
                }
            case .text, .xml:
                guard let data = FileManager.default.contents(atPath: input.path) else {
                    let exists = FileManager.default.fileExists(atPath: input.path)
                    items.append(.failure(.io(path: input.path, reason: exists ? "cannot read file" : "no such file")))
                    continue
                }
                items.append(.begin(next - 1))
                items.append(.unit(WorkUnit(kind: input.format == .xml ? .xmlFile : .textFile, bytes: ArraySlice(data),
                                            path: input.path, line: 0, documentDirectory: documentDirectory)))
                items.append(.end(next - 1))
                bytes += data.count
                units += 1
            }
        }
        return items.isEmpty ? nil : items
    }
}
