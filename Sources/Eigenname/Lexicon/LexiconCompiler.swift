// Lexicon, part 3: entries in, a compiled matcher out.
//
// In:  [LexiconEntry] from any number of lexicon files.
// Out: a CompiledLexicon: a vocabulary of token keys (byte strings -> Int32
//      ids) and a trie over (token id, "space before") steps whose nodes
//      carry the entries that end there.
//
// Each surface is tokenized and folded exactly like text, so "ID.3" becomes
// the steps id · "." · 3 without spaces, and "Ford Motor Company" ford ␣motor
// ␣company. The compiler also adds the forms the annotation rules call for:
//  - the hyphenated form of a multiword name ("Elon-Musk" for the
//    "Elon-Musk-Biografie" compound);
//  - a person's short form (the last word, or the `short=` flag's forms) that
//    counts only after the full name appeared earlier in the document.

/// What the recognizer needs to know about one (possibly derived) entry.
struct CompiledEntry: Sendable {
    var type: Int32
    var canonical: Int32
    /// Canonical id of the maker, or -1.
    var maker: Int32
    var flags: EntryFlags
    /// Derived short form: counts only after its canonical appeared in full.
    var isShortForm: Bool
    /// Genitive "s" may follow (not after names ending in s, x, z or ß).
    var allowsGenitive: Bool
    /// The match form of the surface, for `exact-case` entries.
    var surface: [UInt8]
}

/// A lexicon compiled for matching. Immutable, shared by all workers.
public final class CompiledLexicon: Sendable {
    let vocabulary: ByteStringTable
    /// Per vocabulary id: every lexicon surface has this token capitalized, so
    /// text that writes it all lowercase ("ford", "golf") does not match.
    let needsCapital: [Bool]
    let edges: IntegerMap
    /// Entries ending at node n: entryIndex[entryStart[n]..<entryStart[n + 1]].
    let entryStart: [Int32]
    let entryIndex: [Int32]
    let entries: [CompiledEntry]
    public let types: [String]
    public let canonicals: [String]
    /// The number of lexicon rows compiled.
    public let rowCount: Int

    init(vocabulary: ByteStringTable, needsCapital: [Bool], edges: IntegerMap, entryStart: [Int32],
         entryIndex: [Int32], entries: [CompiledEntry], types: [String], canonicals: [String], rowCount: Int) {
        self.vocabulary = vocabulary
        self.needsCapital = needsCapital
        self.edges = edges
        self.entryStart = entryStart
        self.entryIndex = entryIndex
        self.entries = entries
        self.types = types
        self.canonicals = canonicals
        self.rowCount = rowCount
    }

    static let root: Int32 = 0

    /// The trie step from `node` over token `id`.
    @inline(__always)
    static func edgeKey(node: Int32, token: Int32, spaceBefore: Bool) -> UInt64 {
        (UInt64(UInt32(node)) + 1) << 33 | UInt64(UInt32(token)) << 1 | (spaceBefore ? 1 : 0)
    }

    @inline(__always)
    func child(of node: Int32, token: Int32, spaceBefore: Bool) -> Int32? {
        edges.get(Self.edgeKey(node: node, token: token, spaceBefore: spaceBefore))
    }

    @inline(__always)
    func entries(at node: Int32) -> Range<Int> {
        Int(entryStart[Int(node)])..<Int(entryStart[Int(node) + 1])
    }
}

public struct LexiconCompiler {
    public init() {}

    public func compile(_ rows: [LexiconEntry]) throws(EigennameError) -> CompiledLexicon {
        let tokenizer = try Tokenizer()
        let normalizer = TextNormalizer()
        var vocabulary = ByteStringTable(capacity: rows.count * 2 + 64)
        var needsCapital: [Bool] = []
        var edges = IntegerMap(capacity: rows.count * 3 + 64)
        var nodeCount: Int32 = 1
        var nodeEntries: [Int32: [Int32]] = [:]
        var entries: [CompiledEntry] = []
        var typeIDs: [String: Int32] = [:], types: [String] = []
        var canonicalIDs: [String: Int32] = [:], canonicals: [String] = []

        func intern(_ s: String, _ ids: inout [String: Int32], _ list: inout [String]) -> Int32 {
            if let id = ids[s] { return id }
            let id = Int32(list.count)
            ids[s] = id
            list.append(s)
            return id
        }

        /// Adds one surface to the trie for entry `e`; returns false when it has no tokens.
        func add(surface: String, entry e: CompiledEntry) -> Bool {
            let original = Array(surface.utf8)
            let normalized = normalizer.normalize(original)
            let tokens = original.withUnsafeBufferPointer { tokenizer.tokenize(normalized, original: $0) }
            guard !tokens.isEmpty else { return false }
            var node = CompiledLexicon.root
            var key: [UInt8] = []
            var lastKey: [UInt8] = []
            normalized.bytes.withUnsafeBufferPointer { bytes in
                for (k, t) in tokens.enumerated() {
                    let lowercase = KeyFolder.fold(UnsafeBufferPointer(rebasing: bytes[Int(t.normalizedStart)..<Int(t.normalizedEnd)]),
                                                   into: &key)
                    let id = vocabulary.intern(key)
                    if Int(id) == needsCapital.count { needsCapital.append(true) }
                    // Any lowercase use in the lexicon lets lowercase text match this token.
                    if lowercase || t.kind != .word { needsCapital[Int(id)] = false }
                    let edge = CompiledLexicon.edgeKey(node: node, token: id, spaceBefore: k > 0 && t.spaceBefore)
                    if let next = edges.get(edge) {
                        node = next
                    } else {
                        edges.set(edge, nodeCount)
                        node = nodeCount
                        nodeCount += 1
                    }
                    lastKey = key
                }
            }
            var entry = e
            entry.surface = normalized.bytes
            let last = lastKey.last
            entry.allowsGenitive = tokens.last?.kind != .punctuation
                && !(last == UInt8(ascii: "s") || last == UInt8(ascii: "x") || last == UInt8(ascii: "z"))
            entry.allowsGenitive = entry.allowsGenitive && tokens.last?.kind != .symbol
            nodeEntries[node, default: []].append(Int32(entries.count))
            entries.append(entry)
            return true
        }

        for row in rows {
            let base = CompiledEntry(type: intern(row.type, &typeIDs, &types),
                                     canonical: intern(row.canonical, &canonicalIDs, &canonicals),
                                     maker: row.maker.isEmpty ? -1 : intern(row.maker, &canonicalIDs, &canonicals),
                                     flags: row.flags, isShortForm: false, allowsGenitive: true, surface: [])
            guard add(surface: row.surface, entry: base) else {
                throw .malformedLexicon(path: row.path, line: row.line, reason: "surface '\(row.surface)' has no tokens")
            }
            let words = row.surface.split(separator: " ")
            if words.count > 1 {
                _ = add(surface: words.joined(separator: "-"), entry: base)
            }
            if row.type == "PERSON" {
                let shortForms = row.shortForms ?? (words.count > 1 ? [String(words.last!)] : [])
                var short = base
                short.isShortForm = true
                for form in shortForms where form != row.surface {
                    _ = add(surface: form, entry: short)
                }
            }
        }

        // Lay the per-node entry lists out flat; plain entries before conditional
        // ones, so a node's first entry that applies is the most certain one.
        var entryStart = [Int32](repeating: 0, count: Int(nodeCount) + 1)
        var entryIndex: [Int32] = []
        for node in 0..<Int(nodeCount) {
            entryStart[node] = Int32(entryIndex.count)
            if let list = nodeEntries[Int32(node)] {
                entryIndex.append(contentsOf: list.sorted { a, b in
                    let ca = entries[Int(a)].isShortForm || !entries[Int(a)].flags.isEmpty
                    let cb = entries[Int(b)].isShortForm || !entries[Int(b)].flags.isEmpty
                    return ca == cb ? a < b : !ca
                })
            }
        }
        entryStart[Int(nodeCount)] = Int32(entryIndex.count)
        return CompiledLexicon(vocabulary: vocabulary, needsCapital: needsCapital, edges: edges, entryStart: entryStart,
                               entryIndex: entryIndex, entries: entries, types: types, canonicals: canonicals,
                               rowCount: rows.count)
    }
}
