// Lexicon, part 9: the words that discovery (Recognition/NameDiscovery.swift) asks about.
//
// In:  language knowledge (LanguageKnowledge: world first names and common nouns of
//      `make knowledge`; the ordinary words, too), the lexicon's first-names.txt, and the discovery lists of
//      Lexicons/knowledge/ (embedded): first-name-exceptions.txt, person-roles.txt,
//      name-heads.txt, company-cues.txt, speech-verbs.txt, company-name-heads.txt,
//      noun-endings.txt, model-cues.txt, place-names.txt, finite-verbs.txt; the function words of the tokenizer.
// Out: one table in the lexicon image: word as written -> NameWordClass bits (16), its words of
//      up to 14 bytes packed (PackedNameWords), the longer ones in a byte-string table;
//      and the suffix patterns ("*chef") of those lists, for words the table cannot list.
//
// Why in the image: the table holds about 185,000 words (first names, nouns, ordinary words); built
// once per compile and cached with the lexicon, a process pays nothing for it at start.
// Words are looked up as written (NFC, as the tokenizer's match form has them):
// discovery asks only about capitalized words, which a name must be.

#if canImport(Glibc)
import Glibc
#endif

/// What discovery knows about a word (bits of a 16-bit class).
enum NameWordClass {
    /// A first name (world list or first-names.txt), no exception, no ordinary noun.
    static let firstName: UInt16 = 1
    /// A first name that is also a common noun marked as a name ("Wolf"): a first name only
    /// before a surname that is no common noun.
    static let weakFirstName: UInt16 = 2
    /// A German common noun (no name): no surname after a role, no company after a cue.
    static let commonNoun: UInt16 = 4
    /// A German function word, capitalized ("Im", "Die"): never part of a name.
    static let functionWord: UInt16 = 8
    /// A title or role before a person's name ("Dr.", "Geschäftsführerin").
    static let role: UInt16 = 16
    /// A German word that is no noun, capitalized ("Zuvor", "Interessant"; ordinary-words.txt
    /// of `make knowledge`): at a sentence start, no surname.
    static let ordinaryWord: UInt16 = 32
    /// A kind of company before a company's name ("Zulieferer").
    static let companyCue: UInt16 = 64
    /// A common noun that is also a surname or first name ("Richter", "Wolf").
    static let nameNoun: UInt16 = 128
    /// A word of first-name-exceptions.txt ("San", "Till"): a first name after it is part of
    /// another name ("San Antonio").
    static let firstNameException: UInt16 = 256
    // (Name heads, company-name heads and verbs of saying are tested by the word's bytes
    // (WordEndTrie, PackedWordSet), not by this table: no bits for them.)
    /// A kind of model before a model's name ("Modell", "Roller"; model-cues.txt).
    static let modelCue: UInt16 = 2048
    /// A place (place-names.txt): never a surname.
    static let place: UInt16 = 4096
    /// A first name common in some country (frequency 7 or more of 13 in the world list):
    /// "Klaus", "Mark", "Donna" are first names also where they are nouns too.
    static let commonFirstName: UInt16 = 8192
}

/// The word lists that discovery tests by a word's end (DiscoveryLists.suffixSets, in this order).
enum SuffixList: UInt8 {
    case roles, heads, companyCues, modelCues, companyHeads, nounEndings

    /// The list's bit in a mask of lists.
    var bit: UInt8 { UInt8(1) << rawValue }
}

/// The discovery lists (embedded), parsed: exact words and "*suffix" patterns.
struct DiscoveryLists: Sendable {
    var firstNameExceptions: [String] = []
    var roles: [String] = []
    var roleSuffixes = SuffixSet([])
    var heads: [String] = []
    var headSuffixes = SuffixSet([])
    var companyCues: [String] = []
    var companyCueSuffixes = SuffixSet([])
    var functionWords: [String] = []
    var speechVerbs: [String] = []
    var finiteVerbs: [String] = []
    /// The endings that ordinary-words.txt leaves out ("Interessant" + "ere"), as bytes.
    var ordinaryWordEndings: [[UInt8]] = []
    /// Endings of adjectives that no surname has ("fähig", "lich"; adjective-suffixes.txt), as bytes.
    var adjectiveSuffixes: [[UInt8]] = []
    /// Whole names of fictional characters ("James Bond"): no person (fictional-characters.txt).
    var fictionalCharacters: Set<String> = []
    var companyHeads: [String] = []
    var companyHeadSuffixes = SuffixSet([])
    var nounEndings = SuffixSet([])
    var modelCues: [String] = []
    var places: [String] = []
    var modelCueSuffixes = SuffixSet([])

    /// The sets of SuffixList, in its order.
    var suffixSets: [SuffixSet] { [roleSuffixes, headSuffixes, companyCueSuffixes, modelCueSuffixes, companyHeadSuffixes, nounEndings] }
    /// All of them in one trie over reversed words: one walk answers every list.
    static let standardWordEnds = WordEndTrie(standard.suffixSets)

    static let standard: DiscoveryLists = {
        var lists = DiscoveryLists()
        func split(_ bytes: [UInt8]) -> (words: [String], suffixes: SuffixSet) {
            // The set holds the whole words too: discovery asks it alone.
            var words: [String] = [], suffixes: [[UInt8]] = []
            for line in WordList.lines(bytes) {
                if line.first == UInt8(ascii: "*") {
                    suffixes.append(Array(String(decoding: line.dropFirst(), as: UTF8.self).lowercased().utf8))
                } else {
                    words.append(String(decoding: line, as: UTF8.self))
                }
            }
            return (words, SuffixSet(suffixes, words: words))
        }
        lists.firstNameExceptions = WordList.strings(PackageResources.first_name_exceptions_txt)
        (lists.roles, lists.roleSuffixes) = split(PackageResources.person_roles_txt)
        (lists.heads, lists.headSuffixes) = split(PackageResources.name_heads_txt)
        (lists.companyCues, lists.companyCueSuffixes) = split(PackageResources.company_cues_txt)
        lists.functionWords = WordList.strings(PackageResources.function_words_txt)
        lists.speechVerbs = WordList.strings(PackageResources.speech_verbs_txt)
        lists.finiteVerbs = WordList.strings(PackageResources.finite_verbs_txt)
        lists.ordinaryWordEndings = WordList.lines(PackageResources.ordinary_word_endings_txt)
        lists.adjectiveSuffixes = WordList.lines(PackageResources.adjective_suffixes_txt)
        lists.fictionalCharacters = Set(WordList.strings(PackageResources.fictional_characters_txt))
        (lists.companyHeads, lists.companyHeadSuffixes) = split(PackageResources.company_name_heads_txt)
        lists.nounEndings = SuffixSet(WordList.lines(PackageResources.noun_endings_txt))
        (lists.modelCues, lists.modelCueSuffixes) = split(PackageResources.model_cues_txt)
        lists.places = WordList.strings(PackageResources.place_names_txt)
        return lists
    }()

}

/// Suffix patterns ("*chef" of person-roles.txt), lower case, with a quick first test of a
/// word's last two bytes: most words end in none, and are out after one bit test.
// Immutable after init: safe to share between workers.
final class SuffixSet: @unchecked Sendable {
    /// Entries (suffixes and words) sorted by their tail key (last two bytes, lower case), their
    /// bytes one after another in `arena`. Buffers: read in the hot path without reference counting.
    private let tailKeys: UnsafeMutableBufferPointer<Int32>
    private let starts: UnsafeMutableBufferPointer<Int32>  // count + 1
    private let isWord: UnsafeMutableBufferPointer<Bool>
    private let arena: UnsafeMutableBufferPointer<UInt8>
    /// 65,536 bits: the tail keys of some entry.
    private let tails: UnsafeMutableBufferPointer<UInt64>

    init(_ suffixes: [[UInt8]], words: [String] = []) {
        var entries: [(tail: Int, bytes: [UInt8], isWord: Bool)] = []
        for s in suffixes where s.count >= 2 { entries.append((Self.tail(s), s, false)) }
        for w in words.map({ Array($0.utf8) }) where w.count >= 2 { entries.append((Self.tail(w), w, true)) }
        entries.sort { $0.tail < $1.tail }
        tailKeys = .allocate(capacity: entries.count)
        starts = .allocate(capacity: entries.count + 1)
        isWord = .allocate(capacity: entries.count)
        arena = .allocate(capacity: max(1, entries.reduce(0) { $0 + $1.bytes.count }))
        tails = .allocate(capacity: 1024)
        tails.initialize(repeating: 0)
        var offset = 0
        for (k, e) in entries.enumerated() {
            tailKeys[k] = Int32(e.tail)
            starts[k] = Int32(offset)
            isWord[k] = e.isWord
            for b in e.bytes { arena[offset] = b; offset += 1 }
            tails[e.tail >> 6] |= 1 << UInt64(e.tail & 63)
        }
        starts[entries.count] = Int32(offset)
    }

    /// Every entry: its bytes, and whether it is a whole word (else a suffix).
    var allEntries: [(bytes: [UInt8], isWord: Bool)] {
        (0..<tailKeys.count).map { k in
            (Array(arena[Int(starts[k])..<Int(starts[k + 1])]), isWord[k])
        }
    }

    deinit {
        tailKeys.deallocate()
        starts.deallocate()
        isWord.deallocate()
        arena.deallocate()
        tails.deallocate()
    }

    @inline(__always)
    private static func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b | 0x20 : b }

    private static func tail(_ s: [UInt8]) -> Int { Int(lower(s[s.count - 2])) << 8 | Int(lower(s[s.count - 1])) }

    /// Whether `word` is one of the words, or ends in one of the suffixes and is longer than
    /// it (a compound: "Konzernchef" for "*chef"), compared in ASCII lower case.
    func matches(_ word: UnsafeRawBufferPointer) -> Bool {
        let n = word.count
        guard n >= 2 else { return false }
        let key = Int(Self.lower(word[n - 2])) << 8 | Int(Self.lower(word[n - 1]))
        guard tails[key >> 6] & (1 << UInt64(key & 63)) != 0 else { return false }
        // The entries with this tail: a binary search for the first.
        var low = 0, high = tailKeys.count
        while low < high {
            let mid = (low + high) / 2
            if Int(tailKeys[mid]) < key { low = mid + 1 } else { high = mid }
        }
        var k = low
        while k < tailKeys.count && Int(tailKeys[k]) == key {
            let start = Int(starts[k]), count = Int(starts[k + 1]) - start
            let exact = isWord[k]
            if exact ? count == n : n > count {
                var i = 0
                let base = n - count
                while i < count && (exact ? word[base + i] : Self.lower(word[base + i])) == arena[start + i] { i += 1 }
                if i == count { return true }
            }
            k += 1
        }
        return false
    }
}

/// The lists of SuffixList as one trie over the words' bytes read backwards: walking a word
/// from its last byte gives, in one pass, every list it is a word of or ends in.
final class WordEndTrie: @unchecked Sendable {  // immutable after init
    /// Per node: the lists whose suffix (bits 0–7: the word must be longer) or whole word
    /// (bits 8–15) ends here.
    private let ends: UnsafeMutableBufferPointer<UInt16>
    /// The edges, hashed: slot of (node, byte) → `edgeKey` (node << 8 | byte, plus one; 0: empty)
    /// and the child: one probe per byte of the word, where a list of siblings took a compare
    /// per child (the root has one for every last letter).
    private let edgeKeys: UnsafeMutableBufferPointer<UInt32>
    private let edgeChildren: UnsafeMutableBufferPointer<Int32>
    private let edgeMask: Int
    /// Per node where a whole word ends: its first byte as written ("Dr." not "dr.").
    private let wordInitial: UnsafeMutableBufferPointer<UInt8>
    /// Per hash of a word's last two, three or four bytes (ASCII lower case, and how many), the
    /// lists (a bit each) with a word or suffix of two, three, or four and more bytes that ends
    /// in them (16 KB); per last byte, those with one of one byte. They say "surely not" for
    /// most words, without a walk: the last two bytes alone let half of all capitalized words
    /// through ("-er", "-in", "-en" end nouns and roles alike).
    private let tailLists: UnsafeMutableBufferPointer<UInt8>
    private let lastByteLists: UnsafeMutableBufferPointer<UInt8>
    private static let tailBits = 14
    init(_ sets: [SuffixSet]) {
        // Words and suffixes alike are stored in lower case (ASCII); a whole word also keeps its
        // first byte as written in `wordInitial`, compared at the end of the walk.
        var firstChild: [Int32] = [-1], nextSibling: [Int32] = [-1], byte: [UInt8] = [0], ends: [UInt16] = [0]
        var wordInitial: [UInt8] = [0]
        let tailLists = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: 1 << Self.tailBits)
        tailLists.initialize(repeating: 0)
        let lastByteLists = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: 256)
        lastByteLists.initialize(repeating: 0)
        for (k, set) in sets.enumerated() {
            for (entry, isWord) in set.allEntries {
                let bit = UInt8(1) << UInt8(k)
                if entry.count == 1 {
                    lastByteLists[Int(Self.lower(entry[0]))] |= bit
                } else if !entry.isEmpty {
                    entry.withUnsafeBytes { tailLists[Self.tailSlot($0, Swift.min($0.count, 4))] |= bit }
                }
                var node = 0
                for b in entry.reversed() {
                    let b = b >= 0x41 && b <= 0x5A ? b | 0x20 : b
                    var child = Int(firstChild[node])
                    while child >= 0 && byte[child] != b { child = Int(nextSibling[child]) }
                    if child < 0 {
                        child = byte.count
                        firstChild.append(-1); nextSibling.append(firstChild[node]); byte.append(b); ends.append(0); wordInitial.append(0)
                        firstChild[node] = Int32(child)
                    }
                    node = child
                }
                ends[node] |= isWord ? UInt16(1) << UInt16(8 + k) : UInt16(1) << UInt16(k)
                if isWord { wordInitial[node] = entry[0] }
            }
        }
        func buffer<T>(_ a: [T]) -> UnsafeMutableBufferPointer<T> {
            let p = UnsafeMutableBufferPointer<T>.allocate(capacity: a.count)
            _ = p.initialize(from: a)
            return p
        }
        var size = 64
        while size < byte.count * 2 { size <<= 1 }
        let edgeKeys = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: size)
        edgeKeys.initialize(repeating: 0)
        let edgeChildren = UnsafeMutableBufferPointer<Int32>.allocate(capacity: size)
        edgeChildren.initialize(repeating: -1)
        for node in 0..<byte.count {
            var child = Int(firstChild[node])
            while child >= 0 {
                let key = Self.edgeKey(node, byte[child])
                var slot = Self.slot(key, mask: size - 1)
                while edgeKeys[slot] != 0 { slot = (slot + 1) & (size - 1) }
                edgeKeys[slot] = key
                edgeChildren[slot] = Int32(child)
                child = Int(nextSibling[child])
            }
        }
        self.edgeKeys = edgeKeys
        self.edgeChildren = edgeChildren
        edgeMask = size - 1
        self.ends = buffer(ends)
        self.wordInitial = buffer(wordInitial)
        self.tailLists = tailLists
        self.lastByteLists = lastByteLists
    }

    deinit {
        edgeKeys.deallocate(); edgeChildren.deallocate(); ends.deallocate(); wordInitial.deallocate()
        tailLists.deallocate(); lastByteLists.deallocate()
    }

    private static func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b | 0x20 : b }

    @inline(__always)
    private static func edgeKey(_ node: Int, _ byte: UInt8) -> UInt32 { UInt32(node << 8 | Int(byte)) &+ 1 }

    @inline(__always)
    private static func slot(_ key: UInt32, mask: Int) -> Int { Int(truncatingIfNeeded: (UInt64(key) &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask }

    /// The slot of the last `count` (2...4) bytes of `word`, in ASCII lower case.
    @inline(__always)
    private static func tailSlot(_ word: UnsafeRawBufferPointer, _ count: Int) -> Int {
        let n = word.count
        var tail = UInt64(word[n - 1]) | UInt64(word[n - 2]) << 8
        if count >= 3 { tail |= UInt64(word[n - 3]) << 16 }
        if count >= 4 { tail |= UInt64(word[n - 4]) << 24 }
        let key = lowerASCII(tail) | UInt64(count) << 32
        return Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - tailBits))
    }

    /// ASCII capitals in lower case, eight bytes at once (other bytes as they are).
    @inline(__always)
    private static func lowerASCII(_ x: UInt64) -> UInt64 {
        let y = x & ByteMask.low7
        let capitals = ByteMask.atLeast(y, 0x41) & ~ByteMask.atLeast(y, 0x5B) & ~x & ByteMask.high
        return x | capitals >> 2
    }

    /// The lists (a bit each) that `word` (two bytes or more) may be a word of or end in a
    /// suffix of, by its last one to four bytes: 0 means surely none (no walk needed).
    @inline(__always)
    private func mayEndLists(_ word: UnsafeRawBufferPointer) -> UInt8 {
        let n = word.count
        if n >= 4 {
            // Most words: the last four bytes in one load, last byte lowest, in lower case once.
            let tail = Self.lowerASCII(UInt64(word.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self).byteSwapped))
            @inline(__always) func slot(_ key: UInt64) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - Self.tailBits)) }
            return lastByteLists[Int(tail & 0xFF)] | tailLists[slot(tail & 0xFFFF | 2 << 32)]
                | tailLists[slot(tail & 0xFF_FFFF | 3 << 32)] | tailLists[slot(tail | 4 << 32)]
        }
        var lists = lastByteLists[Int(Self.lower(word[n - 1]))] | tailLists[Self.tailSlot(word, 2)]
        if n >= 3 { lists |= tailLists[Self.tailSlot(word, 3)] }
        if n >= 4 { lists |= tailLists[Self.tailSlot(word, 4)] }
        return lists
    }

    /// Whether `word` may be a word of `list` or end in one of its suffixes: false means
    /// surely not, by its last bytes alone (no walk).
    @inline(__always)
    func mayEnd(_ word: UnsafeRawBufferPointer, in list: SuffixList) -> Bool {
        guard word.count >= 2 else { return true }
        return mayEndLists(word) & list.bit != 0
    }

    /// Whether `word` may be a word of one of the lists of `mask` (a bit per SuffixList) or end
    /// in one of their suffixes: false means surely not.
    @inline(__always)
    func mayEnd(_ word: UnsafeRawBufferPointer, inAnyOf mask: UInt8) -> Bool {
        guard word.count >= 2 else { return true }
        return mayEndLists(word) & mask != 0
    }

    /// The lists (a bit per SuffixList) that `word` is a word of or ends in (as a compound).
    /// Suffixes compare in ASCII lower case, whole words as written (their first byte too).
    func lists(of word: UnsafeRawBufferPointer) -> UInt8 {
        var found: UInt8 = 0
        var node = 0, k = word.count
        while k > 0 {
            var b = word[k - 1]
            if b >= 0x41 && b <= 0x5A { b |= 0x20 }
            let key = Self.edgeKey(node, b)
            var slot = Self.slot(key, mask: edgeMask)
            while edgeKeys[slot] != key && edgeKeys[slot] != 0 { slot = (slot + 1) & edgeMask }
            guard edgeKeys[slot] == key else { break }
            node = Int(edgeChildren[slot])
            k -= 1
            let e = ends[node]
            if e == 0 { continue }
            if k > 0 { found |= UInt8(truncatingIfNeeded: e) } else if wordInitial[node] == word[0] { found |= UInt8(truncatingIfNeeded: e >> 8) }
        }
        return found
    }
}

/// A few short words (up to sixteen bytes) packed into integers: a test that costs a few
/// instructions and no memory compare, for the words discovery asks about at most tokens
/// (capitalized function words, name particles, verbs of saying).
struct PackedWordSet: Sendable {
    private let keys: [(UInt64, UInt64)]
    private let mask: Int

    init(_ words: [[UInt8]]) {
        var size = 16
        while size < words.count * 4 { size <<= 1 }
        var keys = [(UInt64, UInt64)](repeating: (0, 0), count: size)
        for word in words {
            guard let key = Self.pack(word) else { continue }
            var i = Self.slot(key, size - 1)
            while keys[i] != (0, 0) && keys[i] != key { i = (i + 1) & (size - 1) }
            keys[i] = key
        }
        self.keys = keys
        mask = size - 1
    }

    /// The function words of the tokenizer, capitalized ("Die", "Im").
    static let capitalizedFunctionWords = PackedWordSet(DiscoveryLists.standard.functionWords.map {
        Array(($0.prefix(1).uppercased() + $0.dropFirst()).utf8)
    })

    @inline(__always)
    private static func slot(_ key: (UInt64, UInt64), _ mask: Int) -> Int {
        Int(truncatingIfNeeded: ((key.0 ^ key.1 &* 31) &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
    }

    /// Up to sixteen bytes, first byte lowest (nil: empty or longer).
    @inline(__always)
    static func pack<C: Collection<UInt8>>(_ word: C) -> (UInt64, UInt64)? {
        guard !word.isEmpty, word.count <= 16 else { return nil }
        var low: UInt64 = 0, high: UInt64 = 0, k: UInt64 = 0
        for b in word {
            if k < 8 { low |= UInt64(b) << (k * 8) } else { high |= UInt64(b) << ((k - 8) * 8) }
            k += 1
        }
        return (low, high)
    }

    func contains(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = word.count
        guard n > 0, n <= 16 else { return false }
        // Packed by hand (no generic collection walk): this runs for many words.
        var low: UInt64 = 0, high: UInt64 = 0
        for k in 0..<min(n, 8) { low |= UInt64(word[k]) << UInt64(k * 8) }
        if n > 8 { for k in 8..<n { high |= UInt64(word[k]) << UInt64((k - 8) * 8) } }
        return lookup((low, high))
    }

    /// `contains(word)` where the text of `word` goes on to `readableEnd`: with sixteen bytes
    /// to read, two loads instead of a byte loop (whose varying length the branch predictor
    /// misses at nearly every word).
    @inline(__always)
    func contains(_ word: UnsafeBufferPointer<UInt8>, readableEnd: UnsafePointer<UInt8>) -> Bool {
        let n = word.count
        guard n > 0, n <= 16, let base = word.baseAddress else { return false }
        guard base + 16 <= readableEnd else { return contains(word) }
        let p = PackedKey(low: UnsafeRawPointer(base).loadUnaligned(as: UInt64.self),
                          high: UnsafeRawPointer(base + 8).loadUnaligned(as: UInt64.self)).prefix(n)
        return lookup((p.low, p.high))
    }

    /// `contains` for a word of at most sixteen bytes packed into `key` (first byte lowest, zero-padded).
    @inline(__always)
    func contains(packed key: PackedKey) -> Bool { lookup((key.low, key.high)) }

    @inline(__always)
    private func lookup(_ key: (UInt64, UInt64)) -> Bool {
        keys.withUnsafeBufferPointer { keys in
            var i = Self.slot(key, mask)
            while keys[i] != (0, 0) {
                if keys[i] == key { return true }
                i = (i + 1) & mask
            }
            return false
        }
    }
}

/// Builds the name-word table of a lexicon image.
/// Whether `a` comes before `b` in the order of their UTF-8 bytes (`a.utf8.lexicographicallyPrecedes(b.utf8)`),
/// by memcmp over the contiguous bytes where both have them (130,000 words sorted at every compile).
func utf8Precedes(_ a: String, _ b: String) -> Bool {
    let compared = a.utf8.withContiguousStorageIfAvailable { x in
        b.utf8.withContiguousStorageIfAvailable { y -> Bool in
            let common = min(x.count, y.count)
            let order = common == 0 ? 0 : memcmp(x.baseAddress!, y.baseAddress!, common)
            return order != 0 ? order < 0 : x.count < y.count
        }
    }
    if let compared, let compared { return compared }
    return a.utf8.lexicographicallyPrecedes(b.utf8)
}

struct NameWordsBuilder {
    /// Every word and its class.
    private(set) var table = ByteStringTableBuilder(capacity: 1 << 16)
    private(set) var classes: [UInt16] = []
    /// For the image: the words of 1 to 14 bytes packed (PackedNameWords), the others
    /// (longer, and an empty one if a list had it) in a byte-string table of their own.
    private(set) var packedSlots: [UInt64] = []
    private(set) var longWords = ByteStringTableBuilder()
    private(set) var longClasses: [UInt16] = []
    /// The image's firstNameFilter and nameStartFilter sections (NameWordFilter.swift).
    private(set) var firstNameFilter: [UInt64] = []
    private(set) var nameStartFilter: [UInt64] = []

    private mutating func add(_ word: String, _ bits: UInt16) {
        // (A zero byte would pad a packed word (PackedNameWords); no word of a list has one.)
        guard !word.utf8.contains(0) else { return }
        let id = Int(table.intern(Array(word.utf8)))
        if id == classes.count { classes.append(0) }
        classes[id] |= bits
    }

    /// The table for `knowledge` and the lexicon's own first names.
    init(knowledge: LanguageKnowledge, firstNames: [String], lists: DiscoveryLists = .standard) {
        let exceptions = Set(lists.firstNameExceptions)
        let function = Set(lists.functionWords)
        for word in lists.functionWords {
            add(word.prefix(1).uppercased() + word.dropFirst(), NameWordClass.functionWord)
        }
        // In byte order: a set's order changes from process to process, and the image must not.
        func sorted<S: Sequence<String>>(_ words: S) -> [String] { words.sorted(by: utf8Precedes) }
        for noun in sorted(knowledge.commonNouns) {
            add(noun, knowledge.alsoPersonNames.contains(noun) ? NameWordClass.nameNoun : NameWordClass.commonNoun)
        }
        func addFirstName(_ name: String, frequency: UInt8 = 8) {
            guard !exceptions.contains(name), !function.contains(name.lowercased()) else { return }
            let common = frequency >= 7 ? NameWordClass.commonFirstName : 0
            if knowledge.commonNouns.contains(name) {
                // An ordinary noun ("Rose" the flower) is no first name, unless also a name ("Wolf") or a
                // common first name ("Mark", "Donna"): then a weak one (only before a surname that is no noun).
                if knowledge.alsoPersonNames.contains(name) || common != 0 { add(name, NameWordClass.weakFirstName | common) }
            } else {
                add(name, NameWordClass.firstName | common)
            }
        }
        for name in sorted(knowledge.worldFirstNames.keys) { addFirstName(name, frequency: knowledge.worldFirstNames[name] ?? 1) }
        for name in firstNames { addFirstName(name) }
        for word in lists.firstNameExceptions { add(word, NameWordClass.firstNameException) }
        for word in lists.roles { add(word, NameWordClass.role) }
        for word in lists.companyCues { add(word, NameWordClass.companyCue) }
        for word in lists.modelCues { add(word, NameWordClass.modelCue) }
        for word in lists.places { add(word, NameWordClass.place) }
        // (In the file's order, sorted by bytes: the image must not change from process to process.)
        for word in knowledge.ordinaryWords { add(word, NameWordClass.ordinaryWord) }
        packedSlots = PackedNameWords.slots(table, classes: classes)
        for id in 0..<Int32(table.count) where !PackedNameWords.holds(table.key(id).count) {
            _ = longWords.intern(Array(table.key(id)))
            longClasses.append(classes[Int(id)])
        }
        firstNameFilter = NameWordFilter.firstNamesAlone(words: table, classes: classes).section
        nameStartFilter = NameWordFilter.nameStarts(words: table, classes: classes).section
    }
}

/// The name-word table's words of one to fourteen bytes (88 % of them), packed: a 16-byte
/// slot holds the word's bytes in two UInt64 (first byte lowest, zero-padded, as PackedKey;
/// UTF-8 has no zero byte, so the padding ends the word) and its NameWordClass bits in the top
/// 16 bits of the second. A lookup reads one cache line, where the byte-string table reads a
/// slot, the offsets and the arena of a 4.6 MB table: three cache misses at most words.
/// Open addressing with linear probing from the first slot of a group of four that the hash picks
/// (a cache line: the image aligns the section to 64 bytes); an empty slot is zero. The image's
/// packedNameWords section; longer words are in the byte-string table of the nameWords sections.
struct PackedNameWords {
    static let maxLength = 14
    /// Two per slot.
    private let words: UnsafeBufferPointer<UInt64>
    private let slotMask: Int
    /// The hash's shift: its top bits pick the group.
    private let shift: UInt64
    private static let keyBits: UInt64 = 0x0000_FFFF_FFFF_FFFF

    /// A table over an image's section.
    init(_ words: UnsafeBufferPointer<UInt64>) {
        // (An empty section, which no compiler writes: one empty group, no word.)
        self.words = words.count >= 8 ? words : UnsafeBufferPointer(start: Self.emptyGroup, count: 8)
        slotMask = self.words.count / 2 - 1
        shift = Self.shift(slotCount: self.words.count / 2)
    }
    nonisolated(unsafe) private static let emptyGroup: UnsafePointer<UInt64> = {  // written once, then only read
        let group = UnsafeMutablePointer<UInt64>.allocate(capacity: 8)
        group.initialize(repeating: 0, count: 8)
        return UnsafePointer(group)
    }()

    private static func shift(slotCount: Int) -> UInt64 { UInt64(64 + 2 - slotCount.trailingZeroBitCount) }

    /// Whether a word of `length` bytes belongs in this table (else in the byte-string table).
    @inline(__always)
    static func holds(_ length: Int) -> Bool { length >= 1 && length <= maxLength }

    /// The first slot to probe for `key` (a multiple of four).
    @inline(__always)
    static func firstSlot(_ key: PackedKey, shift: UInt64) -> Int {
        Int(truncatingIfNeeded: ((key.low ^ (key.high &* 0x9E37_79B9_7F4A_7C15)) &* 0xBF58_476D_1CE4_E5B9) >> shift) << 2
    }

    /// The slots of `table`'s words of at most `maxLength` bytes and their `classes`, for the image:
    /// at most two thirds full. (Half full, the 163,000 words of `make knowledge` would take 8 MB, not 4:
    /// a lookup would read 1.01 cache lines, not 1.12 (an absent word 1.04, not 1.59), but every
    /// start would read 4 MB more for the image's checksum, and discovery was no faster by wall time.)
    static func slots(_ table: ByteStringTableBuilder, classes: [UInt16]) -> [UInt64] {
        let ids = (0..<Int32(table.count)).filter { holds(table.key($0).count) }
        var count = 64
        while count < ids.count * 3 / 2 { count <<= 1 }
        let shift = shift(slotCount: count)
        var slots = [UInt64](repeating: 0, count: count * 2)
        for id in ids {
            var key = PackedKey(low: 0, high: 0)
            for (k, b) in table.key(id).enumerated() {
                if k < 8 { key.low |= UInt64(b) << UInt64(k * 8) } else { key.high |= UInt64(b) << UInt64(k * 8 - 64) }
            }
            var s = firstSlot(key, shift: shift)
            while slots[2 * s] != 0 { s = (s + 1) & (count - 1) }
            slots[2 * s] = key.low
            slots[2 * s + 1] = key.high | UInt64(classes[Int(id)]) << 48
        }
        return slots
    }

    /// The number of words in the table.
    var wordCount: Int {
        stride(from: 0, to: words.count, by: 2).reduce(0) { $0 + (words[$1] != 0 ? 1 : 0) }
    }

    /// Whether some word's class passes `test`.
    func containsWord(whereClass test: (UInt16) -> Bool) -> Bool {
        stride(from: 0, to: words.count, by: 2).contains { words[$0] != 0 && test(UInt16(truncatingIfNeeded: words[$0 + 1] >> 48)) }
    }

    /// The class of the word of `length` bytes (1...maxLength) packed into `key`; 0 for a word not in the table.
    @inline(__always)
    func wordClass(_ key: PackedKey, length: Int) -> UInt16 {
        var s = Self.firstSlot(key, shift: shift)
        while true {
            let low = words[2 * s], high = words[2 * s + 1]
            if low == key.low && high & Self.keyBits == key.high {
                // A word that ends in zero bytes packs like the shorter word before them, and is none.
                return key.byte(length - 1) != 0 ? UInt16(truncatingIfNeeded: high >> 48) : 0
            }
            if low == 0 { return 0 }
            s = (s + 1) & slotMask
        }
    }

    /// The class of `word` (1...maxLength bytes), packed byte by byte.
    @inline(__always)
    func wordClass(_ word: UnsafeRawBufferPointer) -> UInt16 {
        let n = word.count
        var key = PackedKey(low: 0, high: 0)
        for k in 0..<min(n, 8) { key.low |= UInt64(word[k]) << UInt64(k * 8) }
        if n > 8 { for k in 8..<n { key.high |= UInt64(word[k]) << UInt64(k * 8 - 64) } }
        return wordClass(key, length: n)
    }
}
