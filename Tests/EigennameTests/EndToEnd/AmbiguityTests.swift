// Every ambiguous entry the lexicons ship, with a sentence where it must be
// found and one where it must not (Lexicons/AMBIGUITY.md), checked against
// the shipped lexicons.

import Foundation
import Testing
@testable import Eigenname

@Suite("Ambiguity rules of the shipped lexicons")
struct AmbiguityTests {
    struct Case {
        var line: Int
        var type: String
        var canonical: String
        var mustFind: (sentence: String, span: String)
        var mustNotFind: (sentence: String, word: String)
    }

    /// The table rows of AMBIGUITY.md ("\|" inside a cell is a literal bar).
    static func cases() throws -> [Case] {
        let path = Fixtures.repository.appendingPathComponent("Lexicons/AMBIGUITY.md").path
        let lines = try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\n")
        func bracketed(_ cell: String) -> (String, String)? {
            guard let open = cell.lastIndex(of: "["), let close = cell.lastIndex(of: "]"), open < close else { return nil }
            return (cell[..<open].trimmingCharacters(in: .whitespaces), String(cell[cell.index(after: open)..<close]))
        }
        var result: [Case] = []
        for (n, line) in lines.enumerated() where line.hasPrefix("| ") && !line.hasPrefix("| entry") && !line.hasPrefix("| ---") {
            let cells = line.replacingOccurrences(of: "\\|", with: "\u{1}").split(separator: "|", omittingEmptySubsequences: false)
                .map { $0.replacingOccurrences(of: "\u{1}", with: "|").trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 6 else { continue }
            let typeParts = cells[2].components(separatedBy: " → ")
            guard typeParts.count == 2, let find = bracketed(cells[4]), let notFind = bracketed(cells[5]) else { continue }
            result.append(Case(line: n + 1, type: typeParts[0], canonical: typeParts[1], mustFind: find, mustNotFind: notFind))
        }
        return result
    }

    @Test func everyAmbiguousEntryIsFoundWhereItMustBeAndOnlyThere() throws {
        let cases = try Self.cases()
        #expect(cases.count >= 100)
        let annotator = try Annotator(lexicon: DefaultLexicon.compiled)
        for c in cases {
            let found = annotator.annotate(text: c.mustFind.sentence).entities
            #expect(found.contains { $0.type == c.type && $0.canonical == c.canonical && $0.text == c.mustFind.span },
                    "AMBIGUITY.md:\(c.line): not found in \(c.mustFind.sentence.debugDescription)")
            let text = c.mustNotFind.sentence
            let doc = annotator.annotate(text: text)
            let scalars = Array(text.unicodeScalars)
            // Where the word stands (its first occurrence), in code points.
            let word = Array(c.mustNotFind.word.unicodeScalars)
            let at = (0...max(0, scalars.count - word.count)).first { Array(scalars[$0..<min(scalars.count, $0 + word.count)]) == word }
            // A word that is not in its sentence would check nothing: the row is broken.
            guard let at else {
                Issue.record("AMBIGUITY.md:\(c.line): the word [\(c.mustNotFind.word)] is not in \(text.debugDescription)")
                continue
            }
            // For a person, only an entity that is exactly the word (the full name around it is right).
            let hit = doc.entities.first {
                $0.type == c.type && $0.canonical == c.canonical
                    && (c.type == "PERSON" ? $0.start == at && $0.end == at + word.count : $0.start <= at && $0.end >= at + word.count)
            }
            #expect(hit == nil, "AMBIGUITY.md:\(c.line): wrongly found \(hit?.text ?? "") in \(text.debugDescription)")
        }
    }
}
