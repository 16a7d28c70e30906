// Lexicon, part 1: TSV files in, entries out.
//
// In:  UTF-8 TSV files (Lexicons/*.tsv): a header line whose first columns
//      are surface and type; optional columns canonical (empty or missing: the
//      surface), id, maker, flags (by name, any order); `#` starts a comment line.
//      Any other column is ignored, without a word when the header names it
//      (the count, documents, example and variants that `eigenname discover`
//      writes after the six); `lexicon check` warns about a column the header
//      leaves unnamed or names twice.
// Out: [LexiconEntry], or a malformedLexicon error naming file and line.

import Foundation

/// How an ambiguous entry is allowed to count, given in the `flags` column.
public struct EntryFlags: OptionSet, Sendable, Hashable {
    /// The flags as bits.
    public let rawValue: UInt16
    /// Flags from their bits.
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    /// The text must have exactly the entry's capitalization.
    public static let exactCase = EntryFlags(rawValue: 1)
    /// A MODEL that counts only where its maker is named in the same document.
    public static let requiresMaker = EntryFlags(rawValue: 2)
    /// Counts only after the entity's canonical name appeared in full earlier in the document.
    public static let afterFull = EntryFlags(rawValue: 4)
    /// Does not count as the first word of a sentence, where German capitalizes every word ("Smart").
    public static let midSentence = EntryFlags(rawValue: 8)
    /// Counts everywhere, even where the language knowledge would make the row cautious
    /// (LanguageKnowledge): the user decided. Not stored in the compiled entry.
    public static let unambiguous = EntryFlags(rawValue: 16)
    /// Set by the compiler, not by a flag: a row without flags whose surface is an
    /// ordinary German word; it counts only with evidence (EntityRecognizer, Caution.swift).
    static let cautious = EntryFlags(rawValue: 32)
    /// Set by the compiler: a row without flags whose surface is a unit (units.txt); it
    /// does not count right after a number or a number word.
    static let unit = EntryFlags(rawValue: 64)
}

/// One row of a lexicon.
public struct LexiconEntry: Sendable, Hashable {
    /// The text to find, as written ("Ford Motor Company").
    public var surface: String
    /// The entity type ("COMPANY", "PERSON", "MODEL", or any other).
    public var type: String
    /// The preferred name written as `canonical` of each match (the surface when the column is empty).
    public var canonical: String
    /// A stable identifier (the Wikidata QID where known), or "".
    public var id: String
    /// For a MODEL: the canonical name of its maker, or "".
    public var maker: String
    /// How an ambiguous row is allowed to count.
    public var flags: EntryFlags
    /// For a PERSON: the forms used alone after the full name. nil: derive the last word.
    public var shortForms: [String]?
    /// Does not count right after one of these words (`#number`, `#first-name`: any number, any first name).
    public var notAfter: [String] = []
    /// Does not count right before one of these words.
    public var notBefore: [String] = []
    /// Counts only if one of these words is in the same sentence.
    public var requiresContext: [String] = []
    /// Where the row was read, for messages.
    public var path: String
    /// The row's line in that file (1-based; 0 for a row built in code).
    public var line: Int

    /// A row built in code; an empty `canonical` means the surface. `path` and `line` only name the row in messages.
    public init(surface: String, type: String, canonical: String = "", id: String = "", maker: String = "",
                flags: EntryFlags = [], shortForms: [String]? = nil, path: String = "", line: Int = 0) {
        self.surface = surface
        self.type = type
        self.canonical = canonical.isEmpty ? surface : canonical
        self.id = id
        self.maker = maker
        self.flags = flags
        self.shortForms = shortForms
        self.path = path
        self.line = line
    }
}

package enum LexiconFile {
    /// Reads every entry of one lexicon file.
    package static func read(path: String) throws(EigennameError) -> [LexiconEntry] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .io(path: path, reason: "cannot read lexicon file")
        }
        return try parse(Array(data), path: path)
    }

    /// Parses the bytes of one lexicon file; throws at the first malformed row.
    package static func parse(_ bytes: [UInt8], path: String) throws(EigennameError) -> [LexiconEntry] {
        let (entries, errors) = parseLeniently(bytes, path: path)
        if let first = errors.first { throw first }
        return entries
    }

    /// Parses the bytes of one lexicon file, skipping malformed rows and
    /// returning an error for each (for `eigenname lexicon check`).
    /// Works on bytes: a million-row file parses in well under a second.
    static func parseLeniently(_ bytes: [UInt8], path: String) -> ([LexiconEntry], [EigennameError]) {
        let (entries, errors, _) = parseReportingHeader(bytes, path: path)
        return (entries, errors)
    }

    /// As `parseLeniently`, and what `lexicon check` warns about the header: columns it
    /// leaves unnamed or names twice (their fields are ignored), as (line, message).
    static func parseReportingHeader(_ bytes: [UInt8], path: String)
        -> ([LexiconEntry], [EigennameError], [(line: Int, message: String)])
    {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        if String(validating: body, as: UTF8.self) == nil {
            let offset = firstInvalidUTF8Offset(Array(body)) ?? 0
            let line = body.prefix(offset).reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
            return ([], [.malformedLexicon(path: path, line: line, reason: "invalid UTF-8")], [])
        }
        var headerWarnings: [(line: Int, message: String)] = []
        var lineNumber = 0
        // The header: the first line that is neither blank nor a comment.
        var lineStart = body.startIndex
        while true {
            let newline = body[lineStart...].firstIndex(of: 0x0A)
            lineNumber += 1
            let fields = Self.fields(body[lineStart..<(newline ?? body.endIndex)])
            if let fields {
                // Two columns are enough (canonical = surface): the lists people already have.
                guard fields.count >= 2, fields[0] == "surface", fields[1] == "type" else {
                    return ([], [.malformedLexicon(path: path, line: lineNumber, reason: headerProblem(fields))], [])
                }
                var named: [String: Int] = [:]
                for (i, name) in fields.enumerated() {
                    if name.isEmpty {
                        headerWarnings.append((lineNumber, "column \(i + 1) has no name in the header: its fields are ignored"))
                    } else if let first = named[name] {
                        headerWarnings.append((lineNumber, "column \(i + 1) repeats the name '\(name)' of column \(first + 1): "
                                               + "its fields are ignored"))
                    } else {
                        named[name] = i
                    }
                }
                guard let newline else { return ([], [], headerWarnings) }
                let rows = parseRows(body[(newline + 1)...], firstLine: lineNumber + 1, header: Columns(named),
                                     columnCount: fields.count, path: path)
                return (rows.entries, rows.errors, headerWarnings)
            }
            guard let newline else { break }
            lineStart = newline + 1
        }
        return ([], [.malformedLexicon(path: path, line: max(lineNumber, 1), reason: "no header line")], headerWarnings)
    }

    /// The fields of one line, spaces trimmed; nil for a blank line or a comment.
    private static func fields(_ rawLine: ArraySlice<UInt8>) -> [String]? {
        fieldRanges(rawLine).map { $0.map { String(decoding: rawLine[$0], as: UTF8.self) } }
    }

    /// Where the fields of one line are (indices of `rawLine`), spaces trimmed; nil for a blank
    /// line or a comment. Rows make Strings only of the fields they keep (a million lines).
    private static func fieldRanges(_ rawLine: ArraySlice<UInt8>) -> [Range<Int>]? {
        let line = rawLine.last == 0x0D ? rawLine.dropLast() : rawLine
        if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) || line.first == UInt8(ascii: "#") { return nil }
        // Split at tabs by hand: the fields of split(separator: 0x09, omittingEmptySubsequences: false).
        func field(_ start: Int, _ end: Int) -> Range<Int> {
            var start = start, end = end
            while start < end && line[start] == 0x20 { start += 1 }
            while end > start && line[end - 1] == 0x20 { end -= 1 }
            return start..<end
        }
        var fields: [Range<Int>] = []
        fields.reserveCapacity(8)
        var start = line.startIndex
        for i in line.indices where line[i] == 0x09 {
            fields.append(field(start, i))
            start = i + 1
        }
        fields.append(field(start, line.endIndex))
        return fields
    }

    /// The rows after the header, `firstLine` the number of the first; a large file in two
    /// halves at once (split at a line break, each line parsed alone), joined in line order.
    private static func parseRows(_ lines: ArraySlice<UInt8>, firstLine: Int, header: Columns, columnCount: Int,
                                  path: String) -> (entries: [LexiconEntry], errors: [EigennameError]) {
        var split = lines.endIndex
        if CompileThreads.enabled && lines.count >= 1 << 20 {
            split = lines[(lines.startIndex + lines.count / 2)...].firstIndex(of: 0x0A) ?? lines.endIndex
        }
        let firstHalf = lines[..<split], secondHalf = split < lines.endIndex ? lines[(split + 1)...] : []
        // A row per line at most: each half parses into room of its own in the one array, and the
        // second half's rows are then moved down after the first's (moved, not copied: a million
        // rows copied and destroyed cost more than the parsing of a half).
        let firstRoom = newlineCount(firstHalf) + 1
        let secondRoom = split < lines.endIndex ? newlineCount(secondHalf) + 1 : 0
        let secondLine = firstLine + firstRoom
        // The second half's rows hold a path string of their own: every row retains its path,
        // and two cores retaining one object fight over its reference count.
        let secondPath = String(decoding: Array(path.utf8), as: UTF8.self)
        var errors: [EigennameError] = []
        let entries = [LexiconEntry](unsafeUninitializedCapacity: firstRoom + secondRoom) { buffer, count in
            let base = buffer.baseAddress!
            let (first, second) = CompileThreads.both(parallel: secondRoom > 0, {
                parseLines(firstHalf, firstLine: firstLine, header: header, columnCount: columnCount, path: path, into: base)
            }, {
                parseLines(secondHalf, firstLine: secondLine, header: header, columnCount: columnCount, path: secondPath,
                           into: base + firstRoom)
            })
            (base + first.count).moveInitialize(from: base + firstRoom, count: second.count)
            count = first.count + second.count
            errors = first.errors + second.errors
        }
        return (entries, errors)
    }

    /// The number of line breaks in `bytes`.
    private static func newlineCount(_ bytes: ArraySlice<UInt8>) -> Int {
        bytes.withUnsafeBufferPointer { b in
            var n = 0
            for byte in b where byte == 0x0A { n += 1 }
            return n
        }
    }

    /// Each line of `lines` (split at line breaks, the last one possibly empty) as a row, initialized
    /// one after another from `destination` on (room for a row per line); the number of rows.
    private static func parseLines(_ lines: ArraySlice<UInt8>, firstLine: Int, header: Columns, columnCount: Int,
                                   path: String, into destination: UnsafeMutablePointer<LexiconEntry>)
        -> (count: Int, errors: [EigennameError])
    {
        var count = 0
        var errors: [EigennameError] = []
        var lineNumber = firstLine - 1
        // Line by line by hand: split(separator: 0x0A, omittingEmptySubsequences: false) without its array.
        var lineStart = lines.startIndex
        while true {
            let newline = lines[lineStart...].firstIndex(of: 0x0A) ?? lines.endIndex
            lineNumber += 1
            let line = lines[lineStart..<newline]
            if let fields = fieldRanges(line) {
                do {
                    (destination + count).initialize(to: try parseRow(line, fields, header: header, columnCount: columnCount,
                                                                      path: path, line: lineNumber))
                    count += 1
                } catch {
                    errors.append(error)
                }
            }
            guard newline < lines.endIndex else { break }
            lineStart = newline + 1
        }
        return (count, errors)
    }

    /// Where the header puts each column the parser reads (nil: not there).
    private struct Columns {
        let surface, type, canonical, id, maker, flags: Int?
        init(_ named: [String: Int]) {
            (surface, type, canonical) = (named["surface"], named["type"], named["canonical"])
            (id, maker, flags) = (named["id"], named["maker"], named["flags"])
        }
    }

    /// What is wrong with a first line that is no header, with the header expected and an example row.
    static func headerProblem(_ fields: [String]) -> String {
        let found = fields.joined(separator: "\\t")
        var reason = "the first line must be the header: the columns surface and type, then optionally canonical, "
            + "id, maker, flags, separated by tabs"
        if fields.count == 1 && fields[0].split(separator: " ").first == "surface" {
            reason += " (this one is separated by spaces)"
        } else if fields.count >= 2 {
            reason += " (found: \(found.prefix(80)))"
        }
        return reason + ". Expected for example:\n    surface\\ttype\\tcanonical\n    Ford\\tCOMPANY\\tFord Motor Company"
    }

    /// One row; `columnCount`: the header's fields, named or not (a row may have fewer).
    private static func parseRow(_ bytes: ArraySlice<UInt8>, _ fields: [Range<Int>], header: Columns, columnCount: Int,
                                 path: String, line: Int) throws(EigennameError) -> LexiconEntry
    {
        func field(_ column: Int?) -> String {
            guard let i = column, i < fields.count, !fields[i].isEmpty else { return "" }
            return String(decoding: bytes[fields[i]], as: UTF8.self)
        }
        guard fields.count >= 2 else {
            throw .malformedLexicon(path: path, line: line, reason: "expected at least surface and type separated by a tab")
        }
        if fields.count > columnCount {
            throw .malformedLexicon(path: path, line: line,
                                    reason: "\(fields.count) fields but the header has \(columnCount) columns")
        }
        let surface = field(header.surface), type = field(header.type), flags = field(header.flags)
        if surface.isEmpty { throw .malformedLexicon(path: path, line: line, reason: "empty surface") }
        if type.isEmpty { throw .malformedLexicon(path: path, line: line, reason: "empty type") }
        guard type.utf8.allSatisfy({ ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39)
            || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") }) else {
            throw .malformedLexicon(path: path, line: line, reason: "type '\(type)' may hold only ASCII letters, digits, _ and -")
        }
        let id = field(header.id)
        if !id.isEmpty && !(id.first == "Q" && id.dropFirst().allSatisfy(\.isASCII) && Int(id.dropFirst()) != nil) {
            throw .malformedLexicon(path: path, line: line, reason: "id '\(id)' is not a Wikidata QID (Q followed by digits)")
        }
        // A canonical written as the surface is the surface's string: not a second copy of each name.
        let canonical: String
        if let c = header.canonical, let s = header.surface, c < fields.count, bytes[fields[c]].elementsEqual(bytes[fields[s]]) {
            canonical = surface
        } else {
            canonical = field(header.canonical)
        }
        // Most rows have no flags: made and returned at once (the entry that parseFlags changes costs two copies).
        if flags.isEmpty {
            return LexiconEntry(surface: surface, type: type, canonical: canonical, id: id,
                                maker: field(header.maker), path: path, line: line)
        }
        var entry = LexiconEntry(surface: surface, type: type, canonical: canonical, id: id,
                                 maker: field(header.maker), path: path, line: line)
        try parseFlags(flags, into: &entry)
        if entry.flags.contains(.requiresMaker) && entry.maker.isEmpty {
            throw .malformedLexicon(path: path, line: line, reason: "requires-maker needs a maker")
        }
        return entry
    }

    /// The flags a lexicon may give, for messages.
    static let knownFlags = "exact-case, requires-maker, after-full, mid-sentence, unambiguous, short=A|B, not-after=A|B, not-before=A|B, requires-context=A|B"

    static func parseFlags(_ field: String, into entry: inout LexiconEntry) throws(EigennameError) {
        for item in field.split(separator: ",") {
            let flag = item.trimmingCharacters(in: .whitespaces)
            let (name, value) = flag.firstIndex(of: "=").map {
                (String(flag[..<$0]), flag[flag.index(after: $0)...].split(separator: "|").map {
                    $0.trimmingCharacters(in: .whitespaces)
                }.filter { !$0.isEmpty })
            } ?? (flag, [])
            switch name {
            case "": continue
            case "exact-case": entry.flags.insert(.exactCase)
            case "requires-maker": entry.flags.insert(.requiresMaker)
            case "after-full": entry.flags.insert(.afterFull)
            case "mid-sentence": entry.flags.insert(.midSentence)
            case "unambiguous": entry.flags.insert(.unambiguous)
            case "short": entry.shortForms = value
            case "not-after": entry.notAfter += value
            case "not-before": entry.notBefore += value
            case "requires-context": entry.requiresContext += value
            default:
                throw .malformedLexicon(path: entry.path, line: entry.line,
                                        reason: "unknown flag '\(flag)' (known: \(knownFlags))")
            }
            let takesValue = ["short", "not-after", "not-before", "requires-context"].contains(name)
            if takesValue != flag.contains("=") || (takesValue && name != "short" && value.isEmpty) {
                throw .malformedLexicon(path: entry.path, line: entry.line,
                                        reason: takesValue ? "flag '\(name)' needs words: \(name)=A|B" : "flag '\(name)' takes no value")
            }
        }
    }
}

