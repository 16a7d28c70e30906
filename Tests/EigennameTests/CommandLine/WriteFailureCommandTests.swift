// Write failures of the eigenname executable: a full standard output, a report,
// compiled lexicon or discover's rows that cannot be written, a reader that went away, a disk
// that fills (with root, on a small tmpfs). The command exits 1 and says what
// was lost, or ends quietly by SIGPIPE; a rerun completes what is missing.

import Foundation
import Testing
@testable import Eigenname

@Suite("Write failures of the command")
struct WriteFailureCommandTests {
    /// Runs the binary with standard output to `stdoutPath` (nil: a pipe that is read to the end).
    private func runProcess(_ arguments: [String], stdoutPath: String? = nil, stdin: String? = nil)
        throws -> (status: Int32, reason: Process.TerminationReason, stderr: String)
    {
        let process = eigennameProcess(arguments)
        let err = Pipe()
        let out = Pipe()
        if let stdoutPath {
            process.standardOutput = FileHandle(forWritingAtPath: stdoutPath)
        } else {
            process.standardOutput = out
        }
        process.standardError = err
        // Standard input from a file: the command may stop reading early, and a pipe would then break here.
        process.standardInput = try Self.inputFile(stdin ?? "")
        try process.run()
        if stdoutPath == nil { _ = out.fileHandleForReading.readDataToEndOfFile() }
        let e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, process.terminationReason, String(decoding: e, as: UTF8.self))
    }

    private static func inputFile(_ text: String) throws -> FileHandle {
        let path = NSTemporaryDirectory() + "eigenname-stdin-" + UUID().uuidString
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        defer { unlink(path) }
        return try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
    }

    private static let documents = (0..<2000).map { "{\"id\": \"\($0)\", \"text\": \"Ford und Xiaomi verhandeln über den SU7.\"}" }
        .joined(separator: "\n") + "\n"
    private static let lexicon = ["--no-default-lexicons", "--lexicon", Fixtures.repository.appendingPathComponent("Lexicons/companies.tsv").path]

    @Test(.enabled(if: binaryAvailable, "needs the eigenname executable beside the tests"))
    func annotateToAFullStandardOutputExitsOne() throws {
        let result = try runProcess(["annotate"] + Self.lexicon, stdoutPath: "/dev/full", stdin: Self.documents)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("eigenname: error: standard output: write failed: No space left on device\n"))
        #expect(result.stderr.contains("1 output not written, stopped early"))
    }

    @Test(.enabled(if: binaryAvailable, "needs the eigenname executable beside the tests"))
    func streamToAFullStandardOutputSaysSoInOneLine() throws {
        let result = try runProcess(["stream", "--jobs", "1"] + Self.lexicon, stdoutPath: "/dev/full", stdin: Self.documents)
        #expect(result.status == 1)
        #expect(result.stderr == "eigenname: error: standard output: write failed: No space left on device\n")
    }

    @Test(.enabled(if: binaryAvailable, "needs the eigenname executable beside the tests"))
    func printingCommandsFailOnAFullStandardOutput() throws {
        #expect(try runProcess(["schema"], stdoutPath: "/dev/full").status == 1)
        #expect(try runProcess(["lexicon", "check"], stdoutPath: "/dev/full").status == 1)
        #expect(try runProcess(["schema"], stdoutPath: "/dev/null").status == 0)
    }

    @Test(.enabled(if: binaryAvailable, "needs the eigenname executable beside the tests"))
    func reportAndCompiledLexiconThatCannotBeWrittenExitOne() throws {
        let report = try runProcess(["annotate", "--quiet", "--report", "/dev/full"] + Self.lexicon, stdoutPath: "/dev/null",
                                    stdin: Self.documents)
        #expect(report.status == 1)
        #expect(report.stderr == "eigenname: error: /dev/full: write failed: No space left on device\n")
        let compile = try runProcess(["lexicon", "compile", "--output", "/dev/full",
                                      Fixtures.repository.appendingPathComponent("Lexicons/companies.tsv").path], stdoutPath: "/dev/null")
        #expect(compile.status == 1)
        #expect(compile.stderr.contains("/dev/full: write failed: No space left on device"))
    }

    @Test(.enabled(if: binaryAvailable, "needs the eigenname executable beside the tests"))
    func discoverToAFullDiskOrStandardOutputExitsOne() throws {
        let documents = "{\"id\": \"1\", \"text\": \"Die Vennholt Logistik AG liefert. Vennholt wächst.\"}\n"
        let out = try runProcess(["discover", "--quiet", "--out", "/dev/full"] + Self.lexicon, stdoutPath: "/dev/null", stdin: documents)
        #expect(out.status == 1)
        #expect(out.stderr == "eigenname: error: /dev/full: write failed: No space left on device\n")
        let stdout = try runProcess(["discover", "--quiet"] + Self.lexicon, stdoutPath: "/dev/full", stdin: documents)
        #expect(stdout.status == 1)
        #expect(stdout.stderr == "eigenname: error: standard output: write failed: No space left on device\n")
    }

    @Test(.enabled(if: binaryAvailable, "needs the eigenname executable beside the tests"))
    func brokenPipeEndsQuietlyBySIGPIPE() throws {
        // A reader that takes nothing and goes away.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: eigennameBinary)
        process.arguments = ["annotate"] + Self.lexicon
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = try Self.inputFile(Self.documents)
        try out.fileHandleForReading.close()
        try process.run()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGPIPE)
        #expect(e.isEmpty)
    }

    @Test(.enabled(if: binaryAvailable && getuid() == 0, "needs the eigenname executable and root (to mount a small tmpfs)"))
    func realFullDiskFailsTheRunAndARerunCompletesIt() throws {
        let base = NSTemporaryDirectory() + "eigenname-tmpfs-" + UUID().uuidString
        let input = base + "/in", mount = base + "/klein", undisturbed = base + "/ganz"
        try FileManager.default.createDirectory(atPath: input, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: mount, withIntermediateDirectories: true)
        for file in 0..<10 {
            _ = FileManager.default.createFile(atPath: input + "/teil\(file).jsonl", contents: Data(Self.documents.utf8))
        }
        func shell(_ command: String) -> Int32 {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/bin/sh")
            p.arguments = ["-c", command]
            try? p.run()
            p.waitUntilExit()
            return p.terminationStatus
        }
        // About three outputs' room (each about 400 KB).
        guard shell("mount -t tmpfs -o size=1300k eigenname-test \(mount)") == 0 else {
            Issue.record("cannot mount a tmpfs although root: skipped")
            return
        }
        defer { _ = shell("umount \(mount)"); try? FileManager.default.removeItem(atPath: base) }
        let full = try runProcess(["annotate", input, "--out", mount + "/out", "--jobs", "2", "--report", base + "/report.json"]
                                  + Self.lexicon, stdoutPath: "/dev/null")
        #expect(full.status == 1)
        let lost = full.stderr.split(separator: "\n").filter { $0.hasSuffix("write failed: No space left on device") }
        #expect(lost.count >= 5)
        let report = try JSONValue.parse(Array(try Data(contentsOf: URL(fileURLWithPath: base + "/report.json"))))
        #expect(report["failed_outputs"]?.arrayValue?.count == lost.count)
        let left = try FileManager.default.contentsOfDirectory(atPath: mount + "/out")
        #expect(left.count == 10 - lost.count && left.allSatisfy { !$0.hasPrefix(".") })
        // The fault goes away; the rerun writes the rest, byte-identical to an undisturbed run.
        #expect(shell("mount -o remount,size=16m \(mount)") == 0)
        let rerun = try runProcess(["annotate", input, "--out", mount + "/out", "--quiet"] + Self.lexicon, stdoutPath: "/dev/null")
        #expect(rerun.status == 0)
        _ = try runProcess(["annotate", input, "--out", undisturbed, "--quiet"] + Self.lexicon, stdoutPath: "/dev/null")
        for file in try FileManager.default.contentsOfDirectory(atPath: undisturbed) {
            #expect(FileManager.default.contents(atPath: mount + "/out/" + file) == FileManager.default.contents(atPath: undisturbed + "/" + file))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: mount + "/out").sorted()
                == FileManager.default.contentsOfDirectory(atPath: undisturbed).sorted())
    }
}
