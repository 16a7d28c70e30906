// Lexicon, part 7: checks for people who edit lexicons (`eigenname lexicon check`).
//
// In:  LexiconSources.
// Out: [LexiconFinding], each with file, line, severity and message:
//  - malformed rows and unknown flags (errors); header columns without a name or
//    with the name of an earlier one (warnings: their fields are ignored; other
//    columns with a name of their own are ignored without a word);
//  - entries that can never match: no tokens; tokenized differently inside a
//    sentence than alone; or at the same token path as an earlier entry that
//    always applies (that one wins every time): a duplicate when both name
//    the same entity (warning), a conflict when they differ in type (error)
//    or canonical name (error);
//  - makers that name no canonical company, rule words that are not one word (errors);
//  - a type that a row or two use beside a frequent type one or two edits away (warning: a typo?);
//  - rows the language knowledge makes cautious or treats as units (LanguageKnowledge),
//    with the flag that makes them unconditional or stricter (warnings).
// And notes on the installed language knowledge (`knowledgeNotes`): common nouns
// missing, where the world first names came from or that they are missing.

package struct LexiconFinding: Sendable, Hashable, CustomStringConvertible {
    package enum Severity: String, Sendable { case error, warning }
    package var severity: Severity
    var path: String
    var line: Int
    var message: String

    package var description: String { "\(path):\(line): \(severity.rawValue): \(message)" }
}

package struct LexiconChecker {
    var knowledge: LanguageKnowledge

    /// `eigenname lexicon check` passes `.installed`; the default knows units only.
    package init(knowledge: LanguageKnowledge = .builtIn) {
        self.knowledge = knowledge
    }

    /// The lines `eigenname lexicon check` prints about the installed language knowledge:
    /// that no common nouns are installed, and where the world first names came from (or
    /// that none are installed).
    package static func knowledgeNotes(_ knowledge: LanguageKnowledge) -> [String] {
        var notes: [String] = []
        if knowledge.commonNounsSource == nil {
            notes.append("note: no German common nouns installed (\(LanguageKnowledge.commonNounsFileName) beside the default "
                         + "lexicons, or $EIGENNAME_COMMON_NOUNS; `make knowledge` makes it): no row is cautious")
        }
        if let source = knowledge.worldFirstNamesSource {
            notes.append("note: world first names: \(knowledge.worldFirstNames.count) from \(source)")
        } else {
            notes.append("note: no world first names installed (\(LanguageKnowledge.worldFirstNamesFileName) beside the "
                         + "default lexicons, or $EIGENNAME_FIRST_NAMES; `make knowledge` makes it): discovery knows only "
                         + "the first names of \(LexiconLoader.firstNamesFileName)")
        }
        if knowledge.ordinaryWordsSource == nil {
            notes.append("note: no ordinary words installed (\(LanguageKnowledge.ordinaryWordsFileName) beside the "
                         + "default lexicons, or $EIGENNAME_ORDINARY_WORDS; `make knowledge` makes it): discovery takes "
                         + "no surname alone at a sentence start")
        }
        return notes
    }

    package func check(_ sources: LexiconSources) throws(EigennameError) -> [LexiconFinding] {
        var findings: [LexiconFinding] = []
        var rows: [LexiconEntry] = []
        for file in sources.lexiconFiles {
            guard let data = FileManager.default.contents(atPath: file) else {
                findings.append(LexiconFinding(severity: .error, path: file, line: 0, message: "cannot read file"))
                continue
            }
            let (entries, errors, headerWarnings) = LexiconFile.parseReportingHeader(Array(data), path: file)
            rows += entries
            for case let .malformedLexicon(path, line, reason) in errors {
                findings.append(LexiconFinding(severity: .error, path: path, line: line, message: reason))
            }
            for (line, message) in headerWarnings {
                findings.append(LexiconFinding(severity: .warning, path: file, line: line, message: message))
            }
        }
        findings += try checkEntries(rows)
        return findings.sorted { ($0.path, $0.line) < ($1.path, $1.line) }
    }

    func checkEntries(_ rows: [LexiconEntry]) throws(EigennameError) -> [LexiconFinding] {
        var findings: [LexiconFinding] = []
        func report(_ severity: LexiconFinding.Severity, _ row: LexiconEntry, _ message: String) {
            findings.append(LexiconFinding(severity: severity, path: row.path, line: row.line, message: message))
        }
        let compiler = LexiconCompiler()
        // Each surface alone, and inside a sentence: ICU's boundaries depend on context.
        var vocabulary = ByteStringTableBuilder()
        let alone = try compiler.tokenizeAll(rows.map(\.surface), into: &vocabulary)
        let inContext = try compiler.tokenizeAll(rows.map { "Laut " + $0.surface + " wohl" }, into: &vocabulary)
        func word(_ id: Int32) -> String { String(decoding: vocabulary.key(id), as: UTF8.self) }

        let canonicals = Set(rows.map(\.canonical))
        let withMakers = LexiconCompiler.inferringMakers(rows)
        // The matcher tries an always-applying entry first: at its token path it wins every time.
        func pathKey(_ steps: ArraySlice<LexiconCompiler.Step>) -> String {
            steps.enumerated().map { k, t in (k > 0 && t.spaceBefore ? " " : "") + word(t.id) }.joined(separator: "\u{1}")
        }
        func isConditional(_ row: LexiconEntry) -> Bool {
            !row.flags.subtracting(.unambiguous).isEmpty || !row.notAfter.isEmpty || !row.notBefore.isEmpty || !row.requiresContext.isEmpty
        }
        // A type a row or two use, next to a type many use that it is one or two edits from
        // ("PERSN", "Person" beside "PERSON"): most likely a typo, which would quietly make a type of its own.
        var typeCounts: [String: Int] = [:]
        for row in rows { typeCounts[row.type, default: 0] += 1 }
        var typoOf: [String: String] = [:]
        for (type, count) in typeCounts where count <= 2 {
            let near = typeCounts.filter { $0.value >= 10 * count && $0.value >= 5 && $0.key != type
                && Self.editDistance($0.key.uppercased(), type.uppercased(), atMost: 2) <= 2 }
            if let best = near.max(by: { $0.value < $1.value }) { typoOf[type] = best.key }
        }
        var winner: [String: Int] = [:]
        for (r, row) in rows.enumerated() where !alone.steps(of: r).isEmpty && !isConditional(row) {
            let key = pathKey(alone.steps(of: r))
            if winner[key] == nil { winner[key] = r }
        }
        for (r, row) in rows.enumerated() {
            let tokens = alone.steps(of: r)
            if tokens.isEmpty {
                report(.error, row, "'\(row.surface)' has no tokens and can never match")
                continue
            }
            let context = inContext.steps(of: r).dropFirst().dropLast()
            if !context.map(\.id).elementsEqual(tokens.map(\.id)) {
                report(.error, row, "'\(row.surface)' can never match: inside a sentence it tokenizes as "
                       + context.map { "\"" + word($0.id) + "\"" }.joined(separator: " "))
            }
            if !row.maker.isEmpty && !canonicals.contains(row.maker) {
                report(.error, row, "maker '\(row.maker)' is not the canonical name of any entry")
            }
            for word in row.notAfter + row.notBefore + row.requiresContext where !word.hasPrefix("#") {
                if word.contains(" ") || word.contains("-") { report(.error, row, "rule word '\(word)' must be one word") }
            }
            for word in row.notAfter + row.notBefore + row.requiresContext
            where word.hasPrefix("#") && word != "#number" && word != "#first-name" {
                report(.error, row, "unknown word class '\(word)' (known: #number, #first-name)")
            }
            if knowledge.isCautious(row) {
                // A model's maker may come from its canonical (LexiconCompiler.inferringMakers).
                let maker = row.maker.isEmpty ? withMakers[r].maker : row.maker
                let isProduct = TypeRoleMap.standard.roles(of: row.type).contains(.product)
                let stricter = isProduct ? (maker.isEmpty ? "requires-context=Modell|…" : "requires-maker (maker: \(maker))")
                    : "requires-context=…, after-full or exact-case"
                report(.warning, row, "'\(row.surface)' is also an ordinary German word (common nouns): without flags it counts only "
                       + "with evidence (its entity named elsewhere in the document, a type cue, quotes, a neighbouring name"
                       + (isProduct ? ", its maker in the document" : "") + "); add the flag `unambiguous` to count it "
                       + "everywhere, or \(stricter) for a stricter rule")
            } else if knowledge.isUnit(row) {
                report(.warning, row, "'\(row.surface)' is also a unit: without flags it does not count right after a number or "
                       + "a number word (\"3 \(row.surface)\", \"zehn \(row.surface)\"); add `unambiguous` to count it there too, "
                       + "or `not-after=#number` to decide the rule yourself")
            }
            if let frequent = typoOf[row.type] {
                report(.warning, row, "type '\(row.type)' is used by \(typeCounts[row.type] ?? 0) row(s), '\(frequent)' by "
                       + "\(typeCounts[frequent] ?? 0): a typo? (a type is whatever the lexicons call it, so a misspelt one is a new type)")
            }
            guard let w = winner[pathKey(tokens)], w != r else { continue }
            let other = rows[w]
            let at = "\(other.path):\(other.line)"
            if other.type != row.type {
                report(.error, row, "'\(row.surface)' is \(row.type) here but \(other.type) at \(at), which always wins: this entry never matches")
            } else if other.canonical != row.canonical {
                report(.error, row, "'\(row.surface)' names '\(row.canonical)' here but '\(other.canonical)' at \(at), which always wins: this entry never matches")
            } else if alone.matchForm(of: r) == alone.matchForm(of: w) {
                // (A spelling that differs in case is no duplicate: it changes which case matches.)
                report(.warning, row, "duplicate of \(at) ('\(other.surface)'), which always wins: this row never matches on its own")
            }
        }
        return findings
    }

    /// The edit distance of two short strings (insertions, deletions, substitutions), or
    /// `atMost + 1` when it is larger.
    static func editDistance(_ a: String, _ b: String, atMost limit: Int) -> Int {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        guard abs(a.count - b.count) <= limit else { return limit + 1 }
        var previous = Array(0...b.count)
        for i in 1...max(1, a.count) where !a.isEmpty {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...max(1, b.count) where !b.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return min(previous[b.count], limit + 1)
    }
}

import Foundation
