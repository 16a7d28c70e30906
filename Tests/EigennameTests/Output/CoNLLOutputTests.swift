// CoNLL output: one token and its BIO tag per line, read back as gold by the
// evaluation's CoNLL reader.

import Foundation
import Testing
@testable import Eigenname

@Suite("CoNLL output")
struct CoNLLOutputTests {
    @Test("one token TAB tag per line, B-/I- per entity, # id line first, a blank line after every sentence")
    func layout() {
        let doc = Fixtures.annotate("Ford-Chef Jim Farley lobt BMW. Tesla schweigt.")
        #expect(string(CoNLLOutput.encode(doc)) == """
            # id = doc
            Ford\tB-COMPANY
            -\tO
            Chef\tO
            Jim\tB-PERSON
            Farley\tI-PERSON
            lobt\tO
            BMW\tB-COMPANY
            .\tO

            Tesla\tB-COMPANY
            schweigt\tO
            .\tO


            """)
    }

    @Test("the source is not written: CoNLL has a tag per token and nothing more")
    func sourceLeftOut() {
        let discovered = FormatFixtures.discovered
        var allLexicon = discovered
        for index in allLexicon.entities.indices { allLexicon.entities[index].source = .lexicon }
        let output = string(CoNLLOutput.encode(discovered))
        #expect(output == string(CoNLLOutput.encode(allLexicon)))
        #expect(output.contains("Hansen\tB-COMPANY\nFahrzeugtechnik\tI-COMPANY\nGmbH\tI-COMPANY\n"))
    }

    @Test("adjacent entities of one type stay two entities (IOB2: each starts with B)")
    func adjacentEntities() throws {
        var doc = Fixtures.annotate("BMW Tesla fahren.")
        #expect(doc.entities.map(\.text) == ["BMW", "Tesla"])
        doc.id = "zwei"
        let lines = string(CoNLLOutput.encode(doc)).split(separator: "\n")
        #expect(lines.prefix(3) == ["# id = zwei", "BMW\tB-COMPANY", "Tesla\tB-COMPANY"])
        let read = try CoNLLReader.read(CoNLLOutput.encode(doc), path: "zwei.conll")
        #expect(read.documents.first?.entities.map(\.text) == ["BMW", "Tesla"])
    }

    @Test("round trip: CoNLL read back as gold scores F1 1.0 against the JSONL it came from")
    func roundTrip() throws {
        let documents = FormatFixtures.documents
        var conll: [UInt8] = []
        for doc in documents { CoNLLOutput.append(doc, to: &conll) }
        let readBack = try CoNLLReader.read(conll, path: "korpus.conll")
        #expect(readBack.warnings.isEmpty)
        // One document per "# id = …" line, matched by id; texts differ only in white space.
        #expect(readBack.documents.map(\.id) == documents.map(\.id))
        let jsonl = try FormatFixtures.jsonlDocuments(documents)
        let evaluation = EntityScorer().score(gold: readBack.documents, predicted: jsonl)
        let total = documents.reduce(0) { $0 + $1.entities.count }
        #expect(total >= 20)
        #expect(evaluation.goldEntities == total && evaluation.predictedEntities == total)
        #expect(evaluation.exactMicro.f1 == 1.0)
        #expect(evaluation.exactMicro.truePositives == total)
    }

    @Test("an entity boundary inside a token splits the token, so the entity keeps its exact span")
    func entityInsideToken() throws {
        var doc = Fixtures.annotate("Die Fordwerke und BMWs Werk.")
        #expect(doc.tokens.count == 6)
        // Hand-made spans that do not align with the tokens "Fordwerke" and "BMWs".
        doc.entities = [Entity(start: 4, end: 8, type: "COMPANY", text: "Ford", canonical: "Ford"),
                        Entity(start: 18, end: 21, type: "COMPANY", text: "BMW", canonical: "BMW")]
        let output = string(CoNLLOutput.encode(doc))
        #expect(output.contains("Ford\tB-COMPANY\nwerke\tO\n"))
        #expect(output.contains("BMW\tB-COMPANY\ns\tO\n"))
        let read = try CoNLLReader.read(Array(output.utf8), path: "x.conll")
        #expect(read.documents.first?.entities.map { "\($0.text)/\($0.type)" } == ["Ford/COMPANY", "BMW/COMPANY"])
    }

    @Test("a line break inside a token (line-end hyphenation) is left out: one line per token")
    func lineBreakInsideToken() throws {
        let doc = Fixtures.annotate("Der Auto-\nmobilbauer Ford.")
        let output = string(CoNLLOutput.encode(doc))
        #expect(output.contains("\nAuto-mobilbauer\tO\nFord\tB-COMPANY\n"))
        #expect(try CoNLLReader.read(Array(output.utf8), path: "x.conll").documents.first?.text
                == "Der Auto-mobilbauer Ford .")
    }

    @Test("the # id line never reads as a token: line breaks become spaces, a tag-like last word gets a TAB after it")
    func idLine() throws {
        for id in ["S-Bahn", "O", "Bericht B-X", "zwei\nZeilen\tund\rmehr", "I-95"] {
            var doc = Fixtures.annotate("Ford baut.")
            doc.id = id
            let output = CoNLLOutput.encode(doc)
            let firstLine = string(output).split(separator: "\n", omittingEmptySubsequences: false)[0]
            #expect(firstLine.hasPrefix("# id = ") && !firstLine.contains("\r"))
            let read = try CoNLLReader.read(output, path: "x.conll")
            #expect(read.documents.count == 1)
            #expect(read.documents.first?.text == "Ford baut .", "id \(id)")
        }
    }

    @Test("a document without tokens is its # id line alone")
    func emptyDocument() {
        var doc = Fixtures.annotate("   ")
        doc.id = "leer"
        #expect(string(CoNLLOutput.encode(doc)) == "# id = leer\n")
    }
}
