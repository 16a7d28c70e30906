import Foundation
import Testing
@testable import Eigenname

/// Reading lines and writing output: the parts of a batch run the calling thread does.
@Suite("Corpus I/O")
struct CorpusIOTests {
    private func temporaryPath(_ name: String) -> String {
        NSTemporaryDirectory() + "eigenname-io-" + UUID().uuidString + "/" + name
    }

    private func write(_ bytes: [UInt8], to path: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
    }

    /// 3,000 JSONL-like lines of 1 to 700 bytes, with multi-byte letters.
    private static let lines: [String] = (0..<3000).map { index in
        "{\"id\": \(index), \"text\": \"" + String(repeating: "Größe bei Ford. ", count: index % 41) + "\"}"
    }

    @Test("lines read in small blocks stay intact after later reads: each is a slice of its own block")
    func linesSurviveLaterReads() throws {
        let path = temporaryPath("zeilen.jsonl")
        try write(Array(Self.lines.joined(separator: "\n").utf8), to: path)
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        for chunkSize in [5, 333, 4096, 1 << 20] {
            // All lines first, then compare: a block reused under an earlier line would show here.
            let read = try LineStream(path: path, chunkSize: chunkSize).map { try $0.get() }
            #expect(read.map { String(decoding: $0.bytes, as: UTF8.self) } == Self.lines)
            #expect(read.map(\.number) == Array(1...Self.lines.count))
        }
    }

    @Test("a file sink writes thousands of arrays in order, across flushes, and appears only on commit")
    func fileSinkWritesEverythingInOrder() throws {
        let path = temporaryPath("ausgabe.jsonl")
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let sink = try OutputSink.file(at: path)
        var expected: [UInt8] = []
        // More arrays than one writev takes (1,024) and more bytes than one flush (1 MB).
        for line in Self.lines + Self.lines {
            let bytes = Array((line + "\n").utf8)
            sink.write(bytes)
            expected += bytes
        }
        #expect(expected.count > 2 << 20)
        #expect(!FileManager.default.fileExists(atPath: path))
        try sink.commit()
        #expect(FileManager.default.contents(atPath: path).map { Array($0) } == expected)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: (path as NSString).deletingLastPathComponent)
        #expect(leftovers == ["ausgabe.jsonl"])
    }

    @Test("a file sink dropped without commit leaves neither the file nor its temporary file")
    func droppedSinkLeavesNothing() throws {
        let path = temporaryPath("abgebrochen.jsonl")
        let directory = (path as NSString).deletingLastPathComponent
        defer { try? FileManager.default.removeItem(atPath: directory) }
        do {
            let sink = try OutputSink.file(at: path)
            sink.write(Array(String(repeating: "halb geschrieben\n", count: 100_000).utf8))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).isEmpty)
    }

    @Test("batches of a known-size input grow at first and shrink again towards the end")
    func batchesRampUpAndDown() throws {
        let path = temporaryPath("korpus.jsonl")
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        // About 12 MB in 1 KB lines.
        let line = "{\"text\": \"" + String(repeating: "Ford baut in Köln. ", count: 52) + "\"}\n"
        try write(Array(String(repeating: line, count: 12_000).utf8), to: path)
        let input = InputFile(path: path, relativePath: "korpus.jsonl", format: .jsonl)
        let size = try #require(FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        let reader = WorkReader([input], totalBytes: size)
        var sizes: [Int] = []
        while let batch = reader.nextBatch() {
            sizes.append(batch.reduce(0) { if case .unit(let unit) = $1 { $0 + unit.bytes.count } else { $0 } })
        }
        #expect(sizes.reduce(0, +) == 12_000 * (line.utf8.count - 1))
        #expect(sizes[0] <= 257 << 10)                 // the workers start early
        #expect(sizes.max()! > 2 << 20)                 // then batches are large
        #expect(sizes.last! <= 257 << 10)               // and the last one is small again
    }
}
