// Lexicon, part 7: checks for people who edit lexicons (`eigenname lexicon check`).
//
// In:  LexiconSources.
// Out: [LexiconFinding], each with file, line, severity and message:
//  - malformed rows and unknown flags (errors);
//  - entries that can never match: no tokens; tokenized differently inside a
//    sentence than alone; or at the same token path as an earlier entry that
//    always applies (that one wins every time): a duplicate when both name
//    the same entity (warning), a conflict when they differ in type (error)
//    or canonical name (error);
//  - makers that name no canonical company, rule words that are not one word (errors).

public struct LexiconFinding: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning }
    public var severity: Severity
    public var path: String
    public var line: Int
    public var message: String

    public var description: String { "\(path):\(line): \(severity.rawValue): \(message)" }
}

public struct LexiconChecker {
    public init() {}

    public func check(_ sources: LexiconSources) throws(EigennameError) -> [LexiconFinding] {
        var findings: [LexiconFinding] = []
        var rows: [LexiconEntry] = []
        for file in sources.lexiconFiles {
            guard let data = FileManager.default.contents(atPath: file) else {
                findings.append(LexiconFinding(severity: .error, path: file, line: 0, message: "cannot read file"))
                continue
            }
            let (entries, errors) = LexiconFile.parseLeniently(Array(data), path: file)
            rows += entries
            for case let .malformedLexicon(path, line, reason) in errors {
                findings.append(LexiconFinding(severity: .error, path: path, line: line, message: reason))
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
        // The matcher tries an always-applying entry first: at its token path it wins every time.
        func pathKey(_ steps: ArraySlice<LexiconCompiler.Step>) -> String {
            steps.enumerated().map { k, t in (k > 0 && t.spaceBefore ? " " : "") + word(t.id) }.joined(separator: "\u{1}")
        }
        func isConditional(_ row: LexiconEntry) -> Bool {
            !row.flags.isEmpty || !row.notAfter.isEmpty || !row.notBefore.isEmpty || !row.requiresContext.isEmpty
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
}

import Foundation
