// The HTML evaluation report: the score tables and every false negative and
// false positive highlighted in its context.

import Foundation
import Testing
@testable import Eigenname

@Suite("HTML evaluation report")
struct EvaluationHTMLReportTests {
    @Test("every false negative and false positive is a mark in its context, in the section of its type")
    func mistakesHighlighted() throws {
        let e = ReportFixture.evaluation
        #expect(e.falseNegatives.count == 3 && e.falsePositives.count == 3)
        let html = string(EvaluationHTMLReport.page(e, goldSource: "gold.jsonl", predictedSource: "pred.jsonl"))
        let marks = HTMLMarks.parse(html).filter { $0.classes.contains("mistake") }
        let expected = e.falseNegatives.map { ("fn", $0) } + e.falsePositives.map { ("fp", $0) }
        #expect(marks.count == expected.count)
        for (kind, mistake) in expected {
            let mark = marks.first {
                $0.attributes["data-kind"] == kind && $0.attributes["data-doc"] == mistake.documentID
                    && $0.attributes["data-start"] == String(mistake.entity.start)
                    && $0.attributes["data-end"] == String(mistake.entity.end)
            }
            let found = try #require(mark, "\(kind) \(mistake.entity.text)")
            #expect(found.attributes["data-type"] == mistake.entity.type)
            #expect(found.text == mistake.entity.text)
            // In the section of its type.
            let section = try #require(html.range(of: "<section class=\"type\" id=\"type-\(mistake.entity.type)\""))
            let next = html.range(of: "</section>", range: section.upperBound..<html.endIndex)!
            #expect(html[section.upperBound..<next.lowerBound].contains("data-start=\"\(mistake.entity.start)\""))
        }
        // The context before the mark.
        #expect(html.contains("<div class=\"context\">Ford-Chef Jim Farley fuhr monatelang <mark class=\"mistake fp t-COMPANY\""))
    }

    @Test("the score tables: exact per type and micro, partial, span only, canonical; file names in the header")
    func scores() {
        let e = ReportFixture.evaluation
        let html = string(EvaluationHTMLReport.page(e, goldSource: "gold.jsonl", predictedSource: "pred.jsonl"))
        #expect(html.contains("Gold: <code>gold.jsonl</code> · Predictions: <code>pred.jsonl</code>"))
        for id in ["exact", "partial", "span", "canonical"] { #expect(html.contains("<h3 id=\"\(id)\">")) }
        let micro = e.exactMicro
        #expect(html.contains("<tr class=\"micro\"><th scope=\"row\">micro</th><td class=\"num\">\(EvaluationReport.ratio(micro.precision))</td><td class=\"num\">\(EvaluationReport.ratio(micro.recall))</td><td class=\"num\">\(EvaluationReport.ratio(micro.f1))</td>"))
        #expect(html.contains("<td class=\"num\">\(micro.truePositives)</td><td class=\"num\">\(micro.falsePositives)</td><td class=\"num\">\(micro.falseNegatives)</td></tr>"))
        for type in e.types { #expect(html.contains("<tr><th scope=\"row\"><span class=\"tag t-\(type)\">\(type)</span></th>")) }
        #expect(!html.contains("<script") && !html.contains("http://") && !html.contains("https://"))
    }

    @Test("no mistakes: says so; no gold canonical names: says so")
    func perfect() {
        let documents = FormatFixtures.documents.map {
            EvaluationDocument(id: $0.id, text: $0.text, entities: $0.entities, origin: $0.origin)
        }
        let html = string(EvaluationHTMLReport.page(EntityScorer().score(gold: documents, predicted: documents)))
        #expect(html.contains("No mistakes"))
        #expect(HTMLMarks.parse(html).filter { $0.classes.contains("mistake") }.isEmpty)
    }

    @Test("the context is split at the [[ ]] whose content has the entity's length, even with [[ in the text")
    func contextSplit() {
        let entity = Entity(start: 3, end: 7, type: "COMPANY", text: "Ford", canonical: "")
        let m = EntityMistake(documentID: "d", entity: entity, context: "[[ [[Ford]] baut [[x]]", note: "missed")
        #expect(EvaluationHTMLReport.splitContext(m) == ("[[ ", "Ford", " baut [[x]]"))
        let noText = EntityMistake(documentID: "d", entity: entity, context: "", note: "missed")
        #expect(EvaluationHTMLReport.splitContext(noText) == ("", "Ford", ""))
    }
}
