// Bad input, interrupted and resumed runs: each case one test. The run reports
// the problem with file and position and goes on with the rest.

import Foundation
import Testing
@testable import Eigenname

/// The eigenname executable built beside the test bundle.
let eigennameBinary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    .appendingPathComponent("eigenname").path
let binaryAvailable = FileManager.default.isExecutableFile(atPath: eigennameBinary)

@Suite("Robustness")
struct RobustnessTests {
    private func directory() -> String {
        let dir = NSTemporaryDirectory() + "eigenname-robust-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    private func write(_ bytes: [UInt8], _ path: String) {
        try! FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
    }

    private func run(_ inputs: [String], out: String? = nil, format: OutputFormat = .jsonl, force: Bool = false)
        throws -> (BatchSummary, [String])
    {
        var options = BatchOptions()
        options.outputDirectory = out
        options.format = format
        options.force = force
        options.jobs = 2
        var errors: [String] = []
        let summary = try BatchAnnotator(lexicon: Fixtures.lexicon, options: options)
            .run(try InputCollector.collect(inputs), onError: { errors.append("\($0)") })
        return (summary, errors)
    }

    private func runProcess(_ arguments: [String], stdin: String? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: eigennameBinary)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["EIGENNAME_CACHE"] = NSTemporaryDirectory() + "eigenname-test-cache"
        process.environment = env
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

    @Test func utf16FileWithByteOrderMarkIsDecoded() throws {
        let dir = directory()
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in "Xiaomis SU7-Modell".utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        write(bytes, dir + "/utf16.txt")
        let out = directory()
        let (summary, errors) = try run([dir], out: out)
        #expect(errors.isEmpty && summary.entities == 2)
    }

    @Test func binaryFileIsSkippedWithItsOffset() throws {
        let dir = directory()
        write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00], dir + "/bild.txt")
        write(Array("Ford".utf8), dir + "/text.txt")
        let (summary, errors) = try run([dir], out: directory())
        #expect(summary.documents == 1)
        #expect(errors == ["\(dir)/bild.txt: looks like a binary file (NUL or control bytes from byte offset 8); skipped"])
    }

    @Test func textWithAStrayNULIsText() throws {
        let dir = directory(), out = directory()
        write(Array("Ford baut\u{0}Autos.\u{1B}[0m Xiaomi auch.".utf8), dir + "/nul.txt")
        let (summary, errors) = try run([dir], out: out, format: .xml)
        #expect(errors.isEmpty && summary.documents == 1 && summary.entities == 2)
        let xml = try Data(contentsOf: URL(fileURLWithPath: out + "/nul.xml"))
        #expect(try XMLSchemaValidator().validate(Array(xml)).isEmpty)
    }

    @Test func mostlyControlBytesAreBinaryEvenAsValidUTF8() throws {
        let dir = directory()
        write([UInt8](repeating: 0x01, count: 100) + Array("Ford".utf8), dir + "/steuer.txt")
        let (summary, errors) = try run([dir], out: directory())
        #expect(summary.documents == 0)
        #expect(errors == ["\(dir)/steuer.txt: looks like a binary file (NUL or control bytes from byte offset 0); skipped"])
    }

    @Test func emptyFilesGiveEmptyDocuments() throws {
        let dir = directory(), out = directory()
        write([], dir + "/leer.txt")
        write([], dir + "/leer.jsonl")
        let (summary, errors) = try run([dir], out: out)
        #expect(errors.isEmpty && summary.documents == 1)
        #expect(try String(contentsOfFile: out + "/leer.jsonl", encoding: .utf8).hasPrefix("{\"id\":\"leer\",\"text\":\"\""))
    }

    @Test func largeSingleDocumentIsAnnotatedWhole() throws {
        let dir = directory(), out = directory()
        let sentence = "Die Ford Motor Company verhandelt mit Xiaomi über den SU7. "
        write(Array(String(repeating: sentence, count: 40_000).utf8), dir + "/gross.txt")  // 2.4 MB
        let (summary, errors) = try run([dir], out: out)
        #expect(errors.isEmpty)
        #expect(summary.entities == 120_000)
    }

    @Test func controlCharactersAndNULFromJSONKeepXMLValid() throws {
        let dir = directory(), out = directory()
        write(Array("{\"id\": \"c\", \"text\": \"Ford\\u0000\\u0001\\u001b Xiaomi\\u000b\\ufffe\"}\n".utf8), dir + "/c.jsonl")
        _ = try run([dir], out: out, format: .xml)
        let xml = Array(try Data(contentsOf: URL(fileURLWithPath: out + "/c.xml")))
        #expect(try XMLSchemaValidator().validate(xml) == [])
    }

    @Test func missingFileIsReportedAndTheRestIsDone() throws {
        let dir = directory(), out = directory()
        write(Array("Ford".utf8), dir + "/da.txt")
        let (summary, errors) = try run([dir + "/fehlt.txt", dir + "/da.txt"], out: out)
        #expect(summary.documents == 1)
        #expect(errors == ["\(dir)/fehlt.txt: no such file"])
    }

    @Test func malformedLexiconStopsTheRunBeforeAnyWork() throws {
        let dir = directory()
        write(Array("surface\ttype\tcanonical\nFord\tCOMPANY\t\n\tMODEL\t\n".utf8), dir + "/kaputt.tsv")
        #expect(throws: EigennameError.malformedLexicon(path: dir + "/kaputt.tsv", line: 3, reason: "empty surface")) {
            _ = try LexiconLoader.load(extra: [dir + "/kaputt.tsv"], includeDefaults: false)
        }
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
}

@Suite("XML input")
struct XMLInputTests {
    @Test func teiBodyTextIsAnnotated() throws {
        let xml = """
            <?xml version="1.0"?><TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><title>Ford</title></teiHeader>
            <text><body><p>Die Ford Motor Company &amp; Xiaomi.</p><p>Jim Farley kam.</p></body></text></TEI>
            """
        let text = try XMLInput.text(of: Array(xml.utf8), path: "a.xml")
        #expect(String(decoding: text, as: UTF8.self) == "Die Ford Motor Company & Xiaomi.\nJim Farley kam.\n")
    }

    @Test func xpathChoosesTheElements() throws {
        let xml = "<doc><title>Titel</title><abstract>Ford</abstract><main>BMW</main></doc>"
        let text = try XMLInput.text(of: Array(xml.utf8), path: "a.xml", xpath: "//abstract")
        #expect(String(decoding: text, as: UTF8.self) == "Ford")
    }

    @Test func externalEntityIsRefused() {
        let xml = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><r><body>&xxe;</body></r>"
        #expect(throws: EigennameError.io(path: "xxe.xml",
                                          reason: "XML declares entities (xxe); entities are not expanded, for safety (external entities, expansion bombs)")) {
            try XMLInput.text(of: Array(xml.utf8), path: "xxe.xml")
        }
    }

    @Test func billionLaughsIsRefused() {
        var dtd = "<!ENTITY lol \"lol\">"
        for k in 1...9 {
            dtd += "<!ENTITY lol\(k) \"" + String(repeating: "&lol\(k == 1 ? "" : String(k - 1));", count: 10) + "\">"
        }
        let xml = "<?xml version=\"1.0\"?><!DOCTYPE lolz [\(dtd)]><lolz><body>&lol9;</body></lolz>"
        #expect(throws: (any Error).self) { try XMLInput.text(of: Array(xml.utf8), path: "lol.xml") }
    }

    @Test func malformedXMLNamesTheLine() {
        #expect(throws: (any Error).self) { try XMLInput.text(of: Array("<a>\n<b></a>".utf8), path: "bad.xml") }
    }
}

@Suite("Very large documents")
struct LargeDocumentTests {
    @Test func inPartsGivesTheSameEntitiesAsWhole() throws {
        var text = "Jim Farley leitet Ford. "
        var k = 0
        while text.utf8.count < 300_000 {
            k += 1
            switch k % 5 {
            case 0: text += "Farley sagt, der Golf sei gefragt. "           // short form and a model that needs its maker
            case 1: text += "Die Ford Motor Company baut Autos in Köln.\n\n"
            case 2: text += "Der Xiaomi SU7 fährt über 800 km. "
            case 3: text += "Xiaomis Gewinn steigt um 3,5 Prozent. "
            default: text += "Ein Satz ohne Namen, z. B. über Wetter.\n"
            }
        }
        text += "Am Ende nennt der Text auch VW."                         // the maker, only at the very end
        let annotator = try Annotator(lexicon: Fixtures.lexicon)
        let whole = annotator.annotate(SourceDocument(id: "gross", text: text))
        annotator.partSize = 16_384
        let parts = annotator.annotate(SourceDocument(id: "gross", text: text), keepingTokens: false)
        #expect(parts.tokens.isEmpty)
        #expect(whole.entities.count > 1000)
        #expect(parts.entities == whole.entities)
        #expect(whole.entities.contains { $0.text == "Golf" })
    }

    /// Without tokens in the output, code points are counted only for entities and
    /// sentences split only when a rule asks: the entities must not change.
    @Test func entitiesOnlyGivesTheSameEntitiesAsAFullAnnotation() throws {
        let annotator = try Annotator(lexicon: DefaultLexicon.compiled)
        let gold = Fixtures.repository.appendingPathComponent("Corpora/gold/gold.jsonl").path
        let lines = try String(contentsOfFile: gold, encoding: .utf8).split(separator: "\n")
        var entities = 0
        for case .success(let document)? in lines.map({ line in
            Array(line.utf8).withUnsafeBufferPointer { JSONLReader().document(line: $0, path: gold, lineNumber: 1) }
        }) {
            let full = annotator.annotate(document)
            let entitiesOnly = annotator.annotate(document, keepingTokens: false)
            #expect(entitiesOnly.entities == full.entities, "\(document.id)")
            #expect(entitiesOnly.tokens.isEmpty && entitiesOnly.sentences.isEmpty)
            entities += full.entities.count
        }
        #expect(entities > 800)
    }
}
