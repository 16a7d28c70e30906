// Shared by the output format tests (Output/), the HTML evaluation report's
// (Evaluation/) and BrowserTests: documents from the pipeline, the <mark>
// elements of an HTML page, and an evaluation with known mistakes.

import Foundation
import Testing
@testable import Eigenname

/// Documents from the pipeline (Fixtures.lexicon) for the format tests.
enum FormatFixtures {
    static let texts: [(id: String, text: String)] = [
        ("farley", "Ford-Chef Jim Farley fuhr monatelang Xiaomis SU7-Modell. Den Xiaomi SU7 gibt es seit 2024."),
        ("ft", "Die Financial Times schreibt über BMW und Tesla, auch über VW.\n\nLei Jun (Xiaomi) und Elon Musk führen Autokonzerne."),
        ("musk", "Elon Musk und Elon-Musk-Fans: Tesla Model 3 und Model 3 gegen den ID.3 von VW. Mercedes-Benz baut Autos."),
        ("umbruch", "Der Auto-\nmobilbauer Ford wies Berichte der Financial\nTimes als „falsch“ zurück. Harrison Ford 😀 und Fords Mustang Mach-E."),
    ]

    static var documents: [AnnotatedDocument] {
        let annotator = try! Annotator(lexicon: Fixtures.lexicon)
        return texts.map { annotator.annotate(text: $0.text, id: $0.id) }
    }

    /// A document with two discovered entities (no lexicon row lists them,
    /// ANNOTATION.md rule 14) around one from the lexicon: tokens and sentences
    /// from the pipeline, the entities set by hand, since no rule discovers yet.
    static var discovered: AnnotatedDocument {
        let text = "Die Hansen Fahrzeugtechnik GmbH beliefert Ford; Geschäftsführerin Petra Lorenz bestätigte das."
        var doc = try! Annotator(lexicon: Fixtures.lexicon).annotate(text: text, id: "hansen")
        func entity(_ surface: String, _ type: String, _ canonical: String, _ source: EntitySource) -> Entity {
            let scalars = Array(text.unicodeScalars), needle = Array(surface.unicodeScalars)
            let start = scalars.indices.first { Array(scalars[$0...].prefix(needle.count)) == needle }!
            return Entity(start: start, end: start + needle.count, type: type, text: surface, canonical: canonical,
                          source: source)
        }
        doc.entities = [entity("Hansen Fahrzeugtechnik GmbH", "COMPANY", "Hansen Fahrzeugtechnik GmbH", .discovered),
                        entity("Ford", "COMPANY", "Ford Motor Company", .lexicon),
                        entity("Petra Lorenz", "PERSON", "Petra Lorenz", .discovered)]
        return doc
    }

    /// The documents as `annotate` writes them (JSONL), read back by the evaluation's interchange reader.
    static func jsonlDocuments(_ documents: [AnnotatedDocument]) throws -> [EvaluationDocument] {
        var bytes: [UInt8] = []
        for doc in documents {
            JSONOutput.append(doc, to: &bytes)
            bytes.append(0x0A)
        }
        var warnings: [String] = []
        let result = try InterchangeReader.values(in: bytes, path: "pred.jsonl").map { value, origin in
            try InterchangeReader.entityDocument(value, origin: origin, warnings: &warnings)
        }
        #expect(warnings.isEmpty)
        return result
    }
}

/// The <mark> elements of an HTML page (as written, or as Chromium serializes its DOM).
struct HTMLMark: Equatable {
    var attributes: [String: String]
    var text: String
    var classes: [String] { (attributes["class"] ?? "").split(separator: " ").map(String.init) }
}

enum HTMLMarks {
    static func parse(_ html: String) -> [HTMLMark] {
        var marks: [HTMLMark] = []
        let s = Array(html.unicodeScalars)
        var i = 0
        func starts(_ prefix: String, at index: Int) -> Bool {
            let p = Array(prefix.unicodeScalars)
            return index + p.count <= s.count && Array(s[index..<(index + p.count)]) == p
        }
        while i < s.count {
            guard starts("<mark", at: i), i + 5 < s.count, s[i + 5] == " " || s[i + 5] == ">" else {
                i += 1
                continue
            }
            i += 5
            var attributes: [String: String] = [:]
            while i < s.count {
                while i < s.count, s[i] == " " || s[i] == "\n" { i += 1 }
                if i < s.count, s[i] == ">" { i += 1; break }
                var name = ""
                while i < s.count, s[i] != "=", s[i] != " ", s[i] != ">" { name.unicodeScalars.append(s[i]); i += 1 }
                var value = ""
                if i < s.count, s[i] == "=" {
                    i += 1
                    let quote = s[i]
                    i += 1
                    while i < s.count, s[i] != quote { value.unicodeScalars.append(s[i]); i += 1 }
                    i += 1
                }
                attributes[name] = unescape(value)
            }
            var text = ""
            while i < s.count, !starts("</mark>", at: i) { text.unicodeScalars.append(s[i]); i += 1 }
            marks.append(HTMLMark(attributes: attributes, text: unescape(text)))
        }
        return marks
    }

    static func unescape(_ s: String) -> String {
        guard s.contains("&") else { return s }
        var out = ""
        var rest = Substring(s)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            rest = rest[amp...]
            guard let semicolon = rest.firstIndex(of: ";") else { break }
            let name = rest[rest.index(after: rest.startIndex)..<semicolon]
            switch name {
            case "amp": out += "&"
            case "lt": out += "<"
            case "gt": out += ">"
            case "quot": out += "\""
            case "nbsp": out += "\u{A0}"
            default:
                if name.hasPrefix("#x"), let v = UInt32(name.dropFirst(2), radix: 16), let u = Unicode.Scalar(v) {
                    out.unicodeScalars.append(u)
                } else if name.hasPrefix("#"), let v = UInt32(name.dropFirst()), let u = Unicode.Scalar(v) {
                    out.unicodeScalars.append(u)
                } else {
                    out += "&" + name + ";"
                }
            }
            rest = rest[rest.index(after: semicolon)...]
        }
        return out + rest
    }
}

/// Gold that differs from the pipeline's predictions in known ways, and the evaluation of it.
enum ReportFixture {
    static var evaluation: EntityEvaluation {
        let predicted = FormatFixtures.documents.map {
            EvaluationDocument(id: $0.id, text: $0.text, entities: $0.entities, origin: $0.origin)
        }
        var gold = predicted
        // "farley": gold lacks "Xiaomis" (a false positive) and has "Den" as a PERSON (a false negative).
        gold[0].entities.removeAll { $0.text == "Xiaomis" }
        let den = Array(gold[0].text!.unicodeScalars).firstIndex(of: "D")!
        gold[0].entities.append(Entity(start: den, end: den + 3, type: "PERSON", text: "Den", canonical: ""))
        // "ft": BMW is a MODEL in gold (a false negative MODEL and a false positive COMPANY).
        if let index = gold[1].entities.firstIndex(where: { $0.text == "BMW" }) { gold[1].entities[index].type = "MODEL" }
        // "musk": gold's span for "Elon-Musk" is shorter (a boundary error of each kind).
        if let index = gold[2].entities.firstIndex(where: { $0.text == "Elon-Musk" }) {
            gold[2].entities[index].end -= 5
            gold[2].entities[index].text = "Elon"
        }
        return EntityScorer().score(gold: gold, predicted: predicted)
    }
}
