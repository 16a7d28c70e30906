// brat standoff output: a .ann file of T lines beside the .txt, and the
// annotation.conf and visual.conf of a run, read back as gold by BratReader.

import Foundation
import Testing
@testable import Eigenname

@Suite("brat output")
struct BratOutputTests {
    @Test("T lines with code point offsets, the canonical name as an AnnotatorNotes line")
    func layout() {
        let doc = Fixtures.annotate("😀 Über Fords Jim Farley.")
        #expect(string(BratOutput.annotations(doc)) == """
            T1\tCOMPANY 7 12\tFords
            #1\tAnnotatorNotes T1\tFord Motor Company
            T2\tPERSON 13 23\tJim Farley
            #2\tAnnotatorNotes T2\tJim Farley

            """)
    }

    @Test("a discovered entity gets the binary attribute Discovered on an A line; lexicon entities get none")
    func discoveredAttribute() {
        let doc = FormatFixtures.discovered
        #expect(string(BratOutput.annotations(doc)) == """
            T1\tCOMPANY 4 31\tHansen Fahrzeugtechnik GmbH
            #1\tAnnotatorNotes T1\tHansen Fahrzeugtechnik GmbH
            A1\tDiscovered T1
            T2\tCOMPANY 42 46\tFord
            #2\tAnnotatorNotes T2\tFord Motor Company
            T3\tPERSON 66 78\tPetra Lorenz
            #3\tAnnotatorNotes T3\tPetra Lorenz
            A2\tDiscovered T3

            """)
    }

    @Test("a lexicon row's id becomes a normalization line: Wikidata for a QID, Lexicon for another id")
    func normalizationLines() {
        var doc = FormatFixtures.discovered
        doc.entities[1].id = "Q44294"
        doc.entities[0].id = "hansen-42"
        let lines = string(BratOutput.annotations(doc)).split(separator: "\n").filter { $0.hasPrefix("N") }
        #expect(lines == ["N1\tReference T1 Lexicon:hansen-42\tHansen Fahrzeugtechnik GmbH",
                          "N2\tReference T2 Wikidata:Q44294\tFord Motor Company"])
        // BratReader still reads the spans.
        let read = try? BratReader.read(annotations: BratOutput.annotations(doc), annPath: "h.ann", text: doc.text, id: "h")
        #expect(read?.documents.first?.entities.count == 3)
    }

    @Test("annotation.conf declares Discovered for every entity type; visual.conf draws it as a dashed box")
    func discoveredConfiguration() {
        let conf = string(BratOutput.annotationConfiguration(types: ["COMPANY"]))
        #expect(conf.hasSuffix("[attributes]\n# An entity that no lexicon row lists, found by the discovery rules.\nDiscovered\tArg:<ENTITY>\n"))
        let visual = string(BratOutput.visualConfiguration(types: ["COMPANY"]))
        #expect(visual.hasSuffix("\nDiscovered\tdashArray:3-3, glyph:<NONE>\n"))
    }

    @Test("BratReader reads the entities of a .ann with Discovered attributes, the A lines skipped")
    func discoveredReadBack() throws {
        let doc = FormatFixtures.discovered
        let read = try BratReader.read(annotations: BratOutput.annotations(doc), annPath: "hansen.ann", text: doc.text, id: "hansen")
        #expect(read.warnings.isEmpty)
        #expect(read.documents.first?.entities.map(\.span) == doc.entities.map(\.span))
        #expect(read.documents.first?.entities.map(\.type) == ["COMPANY", "COMPANY", "PERSON"])
    }

    @Test("round trip: .txt and .ann read back with BratReader, F1 1.0 against the JSONL entities")
    func roundTrip() throws {
        let documents = FormatFixtures.documents
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for doc in documents {
            try write(doc.utf8, to: "\(dir)/\(doc.id).txt")
            try write(BratOutput.annotations(doc), to: "\(dir)/\(doc.id).ann")
        }
        let readBack = try BratReader.read(path: dir)
        let jsonl = try FormatFixtures.jsonlDocuments(documents)
        let evaluation = EntityScorer().score(gold: readBack.documents, predicted: jsonl)
        let total = documents.reduce(0) { $0 + $1.entities.count }
        #expect(evaluation.documents.matched == documents.count)
        #expect(evaluation.goldEntities == total && evaluation.predictedEntities == total)
        #expect(evaluation.exactMicro.f1 == 1.0)
        #expect(evaluation.documents.textDiffers.isEmpty)
        // The only warnings are about the line-spanning entity of "umbruch".
        #expect(readBack.warnings.allSatisfy { $0.contains("umbruch.ann") && $0.contains("discontinuous") })
    }

    @Test("an entity over a line break is a discontinuous span without the break; its text joins the lines with a space")
    func multiLineEntity() throws {
        let doc = Fixtures.annotate("Die Financial \n  Times schreibt.")
        let ann = string(BratOutput.annotations(doc))
        #expect(ann.hasPrefix("T1\tCOMPANY 4 13;17 22\tFinancial Times\n"))
        let read = try BratReader.read(annotations: Array(ann.utf8), annPath: "x.ann", text: doc.text, id: "x")
        #expect(read.documents.first?.entities.map(\.span) == [TextSpan(start: 4, end: 22)])
    }

    @Test("types with spaces are written with underscores; annotation.conf and visual.conf list the types")
    func configuration() {
        var doc = Fixtures.annotate("Ford baut.")
        doc.entities[0].type = "AUTO BAUER"
        doc.entities[0].canonical = "Ford\nMotor\tCompany"
        #expect(string(BratOutput.annotations(doc)) == "T1\tAUTO_BAUER 0 4\tFord\n#1\tAnnotatorNotes T1\tFord Motor Company\n")
        let conf = string(BratOutput.annotationConfiguration(types: ["PERSON", "COMPANY", "PERSON"]))
        #expect(conf.contains("[entities]\nCOMPANY\nPERSON\n\n[relations]"))
        let visual = string(BratOutput.visualConfiguration(types: ["COMPANY"]))
        #expect(visual.contains("[drawing]\nCOMPANY\tbgColor:\(TypeColors.background("COMPANY"))\n"))
    }
}
