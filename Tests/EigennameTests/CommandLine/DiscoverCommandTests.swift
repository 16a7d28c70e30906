// `eigenname discover` run as a process: the rows written with --out, read back
// by `lexicon check` and `annotate --lexicon`; a --min-count that makes no sense.
// (What the rows hold is tested in Lexicon/NameCollectorTests; a write that
// fails in WriteFailureCommandTests.)

import Foundation
import Testing
@testable import Eigenname

@Suite("The discover command")
struct DiscoverCommandTests: UsesTemporaryFiles {
    private func runProcess(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = eigennameProcess(arguments)
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    private static let lexicon = ["--no-default-lexicons", "--lexicon", Fixtures.repository.appendingPathComponent("Lexicons/companies.tsv").path]

    /// Three documents, in a .txt file and a .jsonl file: two firms and a person no lexicon lists.
    private func corpus() -> String {
        let dir = directory()
        write(Array("Die Vennholt Logistik AG aus Bremen stellt auf Elektro-Lkw von Volvo um. Petra Lorenz, Geschäftsführerin, sagte, Vennholt tausche bis 2027 die Hälfte der Flotte.".utf8),
              dir + "/korpus/bremen.txt")
        write(Array(("{\"id\": \"b\", \"text\": \"Der Spediteur Vennholt Logistik AG wächst weiter, sagte Petra Lorenz.\"}\n"
                     + "{\"id\": \"c\", \"text\": \"Die Hesselbach Umwelttechnik GmbH liefert an BMW.\"}\n").utf8),
              dir + "/korpus/meldungen.jsonl")
        return dir
    }

    @Test(.enabled(if: binaryAvailable, "needs the eigenname executable beside the tests"))
    func discoverWritesRowsThatLexiconCheckAndAnnotateRead() throws {
        let dir = corpus(), rows = dir + "/neu.tsv"
        let discover = try runProcess(["discover", dir + "/korpus", "--out", rows, "--jobs", "2"] + Self.lexicon)
        #expect(discover.status == 0)
        #expect(discover.stdout.isEmpty)
        #expect(discover.stderr.contains("3 documents"))
        #expect(discover.stderr.contains("3 names discovered, 2 of them mentioned at least 2 times, written to \(rows)"))
        let lines = try String(contentsOfFile: rows, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(lines == [
            "surface\ttype\tcanonical\tid\tmaker\tflags\tcount\tdocuments\texample\tvariants",
            "Vennholt Logistik AG\tCOMPANY\tVennholt Logistik AG\t\t\t\t3\t2\tDie Vennholt Logistik AG aus Bremen stellt auf…\tVennholt Logistik AG|Vennholt",
            "Petra Lorenz\tPERSON\tPetra Lorenz\t\t\t\t2\t2\t…auf Elektro-Lkw von Volvo um. Petra Lorenz, Geschäftsführerin, sagte,…\tPetra Lorenz",
        ])

        let check = try runProcess(["lexicon", "check", rows])
        #expect(check.status == 0)
        #expect(check.stdout.contains("1 files: 0 errors, 0 warnings"))

        let annotate = try runProcess(["annotate", "--quiet", dir + "/korpus", "--lexicon", rows] + Self.lexicon)
        #expect(annotate.status == 0)
        let entities = annotate.stdout.split(separator: "\n").flatMap { line -> [JSONValue] in
            (try? JSONValue.parse(Array(line.utf8)))?["entities"]?.arrayValue ?? []
        }
        let fromRows = entities.filter { ["Vennholt Logistik AG", "Petra Lorenz"].contains($0["canonical"]?.stringValue) }
        #expect(fromRows.count == 5)
        #expect(fromRows.allSatisfy { $0["source"]?.stringValue == "lexicon" })
    }

    @Test(.enabled(if: binaryAvailable, "needs the eigenname executable beside the tests"))
    func discoverWritesToStandardOutputAndMinCountOneKeepsEveryName() throws {
        let result = try runProcess(["discover", corpus() + "/korpus", "--min-count", "1", "--quiet"] + Self.lexicon)
        #expect(result.status == 0 && result.stderr.isEmpty)
        let surfaces = result.stdout.split(separator: "\n").dropFirst().map { String($0.split(separator: "\t")[0]) }
        #expect(surfaces == ["Vennholt Logistik AG", "Petra Lorenz", "Hesselbach Umwelttechnik GmbH"])
    }

    @Test(.enabled(if: binaryAvailable, "needs the eigenname executable beside the tests"))
    func minCountBelowOneIsAUsageError() throws {
        let result = try runProcess(["discover", "--min-count", "0"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--min-count must be at least 1"))
    }
}
