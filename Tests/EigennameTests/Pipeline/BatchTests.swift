// Batch runs: inputs in, output files out, in order, with errors reported per document.

import Foundation
import Testing
@testable import Eigenname

@Suite("Batch runs")
struct BatchTests {
    private func temporaryDirectory() -> String {
        let dir = NSTemporaryDirectory() + "eigenname-test-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    private func write(_ text: String, to path: String) {
        try! FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                 withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
    }

    private func run(_ inputs: [String], _ configure: (inout BatchOptions) -> Void) throws -> (BatchSummary, [String]) {
        // Configure decides the workers itself (BatchOptions' default: the cores).
        try Fixtures.runBatch(inputs) { options in
            options.jobs = BatchOptions().jobs
            configure(&options)
        }
    }

    @Test func directoryTreeIsMirroredInTheOutputDirectory() throws {
        let input = temporaryDirectory(), output = temporaryDirectory()
        write("Ford und Xiaomi verhandeln.", to: input + "/a/b/c.txt")
        write("{\"id\": \"x1\", \"text\": \"Jim Farley fährt den SU7.\"}\n", to: input + "/d.jsonl")
        let (summary, errors) = try run([input]) { $0.outputDirectory = output; $0.jobs = 2 }
        #expect(errors.isEmpty)
        #expect(summary.documents == 2)
        let c = try String(contentsOfFile: output + "/a/b/c.jsonl", encoding: .utf8)
        #expect(c.contains("\"id\":\"c\""))
        #expect(FileManager.default.fileExists(atPath: output + "/d.jsonl"))
    }

    @Test func outputOrderIsInputOrderForAnyNumberOfJobs() throws {
        let input = temporaryDirectory()
        var lines = ""
        for i in 0..<500 { lines += "{\"id\": \"doc-\(i)\", \"text\": \"Dokument \(i): Ford und BMW, Jim Farley.\"}\n" }
        write(lines, to: input + "/many.jsonl")
        let one = temporaryDirectory(), two = temporaryDirectory()
        _ = try run([input]) { $0.outputDirectory = one; $0.jobs = 1 }
        _ = try run([input]) { $0.outputDirectory = two; $0.jobs = 2 }
        let a = try Data(contentsOf: URL(fileURLWithPath: one + "/many.jsonl"))
        let b = try Data(contentsOf: URL(fileURLWithPath: two + "/many.jsonl"))
        #expect(a == b)
        let ids = String(decoding: a, as: UTF8.self).split(separator: "\n").map { line -> String in
            let value = try! JSONValue.parse(Array(line.utf8))
            return value["id"]?.stringValue ?? ""
        }
        #expect(ids == (0..<500).map { "doc-\($0)" })
    }

    @Test func badDocumentIsReportedAndTheOthersAreWritten() throws {
        let input = temporaryDirectory(), output = temporaryDirectory()
        write("{\"id\": \"1\", \"text\": \"Ford\"}\n{\"id\": \"2\", \"text\": \n{\"id\": \"3\", \"text\": \"Xiaomi\"}\n",
              to: input + "/mixed.jsonl")
        let (summary, errors) = try run([input]) { $0.outputDirectory = output }
        #expect(summary.documents == 2)
        #expect(summary.failedDocuments == 1)
        #expect(errors.count == 1)
        #expect(errors.first?.contains("mixed.jsonl:2") == true)
        let out = try String(contentsOfFile: output + "/mixed.jsonl", encoding: .utf8)
        #expect(out.split(separator: "\n").count == 2)
    }

    @Test func invalidUTF8FileIsReportedWithFileAndOffset() throws {
        let input = temporaryDirectory(), output = temporaryDirectory()
        _ = FileManager.default.createFile(atPath: input + "/bad.txt", contents: Data([0x46, 0x6F, 0x72, 0x64, 0x20, 0xFF]))
        write("Ford", to: input + "/good.txt")
        let (summary, errors) = try run([input]) { $0.outputDirectory = output }
        #expect(summary.documents == 1)
        #expect(errors.first?.contains("bad.txt: invalid UTF-8 at byte offset 5") == true)
        #expect(FileManager.default.fileExists(atPath: output + "/good.jsonl"))
    }

    @Test func jsonFormatWritesOnePrettyObjectPerTextFile() throws {
        let input = temporaryDirectory(), output = temporaryDirectory()
        write("Ford", to: input + "/one.txt")
        _ = try run([input]) { $0.outputDirectory = output; $0.format = .json }
        let value = try JSONValue.parse(Array(try Data(contentsOf: URL(fileURLWithPath: output + "/one.json"))))
        #expect(value["id"]?.stringValue == "one")
    }

    @Test func xmlOutputOfAWholeRunValidates() throws {
        let input = temporaryDirectory(), output = temporaryDirectory()
        write("Ford\u{1}und\u{FFFE} Xiaomi ]]> <&>\r\n", to: input + "/odd.txt")
        write("{\"id\": \"s\", \"text\": \"Lone \\ud800 surrogate: Ford\"}\n", to: input + "/odd2.jsonl")
        _ = try run([input]) { $0.outputDirectory = output; $0.format = .xml; $0.jobs = 2 }
        let validator = try XMLSchemaValidator()
        for name in ["odd.xml", "odd2.xml"] {
            let xml = Array(try Data(contentsOf: URL(fileURLWithPath: output + "/" + name)))
            #expect(validator.validate(xml) == [], "\(name)")
        }
    }
}
