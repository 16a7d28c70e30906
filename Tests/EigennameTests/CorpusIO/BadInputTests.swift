// Bad input: each case one test. The run reports the problem with file and
// position and goes on with the rest; a malformed lexicon stops it before any work.

import Foundation
import Testing
@testable import Eigenname

@Suite("Bad input")
struct BadInputTests: UsesTemporaryFiles {
    private func run(_ inputs: [String], out: String? = nil, format: OutputFormat = .jsonl) throws -> (BatchSummary, [String]) {
        try Fixtures.runBatch(inputs) { $0.outputDirectory = out; $0.format = format }
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
}
