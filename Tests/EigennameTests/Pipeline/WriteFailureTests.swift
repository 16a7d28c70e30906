// Write failures: a full disk, a broken pipe, an output directory that is a
// file. Each one fails the run (counted, reported, exit 1) and leaves no partial
// output; a rerun after the fault is gone writes exactly what is missing.

import Foundation
import Synchronization
import Testing
@testable import Eigenname

/// Passes bytes on to the real descriptor until `limit` bytes went through (over
/// all sinks of a run, like the free space of one disk), then fails with `error`.
/// `discarding`: takes the bytes without writing them (for standard output).
final class FailingWriter: Sendable {
    private let left: Mutex<Int>
    private let error: Int32
    private let discarding: Bool

    init(after limit: Int, error: Int32 = ENOSPC, discarding: Bool = false) {
        left = Mutex(limit)
        self.error = error
        self.discarding = discarding
    }

    var function: OutputSink.VectorWriter {
        { [self] descriptor, vectors, count in
            let budget = left.withLock { $0 }
            guard budget > 0 else {
                errno = error
                return -1
            }
            // One vector at a time, at most the budget: partial writes, as a disk that fills gives.
            let n = discarding ? min(budget, vectors[0].iov_len) : Glibc.write(descriptor, vectors[0].iov_base, min(budget, vectors[0].iov_len))
            if n > 0 { left.withLock { $0 -= n } }
            return n
        }
    }
}

@Suite("Write failures")
struct WriteFailureTests: UsesTemporaryFiles {
    /// Ten JSONL files of 50 documents each (or more).
    private func corpus(documentsPerFile: Int = 50) -> String {
        let dir = directory()
        for file in 0..<10 {
            let lines = (0..<documentsPerFile).map { "{\"id\": \"\(file)-\($0)\", \"text\": \"Jim Farley, CEO von Ford, ist Xiaomis SU7-Modell gefahren (\($0)).\"}" }
            _ = FileManager.default.createFile(atPath: dir + "/teil\(file).jsonl", contents: Data(lines.joined(separator: "\n").utf8))
        }
        return dir
    }

    private func run(_ inputs: [String], out: String?, format: OutputFormat = .jsonl, writer: OutputSink.VectorWriter? = nil,
                     jobs: Int = 2) throws -> (BatchSummary, [String]) {
        try Fixtures.runBatch(inputs) { options in
            options.outputDirectory = out
            options.format = format
            options.jobs = jobs
            if let writer { options.vectorWriter = writer }
        }
    }

    /// Every file below `dir` (relative path → bytes), hidden ones included.
    private func files(_ dir: String) -> [String: [UInt8]] {
        var result: [String: [UInt8]] = [:]
        let enumerator = FileManager.default.enumerator(atPath: dir)
        while let relative = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: dir + "/" + relative, isDirectory: &isDirectory), !isDirectory.boolValue {
                result[relative] = FileManager.default.contents(atPath: dir + "/" + relative).map { Array($0) }
            }
        }
        return result
    }

    // MARK: The sink

    @Test("a file sink whose writes fail after some bytes throws on commit and leaves no file")
    func failingFileSinkLeavesNothing() throws {
        let dir = directory()
        let sink = try OutputSink.file(at: dir + "/aus.jsonl", writer: FailingWriter(after: 100).function)
        sink.write(Array(repeating: UInt8(ascii: "x"), count: 5000))
        sink.flush()
        #expect(sink.failure == .io(path: dir + "/aus.jsonl", reason: "write failed: No space left on device"))
        #expect(throws: EigennameError.io(path: dir + "/aus.jsonl", reason: "write failed: No space left on device")) {
            try sink.commit()
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == [])
    }

    @Test("a block written from raw memory (a compiled lexicon) goes out whole after the arrays before it, through partial writes")
    func rawBlockIsWrittenAfterPendingArrays() throws {
        let dir = directory()
        let path = dir + "/block.bin"
        // Half a megabyte a call at most: the block goes out in partial writes.
        let sink = try OutputSink.file(at: path, writer: { descriptor, vectors, _ in
            Glibc.write(descriptor, vectors[0].iov_base, min(vectors[0].iov_len, 1 << 19))
        })
        let block = (0..<(3 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        sink.write(Array("head".utf8))
        block.withUnsafeBytes { sink.write($0) }
        sink.write(Array("tail".utf8))
        try sink.commit()
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(Array("head".utf8) + block + Array("tail".utf8)))
    }

    @Test("a path that exists and is no regular file (/dev/full) is written directly, and its failure reported")
    func deviceIsWrittenDirectly() throws {
        let sink = try OutputSink.file(at: "/dev/full")
        sink.write(Array("{}".utf8))
        #expect(throws: EigennameError.io(path: "/dev/full", reason: "write failed: No space left on device")) {
            try sink.commit()
        }
        var info = stat()
        #expect(stat("/dev/full", &info) == 0 && (info.st_mode & S_IFMT) == S_IFCHR)
    }

    @Test("a symbolic link (as /dev/stdout is) is written through, never replaced")
    func symbolicLinkIsWrittenThrough() throws {
        let dir = directory()
        _ = FileManager.default.createFile(atPath: dir + "/ziel.json", contents: Data("alt und länger".utf8))
        try FileManager.default.createSymbolicLink(atPath: dir + "/link.json", withDestinationPath: dir + "/ziel.json")
        let sink = try OutputSink.file(at: dir + "/link.json")
        sink.write(Array("{}".utf8))
        try sink.commit()
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: dir + "/link.json") == dir + "/ziel.json")
        #expect(FileManager.default.contents(atPath: dir + "/ziel.json") == Data("{}".utf8))
    }

    // MARK: Batch runs with --out

    @Test("a disk that fills during a run: the lost outputs are counted with their documents, none is left partial")
    func fullDiskFailsTheLostOutputs() throws {
        let input = corpus(), out = directory()
        let (summary, errors) = try run([input], out: out, writer: FailingWriter(after: 3 * 9000).function)
        #expect(!summary.succeeded)
        #expect(summary.failedOutputs.count >= 6)
        #expect(summary.failedOutputs.allSatisfy { $0.reason == "write failed: No space left on device" && $0.documents == 50 })
        #expect(summary.documentsNotWritten == 50 * summary.failedOutputs.count)
        #expect(errors.count == summary.failedOutputs.count)
        #expect(errors.first?.hasPrefix(out + "/teil") == true)
        // The outputs there are whole: 50 lines each, and no temporary file.
        let written = files(out)
        #expect(written.count == 10 - summary.failedOutputs.count)
        for (name, bytes) in written {
            #expect(!name.hasPrefix("."))
            #expect(bytes.filter { $0 == 0x0A }.count == 50)
        }
    }

    @Test("a rerun after the fault writes exactly the missing outputs, byte-identical to an undisturbed run")
    func rerunCompletesByteIdentical() throws {
        let input = corpus(), undisturbed = directory(), out = directory()
        _ = try run([input], out: undisturbed)
        let (failed, _) = try run([input], out: out, writer: FailingWriter(after: 4 * 9000).function)
        let lost = failed.failedOutputs.count
        #expect(lost > 0)
        let (rerun, errors) = try run([input], out: out)
        #expect(errors.isEmpty && rerun.succeeded)
        #expect(rerun.skippedFiles == 10 - lost)
        #expect(rerun.documents == 50 * lost)
        #expect(files(out) == files(undisturbed))
    }

    @Test("an output directory that is a regular file: every output fails, naming the file in the way")
    func outputDirectoryIsAFile() throws {
        let input = corpus(), dir = directory()
        _ = FileManager.default.createFile(atPath: dir + "/aus", contents: Data("kein Ordner".utf8))
        let (summary, errors) = try run([input], out: dir + "/aus")
        #expect(summary.failedOutputs.count == 10)
        #expect(summary.documentsNotWritten == 500)
        #expect(errors.first == "\(dir)/aus/teil0.jsonl: cannot create the output directory \(dir)/aus: \(dir)/aus is not a directory")
    }

    @Test("per-document files: after a failed .txt the .ann (which marks the input done) is not written")
    func bratDocumentStopsAtTheFirstFailure() throws {
        let input = directory(), out = directory()
        _ = FileManager.default.createFile(atPath: input + "/a.txt", contents: Data("Ford baut Autos.".utf8))
        let (summary, _) = try run([input], out: out, format: .brat, writer: FailingWriter(after: 0).function)
        #expect(summary.failedOutputs.map(\.path) == [out + "/a.txt", out + "/annotation.conf", out + "/visual.conf"])
        #expect(files(out).isEmpty)
    }

    @Test("a resumed HTML run writes the same index as an undisturbed one, the skipped pages included")
    func resumedHTMLIndexListsEveryPage() throws {
        let input = directory(), undisturbed = directory(), out = directory()
        for (name, text) in [("a", "Ford und Xiaomi."), ("b", "Jim Farley fährt."), ("c", "Nichts.")] {
            _ = FileManager.default.createFile(atPath: input + "/\(name).txt", contents: Data(text.utf8))
        }
        _ = try run([input], out: undisturbed, format: .html)
        _ = try run([input], out: out, format: .html)
        try FileManager.default.removeItem(atPath: out + "/b.html")
        try FileManager.default.removeItem(atPath: out + "/index.html")
        let (resumed, _) = try run([input], out: out, format: .html)
        #expect(resumed.skippedFiles == 2 && resumed.documents == 1)
        #expect(files(out) == files(undisturbed))
    }

    @Test("a resumed brat run writes the same annotation.conf, with the types of the skipped documents")
    func resumedBratConfigurationKeepsEveryType() throws {
        let input = directory(), undisturbed = directory(), out = directory()
        _ = FileManager.default.createFile(atPath: input + "/a.txt", contents: Data("Ford und der SU7.".utf8))
        _ = FileManager.default.createFile(atPath: input + "/b.txt", contents: Data("Jim Farley.".utf8))
        _ = try run([input], out: undisturbed, format: .brat)
        _ = try run([input], out: out, format: .brat)
        try FileManager.default.removeItem(atPath: out + "/b.ann")
        _ = try run([input], out: out, format: .brat)
        #expect(files(out) == files(undisturbed))
    }

    // MARK: Standard output

    @Test("standard output failing ends the run at once and counts as a failed output")
    func standardOutputFailureStopsTheRun() throws {
        // About 2 MB: several batches, so that stopping early shows.
        let input = corpus(documentsPerFile: 2000)
        let (summary, errors) = try run([input], out: nil, writer: FailingWriter(after: 1000, discarding: true).function, jobs: 1)
        #expect(summary.stoppedEarly && !summary.brokenPipe && !summary.succeeded)
        #expect(summary.failedOutputs == [OutputFailure(path: "standard output", reason: "write failed: No space left on device", documents: 0)])
        #expect(errors == ["standard output: write failed: No space left on device"])
        #expect(summary.documents < 20_000)
    }

    @Test("a reader that went away (EPIPE) ends the run quietly: no error line, no failed output")
    func brokenPipeIsQuiet() throws {
        let input = corpus()
        let (summary, errors) = try run([input], out: nil, writer: FailingWriter(after: 0, error: EPIPE, discarding: true).function, jobs: 1)
        #expect(summary.brokenPipe && summary.stoppedEarly)
        #expect(summary.failedOutputs.isEmpty && errors.isEmpty)
    }

    // MARK: Inputs that change while they are read

    @Test("an input truncated or removed after it was listed gives a consistent result or a clear error")
    func inputChangedAfterListing() throws {
        let input = directory()
        _ = FileManager.default.createFile(atPath: input + "/a.txt", contents: Data("Ford baut Autos in Köln und Xiaomi in Peking.".utf8))
        _ = FileManager.default.createFile(atPath: input + "/b.jsonl", contents: Data("{\"id\": \"1\", \"text\": \"Ford\"}\n{\"id\": \"2\", \"text\": \"Xiaomi\"}\n".utf8))
        _ = FileManager.default.createFile(atPath: input + "/c.txt", contents: Data("Xiaomi".utf8))
        let listed = try InputCollector.collect([input])
        // After listing: a.txt cut short, b.jsonl cut in the middle of its second line, c.txt gone.
        try Data("Ford baut".utf8).write(to: URL(fileURLWithPath: input + "/a.txt"))
        try Data("{\"id\": \"1\", \"text\": \"Ford\"}\n{\"id\": \"2\", \"te".utf8).write(to: URL(fileURLWithPath: input + "/b.jsonl"))
        try FileManager.default.removeItem(atPath: input + "/c.txt")
        var options = BatchOptions()
        options.jobs = 2
        options.outputDirectory = directory()
        var errors: [String] = []
        let summary = try BatchAnnotator(lexicon: Fixtures.lexicon, options: options).run(listed, onError: { errors.append("\($0)") })
        #expect(summary.documents == 2)  // a.txt as it is now, and line 1 of b.jsonl
        #expect(summary.failedDocuments == 2)
        #expect(errors.contains("\(input)/c.txt: no such file"))
        #expect(errors.contains { $0.hasPrefix("\(input)/b.jsonl:2") })
    }
}
