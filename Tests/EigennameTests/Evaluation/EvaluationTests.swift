// Evaluation: interchange gold and predictions -> entity scores; token and
// sentence spans -> token scores; scores -> table and JSON.

import Foundation
import Testing
@testable import Eigenname

private let satz = "Jim Farley, CEO von Ford, ist Xiaomis SU7-Modell gefahren."
// Code point offsets in `satz`: Jim Farley [0, 10), Ford [20, 24), Xiaomis [30, 37), SU7 [38, 41).

private func entity(_ text: String, _ start: Int, _ end: Int, _ type: String, canonical: String = "") -> Entity {
    Entity(start: start, end: end, type: type, text: Fixtures.slice(text, start, end), canonical: canonical)
}

private func document(_ id: String, _ text: String, _ entities: [Entity]) -> EvaluationDocument {
    EvaluationDocument(id: id, text: text, entities: entities, origin: DocumentOrigin(path: "test.jsonl", line: 1))
}

private func document(_ entities: [Entity]) -> EvaluationDocument {
    document("d1", satz, entities)
}

private func score(gold: [Entity], predicted: [Entity], types: [String]? = nil) -> EntityEvaluation {
    EntityScorer(types: types).score(gold: [document(gold)], predicted: [document(predicted)])
}

private let farley = entity(satz, 0, 10, "PERSON", canonical: "Jim Farley")
private let ford = entity(satz, 20, 24, "COMPANY", canonical: "Ford Motor Company")
private let xiaomis = entity(satz, 30, 37, "COMPANY", canonical: "Xiaomi")
private let su7 = entity(satz, 38, 41, "MODEL", canonical: "Xiaomi SU7")

@Suite("Entity scores")
struct EvaluationEntityScoreTests {
    @Test("a prediction with the same span and type is a true positive")
    func exactMatch() {
        let e = score(gold: [farley, ford], predicted: [farley, ford])
        #expect(e.exactMicro == Score(truePositives: 2, falsePositives: 0, falseNegatives: 0))
        #expect(e.exactMicro.f1 == 1)
    }

    @Test("a prediction with the right span but the wrong type is a false positive and a false negative")
    func wrongType() {
        let e = score(gold: [ford], predicted: [entity(satz, 20, 24, "PERSON")])
        #expect(e.exact["COMPANY"] == Score(truePositives: 0, falsePositives: 0, falseNegatives: 1))
        #expect(e.exact["PERSON"] == Score(truePositives: 0, falsePositives: 1, falseNegatives: 0))
        #expect(e.span == Score(truePositives: 1, falsePositives: 0, falseNegatives: 0))
    }

    @Test("a span one token too short fails the exact score and passes the partial one")
    func shortSpan() {
        let jim = entity(satz, 0, 3, "PERSON")
        let e = score(gold: [farley], predicted: [jim])
        #expect(e.exactMicro == Score(truePositives: 0, falsePositives: 1, falseNegatives: 1))
        #expect(e.partialMicro == Score(truePositives: 1, falsePositives: 0, falseNegatives: 0))
    }

    @Test("partial overlap counts once: a second overlapping prediction is a false positive")
    func partialOnce() {
        let e = score(gold: [farley], predicted: [entity(satz, 0, 3, "PERSON"), entity(satz, 4, 10, "PERSON")])
        #expect(e.partialMicro == Score(truePositives: 1, falsePositives: 1, falseNegatives: 0))
    }

    @Test("partial overlap needs the same type")
    func partialSameType() {
        let e = score(gold: [farley], predicted: [entity(satz, 0, 3, "COMPANY")])
        #expect(e.partialMicro == Score(truePositives: 0, falsePositives: 1, falseNegatives: 1))
    }

    @Test("partial matching pairs as many entities as possible, whatever their order")
    func partialMaximum() {
        let text = "Volkswagen Nutzfahrzeuge und Ford Werke"
        // Gold: [0, 24) and [29, 39). The first prediction overlaps both, the second only the first gold.
        let gold = [entity(text, 0, 24, "COMPANY"), entity(text, 29, 39, "COMPANY")]
        let predicted = [entity(text, 11, 33, "COMPANY"), entity(text, 0, 10, "COMPANY")]
        let e = EntityScorer().score(gold: [document("d", text, gold)], predicted: [document("d", text, predicted)])
        #expect(e.partialMicro == Score(truePositives: 2, falsePositives: 0, falseNegatives: 0))
    }

    @Test("type-agnostic span scores ignore the type")
    func spanOnly() {
        let e = score(gold: [xiaomis, su7], predicted: [entity(satz, 30, 37, "MODEL"), entity(satz, 38, 41, "COMPANY")])
        #expect(e.span == Score(truePositives: 2, falsePositives: 0, falseNegatives: 0))
        #expect(e.exactMicro.truePositives == 0)
    }

    @Test("the micro average adds up the counts of all types")
    func microAverage() {
        let e = score(gold: [farley, ford, xiaomis, su7], predicted: [farley, ford, entity(satz, 40, 41, "MODEL")])
        #expect(e.types == ["COMPANY", "MODEL", "PERSON"])
        #expect(e.exactMicro == Score(truePositives: 2, falsePositives: 1, falseNegatives: 2))
        #expect(e.exactMicro.precision == 2.0 / 3.0)
        #expect(e.exactMicro.recall == 0.5)
    }

    @Test("canonical accuracy counts exact matches whose gold entity has a canonical name")
    func canonicalAccuracy() {
        let noCanonical = entity(satz, 30, 37, "COMPANY")
        let e = score(gold: [farley, ford, noCanonical],
                      predicted: [farley, entity(satz, 20, 24, "COMPANY", canonical: "Ford"), entity(satz, 30, 37, "COMPANY", canonical: "Xiaomi")])
        #expect(e.canonicalMicro == CanonicalScore(evaluated: 2, correct: 1))
        #expect(e.canonical["COMPANY"] == CanonicalScore(evaluated: 1, correct: 0))
        #expect(e.canonical["PERSON"] == CanonicalScore(evaluated: 1, correct: 1))
    }

    @Test("--types drops the other types on both sides")
    func typeFilter() {
        let e = score(gold: [farley, su7], predicted: [farley, entity(satz, 30, 37, "MODEL")], types: ["PERSON"])
        #expect(e.types == ["PERSON"])
        #expect(e.exactMicro == Score(truePositives: 1, falsePositives: 0, falseNegatives: 0))
        #expect(e.goldEntities == 1 && e.predictedEntities == 1)
    }

    @Test("precision, recall and F1 are 0 when their denominator is 0")
    func zeroDivision() {
        let e = score(gold: [ford], predicted: [])
        #expect(e.exactMicro.precision == 0)
        #expect(e.exactMicro.recall == 0)
        #expect(e.exactMicro.f1 == 0)
    }

    @Test("a gold document without a prediction counts its entities as false negatives, with a warning")
    func goldOnlyDocument() {
        let e = EntityScorer().score(gold: [document("a", satz, [farley]), document("b", satz, [ford, xiaomis])],
                                     predicted: [document("a", satz, [farley])])
        #expect(e.exactMicro == Score(truePositives: 1, falsePositives: 0, falseNegatives: 2))
        #expect(e.documents.goldOnly == ["b"])
        #expect(e.warnings.contains { $0.contains("no prediction") && $0.contains("\"b\"") })
    }

    @Test("a predicted document without gold counts its entities as false positives, with a warning")
    func predictedOnlyDocument() {
        let e = EntityScorer().score(gold: [], predicted: [document("x", satz, [ford])])
        #expect(e.exactMicro == Score(truePositives: 0, falsePositives: 1, falseNegatives: 0))
        #expect(e.documents.predictedOnly == ["x"])
        #expect(e.warnings.contains { $0.contains("no gold") })
    }

    @Test("documents with different texts on the two sides are reported")
    func differentTexts() {
        let e = EntityScorer().score(gold: [document("a", satz, [])], predicted: [document("a", satz + " ", [])])
        #expect(e.documents.textDiffers == ["a"])
    }

    @Test("a false negative shows about 40 characters of context either side with the entity in [[ ]]")
    func mistakeContext() {
        let text = "Im Frühjahr stellte der Konzern in Peking sein erstes Auto vor, den SU7, und Xiaomi verkaufte ihn schnell."
        let start = Array(text.unicodeScalars).count - "Xiaomi verkaufte ihn schnell.".count
        let xiaomi = entity(text, start, start + 6, "COMPANY")
        let e = EntityScorer().score(gold: [document("d", text, [xiaomi])], predicted: [document("d", text, [])])
        let context = e.falseNegatives.first?.context ?? ""
        let scalars = Array(text.unicodeScalars)
        let left = String(String.UnicodeScalarView(scalars[(start - 40)..<start]))
        #expect(context == "…" + left + "[[Xiaomi]] verkaufte ihn schnell.")
        #expect(left.unicodeScalars.count == 40)
        #expect(e.falseNegatives.first?.note == "missed")
    }

    @Test("scoring ignores the source: a discovered prediction scores as one from a lexicon")
    func sourceIsIgnored() {
        var discoveredFord = ford
        discoveredFord.source = .discovered
        let asLexicon = score(gold: [farley, ford], predicted: [farley, ford, su7])
        let asDiscovered = score(gold: [farley, ford], predicted: [farley, discoveredFord, su7])
        #expect(asDiscovered.exactMicro == asLexicon.exactMicro)
        #expect(asDiscovered.partialMicro == asLexicon.partialMicro)
        #expect(asDiscovered.span == asLexicon.span)
        #expect(asDiscovered.canonicalMicro == asLexicon.canonicalMicro && asDiscovered.canonicalMicro.correct == 2)
    }

    @Test("the exact precision of the predictions is counted by source")
    func precisionBySource() {
        var discoveredFord = ford, discoveredSU7 = su7
        discoveredFord.source = .discovered
        discoveredSU7.source = .discovered
        let e = score(gold: [farley, ford, xiaomis], predicted: [farley, discoveredFord, discoveredSU7])
        #expect(e.bySource[.lexicon] == Score(truePositives: 1, falsePositives: 0, falseNegatives: 0))
        #expect(e.bySource[.discovered] == Score(truePositives: 1, falsePositives: 1, falseNegatives: 0))
        #expect(e.bySource[.discovered]?.precision == 0.5)
    }

    @Test("a prediction moved onto a gold text with other white space keeps its source")
    func alignedPredictionKeepsSource() {
        let gold = document("w", "Petra Lorenz leitet Hansen .", [entity("Petra Lorenz leitet Hansen .", 0, 12, "PERSON")])
        let predictedText = "Petra Lorenz leitet Hansen."
        var lorenz = entity(predictedText, 0, 12, "PERSON")
        lorenz.source = .discovered
        let e = EntityScorer().score(gold: [gold], predicted: [document("w", predictedText, [lorenz])])
        #expect(e.exactMicro.truePositives == 1)
        #expect(e.bySource[.discovered]?.truePositives == 1 && e.bySource[.lexicon]?.truePositives == 0)
    }

    @Test("each mistake says what the other side has at its place")
    func mistakeNotes() {
        let e = score(gold: [farley, ford], predicted: [entity(satz, 0, 3, "PERSON"), entity(satz, 20, 24, "MODEL"),
                                                        entity(satz, 38, 41, "MODEL")])
        #expect(e.falseNegatives.map(\.note) == ["boundary: predicted \"Jim\" [0, 3)", "wrong type: predicted MODEL"])
        #expect(e.falsePositives.map(\.note) == ["boundary: gold \"Jim Farley\" [0, 10)", "wrong type: gold COMPANY", "spurious"])
    }
}

@Suite("Interchange input for evaluation")
struct EvaluationInterchangeInputTests {
    private func read(_ text: String, path: String = "gold.jsonl") throws -> LoadedCorpus<EvaluationDocument> {
        var corpus = LoadedCorpus<EvaluationDocument>()
        for (value, origin) in try InterchangeReader.values(in: Array(text.utf8), path: path) {
            corpus.documents.append(try InterchangeReader.entityDocument(value, origin: origin, warnings: &corpus.warnings))
        }
        return corpus
    }

    @Test("a JSONL line gives a document with its entities and canonical names")
    func jsonlLine() throws {
        let corpus = try read(#"{"id": "n1", "text": "VW baut den ID.3.", "entities": [{"start": 0, "end": 2, "type": "COMPANY", "text": "VW", "canonical": "Volkswagen"}, {"start": 12, "end": 16, "type": "MODEL"}]}"#)
        let doc = try #require(corpus.documents.first)
        #expect(doc.id == "n1")
        #expect(doc.entities.map(\.text) == ["VW", "ID.3"])
        #expect(doc.entities.map(\.canonical) == ["Volkswagen", ""])
    }

    @Test("an entity's \"source\" is read: discovered or lexicon")
    func sourceIsRead() throws {
        let corpus = try read(#"{"id": "h", "text": "Petra Lorenz leitet Ford.", "entities": [{"start": 0, "end": 12, "type": "PERSON", "text": "Petra Lorenz", "canonical": "Petra Lorenz", "source": "discovered"}, {"start": 20, "end": 24, "type": "COMPANY", "text": "Ford", "canonical": "Ford Motor Company", "source": "lexicon"}]}"#)
        #expect(corpus.documents.first?.entities.map(\.source) == [.discovered, .lexicon])
        #expect(corpus.warnings.isEmpty)
    }

    @Test("an entity without \"source\" (gold, older output) is from a lexicon")
    func missingSourceIsLexicon() throws {
        let corpus = try read(#"{"id": "n1", "text": "VW baut den ID.3.", "entities": [{"start": 0, "end": 2, "type": "COMPANY", "text": "VW", "canonical": "Volkswagen"}, {"start": 12, "end": 16, "type": "MODEL", "source": null}]}"#)
        #expect(corpus.documents.first?.entities.map(\.source) == [.lexicon, .lexicon])
    }

    @Test("an unknown \"source\" is an error naming the file, the line and the value")
    func unknownSource() {
        #expect(throws: EigennameError.malformedJSON(origin: DocumentOrigin(path: "pred.jsonl", line: 2), column: 1,
                                                     reason: #"entity 2 has unknown "source" "geraten" (expected "lexicon" or "discovered")"#)) {
            try read("""
                {"id": "a", "text": "Ford", "entities": []}
                {"id": "b", "text": "Ford und BMW", "entities": [{"start": 0, "end": 4, "type": "COMPANY"}, {"start": 9, "end": 12, "type": "COMPANY", "source": "geraten"}]}
                """, path: "pred.jsonl")
        }
    }

    @Test("a \"source\" that is not a string is an error naming the file and line")
    func sourceNotAString() {
        #expect(throws: EigennameError.malformedJSON(origin: DocumentOrigin(path: "pred.jsonl", line: 1), column: 1,
                                                     reason: #"entity 1 "source" must be a string, "lexicon" or "discovered", found a number"#)) {
            try read(#"{"id": "b", "text": "Ford", "entities": [{"start": 0, "end": 4, "type": "COMPANY", "source": 1}]}"#,
                     path: "pred.jsonl")
        }
    }

    @Test("annotate's JSONL reads back with every entity's source")
    func sourceRoundTrip() throws {
        let doc = FormatFixtures.discovered
        let read = try FormatFixtures.jsonlDocuments([doc])
        #expect(read.first?.entities == doc.entities)
        #expect(read.first?.entities.map(\.source) == [.discovered, .lexicon, .discovered])
    }

    @Test("a .json file may hold an array of documents")
    func jsonArray() throws {
        let corpus = try read(#"[{"id": "a", "text": "Ford", "entities": []}, {"id": "b", "text": "Tesla", "entities": []}]"#,
                              path: "gold.json")
        #expect(corpus.documents.map(\.id) == ["a", "b"])
    }

    @Test("an entity past the end of the text is an error naming the file and line")
    func entityOutOfRange() {
        #expect(throws: EigennameError.malformedJSON(origin: DocumentOrigin(path: "gold.jsonl", line: 2), column: 1,
                                                     reason: "entity 1 ends at 9, after the end of the text (4 code points)")) {
            try read("""
                {"id": "a", "text": "Ford", "entities": []}
                {"id": "b", "text": "Ford", "entities": [{"start": 0, "end": 9, "type": "COMPANY"}]}
                """)
        }
    }

    @Test("a document without \"entities\" is an error")
    func missingEntities() {
        #expect(throws: EigennameError.self) { try read(#"{"id": "a", "text": "Ford"}"#) }
    }

    @Test("entity text that differs from the text at its offsets is a warning")
    func entityTextMismatch() throws {
        let corpus = try read(#"{"id": "a", "text": "Müller und Söhne", "entities": [{"start": 0, "end": 6, "type": "PERSON", "text": "Mueller"}]}"#)
        #expect(corpus.warnings.count == 1)
        #expect(corpus.warnings.first?.hasPrefix("gold.jsonl:1:") == true)
    }

    @Test("two documents with one id are an error")
    func duplicateIDs() {
        #expect(throws: EigennameError.self) {
            try InterchangeReader.checkUniqueIDs([("a", DocumentOrigin(path: "g.jsonl", line: 1)),
                                                  ("a", DocumentOrigin(path: "g.jsonl", line: 2))])
        }
    }

    @Test("a directory of .json and .jsonl files is read in sorted order")
    func directory() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("eigenname-eval-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("unter"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try #"{"id": "b", "text": "BMW", "entities": []}"#.write(to: dir.appendingPathComponent("b.json"), atomically: false, encoding: .utf8)
        try #"{"id": "a", "text": "Audi", "entities": []}"#.write(to: dir.appendingPathComponent("a.jsonl"), atomically: false, encoding: .utf8)
        try #"{"id": "c", "text": "Opel", "entities": []}"#.write(to: dir.appendingPathComponent("unter/c.jsonl"), atomically: false, encoding: .utf8)
        try "kein JSON".write(to: dir.appendingPathComponent("notiz.txt"), atomically: false, encoding: .utf8)
        let corpus = try InterchangeReader.entityDocuments(at: dir.path)
        #expect(corpus.documents.map(\.id) == ["a", "b", "c"])
    }

    @Test("annotate --tokens output gives token and sentence spans")
    func tokenizedDocument() throws {
        let value = try JSONValue.parse(#"{"id": "t", "text": "Ja. Nein.", "entities": [], "tokens": [[0, 2], [2, 3], [4, 8], [8, 9]], "sentences": [[0, 3], [4, 9]]}"#)
        let doc = try InterchangeReader.tokenizedDocument(value, origin: DocumentOrigin(path: "p.jsonl", line: 1))
        #expect(doc.tokens.count == 4)
        #expect(doc.sentences == [TextSpan(start: 0, end: 3), TextSpan(start: 4, end: 9)])
    }

    @Test("converted gold reads back as the same documents")
    func roundTrip() throws {
        let original = document("rt", satz, [farley, ford])
        let corpus = try read(EvaluationReport.interchangeLine(original))
        #expect(corpus.documents.first?.entities.map(\.span) == [farley.span, ford.span])
        #expect(corpus.documents.first?.text == satz)
    }
}

@Suite("Token and sentence scores")
struct EvaluationTokenScoreTests {
    private func doc(_ text: String, tokens: [(Int, Int)], sentences: [(Int, Int)], id: String = "d") -> TokenizedDocument {
        TokenizedDocument(id: id, text: text, tokens: tokens.map { TextSpan(start: $0.0, end: $0.1) },
                          sentences: sentences.map { TextSpan(start: $0.0, end: $0.1) },
                          origin: DocumentOrigin(path: "x"))
    }

    @Test("a token matches only when its start and its end both match")
    func tokenMatch() {
        let text = "z.B. heute"
        let gold = doc(text, tokens: [(0, 4), (5, 10)], sentences: [(0, 10)])
        let predicted = doc(text, tokens: [(0, 3), (3, 4), (5, 10)], sentences: [(0, 10)])
        let e = TokenScorer().score(gold: [gold], predicted: [predicted])
        #expect(e.tokens == Score(truePositives: 1, falsePositives: 2, falseNegatives: 1))
        #expect(e.missedTokens.map(\.span) == [TextSpan(start: 0, end: 4)])
    }

    @Test("a missed sentence boundary costs both sentences but only one sentence end")
    func sentenceEnds() {
        let text = "Es regnet. Wir bleiben zu Hause."
        let gold = doc(text, tokens: [], sentences: [(0, 10), (11, 32)])
        let predicted = doc(text, tokens: [], sentences: [(0, 32)])
        let e = TokenScorer().score(gold: [gold], predicted: [predicted])
        #expect(e.sentences == Score(truePositives: 0, falsePositives: 1, falseNegatives: 2))
        #expect(e.sentenceEnds == Score(truePositives: 1, falsePositives: 0, falseNegatives: 1))
        #expect(e.missedSentenceEnds.first?.context == "Es regnet.[[]] Wir bleiben zu Hause.")
    }

    @Test("sentence spans are compared with white space at their ends trimmed")
    func trimmedSentences() {
        let text = "Es regnet. Wir bleiben."
        let gold = doc(text, tokens: [], sentences: [(0, 10), (11, 23)])
        let predicted = doc(text, tokens: [], sentences: [(0, 11), (11, 23)])
        let e = TokenScorer().score(gold: [gold], predicted: [predicted])
        #expect(e.sentences.truePositives == 2)
    }

    @Test("a gold document without prediction counts its tokens as false negatives")
    func missingPrediction() {
        let e = TokenScorer().score(gold: [doc("Ja", tokens: [(0, 2)], sentences: [(0, 2)])], predicted: [])
        #expect(e.tokens == Score(truePositives: 0, falsePositives: 0, falseNegatives: 1))
        #expect(!e.warnings.isEmpty)
    }
}

@Suite("Evaluation reports")
struct EvaluationReportTests {
    @Test("the table has a row per type and a micro row for each score")
    func table() {
        let e = score(gold: [farley, ford], predicted: [farley])
        let table = EvaluationReport.table(e)
        #expect(table.contains("Exact (span and type)"))
        #expect(table.contains("Partial overlap"))
        #expect(table.contains("Span only"))
        let lines = table.split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("  COMPANY") && $0.contains("0.0000") })
        #expect(lines.contains { $0.hasPrefix("  PERSON") && $0.contains("1.0000") })
        #expect(lines.filter { $0.hasPrefix("  micro") }.count == 4)  // exact, partial, span, canonical
    }

    @Test("--json writes one JSON object with per-type and micro scores")
    func json() throws {
        let e = score(gold: [farley, ford], predicted: [farley])
        let value = try JSONValue.parse(EvaluationReport.json(e))
        #expect(value["exact"]?["micro"]?["tp"]?.intValue == 1)
        #expect(value["exact"]?["micro"]?["fn"]?.intValue == 1)
        #expect(value["exact"]?["per_type"]?["PERSON"]?["f1"]?.doubleValue == 1)
        #expect(value["errors"] == nil)
    }

    @Test("the table has a line with the exact precision of the predictions by source")
    func tableBySource() {
        var discoveredSU7 = su7
        discoveredSU7.source = .discovered
        let table = EvaluationReport.table(score(gold: [farley, ford], predicted: [farley, ford, discoveredSU7]))
        #expect(table.contains("Exact precision by source of the prediction: lexicon 1.0000 (2 of 2), discovered 0.0000 (0 of 1)\n"))
        let none = EvaluationReport.table(score(gold: [farley], predicted: [farley]))
        #expect(none.contains("lexicon 1.0000 (1 of 1), discovered – (0 of 0)"))
    }

    @Test("--json has by_source: precision, tp and fp for lexicon and discovered")
    func jsonBySource() throws {
        var discoveredSU7 = su7
        discoveredSU7.source = .discovered
        let value = try JSONValue.parse(EvaluationReport.json(score(gold: [farley, ford], predicted: [farley, discoveredSU7])))
        #expect(value["by_source"]?.objectValue?.map(\.key) == ["lexicon", "discovered"])
        #expect(value["by_source"]?["lexicon"]?["precision"]?.doubleValue == 1)
        #expect(value["by_source"]?["lexicon"]?["tp"]?.intValue == 1)
        #expect(value["by_source"]?["discovered"]?["fp"]?.intValue == 1)
        #expect(value["by_source"]?["discovered"]?["precision"]?.doubleValue == 0)
    }

    @Test("--errors adds the false negatives and false positives to the JSON")
    func jsonErrors() throws {
        let e = score(gold: [farley, ford], predicted: [farley, su7])
        let value = try JSONValue.parse(EvaluationReport.json(e, errors: 5))
        #expect(value["errors"]?["false_negatives"]?[0]?["text"]?.stringValue == "Ford")
        #expect(value["errors"]?["false_positives"]?[0]?["context"]?.stringValue?.contains("[[SU7]]") == true)
    }

    @Test("--errors N lists at most N of each kind in the table")
    func tableErrors() {
        let e = score(gold: [farley, ford, xiaomis], predicted: [])
        let table = EvaluationReport.table(e, errors: 2)
        #expect(table.contains("False negatives (2 of 3)"))
        #expect(table.contains("[[Jim Farley]]"))
        #expect(!table.contains("[[Xiaomis]]"))
    }

    @Test("the token report parses as JSON with token, sentence and sentence-end scores")
    func tokenJSON() throws {
        var e = TokenEvaluation()
        e.tokens = Score(truePositives: 3, falsePositives: 1, falseNegatives: 0)
        let value = try JSONValue.parse(EvaluationReport.json(e))
        #expect(value["tokens"]?["precision"]?.doubleValue == 0.75)
        #expect(value["sentence_ends"] != nil)
    }
}
