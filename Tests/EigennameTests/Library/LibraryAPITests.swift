// The library as a Swift user meets it: the default lexicons that come with it
// (the resource bundle), and the conveniences of Library/LibraryConveniences.swift.

import Foundation
import Testing
@testable import Eigenname

@Suite("Library")
struct LibraryAPITests {
    private static let text = "Ford-Chef Jim Farley fuhr monatelang Xiaomis SU7-Modell."

    private var repositoryLexicons: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Lexicons").path
    }

    @Test func resourceBundleHoldsEveryDefaultLexicon() throws {
        let bundle = try #require(BundledLexicons.directory())
        #expect(bundle.hasSuffix("/" + BundledLexicons.bundleName), "the bundle beside the test executable, not the checkout")
        let bundled = try LexiconLoader.sources(inDirectory: bundle)
        let repository = try LexiconLoader.sources(inDirectory: repositoryLexicons)
        func names(_ files: [String]) -> [String] { files.map { URL(fileURLWithPath: $0).lastPathComponent } }
        #expect(names(bundled.lexiconFiles) == names(repository.lexiconFiles))
        #expect(names(bundled.firstNameFiles) == [LexiconLoader.firstNamesFileName])
        for (copy, original) in zip(bundled.lexiconFiles, repository.lexiconFiles) {
            #expect(FileManager.default.contents(atPath: copy) == FileManager.default.contents(atPath: original),
                    "\(copy) is out of date: rebuild")
        }
        // The common nouns travel with the lexicons when `make knowledge` made them before the build.
        let installed = repositoryLexicons + "/" + LanguageKnowledge.commonNounsFileName
        if FileManager.default.fileExists(atPath: installed) {
            #expect(BundledLexicons.commonNounsPath(inDefaultDirectory: bundle) == bundle + "/common-nouns.txt")
        }
        #expect(BundledLexicons.commonNounsPath(inDefaultDirectory: repositoryLexicons) == installed
                || !FileManager.default.fileExists(atPath: installed))
        // So do the world first names.
        let names = repositoryLexicons + "/" + LanguageKnowledge.worldFirstNamesFileName
        if FileManager.default.fileExists(atPath: names) {
            #expect(BundledLexicons.worldFirstNamesPath(inDefaultDirectory: bundle) == bundle + "/first-names-world.txt")
            #expect(FileManager.default.contents(atPath: bundle + "/first-names-world.txt") == FileManager.default.contents(atPath: names),
                    "the bundle's first-names-world.txt is out of date: rebuild")
        }
        #expect(BundledLexicons.worldFirstNamesPath(inDefaultDirectory: repositoryLexicons) == names
                || !FileManager.default.fileExists(atPath: names))
        // And the ordinary words.
        let words = repositoryLexicons + "/" + LanguageKnowledge.ordinaryWordsFileName
        if FileManager.default.fileExists(atPath: words) {
            #expect(BundledLexicons.ordinaryWordsPath(inDefaultDirectory: bundle) == bundle + "/ordinary-words.txt")
            #expect(FileManager.default.contents(atPath: bundle + "/ordinary-words.txt") == FileManager.default.contents(atPath: words),
                    "the bundle's ordinary-words.txt is out of date: rebuild")
        }
    }

    @Test func bundledLexiconsAnnotateAsTheRepositoryLexicons() throws {
        let bundle = try #require(BundledLexicons.directory())
        let fromBundle = try LexiconLoader.compile(try LexiconLoader.sources(inDirectory: bundle))
        let fromRepository = try LexiconLoader.compile(try LexiconLoader.sources(inDirectory: repositoryLexicons))
        let a = try Annotator(lexicon: fromBundle).annotate(Self.text)
        let b = try Annotator(lexicon: fromRepository).annotate(Self.text)
        #expect(a.entities == b.entities)
        #expect(a.entities.map(\.canonical) == ["Ford Motor Company", "Jim Farley", "Xiaomi", "SU7"])
    }

    @Test func fiveLinesOfTheReadme() throws {
        // README, "Use as a Swift library", as it stands there (but `import`).
        let annotator = try Annotator()                     // the default lexicons
        let document = annotator.annotate("Ford-Chef Jim Farley fuhr monatelang Xiaomis SU7-Modell.")
        for entity in document.entities { print(entity.type, entity.text, entity.canonical) }
        print(JSONOutput.string(document))                  // the interchange format, as `eigenname annotate` writes it

        #expect(document.entities.map(\.type) == ["COMPANY", "PERSON", "COMPANY", "MODEL"])
        #expect(JSONOutput.string(document) == String(decoding: JSONOutput.encode(document), as: UTF8.self))
        #expect(JSONOutput.string(document).hasPrefix(#"{"id":"doc","text":"Ford-Chef"#))
    }

    @Test func bytesAreDecodedOrRefused() throws {
        let annotator = try Annotator()
        let document = try annotator.annotate(bytes: [0xEF, 0xBB, 0xBF] + Array(Self.text.utf8), id: "bom")
        #expect(document.entities.first?.start == 0)
        #expect(throws: EigennameError.invalidUTF8(origin: DocumentOrigin(path: "bad"), byteOffset: 4)) {
            try annotator.annotate(bytes: Array("Ford".utf8) + [0xFF], id: "bad")
        }
    }

    @Test func inMemoryRowsJoinTheDefaults() throws {
        let rows = try LexiconLoader.rows(tsv: "surface\ttype\tcanonical\nBlaupunkt Nova\tCOMPANY\tBlaupunkt Nova GmbH\n")
        #expect(rows.count == 1)
        let annotator = try Annotator(lexicon: try LexiconLoader.load(rows: rows))
        let document = annotator.annotate("Die Blaupunkt Nova liefert an Ford.")
        #expect(document.entities.map(\.canonical) == ["Blaupunkt Nova GmbH", "Ford Motor Company"])
        #expect(throws: EigennameError.self) { try LexiconLoader.rows(tsv: "no header\n") }
    }

    @Test func formatsEncodeAsTheBatchWritesThem() throws {
        let annotator = try Annotator()
        let documents = [annotator.annotate(Self.text, id: "a"), annotator.annotate("Nichts hier.", id: "b")]
        let jsonl = try OutputFormats.named("jsonl")!.encode(documents)
        #expect(jsonl == documents.flatMap { JSONOutput.encode($0) + [0x0A] })
        let xml = String(decoding: try XMLFormat().encode(documents), as: UTF8.self)
        #expect(xml.contains(#"<document id="a">"#) && xml.contains(#"<document id="b">"#))
        #expect(throws: EigennameError.self) { try HTMLFormat().encode(documents) }
        let brat = try BratFormat().files(for: documents[0])
        #expect(brat.map(\.name).sorted() == ["a.ann", "a.txt"])
        #expect(try JSONLinesFormat().files(for: documents[0]).map(\.name) == ["a.jsonl"])
    }

    @Test func evaluationOfAnnotatedDocuments() throws {
        let predicted = try Annotator().annotate(Self.text)
        var gold = EvaluationDocument(predicted)
        gold.entities.removeLast()
        let evaluation = EntityScorer().score(gold: [gold], predicted: [EvaluationDocument(predicted)])
        #expect(evaluation.exactMicro.truePositives == 3)
        #expect(evaluation.exactMicro.falsePositives == 1)
    }
}
