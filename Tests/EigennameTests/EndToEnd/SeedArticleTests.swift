// The seed article (../shared/seed/) with the shipped lexicons gives exactly
// the entities ANNOTATION.md defines: no more, no fewer.

import Foundation
import Testing
@testable import Eigenname

private let seedDirectory = Fixtures.shared.appendingPathComponent("seed")
private let seedAvailable = FileManager.default.fileExists(atPath: seedDirectory.path)

@Suite("Seed article")
struct SeedArticleTests {
    @Test(.enabled(if: seedAvailable, "needs ../shared/seed beside the checkout"))
    func seedArticleGivesExactlyTheAnnotatedEntities() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: seedDirectory.path).filter { $0.hasSuffix(".txt") }
        let path = seedDirectory.appendingPathComponent(try #require(files.first)).path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let doc = try Annotator(lexicon: DefaultLexicon.compiled).annotate(text: text)
        let found = doc.entities.map { "\($0.text)/\($0.type)" }
        #expect(found == [
            // title line
            "Ford/COMPANY", "Xiaomi/COMPANY",
            "Ford Motor Company/COMPANY", "Xiaomi/COMPANY", "Financial Times/COMPANY", "Xiaomi/COMPANY",
            "Jim Farley/PERSON", "Ford/COMPANY", "Xiaomis/COMPANY", "SU7/MODEL",
            "Ford/COMPANY", "Xiaomi/COMPANY", "Tesla/COMPANY",
            // heading "Fords umfassendere Strategie"
            "Fords/COMPANY",
            "Ford/COMPANY", "Financial Times/COMPANY", "BYD/COMPANY", "Ford/COMPANY", "FT/COMPANY",
            "Ford/COMPANY",
        ])
        for e in doc.entities {
            #expect(Fixtures.slice(text, e.start, e.end) == e.text)
        }
    }

    @Test func defaultLexiconsCoverTheWorkedExample() {
        let doc = try! Annotator(lexicon: DefaultLexicon.compiled).annotate(text:
            "Jim Farley, CEO von Ford, hat die Lücke öffentlich anerkannt und sogar erklärt, er sei monatelang Xiaomis SU7-Modell gefahren")
        #expect(doc.entities.map { "\($0.text)/\($0.type)" }
            == ["Jim Farley/PERSON", "Ford/COMPANY", "Xiaomis/COMPANY", "SU7/MODEL"])
    }
}
