// Gold readers: GermEval/CoNLL BIO, brat standoff and CoNLL-U bytes -> documents
// with rebuilt text, entities or gold token and sentence spans.

import Foundation
import Testing
@testable import Eigenname

private func conll(_ text: String, path: String = "daten/NER-de-mini.tsv", labelMap: LabelMap = .standard) throws
    -> LoadedCorpus<EvaluationDocument>
{
    try CoNLLReader.read(Array(text.utf8), path: path, labelMap: labelMap)
}

private func conllu(_ text: String, path: String = "ud/de_mini.conllu") throws -> LoadedCorpus<TokenizedDocument> {
    try CoNLLUReader.read(Array(text.utf8), path: path)
}

/// "(text)/(type)" of each entity, as the recognition tests write them.
private func found(_ document: EvaluationDocument?) -> [String] {
    document?.entities.map { "\($0.text)/\($0.type)" } ?? []
}

/// The text of each span.
private func texts(_ document: TokenizedDocument, _ spans: [TextSpan]) -> [String] {
    spans.map { Fixtures.slice(document.text ?? "", $0.start, $0.end) }
}

/// A CoNLL-U word line: ID, FORM, then placeholders, MISC last.
private func word(_ id: String, _ form: String, misc: String = "_") -> String {
    "\(id)\t\(form)\t_\t_\t_\t_\t_\t_\t_\t\(misc)"
}

@Suite("GermEval 2014 and CoNLL BIO gold")
struct GoldReaderCoNLLTests {
    static let germEval = """
        #\thttp://de.wikipedia.org/wiki/Beispiel\t[2009-10-23]\t
        1\tJim\tB-PER\tO
        2\tFarley\tI-PER\tO
        3\tleitet\tO\tO
        4\tFord\tB-ORG\tO
        5\tin\tO\tO
        6\tDearborn\tB-LOC\tO
        7\t.\tO\tO

        #\thttp://example.org/zwei\t[2009-10-24]\t
        1\tDie\tO\tO
        2\tVW-Aktie\tB-ORGpart\tO
        3\tund\tO\tO
        4\tdie\tO\tO
        5\tfordsche\tB-ORGderiv\tO
        6\tBank\tB-ORG\tO
        7\tvon\tI-ORG\tO
        8\tEngland\tI-ORG\tB-LOC
        """

    @Test("each sentence becomes a document <file stem>-<sentence number> with its tokens joined by single spaces")
    func sentencesAreDocuments() throws {
        let corpus = try conll(Self.germEval)
        #expect(corpus.documents.map(\.id) == ["NER-de-mini-1", "NER-de-mini-2"])
        #expect(corpus.documents[0].text == "Jim Farley leitet Ford in Dearborn .")
        #expect(corpus.documents[1].origin == DocumentOrigin(path: "daten/NER-de-mini.tsv", line: 11))
    }

    @Test("outer tags give entities mapped to project types; the inner column is not read")
    func outerTags() throws {
        let corpus = try conll(Self.germEval)
        #expect(found(corpus.documents[0]) == ["Jim Farley/PERSON", "Ford/COMPANY"])
        #expect(found(corpus.documents[1]) == ["Bank von England/COMPANY"])
        #expect(corpus.documents[0].entities.map(\.span) == [TextSpan(start: 0, end: 10), TextSpan(start: 18, end: 22)])
    }

    @Test("GermEval part and deriv labels are ignored")
    func partAndDerivIgnored() throws {
        let corpus = try conll(Self.germEval)
        #expect(!found(corpus.documents[1]).contains { $0.hasPrefix("VW-Aktie") || $0.hasPrefix("fordsche") })
    }

    @Test("labels outside the label map are ignored, and a note counts them")
    func unmappedLabels() throws {
        let corpus = try conll(Self.germEval)
        #expect(!found(corpus.documents[0]).contains("Dearborn/LOC"))
        #expect(corpus.warnings == ["daten/NER-de-mini.tsv: labels not in the label map, ignored: LOC 1, ORGderiv 1, ORGpart 1"])
    }

    @Test("a label map replaces the default one, and may take in part labels explicitly")
    func customLabelMap() throws {
        let map = try LabelMap(parsing: "LOC=COMPANY, ORGpart=COMPANY")
        let corpus = try conll(Self.germEval, labelMap: map)
        #expect(found(corpus.documents[0]) == ["Dearborn/COMPANY"])
        #expect(found(corpus.documents[1]) == ["VW-Aktie/COMPANY"])
    }

    @Test("labels that are already project types are kept without a map entry")
    func projectTypesKept() throws {
        let corpus = try conll("1\tSU7\tB-MODEL\tO\n2\tvon\tO\tO\n3\tXiaomi\tB-COMPANY\tO\n")
        #expect(found(corpus.documents.first) == ["SU7/MODEL", "Xiaomi/COMPANY"])
    }

    @Test("a label map entry without = is a usage error")
    func badLabelMap() {
        #expect(throws: EigennameError.self) { try LabelMap(parsing: "ORG:COMPANY") }
    }

    @Test("an I- tag after O starts an entity")
    func insideAfterOutside() throws {
        let corpus = try conll("1\tvon\tO\tO\n2\tTesla\tI-ORG\tO\n3\tMotors\tI-ORG\tO\n")
        #expect(found(corpus.documents.first) == ["Tesla Motors/COMPANY"])
    }

    @Test("a B- tag right after an entity starts a new one")
    func beginAfterBegin() throws {
        let corpus = try conll("1\tFord\tB-ORG\tO\n2\tBMW\tB-ORG\tO\n")
        #expect(found(corpus.documents.first) == ["Ford/COMPANY", "BMW/COMPANY"])
    }

    @Test("an I- tag of another label ends the entity and starts a new one")
    func insideOfOtherLabel() throws {
        let corpus = try conll("1\tElon\tB-PER\tO\n2\tMusk\tI-PER\tO\n3\tTesla\tI-ORG\tO\n")
        #expect(found(corpus.documents.first) == ["Elon Musk/PERSON", "Tesla/COMPANY"])
    }

    @Test("plain two-column token TAB tag CoNLL is read too")
    func twoColumns() throws {
        let corpus = try conll("Lei\tB-PER\nJun\tI-PER\ngründete\tO\nXiaomi\tB-ORG\n\n2024\tO\nkam\tO\nder\tO\nSU7\tO\n",
                               path: "mini.conll")
        #expect(corpus.documents.map(\.id) == ["mini-1", "mini-2"])
        #expect(found(corpus.documents[0]) == ["Lei Jun/PERSON", "Xiaomi/COMPANY"])
        #expect(corpus.documents[1].text == "2024 kam der SU7")
    }

    @Test("a # token is a token, a # comment line is skipped")
    func hashToken() throws {
        let corpus = try conll("# quelle: test\nPlatz\tO\n#\tO\n1\tO\n", path: "x.conll")
        #expect(corpus.documents.first?.text == "Platz # 1")
    }

    @Test("entity offsets count code points: umlauts and emoji before a name")
    func codePointOffsets() throws {
        let corpus = try conll("1\t🚗\tO\tO\n2\tMüller\tB-PER\tO\n")
        #expect(corpus.documents.first?.entities.first?.span == TextSpan(start: 2, end: 8))
    }

    @Test("a line without a tag is an error naming the file and line")
    func malformedLine() {
        #expect(throws: EigennameError.io(path: "daten/NER-de-mini.tsv:3",
                                          reason: "expected GermEval columns: index TAB token TAB outer tag TAB inner tag")) {
            try conll("1\tFord\tB-ORG\tO\n2\tbaut\tO\tO\n3\tAutos\n")
        }
    }
}

@Suite("brat standoff gold")
struct GoldReaderBratTests {
    @Test("T lines give entities with code point offsets and mapped types")
    func textBound() throws {
        let text = "🚗 Ford und Jim Farley"
        let ann = "T1\tORG 2 6\tFord\nT2\tPER 11 21\tJim Farley\n"
        let corpus = try BratReader.read(annotations: Array(ann.utf8), annPath: "b/doc.ann", text: text, id: "doc")
        #expect(found(corpus.documents.first) == ["Ford/COMPANY", "Jim Farley/PERSON"])
        #expect(corpus.warnings.isEmpty)
    }

    @Test("a discontinuous span takes the lowest start to the highest end, with a warning")
    func discontinuous() throws {
        let text = "Ford- und Xiaomi-Modelle"
        let ann = "T1\tCOMPANY 0 4;10 16\tFord Xiaomi\n"
        let corpus = try BratReader.read(annotations: Array(ann.utf8), annPath: "b/doc.ann", text: text, id: "doc")
        #expect(corpus.documents.first?.entities.first?.span == TextSpan(start: 0, end: 16))
        #expect(corpus.warnings.first?.hasPrefix("b/doc.ann:1: discontinuous span") == true)
    }

    @Test("relations, attributes and notes are ignored")
    func otherLines() throws {
        let text = "Tesla und Musk"
        let ann = "T1\tCOMPANY 0 5\tTesla\nT2\tPERSON 10 14\tMusk\nR1\tLeitet Arg1:T2 Arg2:T1\nA1\tSicher T1\n#1\tAnnotatorNotes T1\tgeprüft\n"
        let corpus = try BratReader.read(annotations: Array(ann.utf8), annPath: "b/doc.ann", text: text, id: "doc")
        #expect(found(corpus.documents.first) == ["Tesla/COMPANY", "Musk/PERSON"])
    }

    @Test("an offset past the end of the text is an error naming the file and line")
    func outOfRange() {
        #expect(throws: EigennameError.self) {
            try BratReader.read(annotations: Array("T1\tCOMPANY 0 4\tFord\nT2\tCOMPANY 5 40\tx\n".utf8),
                                annPath: "b/doc.ann", text: "Ford baut", id: "doc")
        }
    }

    @Test("a directory gives one document per .ann file, id = path below it without extension")
    func directory() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("eigenname-brat-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("teil"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "Xiaomi baut Autos.".write(to: dir.appendingPathComponent("teil/a.txt"), atomically: false, encoding: .utf8)
        try "T1\tCOMPANY 0 6\tXiaomi\n".write(to: dir.appendingPathComponent("teil/a.ann"), atomically: false, encoding: .utf8)
        let corpus = try BratReader.read(path: dir.path)
        #expect(corpus.documents.map(\.id) == ["teil/a"])
        #expect(found(corpus.documents.first) == ["Xiaomi/COMPANY"])
    }
}

@Suite("Universal Dependencies CoNLL-U gold")
struct GoldReaderCoNLLUTests {
    static let sample = [
        "# sent_id = 1",
        "# text = Der Test war in Ordnung, aber nicht mehr.",
        word("1", "Der"), word("2", "Test"), word("3", "war"), word("4", "in"), word("5", "Ordnung", misc: "SpaceAfter=No"),
        word("6", ","), word("7", "aber"), word("8", "nicht"), word("9", "mehr", misc: "SpaceAfter=No"), word("10", "."),
        "",
        "# sent_id = 2",
        "# text = Wir waren im Kino.",
        word("1", "Wir"), word("2", "waren"), "3-4\tim\t_\t_\t_\t_\t_\t_\t_\t_", word("3", "in"), word("4", "dem"),
        word("5", "Kino", misc: "SpaceAfter=No"), word("6", "."),
        "",
    ].joined(separator: "\n")

    @Test("CoNLL-U SpaceAfter=No joins tokens")
    func spaceAfterNo() throws {
        let doc = try #require(try conllu(Self.sample).documents.first)
        #expect(doc.text?.hasPrefix("Der Test war in Ordnung, aber nicht mehr.") == true)
        #expect(texts(doc, doc.tokens).prefix(6) == ["Der", "Test", "war", "in", "Ordnung", ","])
    }

    @Test("a multiword token counts as its surface")
    func multiwordToken() throws {
        let doc = try #require(try conllu(Self.sample).documents.first)
        #expect(texts(doc, doc.tokens).suffix(5) == ["Wir", "waren", "im", "Kino", "."])
        #expect(doc.tokens.count == 15)
    }

    @Test("sentences are joined by one space and keep their own spans")
    func sentences() throws {
        let doc = try #require(try conllu(Self.sample).documents.first)
        #expect(doc.text == "Der Test war in Ordnung, aber nicht mehr. Wir waren im Kino.")
        #expect(texts(doc, doc.sentences) == ["Der Test war in Ordnung, aber nicht mehr.", "Wir waren im Kino."])
    }

    @Test("without # newdoc the file is one document named by its stem")
    func wholeFile() throws {
        let corpus = try conllu(Self.sample)
        #expect(corpus.documents.map(\.id) == ["de_mini"])
        #expect(corpus.warnings.isEmpty)
    }

    @Test("# newdoc starts a new document with its id")
    func newdoc() throws {
        let text = ["# newdoc id = bericht-1", word("1", "Ja", misc: "SpaceAfter=No"), word("2", "."), "",
                    "# newdoc", word("1", "Nein"), ""].joined(separator: "\n")
        let corpus = try conllu(text)
        #expect(corpus.documents.map(\.id) == ["bericht-1", "de_mini-2"])
        #expect(corpus.documents.map(\.text) == ["Ja.", "Nein"])
    }

    @Test("empty nodes are skipped")
    func emptyNodes() throws {
        let text = [word("1", "Er"), word("2", "kam"), "2.1\tkam\t_\t_\t_\t_\t_\t_\t_\t_", word("3", "nicht"), ""]
            .joined(separator: "\n")
        #expect(try conllu(text).documents.first?.text == "Er kam nicht")
    }

    @Test("a sentence rebuilt differently from its # text line is a warning")
    func textMismatch() throws {
        let text = ["# text = Hallo Welt!", word("1", "Hallo"), word("2", "Welt"), word("3", "!"), ""].joined(separator: "\n")
        let corpus = try conllu(text)
        #expect(corpus.warnings.count == 1)
        #expect(corpus.warnings.first?.contains("ud/de_mini.conllu:2") == true)
    }

    @Test("a word line without 10 columns is an error naming the file and line")
    func malformed() {
        #expect(throws: EigennameError.io(path: "ud/de_mini.conllu:2", reason: "expected 10 tab-separated columns, found 3")) {
            try conllu("# text = x\n1\tx\t_\n")
        }
    }

    @Test("the tokens and sentences written for convert-gold read back as annotate --tokens output")
    func convertRoundTrip() throws {
        let doc = try #require(try conllu(Self.sample).documents.first)
        let value = try JSONValue.parse(EvaluationReport.interchangeLine(doc))
        let back = try InterchangeReader.tokenizedDocument(value, origin: DocumentOrigin(path: "g.jsonl", line: 1))
        #expect(back.tokens == doc.tokens && back.sentences == doc.sentences && back.text == doc.text)
    }
}

@Suite("Public gold corpora in ../shared", .enabled(if: FileManager.default.fileExists(atPath: Fixtures.shared.path)))
struct GoldReaderSharedCorporaTests {
    @Test("UD German GSD test rebuilds to 977 sentences and 16,225 surface tokens (16,499 words less 274 multiword tokens)")
    func gsdTest() throws {
        let path = Fixtures.shared.appendingPathComponent("data/ud-german-gsd/de_gsd-ud-test.conllu").path
        let corpus = try CoNLLUReader.read(path: path)
        #expect(corpus.documents.count == 1)
        #expect(corpus.documents.first?.sentences.count == 977)
        #expect(corpus.documents.first?.tokens.count == 16_499 - 274)
        #expect(corpus.warnings.isEmpty)
    }

    @Test("GermEval 2014 test gives 5,100 documents with 1,639 PERSON and 1,150 COMPANY entities")
    func germEvalTest() throws {
        let path = Fixtures.shared.appendingPathComponent("data/germeval2014/NER-de-test.tsv").path
        let corpus = try CoNLLReader.read(path: path)
        let entities = corpus.documents.flatMap(\.entities)
        #expect(corpus.documents.count == 5100)
        #expect(entities.filter { $0.type == "PERSON" }.count == 1639)
        #expect(entities.filter { $0.type == "COMPANY" }.count == 1150)
    }
}

@Suite("Unjudged gold spans")
struct UnjudgedSpanTests {
    @Test func predictionInsideAPartLabelIsNeitherRightNorWrong() throws {
        let tsv = "1\tDie\tO\tO\n2\tSPD-Politiker\tB-ORGpart\tO\n3\tund\tO\tO\n4\tFord\tB-ORG\tO\n\n"
        let gold = try CoNLLReader.read(Array(tsv.utf8), path: "g.tsv")
        #expect(gold.documents.first?.ignored == [TextSpan(start: 4, end: 17)])
        let predicted = EvaluationDocument(id: "g-1", text: "Die SPD-Politiker und Ford", entities: [
            Entity(start: 4, end: 7, type: "COMPANY", text: "SPD", canonical: ""),
            Entity(start: 22, end: 26, type: "COMPANY", text: "Ford", canonical: ""),
        ], origin: DocumentOrigin(path: "p"))
        let evaluation = EntityScorer().score(gold: gold.documents, predicted: [predicted])
        #expect(evaluation.exactMicro.falsePositives == 0 && evaluation.exactMicro.truePositives == 1)
        #expect(evaluation.warnings.contains { $0.contains("1 prediction(s) inside spans the gold leaves unjudged") })
    }
}
