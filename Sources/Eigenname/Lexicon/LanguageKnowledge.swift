// Lexicon, part 8: language knowledge that does not live in the rows.
//
// A user's lexicon often has just `surface type canonical`, no flags. Then a row
// whose surface is also an ordinary German word ("Golf", "Welt", "Allianz") or a
// unit ("Tesla", "Volt") would count everywhere. What the compiler knows about
// German words instead, read at lexicon-compile time (files: see Lexicons/README.md,
// "Language knowledge"):
//  - common nouns: Wiktionary's German nouns (the `german-nouns` package), derived
//    by `make knowledge` into Lexicons/knowledge/common-nouns.txt (not committed:
//    CC BY-SA; found beside the default lexicons, or at $EIGENNAME_COMMON_NOUNS);
//    without it no row is cautious, and `eigenname lexicon check` says so;
//  - units and number words (units.txt, number-words.txt, embedded);
//  - type cues: words that say a name next to them is a company or a model
//    (type-cues.txt, embedded);
//  - world first names: about 53,000 first names of many countries with their
//    frequency (Jörg Michael's nam_dict.txt, from the `gender-guesser` package),
//    derived by `make knowledge` into Lexicons/knowledge/first-names-world.txt (not
//    committed: GNU FDL; found beside the default lexicons, or at
//    $EIGENNAME_FIRST_NAMES), for the discovery of person names no lexicon lists;
//    without it discovery knows only Lexicons/first-names.txt;
//  - ordinary words: the German words that are no nouns (adjectives, adverbs, verbs),
//    capitalized, from the lower-case entries of Debian's `wngerman` word list
//    (igerman98), derived by `make knowledge` into Lexicons/knowledge/ordinary-words.txt
//    (not committed: GPL-2+; found beside the default lexicons, or at
//    $EIGENNAME_ORDINARY_WORDS): a capitalized word that is one of them stands at a
//    sentence start, and is no surname; without it discovery takes no surname alone there.
// The common nouns, units and cues affect only rows without any flag: a flag means
// the user decided.

import Foundation

/// What the lexicon compiler knows about German words: common nouns and world first names (where installed), units, number words and type cues.
public struct LanguageKnowledge: Sendable {
    /// Common nouns as written (capitalized), one word each.
    public var commonNouns: Set<String>
    /// Those of them that are also surnames or first names ("Richter", "Wolf"): a PERSON
    /// row of one of them is no ordinary word.
    public var alsoPersonNames: Set<String> = []
    /// Units (as written) and number words (lowercase).
    public var units: Set<String>
    /// Number words, lowercase ("zwei", "hundert").
    public var numberWords: [String]
    /// (type, word) pairs: a word that marks a neighbouring name as of that type.
    public var cues: [(type: String, word: String)]
    /// Where the common nouns came from, for messages (nil: none loaded).
    public var commonNounsSource: String?
    /// First names of the world, each with its highest frequency in any country of the
    /// source, 1 (rare) … 13 (very common); empty when `make knowledge` did not install them.
    /// Only ``installed`` loads them (not ``builtIn``).
    public var worldFirstNames: [String: UInt8] = [:]
    /// Where the world first names came from, for messages (nil: none loaded).
    public var worldFirstNamesSource: String?
    /// German words that are no nouns, capitalized as at a sentence start ("Zuvor",
    /// "Interessant"); empty when `make knowledge` did not install them. Only ``installed``
    /// loads them.
    public var ordinaryWords: [String] = []
    /// Where the ordinary words came from, for messages (nil: none loaded).
    public var ordinaryWordsSource: String?

    /// Knowledge from word lists (all empty by default); ``builtIn`` and ``installed`` are the usual ones.
    public init(commonNouns: Set<String> = [], units: Set<String> = [], numberWords: [String] = [],
                cues: [(type: String, word: String)] = [], commonNounsSource: String? = nil) {
        self.commonNouns = commonNouns
        self.units = units
        self.numberWords = numberWords
        self.cues = cues
        self.commonNounsSource = commonNounsSource
    }

    static func lines(_ bytes: [UInt8]) -> [String] {
        if let lines = linesByBytes(bytes) { return lines }
        return String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && !$0.hasPrefix("#") }
    }

    /// `lines` by bytes (77,000 common nouns at every compile), for a text whose only line
    /// break is "\n" (no CR, VT, FF, U+0085, U+2028, U+2029, and valid UTF-8); nil otherwise.
    /// A line with a byte of 0xCC or more (a scalar from U+0300 on: marks, which join a
    /// Character, and most Unicode spaces) or U+00A0 is trimmed as a String, as before;
    /// the others hold only scalars that are Characters of their own, trimmed of ASCII
    /// spaces and tabs (the only whitespace among them).
    static func linesByBytes(_ bytes: [UInt8]) -> [String]? {
        var previous: (UInt8, UInt8) = (0, 0)
        for b in bytes {
            if b == 0x0D || b == 0x0B || b == 0x0C || (previous.1 == 0xC2 && b == 0x85)
                || (previous == (0xE2, 0x80) && (b == 0xA8 || b == 0xA9)) { return nil }
            previous = (previous.1, b)
        }
        guard String(validating: bytes, as: UTF8.self) != nil else { return nil }
        var lines: [String] = []
        for rawLine in bytes.split(separator: 0x0A) {
            var hasWideScalars = false
            var previous: UInt8 = 0
            for b in rawLine {
                if b >= 0xCC || (previous == 0xC2 && b == 0xA0) { hasWideScalars = true; break }
                previous = b
            }
            let line: String
            if hasWideScalars {
                line = String(decoding: rawLine, as: UTF8.self).trimmingCharacters(in: .whitespaces)
                guard !line.isEmpty && !line.hasPrefix("#") else { continue }
            } else {
                var trimmed = rawLine
                while let b = trimmed.first, b == 0x20 || b == 0x09 { trimmed = trimmed.dropFirst() }
                while let b = trimmed.last, b == 0x20 || b == 0x09 { trimmed = trimmed.dropLast() }
                guard let first = trimmed.first, first != UInt8(ascii: "#") else { continue }
                line = String(decoding: trimmed, as: UTF8.self)
            }
            lines.append(line)
        }
        return lines
    }

    /// Units, number words and type cues (embedded), no common nouns: what every
    /// compile has, whatever is installed.
    public static let builtIn: LanguageKnowledge = {
        var k = LanguageKnowledge()
        k.units = Set(lines(PackageResources.units_txt))
        k.numberWords = lines(PackageResources.number_words_txt)
        k.cues = lines(PackageResources.type_cues_txt).compactMap { line in
            let parts = line.split(separator: "\t", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            return parts.count == 2 && !parts[1].isEmpty ? (parts[0], parts[1]) : nil
        }
        return k
    }()

    package static let commonNounsFileName = "knowledge/common-nouns.txt"

    /// The installed common-nouns file: $EIGENNAME_COMMON_NOUNS, else
    /// knowledge/common-nouns.txt in the default lexicon directory; nil if there is none.
    static func commonNounsPath() -> String? {
        installedPath(variable: "EIGENNAME_COMMON_NOUNS", BundledLexicons.commonNounsPath(inDefaultDirectory:))
    }

    package static let worldFirstNamesFileName = "knowledge/first-names-world.txt"

    /// The installed world first names: $EIGENNAME_FIRST_NAMES, else
    /// knowledge/first-names-world.txt in the default lexicon directory; nil if there is none.
    static func worldFirstNamesPath() -> String? {
        installedPath(variable: "EIGENNAME_FIRST_NAMES", BundledLexicons.worldFirstNamesPath(inDefaultDirectory:))
    }

    package static let ordinaryWordsFileName = "knowledge/ordinary-words.txt"

    /// The installed ordinary words: $EIGENNAME_ORDINARY_WORDS, else
    /// knowledge/ordinary-words.txt in the default lexicon directory; nil if there is none.
    static func ordinaryWordsPath() -> String? {
        installedPath(variable: "EIGENNAME_ORDINARY_WORDS", BundledLexicons.ordinaryWordsPath(inDefaultDirectory:))
    }

    /// An installed knowledge file: the path in $`variable` when set (nil if no file is
    /// there), else what `find` finds in the default lexicon directory.
    private static func installedPath(variable: String, _ find: (String) -> String?) -> String? {
        if let env = LexiconLoader.environmentValue(variable), !env.isEmpty {
            return FileManager.default.fileExists(atPath: env) ? env : nil
        }
        guard let dir = LexiconLoader.defaultDirectory() else { return nil }
        return find(dir)
    }

    /// The installed files the compiled lexicon depends on, by kind (the compile cache's
    /// key covers their path, size and modification time).
    static func installedFiles() -> [(kind: String, path: String)] {
        [("common-nouns", commonNounsPath()), ("first-names-world", worldFirstNamesPath()),
         ("ordinary-words", ordinaryWordsPath())]
            .compactMap { kind, path in path.map { (kind, $0) } }
    }

    /// The built-in knowledge plus the installed common nouns, world first names and ordinary words, if any.
    public static let installed: LanguageKnowledge = {
        var k = builtIn
        if let path = commonNounsPath(), let data = FileManager.default.contents(atPath: path) {
            for line in lines(Array(data)) {
                let parts = line.split(separator: "\t")
                guard let word = parts.first.map(String.init) else { continue }
                k.commonNouns.insert(word)
                if parts.count > 1 && parts[1] == "name" { k.alsoPersonNames.insert(word) }
            }
            k.commonNounsSource = path
        }
        if let path = worldFirstNamesPath(), let data = FileManager.default.contents(atPath: path) {
            k.worldFirstNames = parseWorldFirstNames(Array(data))
            k.worldFirstNamesSource = path
        }
        if let path = ordinaryWordsPath(), let data = FileManager.default.contents(atPath: path) {
            k.ordinaryWords = lines(Array(data))
            k.ordinaryWordsSource = path
        }
        return k
    }()

    /// The world first names of a file in the format of `make knowledge`
    /// (derive_first_names.py): UTF-8, `#` comments, one `name<TAB>frequency` a line,
    /// frequency 1…13. Other lines are skipped; a name listed twice keeps its highest
    /// frequency. Parsed by bytes: the 53,000 names of `make knowledge` take about 5 ms
    /// (release build), splitting them into Strings as ``lines(_:)`` does about 80 ms.
    static func parseWorldFirstNames(_ bytes: [UInt8]) -> [String: UInt8] {
        var names: [String: UInt8] = [:]
        names.reserveCapacity(bytes.count / 10)
        bytes.withUnsafeBufferPointer { b in
            var start = 0
            while start < b.count {
                var end = start
                while end < b.count && b[end] != UInt8(ascii: "\n") { end += 1 }
                defer { start = end + 1 }
                var last = end  // one past the line's last byte that is no CR, space or tab
                while last > start && (b[last - 1] == UInt8(ascii: "\r") || b[last - 1] == UInt8(ascii: " ")
                                       || b[last - 1] == UInt8(ascii: "\t")) { last -= 1 }
                guard last > start, b[start] != UInt8(ascii: "#") else { continue }
                var tab = start
                while tab < last && b[tab] != UInt8(ascii: "\t") { tab += 1 }
                guard tab > start, tab < last else { continue }
                var frequency = 0
                var i = tab + 1
                while i < last, b[i] >= UInt8(ascii: "0"), b[i] <= UInt8(ascii: "9"), frequency <= 13 {
                    frequency = frequency * 10 + Int(b[i] - UInt8(ascii: "0"))
                    i += 1
                }
                guard i == last, (1...13).contains(frequency) else { continue }
                let name = String(decoding: UnsafeBufferPointer(rebasing: b[start..<tab]), as: UTF8.self)
                if names[name, default: 0] < UInt8(frequency) { names[name] = UInt8(frequency) }
            }
        }
        return names
    }

    /// Whether a form (a row's surface, or a person's short form) of a row is cautious:
    /// the row has no flags, the form is one word of letters, and it is a common noun
    /// as written or capitalized ("Golf", "golf", "WELT" → "Welt"; not "iPhone", not "BMW"), and
    /// no unit (units have their own rule).
    func isCautious(_ row: LexiconEntry, form: String? = nil) -> Bool {
        isCautious(form ?? row.surface, type: row.type, hasNoFlags: Self.hasNoFlags(row))
    }

    /// `isCautious` of form `s` of a row of `type` that has no flags, or has some.
    func isCautious(_ s: String, type: String, hasNoFlags: Bool) -> Bool {
        // Most forms of a large lexicon have a space, a digit or a mark: out at once, by bytes
        // (the letter test below asks Unicode properties per character, a million times).
        guard !commonNouns.isEmpty, Self.mayBeOneWord(s), hasNoFlags else { return false }
        if LexiconCompiler.utf8AllSatisfy(s, { $0 < 0x80 }) { return isCautiousASCII(type, s) }
        guard s.count >= 2, s.allSatisfy(\.isLetter), !units.contains(s) else { return false }
        let lower = s.lowercased()
        let capitalized = lower.prefix(1).uppercased() + lower.dropFirst()
        // A surname for a person ("Richter", "Wolf"; a row or a short form) is that name.
        if alsoPersonNames.contains(capitalized) && TypeRoleMap.standard.roles(of: type).contains(.person) { return false }
        // An acronym ("BMW", listed as the noun for the car) is checked as the word it spells ("WELT": "Welt").
        if s == s.uppercased() { return commonNouns.contains(capitalized) }
        return s.dropFirst() == lower.dropFirst() && (commonNouns.contains(s) || commonNouns.contains(capitalized))
    }

    /// `isCautious` of a form of ASCII letters only (most short forms: "Sommer"), by bytes:
    /// each letter is one Character, and its case is its bit 0x20.
    private func isCautiousASCII(_ type: String, _ s: String) -> Bool {
        guard s.utf8.count >= 2, !units.contains(s) else { return false }
        var bytes = Array(s.utf8)
        let hasLower = bytes.contains { $0 >= 0x61 }  // a…z: s != s.uppercased()
        let restIsLower = bytes.dropFirst().allSatisfy { $0 >= 0x61 }  // s.dropFirst() == lower.dropFirst()
        for i in bytes.indices { bytes[i] |= 0x20 }
        bytes[0] &= ~0x20
        let capitalized = String(decoding: bytes, as: UTF8.self)
        if alsoPersonNames.contains(capitalized) && TypeRoleMap.standard.roles(of: type).contains(.person) { return false }
        if !hasLower { return commonNouns.contains(capitalized) }
        return restIsLower && (commonNouns.contains(s) || commonNouns.contains(capitalized))
    }

    /// A row without flags whose surface (or the form given) is a unit.
    func isUnit(_ row: LexiconEntry, form: String? = nil) -> Bool {
        isUnit(form ?? row.surface, hasNoFlags: Self.hasNoFlags(row))
    }

    /// `isUnit` of form `s` of a row that has no flags, or has some.
    func isUnit(_ s: String, hasNoFlags: Bool) -> Bool {
        Self.mayBeOneWord(s) && hasNoFlags && units.contains(s)
    }

    /// No ASCII byte in `s` but letters: it may be one word of letters (checked fully later).
    static func mayBeOneWord(_ s: String) -> Bool {
        LexiconCompiler.utf8AllSatisfy(s) { $0 >= 0x80 || (($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A) }
    }

    static func hasNoFlags(_ row: LexiconEntry) -> Bool {
        row.flags.isEmpty && row.shortForms == nil && row.notAfter.isEmpty && row.notBefore.isEmpty
            && row.requiresContext.isEmpty
    }
}
