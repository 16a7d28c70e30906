// Every input the fuzzer (Fuzz/EigennameFuzz) broke the pipeline with, kept
// as a test: the whole pipeline must keep every invariant on it.

import Foundation
import Testing
@testable import Eigenname

@Suite("Fuzz regressions")
struct FuzzRegressionTests {
    /// The invariants the fuzz target checks, on one input.
    private func expectInvariants(_ bytes: [UInt8]) throws {
        let text = try TextDecoding.decode(bytes, origin: DocumentOrigin(path: "fuzz"), replaceInvalid: true)
        let doc = Fixtures.annotate(String(decoding: text, as: UTF8.self))
        let scalars = doc.text.unicodeScalars.count
        var previous: Int32 = 0
        for t in doc.tokens {
            #expect(t.start >= previous && t.end > t.start && Int(t.end) <= scalars)
            previous = t.end
        }
        for e in doc.entities { #expect(Fixtures.slice(doc.text, e.start, e.end) == e.text) }
        // A batch run asks for entities only (offsets counted as they come): the same entities.
        let entitiesOnly = try Annotator(lexicon: Fixtures.lexicon)
            .annotate(SourceDocument(id: "fuzz", text: doc.text), needs: AnnotationNeeds(tokens: false))
        #expect(entitiesOnly.entities == doc.entities)
        var json: [UInt8] = []
        JSONOutput.append(doc, options: JSONOutputOptions(includeTokens: true, pretty: false), to: &json)
        #expect((try? JSONValue.parse(json)) != nil)
    }

    @Test func compatibilityIdeographThatNFCChangesAfterAnIdeograph() throws {
        // U+66FF U+F901: NFC maps U+F901 to U+66F4 on its own; ICU may break between the two.
        try expectInvariants([0xFF, 0xFE, 0xFF, 0x66, 0x01, 0xF9])
    }

    @Test func everyFileInFuzzRegressions() throws {
        let dir = Fixtures.repository.appendingPathComponent("Fuzz/regressions")
        for name in try FileManager.default.contentsOfDirectory(atPath: dir.path) {
            try expectInvariants(Array(try Data(contentsOf: dir.appendingPathComponent(name))))
        }
    }
}
