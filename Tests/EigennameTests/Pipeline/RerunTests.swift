// A rerun into the same output directory: inputs whose output is newer are
// skipped, --force does them again.

import Foundation
import Testing
@testable import Eigenname

@Suite("Rerun")
struct RerunTests: UsesTemporaryFiles {
    private func run(_ inputs: [String], out: String? = nil, force: Bool = false) throws -> (BatchSummary, [String]) {
        try Fixtures.runBatch(inputs) { $0.outputDirectory = out; $0.force = force }
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
