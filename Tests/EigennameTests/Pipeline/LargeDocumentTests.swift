// Very large documents: a single 2.4 MB text file is annotated whole, and a
// document annotated in parts, or without tokens, has the same entities.

import Foundation
import Testing
@testable import Eigenname

@Suite("Very large documents")
struct LargeDocumentTests: UsesTemporaryFiles {
    private func run(_ inputs: [String], out: String? = nil) throws -> (BatchSummary, [String]) {
        try Fixtures.runBatch(inputs) { $0.outputDirectory = out }
    }

    @Test func largeSingleDocumentIsAnnotatedWhole() throws {
        let dir = directory(), out = directory()
        let sentence = "Die Ford Motor Company verhandelt mit Xiaomi über den SU7. "
        write(Array(String(repeating: sentence, count: 40_000).utf8), dir + "/gross.txt")  // 2.4 MB
        let (summary, errors) = try run([dir], out: out)
        #expect(errors.isEmpty)
        #expect(summary.entities == 120_000)
    }

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
        let parts = annotator.annotate(SourceDocument(id: "gross", text: text), needs: AnnotationNeeds(tokens: false))
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
            let entitiesOnly = annotator.annotate(document, needs: AnnotationNeeds(tokens: false))
            #expect(entitiesOnly.entities == full.entities, "\(document.id)")
            #expect(entitiesOnly.tokens.isEmpty && entitiesOnly.sentences.isEmpty)
            entities += full.entities.count
        }
        #expect(entities > 800)
    }
}
