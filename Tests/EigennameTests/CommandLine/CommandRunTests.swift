// The eigenname executable run as a process: its exit status, an interrupted
// run, stream answering line by line, and what `lexicon check` says about the
// installed world first names.

import Foundation
import Testing
@testable import Eigenname

@Suite("The command: exit status, interruption, stream")
struct CommandRunTests: UsesTemporaryFiles {
    private func runProcess(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:])
        throws -> (status: Int32, stdout: String, stderr: String)
    {
        let process = eigennameProcess(arguments)
        process.environment?.merge(environment) { $1 }
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    @Test(.enabled(if: binaryAvailable, "needs the eigenname executable beside the tests"))
    func exitStatusIsZeroOneOrTwo() throws {
        let dir = directory()
        write(Array("Ford".utf8), dir + "/gut.txt")
        write([0xFF, 0xFE, 0x00], dir + "/schlecht.jsonl")
        #expect(try runProcess(["annotate", dir + "/gut.txt", "--quiet"]).status == 0)
        #expect(try runProcess(["annotate", dir, "--quiet"]).status == 1)
        #expect(try runProcess(["annotate", "--jobs", "0"]).status == 2)
        #expect(try runProcess(["annotate", "--no-default-lexicons"]).status == 2)
    }

    @Test(.enabled(if: binaryAvailable, "needs the eigenname executable beside the tests"))
    func interruptedRunLeavesNoPartialFile() throws {
        let dir = directory(), out = directory()
        // Enough lines that the run is still writing when the signal comes.
        let line = "{\"id\": \"x\", \"text\": \"" + String(repeating: "Ford und Xiaomi verhandeln über den SU7. ", count: 50) + "\"}\n"
        write(Array(String(repeating: line, count: 40_000).utf8), dir + "/viel.jsonl")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: eigennameBinary)
        process.arguments = ["annotate", dir, "--out", out, "--quiet", "--jobs", "1"]
        try process.run()
        // Wait until the temporary output exists, then interrupt.
        let deadline = Date(timeIntervalSinceNow: 30)
        while Date() < deadline && (try? FileManager.default.contentsOfDirectory(atPath: out))?.isEmpty != false {
            usleep(20_000)
        }
        process.terminate()  // SIGTERM
        process.waitUntilExit()
        #expect(process.terminationStatus == 143)
        // Nothing, or (should the signal come after the last rename) the whole output: never a part.
        let left = try FileManager.default.contentsOfDirectory(atPath: out)
        #expect(left == [] || left == ["viel.jsonl"])
        if left == ["viel.jsonl"] {
            let written = try String(contentsOfFile: out + "/viel.jsonl", encoding: .utf8)
            #expect(written.split(separator: "\n").count == 40_000)
        }
    }

    @Test(.enabled(if: binaryAvailable, "needs the eigenname executable beside the tests"))
    func streamAnswersALineBeforeTheNextOneIsWritten() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: eigennameBinary)
        process.arguments = ["stream", "--jobs", "1", "--no-default-lexicons", "--lexicon",
                             Fixtures.repository.appendingPathComponent("Lexicons/companies.tsv").path]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        // A watchdog: if no answer comes, the process is ended and the reads below return nothing.
        DispatchQueue.global().asyncAfter(deadline: .now() + 20) { if process.isRunning { process.terminate() } }
        for i in 0..<3 {
            input.fileHandleForWriting.write(Data("{\"id\": \"\(i)\", \"text\": \"Ford baut Autos.\"}\n".utf8))
            var answer = Data()
            while !answer.contains(0x0A) {
                let chunk = output.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                answer += chunk
            }
            #expect(String(decoding: answer, as: UTF8.self).hasPrefix("{\"id\":\"\(i)\""))
        }
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
    }

    @Test(.enabled(if: binaryAvailable, "needs the eigenname executable beside the tests"))
    func streamAnswersEveryLineInOrder() throws {
        let input = (0..<300).map { "{\"id\": \"\($0)\", \"text\": \"Dokument \($0): Ford\"}" }.joined(separator: "\n")
            + "\nkein json\n"
        let result = try runProcess(["stream", "--jobs", "2", "--no-default-lexicons", "--lexicon",
                                     Fixtures.repository.appendingPathComponent("Lexicons/companies.tsv").path], stdin: input)
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 301)
        #expect(lines.prefix(300).enumerated().allSatisfy { $1.hasPrefix("{\"id\":\"\($0)\"") })
        #expect(lines.last?.hasPrefix("{\"error\":") == true)
        #expect(result.status == 1)
    }

    @Test(.enabled(if: binaryAvailable, "needs the eigenname executable beside the tests"))
    func streamCompactAnswersWithTheIdAndEntitiesOnly() throws {
        let lexicon = ["--no-default-lexicons", "--lexicon", Fixtures.repository.appendingPathComponent("Lexicons/companies.tsv").path]
        let input = (0..<300).map { "{\"id\": \"\($0)\", \"text\": \"Dokument \($0): Ford\"}" }.joined(separator: "\n")
            + "\nkein json\n\n{\"id\": \"leer\", \"text\": \"\"}\n"
        let compact = try runProcess(["stream", "--compact", "--jobs", "2"] + lexicon, stdin: input)
        let lines = compact.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 303)
        let first = try #require(lines.first)
        #expect(first == #"["0",[[12,16,"COMPANY","Ford","Ford Motor Company","lexicon","Q44294"]]]"#)
        #expect(lines.prefix(300).enumerated().allSatisfy { $1.hasPrefix("[\"\($0)\",[[") && !$1.contains("Dokument") })
        #expect(lines[300].hasPrefix("{\"error\":"))  // an error line as without --compact
        #expect(lines[301] == "")  // a blank line for a blank line
        #expect(lines[302] == #"["leer",[]]"#)
        #expect(compact.status == 1)
        // The same entities as the default answer, which is unchanged.
        let full = try runProcess(["stream", "--jobs", "2"] + lexicon, stdin: input)
        let fullLines = full.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        for (c, f) in zip(lines.prefix(300), fullLines.prefix(300)) {
            let entities = try #require(JSONValue.parse(Array(f.utf8))["entities"]?.arrayValue)
            let rows = try #require(JSONValue.parse(Array(c.utf8))[1]?.arrayValue)
            #expect(rows.count == entities.count)
            for (row, entity) in zip(rows, entities) {
                #expect(row[0]?.intValue == entity["start"]?.intValue && row[1]?.intValue == entity["end"]?.intValue)
                #expect(row[3]?.stringValue == entity["text"]?.stringValue && row[6]?.stringValue == entity["id"]?.stringValue)
            }
        }
        #expect(fullLines.first?.hasPrefix(#"{"id":"0","text":"Dokument 0: Ford","entities":[{"start":12"#) == true)
        #expect(try runProcess(["stream", "--compact", "--tokens"] + lexicon).status == 2)
    }

    /// `$EIGENNAME_FIRST_NAMES` names the world first names; `lexicon check` says where they came from, or that none are installed.
    @Test(.enabled(if: binaryAvailable, "needs the eigenname executable beside the tests"))
    func lexiconCheckSaysWhereTheWorldFirstNamesCameFrom() throws {
        let dir = directory()
        write(Array("surface\ttype\tcanonical\nFord\tCOMPANY\t\n".utf8), dir + "/l.tsv")
        write(Array("# test\nAad\t4\nJörg\t8\n".utf8), dir + "/names.txt")
        let found = try runProcess(["lexicon", "check", dir + "/l.tsv"], environment: ["EIGENNAME_FIRST_NAMES": dir + "/names.txt"])
        #expect(found.status == 0)
        #expect(found.stdout.contains("note: world first names: 2 from \(dir)/names.txt\n"), "\(found.stdout)")
        let missing = try runProcess(["lexicon", "check", dir + "/l.tsv"], environment: ["EIGENNAME_FIRST_NAMES": dir + "/none.txt"])
        #expect(missing.status == 0)
        #expect(missing.stdout.contains("note: no world first names installed (knowledge/first-names-world.txt beside the default "
                                        + "lexicons, or $EIGENNAME_FIRST_NAMES; `make knowledge` makes it)"), "\(missing.stdout)")
    }
}
