// A rerun into the same output directory: inputs whose output is newer are
// skipped, --force does them again.

import Foundation
import Testing
@testable import Eigenname

@Suite("Rerun")
struct RerunTests {
    private func directory() -> String {
        let dir = NSTemporaryDirectory() + "eigenname-robust-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    private func write(_ bytes: [UInt8], _ path: String) {
        try! FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
    }

    private func run(_ inputs: [String], out: String? = nil, force: Bool = false)
        throws -> (BatchSummary, [String])
    {
        var options = BatchOptions()
        options.outputDirectory = out
        options.force = force
        options.jobs = 2
        var errors: [String] = []
        let summary = try BatchAnnotator(lexicon: Fixtures.lexicon, options: options)
            .run(try InputCollector.collect(inputs), onError: { errors.append("\($0)") })
        return (summary, errors)
    }

    @Test func rerunSkipsInputsWhoseOutputIsNewerAndForceRedoesThem() throws {
        let dir = directory(), out = directory()
        write(Array("Ford".utf8), dir + "/a.txt")
        write(Array("Xiaomi".utf8), dir + "/b.txt")
        #expect(try run([dir], out: out).0.documents == 2)
        let again = try run([dir], out: out).0
        #expect(again.documents == 0 && again.skippedFiles == 2)
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 60)], ofItemAtPath: dir + "/b.txt")
        #expect(try run([dir], out: out).0.documents == 1)
        #expect(try run([dir], out: out, force: true).0.documents == 2)
    }
}
