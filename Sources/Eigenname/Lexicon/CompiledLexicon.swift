// Lexicon, part 5: the compiled lexicon as the matcher reads it.
//
// In:  a LexiconImage (built in memory, or memory-mapped from a file).
// Out: lookups: token key -> vocabulary id, (node, id, space) -> next node,
//      node -> the entries that end there, entry -> its type, canonical, rules.
// Nothing here allocates: every lookup reads the image in place.

/// What an entry carries, decoded from its 8-Int32 record in the image.
struct EntryRecord {
    var type: Int32
    var canonical: Int32
    /// String id of the maker's canonical name, or -1.
    var maker: Int32
    var flags: EntryFlags
    /// A derived short form: counts only after its canonical appeared in full.
    var isShortForm: Bool
    /// A genitive "s" may follow (not after names ending in s, x or z).
    var allowsGenitive: Bool
    /// The match form of the surface (kept for `exact-case` entries and names starting with a capital article only).
    var surface: Range<Int>
    /// Index of the entry's context rule, or -1.
    var rule: Int32
    /// String id of the entry's stable identifier (Wikidata QID), or -1.
    var identifier: Int32
    /// The roles of its type (type-roles.txt): what the rules do with it.
    var roles: TypeRoles

    static let fieldCount = 8

    /// Appends the 8 fields of the record.
    func append(to out: inout [Int32]) {
        out.append(type)
        out.append(canonical)
        out.append(maker)
        out.append(Int32(flags.rawValue) | (isShortForm ? 1 << 16 : 0) | (allowsGenitive ? 1 << 17 : 0)
                   | Int32(roles.rawValue) << TypeRoles.recordShift)
        out.append(Int32(surface.lowerBound))
        out.append(Int32(surface.count))
        out.append(rule)
        out.append(identifier)
    }

    init(type: Int32, canonical: Int32, maker: Int32, flags: EntryFlags, isShortForm: Bool, allowsGenitive: Bool,
         surface: Range<Int>, rule: Int32, identifier: Int32, roles: TypeRoles) {
        self.type = type
        self.canonical = canonical
        self.maker = maker
        self.flags = flags
        self.isShortForm = isShortForm
        self.allowsGenitive = allowsGenitive
        self.surface = surface
        self.rule = rule
        self.identifier = identifier
        self.roles = roles
    }

    @inline(__always)
    init(_ r: UnsafeBufferPointer<Int32>, at i: Int) {
        let b = i * Self.fieldCount
        type = r[b]
        canonical = r[b + 1]
        maker = r[b + 2]
        flags = EntryFlags(rawValue: UInt16(truncatingIfNeeded: r[b + 3] & 0xFFFF))
        isShortForm = r[b + 3] & (1 << 16) != 0
        allowsGenitive = r[b + 3] & (1 << 17) != 0
        surface = Int(r[b + 4])..<Int(r[b + 4] + r[b + 5])
        rule = r[b + 6]
        identifier = r[b + 7]
        roles = TypeRoles(rawValue: UInt8(truncatingIfNeeded: r[b + 3] >> TypeRoles.recordShift) & 7)
    }
}

/// A context rule's token lists, as ranges of the rule pool.
struct ContextRule {
    var notAfter: Range<Int>
    var notBefore: Range<Int>
    var requiresContext: Range<Int>

    static let fieldCount = 6
    /// Pool markers for token classes instead of words.
    static let number: Int32 = -2
    static let firstName: Int32 = -3
}

/// Vocabulary flags, one byte per token key.
struct VocabularyFlags {
    /// Every lexicon surface writes this token capitalized: lowercase text does not match it.
    static let needsCapital: UInt8 = 1
    /// The token is a first name from first-names.txt.
    static let firstName: UInt8 = 2
    /// Some entry starts with this token: matching is worth trying from it.
    static let startsEntry: UInt8 = 4
    /// Every lexicon surface writes this token in capitals ("BMW", "ABS"): text
    /// that writes it as a word ("Abs", "Gas") does not match; capitals do.
    static let capitals: UInt8 = 8
    /// Some entry has this token after its first: only then can a match go on over it.
    static let continuesEntry: UInt8 = 16
    /// A type cue for companies, or for models (type-cues.txt; LanguageKnowledge).
    static let companyCue: UInt8 = 32
    static let modelCue: UInt8 = 64
    /// A number word (number-words.txt): a unit after it is a measure.
    static let numberWord: UInt8 = 128
}

/// A lexicon compiled for matching. Immutable; one instance serves all workers.
public final class CompiledLexicon: @unchecked Sendable {
    let image: LexiconImage
    let vocabulary: ByteStringTableView
    /// A quick "certainly not in the vocabulary" test for plain ASCII tokens.
    let asciiFilter: ASCIITokenFilter
    /// The ids of the vocabulary's keys of at most eight ASCII bytes, by packed key.
    let shortKeys: ShortASCIIKeys
    let vocabularyFlags: UnsafeBufferPointer<UInt8>
    let edges: IntegerMapView
    let entryStart: UnsafeBufferPointer<Int32>
    let entryIndex: UnsafeBufferPointer<Int32>
    private let entryRecords: UnsafeBufferPointer<Int32>
    let surfaces: UnsafeRawBufferPointer
    private let stringArena: UnsafeRawBufferPointer
    private let stringOffsets: UnsafeBufferPointer<Int32>
    private let rules: UnsafeBufferPointer<Int32>
    let rulePool: UnsafeBufferPointer<Int32>
    private let rootChildren: UnsafeBufferPointer<Int32>
    private let shortFormStart: UnsafeBufferPointer<Int32>
    private let canonicalShortStart: UnsafeBufferPointer<Int32>
    private let canonicalShortEntries: UnsafeBufferPointer<Int32>
    private let entryNodes: UnsafeBufferPointer<Int32>
    private let nodeHasChildren: UnsafeBufferPointer<UInt8>
    /// The words discovery asks about, and their NameWordClass bits (NameWords.swift): those of
    /// 1 to 14 bytes packed, the others in a byte-string table.
    private let packedNameWords: PackedNameWords
    private let longNameWords: ByteStringTableView
    private let longNameWordClasses: UnsafeBufferPointer<UInt16>
    /// The common first names that may stand alone, as a filter (NameWordFilter.swift).
    let firstNameFilter: NameWordFilter
    /// The words a name rule may start at (first names, roles, cues), as a filter.
    let nameStartFilter: NameWordFilter
    /// Whether the name-word table knows the ordinary words of `make knowledge`: without them
    /// rule discover-person-sentence-start cannot tell "Zuvor war" from "Kolb war", and is off.
    let hasOrdinaryWords: Bool
    /// Per role of TypeRoles.byName, the type of the names discovery finds.
    let discoveredTypes: [String]

    /// The number of lexicon rows it was compiled from.
    public let rowCount: Int
    /// The roles (type-roles.txt) that some entry has: rules of a role no entry has are skipped.
    let rolesPresent: TypeRoles
    /// Whether any entry is cautious (Caution.swift): the shipped lexicons have none, and
    /// recognition then keeps no record of which names were matched for certain.
    let hasCautiousEntries: Bool
    /// The number of entries, with the derived forms (hyphenated, short forms).
    public var entryCount: Int { entryRecords.count / EntryRecord.fieldCount }
    /// Fingerprint of the source files (0 when compiled from rows in memory).
    package var sourceKey: UInt64 { image.sourceKey }

    init(image: LexiconImage) {
        self.image = image
        vocabulary = ByteStringTableView(arena: image.raw(.vocabularyArena),
                                         offsets: image.array(.vocabularyOffsets, of: Int32.self),
                                         slots: image.array(.vocabularySlots, of: Int32.self))
        vocabularyFlags = image.array(.vocabularyFlags, of: UInt8.self)
        edges = IntegerMapView(keys: image.array(.edgeKeys, of: UInt64.self), values: image.array(.edgeValues, of: Int32.self))
        entryStart = image.array(.entryStart, of: Int32.self)
        entryIndex = image.array(.entryIndex, of: Int32.self)
        entryRecords = image.array(.entries, of: Int32.self)
        surfaces = image.raw(.surfaces)
        stringArena = image.raw(.stringArena)
        stringOffsets = image.array(.stringOffsets, of: Int32.self)
        rules = image.array(.rules, of: Int32.self)
        rulePool = image.array(.rulePool, of: Int32.self)
        rootChildren = image.array(.rootChildren, of: Int32.self)
        shortFormStart = image.array(.shortFormStart, of: Int32.self)
        canonicalShortStart = image.array(.canonicalShortStart, of: Int32.self)
        canonicalShortEntries = image.array(.canonicalShortEntries, of: Int32.self)
        entryNodes = image.array(.entryNodes, of: Int32.self)
        nodeHasChildren = image.array(.nodeHasChildren, of: UInt8.self)
        let meta = image.array(.meta, of: Int32.self)
        rowCount = meta.isEmpty ? 0 : Int(meta[0])
        // Per role (person, maker, product), how many entries have it.
        var roles: TypeRoles = []
        for (k, role) in TypeRoles.byName.enumerated() where meta.count > 1 + k && meta[1 + k] > 0 { roles.insert(role.role) }
        rolesPresent = roles
        let cautious = 1 + TypeRoles.byName.count
        hasCautiousEntries = meta.count > cautious ? meta[cautious] > 0 : false
        asciiFilter = ASCIITokenFilter(vocabulary)
        shortKeys = ShortASCIIKeys(vocabulary)
        packedNameWords = PackedNameWords(image.array(.packedNameWords, of: UInt64.self))
        longNameWords = ByteStringTableView(arena: image.raw(.nameWordsArena),
                                            offsets: image.array(.nameWordsOffsets, of: Int32.self),
                                            slots: image.array(.nameWordsSlots, of: Int32.self))
        longNameWordClasses = image.array(.nameWordClasses, of: UInt16.self)
        firstNameFilter = NameWordFilter(section: image.array(.firstNameFilter, of: UInt64.self))
        nameStartFilter = NameWordFilter(section: image.array(.nameStartFilter, of: UInt64.self))
        hasOrdinaryWords = packedNameWords.containsWord { $0 & NameWordClass.ordinaryWord != 0 }
            || longNameWordClasses.contains { $0 & NameWordClass.ordinaryWord != 0 }
        let types = cautious + 1
        discoveredTypes = TypeRoles.byName.indices.map { k in
            meta.count > types + k ? Self.string(Int32(meta[types + k]), image) : TypeRoleMap.standardTypeName(of: TypeRoles.byName[k].role)
        }
    }

    /// The NameWordClass bits of a word as written (0: discovery knows nothing of it).
    @inline(__always)
    func nameWordClass(_ word: UnsafeRawBufferPointer) -> UInt16 {
        if PackedNameWords.holds(word.count) { return packedNameWords.wordClass(word) }
        guard longNameWordClasses.count > 0, let id = longNameWords.id(of: word) else { return 0 }
        return longNameWordClasses[Int(id)]
    }

    /// `nameWordClass(word)` where the text of `word` goes on to `readableEnd`: with sixteen bytes
    /// to read, two loads and a mask pack it instead of a byte loop.
    @inline(__always)
    func nameWordClass(_ word: UnsafeBufferPointer<UInt8>, readableEnd: UnsafePointer<UInt8>) -> UInt16 {
        let n = word.count
        guard PackedNameWords.holds(n), let base = word.baseAddress, base + 16 <= readableEnd else {
            return nameWordClass(UnsafeRawBufferPointer(word))
        }
        let key = PackedKey(low: UnsafeRawPointer(base).loadUnaligned(as: UInt64.self),
                            high: UnsafeRawPointer(base + 8).loadUnaligned(as: UInt64.self)).prefix(n)
        return packedNameWords.wordClass(key, length: n)
    }

    /// The type discovery gives a name of `role`.
    func discoveredType(_ role: TypeRoles) -> String {
        discoveredTypes[TypeRoles.byName.firstIndex { $0.role == role } ?? 0]
    }

    private static func string(_ id: Int32, _ image: LexiconImage) -> String {
        let arena = image.raw(.stringArena), offsets = image.array(.stringOffsets, of: Int32.self)
        return String(decoding: UnsafeRawBufferPointer(rebasing: arena[Int(offsets[Int(id)])..<Int(offsets[Int(id) + 1])]), as: UTF8.self)
    }

    static let root: Int32 = 0

    /// The trie step from `node` over token `id`, with or without a space before it.
    @inline(__always)
    static func edgeKey(node: Int32, token: Int32, spaceBefore: Bool) -> UInt64 {
        (UInt64(UInt32(node)) + 1) << 33 | UInt64(UInt32(token)) << 1 | (spaceBefore ? 1 : 0)
    }

    @inline(__always)
    func child(of node: Int32, token: Int32, spaceBefore: Bool) -> Int32? {
        if node == Self.root {
            // The first token of an entry: its space before does not count.
            let child = rootChildren[Int(token)]
            return child >= 0 ? child : nil
        }
        return edges.get(Self.edgeKey(node: node, token: token, spaceBefore: spaceBefore))
    }

    /// Whether some entry goes on after `node` (the root always).
    @inline(__always)
    func hasChildren(_ node: Int32) -> Bool { nodeHasChildren[Int(node)] != 0 }

    @inline(__always)
    func hasEntries(at node: Int32) -> Bool { entryStart[Int(node)] != entryStart[Int(node) + 1] }

    /// Positions in `entryIndex` of the entries at `node` that are not short forms.
    @inline(__always)
    func fullEntries(at node: Int32) -> Range<Int> {
        Int(entryStart[Int(node)])..<Int(shortFormStart[Int(node)])
    }

    @inline(__always)
    func hasShortForms(at node: Int32) -> Bool { shortFormStart[Int(node)] != entryStart[Int(node) + 1] }

    /// The short form of `canonical` that ends at `node`, if there is one.
    func shortForm(of canonical: Int32, at node: Int32) -> Int32? {
        for k in Int(canonicalShortStart[Int(canonical)])..<Int(canonicalShortStart[Int(canonical) + 1]) {
            let e = canonicalShortEntries[k]
            if entryNodes[Int(e)] == node { return e }
        }
        return nil
    }

    func entry(_ i: Int32) -> EntryRecord { EntryRecord(entryRecords, at: Int(i)) }

    func rule(_ i: Int32) -> ContextRule {
        let b = Int(i) * ContextRule.fieldCount
        return ContextRule(notAfter: Int(rules[b])..<Int(rules[b + 1]), notBefore: Int(rules[b + 2])..<Int(rules[b + 3]),
                           requiresContext: Int(rules[b + 4])..<Int(rules[b + 5]))
    }

    /// The entry's stable identifier (its `id` column), if it has one.
    func identifier(of entry: EntryRecord) -> String? {
        entry.identifier >= 0 ? string(entry.identifier) : nil
    }

    func string(_ id: Int32) -> String {
        let bytes = UnsafeRawBufferPointer(rebasing: stringArena[Int(stringOffsets[Int(id)])..<Int(stringOffsets[Int(id) + 1])])
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Sizes, for `eigenname lexicon info`: (what, how many of it (nil: not counted), bytes). The
    /// rows add up to the image's size: the last but one is what no other row names (the header,
    /// the sections' alignment and the small tables of short forms and trie links).
    package var statistics: [(name: String, count: Int?, bytes: Int)] {
        func size(_ sections: [LexiconSection]) -> Int { sections.reduce(0) { $0 + image.raw($1).count } }
        let rows: [(name: String, count: Int?, bytes: Int)] = [
            ("vocabulary (token keys)", vocabulary.count,
             size([.vocabularyArena, .vocabularyOffsets, .vocabularySlots, .vocabularyFlags])),
            ("trie edges", edges.keys.filter { $0 != 0 }.count, size([.edgeKeys, .edgeValues])),
            ("trie nodes", entryStart.count - 1, size([.entryStart])),
            ("entries", entryCount, size([.entries, .entryIndex, .surfaces])),
            ("strings", stringOffsets.count - 1, size([.stringArena, .stringOffsets])),
            ("context rules", rules.count / ContextRule.fieldCount, size([.rules, .rulePool])),
            // Discovery's words (NameWords.swift): up to 14 bytes packed, longer in a byte-string table.
            ("name words (discovery)", packedNameWords.wordCount + longNameWords.count,
             size([.packedNameWords, .nameWordsArena, .nameWordsOffsets, .nameWordsSlots, .nameWordClasses])),
            ("name-word filters", 2, size([.firstNameFilter, .nameStartFilter])),
        ]
        let named = rows.reduce(0) { $0 + $1.bytes }
        return rows + [("other tables and header", nil, image.bytes.count - named), ("total", nil, image.bytes.count)]
    }

    /// Loads a compiled lexicon file by memory-mapping it.
    package static func load(contentsOf path: String) throws(EigennameError) -> CompiledLexicon {
        CompiledLexicon(image: try LexiconImage(mapping: path))
    }

    /// Writes the compiled form to `path` (atomically: a temporary file, then rename).
    package func write(to path: String) throws(EigennameError) {
        let sink = try OutputSink.file(at: path)
        sink.write(image.bytes)
        try sink.commit()
    }
}

/// A bit per (first letter, second letter, last letter, length) of the
/// vocabulary's keys: a plain ASCII token whose bit is clear is in no entry,
/// so most words ("der", "und", "Prozent") skip folding and hashing. Built
/// when a lexicon is loaded (a pass over the keys, not over the entries).
struct ASCIITokenFilter: Sendable {
    private var bits: [UInt64]

    /// 32 classes: a–z, and one each for digits, other ASCII, the end of the token.
    @inline(__always)
    private static func symbol(_ b: UInt8) -> Int {
        let l = b | 0x20
        if l >= 0x61 && l <= 0x7A { return Int(l - 0x61) }
        if b >= 0x30 && b <= 0x39 { return 26 }
        return 27
    }

    @inline(__always)
    private static func cell(_ first: UInt8, _ second: UInt8?, _ last: UInt8, _ length: Int) -> Int {
        ((symbol(first) << 5 | (second.map(symbol) ?? 28)) << 5 | symbol(last)) << 4 | min(length, 15)
    }

    init(_ vocabulary: ByteStringTableView) {
        bits = [UInt64](repeating: 0, count: (32 * 32 * 32 * 16) / 64)
        for id in 0..<vocabulary.count {
            let key = vocabulary.key(Int32(id))
            guard let first = key.first, let last = key.last else { continue }
            let second = key.count > 1 ? key[key.startIndex + 1] : nil
            // Keys are folded (lowercase); a key with non-ASCII bytes is never tested against
            // an ASCII token's cell except through its ASCII ends, which is all the filter looks at.
            set(Self.cell(first, second, last, key.count))
            // Its genitive forms: "fords", "ford's".
            set(Self.cell(first, second, UInt8(ascii: "s"), key.count + 1))
            set(Self.cell(first, second, UInt8(ascii: "s"), key.count + 2))
        }
    }

    private mutating func set(_ cell: Int) { bits[cell >> 6] |= 1 << UInt64(cell & 63) }

    /// False when `token` (its match form) is plain ASCII and certainly no key.
    @inline(__always)
    func mayContain(_ token: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = token.first, let last = token.last else { return true }
        var ascii: UInt8 = 0
        for b in token { ascii |= b }
        guard ascii < 0x80 else { return true }  // non-ASCII folds to other lengths: no verdict
        let c = Self.cell(first, token.count > 1 ? token[1] : nil, last, token.count)
        return bits[c >> 6] & (1 &<< UInt64(c & 63)) != 0
    }
}

/// The vocabulary ids of keys of one to sixteen ASCII bytes, by the key packed
/// into two UInt64 (`KeyFolder.packASCII`). Most tokens of German text ("der",
/// "Ford", "SU7", "Bundesregierung") are such words: a bit test in a small
/// filter (L1-resident) rules most of them out, and the rest take one probe,
/// without folding byte by byte or comparing byte strings. Built when a
/// lexicon is loaded.
struct ShortASCIIKeys: Sendable {
    /// A slot: the key and its id together, so that a hit reads one cache line.
    private struct Slot {
        var low: UInt64 = 0
        var high: UInt64 = 0
        var id: Int32 = -1
    }
    private let slots: [Slot]
    /// 2^15 bits: set for the hash of every key.
    private let filter: [UInt64]

    init(_ vocabulary: ByteStringTableView) {
        var packedKeys: [(PackedKey, Int32)] = []
        for id in 0..<vocabulary.count {
            let key = vocabulary.key(Int32(id)).bindMemory(to: UInt8.self)
            if let packed = KeyFolder.packASCII(key, start: 0, count: key.count) { packedKeys.append((packed, Int32(id))) }
        }
        // At most half full.
        var size = 64
        while size < packedKeys.count * 2 { size <<= 1 }
        var slots = [Slot](repeating: Slot(), count: size)
        var filter = [UInt64](repeating: 0, count: (1 << 15) / 64)
        for (packed, id) in packedKeys {
            let h = Self.hash(packed)
            filter[Int(h >> 55)] |= 1 << (h >> 49 & 63)
            var s = Int(truncatingIfNeeded: h) & (size - 1)
            while slots[s].low != 0 { s = (s + 1) & (size - 1) }
            slots[s] = Slot(low: packed.low, high: packed.high, id: id)
        }
        self.slots = slots
        self.filter = filter
    }

    @inline(__always)
    private static func hash(_ p: PackedKey) -> UInt64 {
        let h = (p.low ^ (p.high &* 0xC2B2_AE3D_27D4_EB4F)) &* 0x9E37_79B9_7F4A_7C15
        return h ^ (h >> 29)
    }

    /// Calls `body` with a lookup function (-1: no such key) over raw buffers, for a
    /// loop over a document's tokens.
    @inline(__always)
    func withLookup<R>(_ body: ((PackedKey) -> Int32) -> R) -> R {
        slots.withUnsafeBufferPointer { slots in
        filter.withUnsafeBufferPointer { filter in
            let mask = slots.count - 1
            return body { packed in
                let h = Self.hash(packed)
                guard filter[Int(h >> 55)] & (1 &<< (h >> 49)) != 0 else { return -1 }
                var s = Int(truncatingIfNeeded: h) & mask
                while true {
                    let slot = slots[s]
                    if slot.low == packed.low && slot.high == packed.high { return slot.id }
                    if slot.low == 0 { return -1 }
                    s = (s + 1) & mask
                }
            }
        }
        }
    }
}
