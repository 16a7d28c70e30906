// Lexicon, part 10: discovered names in, lexicon rows out (`eigenname discover`).
//
// In:  annotated documents, in corpus order: their entities whose source is
//      `.discovered` (Recognition/NameDiscovery.swift), each with the canonical
//      name of its group in the document (the longest form of that person,
//      company or model there).
// Out: one row per name across the corpus, a (type, canonical) group: the row a
//      lexicon needs (surface = canonical, id, maker and flags empty), then
//      count (mentions in the corpus), documents (how many have it), example
//      (about 60 characters around its first mention) and variants (the forms
//      written, in order of first appearance, joined by "|"). Sorted by count,
//      then documents (both descending), then canonical; groups seen fewer than
//      `minimumCount` times are left out. As TSV under the lexicon header with
//      the four trailing columns, which the loader reads as they are
//      (LexiconFile ignores columns it does not know).
//
// A batch run extracts each document's names on its worker (`names(in:)`,
// small: a few groups), and the calling thread adds them up in input order, so
// the example is the first mention of the corpus whatever the number of workers.
// Text is made fit for a TSV field: tabs, line breaks and other control or
// space characters become one space. The lexicon derives genitives, short forms
// and hyphenated compounds itself (Lexicons/README.md), so variants get no rows.

/// The discovered names of one document, grouped by type and canonical name.
package struct DocumentNames: Sendable {
    /// One group of the document: a person, company or model, and how it was written.
    package struct Group: Sendable, Equatable {
        package var type: String
        package var canonical: String
        /// Mentions in the document.
        package var count: Int
        /// The forms written, each once, in order of first appearance.
        package var variants: [String]
        /// About 60 characters around the group's first mention in the document.
        package var example: String
    }

    /// In order of first mention.
    package var groups: [Group] = []
}

/// Adds up the discovered names of a corpus into lexicon rows (see the file's header).
package struct NameCollector {
    /// One row of `eigenname discover`: a lexicon row and what the corpus says of it.
    package struct Row: Sendable, Equatable {
        package var type: String
        /// The surface and canonical of the lexicon row.
        package var canonical: String
        /// Mentions in the corpus.
        package var count: Int
        /// Documents that mention it.
        package var documents: Int
        /// About 60 characters around its first mention in the corpus.
        package var example: String
        /// The forms written, each once, in order of first appearance.
        package var variants: [String]
    }

    /// The lexicon header (the six columns of Lexicons/README.md) and the four trailing ones.
    package static let header = "surface\ttype\tcanonical\tid\tmaker\tflags\tcount\tdocuments\texample\tvariants"

    /// Characters of context on each side of an example's mention.
    static let contextCharacters = 30

    private var rows: [Row] = []
    private var index: [String: Int] = [:]

    package init() {}

    /// Documents added so far.
    package private(set) var documents = 0

    /// Adds one document's discovered names (call in corpus order: the first mention gives the example).
    package mutating func add(_ document: AnnotatedDocument) {
        add(Self.names(in: document))
    }

    /// Adds one document's names, as `names(in:)` extracted them.
    package mutating func add(_ names: DocumentNames) {
        documents += 1
        for group in names.groups {
            let key = group.type + "\t" + group.canonical
            if let k = index[key] {
                rows[k].count += group.count
                rows[k].documents += 1
                for variant in group.variants where !rows[k].variants.contains(variant) { rows[k].variants.append(variant) }
            } else {
                index[key] = rows.count
                rows.append(Row(type: group.type, canonical: group.canonical, count: group.count, documents: 1,
                                example: group.example, variants: group.variants))
            }
        }
    }

    /// The rows of the groups mentioned at least `minimumCount` times: most mentions first,
    /// then most documents, then by canonical name (and type).
    package func rows(minimumCount: Int = 2) -> [Row] {
        rows.filter { $0.count >= minimumCount }.sorted {
            if $0.count != $1.count { return $0.count > $1.count }
            if $0.documents != $1.documents { return $0.documents > $1.documents }
            if $0.canonical != $1.canonical { return $0.canonical < $1.canonical }
            return $0.type < $1.type
        }
    }

    /// Rows as a TSV file: the header, then one line each (surface = canonical; id, maker, flags empty).
    package static func tsv(_ rows: [Row]) -> String {
        var text = header + "\n"
        for row in rows {
            let fields = [row.canonical, row.type, row.canonical, "", "", "", String(row.count), String(row.documents),
                          row.example, row.variants.joined(separator: "|")]
            text += fields.joined(separator: "\t") + "\n"
        }
        return text
    }

    /// The discovered names of one document (on a batch run's worker).
    package static func names(in document: AnnotatedDocument) -> DocumentNames {
        var names = DocumentNames()
        var index: [String: Int] = [:]
        var offsets = ByteOffsets(document.utf8)
        for entity in document.entities where entity.source == .discovered {
            let canonical = fieldText(entity.canonical), variant = fieldText(entity.text)
            guard !canonical.isEmpty else { continue }
            let key = entity.type + "\t" + canonical
            if let k = index[key] {
                names.groups[k].count += 1
                if !variant.isEmpty && !names.groups[k].variants.contains(variant) { names.groups[k].variants.append(variant) }
            } else {
                index[key] = names.groups.count
                let example = context(document.utf8, start: offsets.byteOffset(ofCodePoint: entity.start),
                                      end: offsets.byteOffset(ofCodePoint: entity.end))
                names.groups.append(DocumentNames.Group(type: entity.type, canonical: canonical, count: 1,
                                                        variants: variant.isEmpty ? [] : [variant], example: example))
            }
        }
        return names
    }

    /// About `contextCharacters` characters before and after the bytes `start..<end`, cut at
    /// spaces rather than inside a word ("…" where cut), as one line.
    static func context(_ utf8: [UInt8], start: Int, end: Int) -> String {
        func isContinuation(_ byte: UInt8) -> Bool { byte & 0xC0 == 0x80 }
        var from = start, characters = 0
        while from > 0 && characters < contextCharacters {
            from -= 1
            while from > 0 && isContinuation(utf8[from]) { from -= 1 }
            characters += 1
        }
        var to = end
        characters = 0
        while to < utf8.count && characters < contextCharacters {
            to += 1
            while to < utf8.count && isContinuation(utf8[to]) { to += 1 }
            characters += 1
        }
        var before = String(decoding: utf8[from..<start], as: UTF8.self)
        var after = String(decoding: utf8[end..<to], as: UTF8.self)
        // A word cut in two is left out, unless it is all the context there is.
        if from > 0, !isSpace(utf8[from - 1]), let space = before.firstIndex(where: \.isWhitespace) {
            before = String(before[space...])
        }
        if to < utf8.count, !isSpace(utf8[to]), let space = after.lastIndex(where: \.isWhitespace) {
            after = String(after[..<space])
        }
        let text = fieldText(before + String(decoding: utf8[start..<end], as: UTF8.self) + after)
        return (from > 0 ? "…" : "") + text + (to < utf8.count ? "…" : "")
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }

    /// Text fit for a TSV field: every run of spaces, tabs, line breaks and other control
    /// characters becomes one space; none at either end.
    static func fieldText(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace || scalar.properties.generalCategory == .control {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(" ") }
                pendingSpace = false
                out.append(scalar)
            }
        }
        return String(out)
    }
}

/// Code point offsets to byte offsets of UTF-8 text, for offsets asked in non-decreasing
/// order (a document's entities): one pass over the text, never a rescan.
private struct ByteOffsets {
    private let utf8: [UInt8]
    private var byte = 0
    private var codePoint = 0

    init(_ utf8: [UInt8]) { self.utf8 = utf8 }

    mutating func byteOffset(ofCodePoint target: Int) -> Int {
        if target < codePoint { byte = 0; codePoint = 0 }
        while codePoint < target && byte < utf8.count {
            byte += 1
            while byte < utf8.count && utf8[byte] & 0xC0 == 0x80 { byte += 1 }
            codePoint += 1
        }
        return byte
    }
}
