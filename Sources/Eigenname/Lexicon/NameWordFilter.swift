// Lexicon, part of the name-word table: Bloom filters of the words some discovery rules need.
//
// In:  the name-word table of a compiled lexicon (words and their NameWordClass bits).
// Out: two Bloom filters, built by the compiler and stored in the image (sections
//      firstNameFilter, nameStartFilter: a start reads them, without a pass over the table's
//      180,000 words): the first names that may stand alone, and the words a name rule may
//      start at (first names, roles, cues, function words).
//
// Why: discovery asks about most capitalized words, most of them nouns. The name table
// (185,000 words, 4 MB even packed) costs a cache miss a word, often one to memory; a filter is
// one hash of two loads into a table that stays in the caches, and says "surely not" for most
// nouns.

/// A Bloom filter (two bits a word, both in one 64-bit word of the filter) of the name words
/// whose NameWordClass bits fit a rule.
struct NameWordFilter: Sendable {
    private let bits: [UInt64]
    private let wordMask: Int
    /// The longest word's length in bytes: a longer word ("Bundesverfassungsgericht", German
    /// compounds are many) is surely none.
    private let longest: Int

    /// The classes a first name standing alone must have, and those it must not.
    static let firstNameRequired = NameWordClass.firstName | NameWordClass.commonFirstName
    static let firstNameExcluded = NameWordClass.weakFirstName | NameWordClass.commonNoun | NameWordClass.place
        | NameWordClass.functionWord | NameWordClass.firstNameException | NameWordClass.nameNoun | NameWordClass.role

    /// The classes that let a rule of `discoverRules` start at a capitalized word before another
    /// name word: a word with none of them starts none there (DiscoveryScan.startClass).
    static let nameStartClasses = NameWordClass.firstName | NameWordClass.weakFirstName | NameWordClass.functionWord
        | NameWordClass.role | NameWordClass.modelCue | NameWordClass.companyCue

    /// The first names rule discover-person-first-name may take (2^17 bits: about 9,000 names).
    static func firstNamesAlone(words: ByteStringTableBuilder, classes: [UInt16]) -> NameWordFilter {
        NameWordFilter(words: words, classes: classes, bitCount: 1 << 17) {
            $0 & firstNameRequired == firstNameRequired && $0 & firstNameExcluded == 0
        }
    }

    /// The words with a class of `nameStartClasses` (2^19 bits, 64 KB: about 55,000 words,
    /// about one noun in twenty passes by chance), but for the function words that have no other:
    /// DiscoveryScan.startClass finds those in its own small table, and a sentence's first "Die"
    /// or "Im" before a noun would otherwise send its capital to the rules, which take none.
    static func nameStarts(words: ByteStringTableBuilder, classes: [UInt16]) -> NameWordFilter {
        NameWordFilter(words: words, classes: classes, bitCount: 1 << 19) { $0 & nameStartClasses & ~NameWordClass.functionWord != 0 }
    }

    /// Every word of `words` whose class in `classes` fits `fits`; `bitCount` a power of two.
    init(words: ByteStringTableBuilder, classes: [UInt16], bitCount: Int, fits: (UInt16) -> Bool) {
        var bits = [UInt64](repeating: 0, count: bitCount / 64)
        var longest = 0
        for id in 0..<min(words.count, classes.count) where fits(classes[id]) {
            let word = words.key(Int32(id))
            longest = max(longest, word.count)
            guard word.count <= 16 else { continue }  // (longer words up to `longest` are never filtered out)
            var low: UInt64 = 0, high: UInt64 = 0
            for (k, b) in word.enumerated() {
                if k < 8 { low |= UInt64(b) << UInt64(k * 8) } else { high |= UInt64(b) << UInt64(k * 8 - 64) }
            }
            let (index, pair) = Self.bitsOf(Self.hash(low, high), wordMask: bitCount / 64 - 1)
            bits[index] |= pair
        }
        self.bits = bits
        wordMask = bitCount / 64 - 1
        self.longest = longest
    }

    /// The image's section: the bits, then the longest word's length.
    var section: [UInt64] { bits + [UInt64(longest)] }

    /// The filter of an image's section (a section of no power-of-two bits, which no compiler
    /// writes: a filter of no word).
    init(section: UnsafeBufferPointer<UInt64>) {
        let words = section.count - 1
        let complete = words >= 1 && words & (words - 1) == 0
        bits = complete ? Array(section.prefix(words)) : [0]
        wordMask = complete ? words - 1 : 0
        longest = complete ? Int(section[words]) : 0
    }

    /// The hash of a word packed into two integers (first byte lowest, zero-padded): every
    /// filter takes its two bits from it, so one hash serves several filters.
    @inline(__always)
    static func hash(_ low: UInt64, _ high: UInt64) -> UInt64 {
        var h = (low ^ (high &* 0x9E37_79B9_7F4A_7C15)) &* 0xBF58_476D_1CE4_E5B9
        h ^= h >> 29
        return h &* 0x94D0_49BB_1331_11EB
    }

    /// A word's two bits, both in one 64-bit word of the filter (a "blocked" Bloom filter: one
    /// cache line a test, at a slightly higher rate of false positives): its index and the bits.
    @inline(__always)
    private static func bitsOf(_ h: UInt64, wordMask: Int) -> (word: Int, bits: UInt64) {
        (Int(truncatingIfNeeded: h >> 40) & wordMask, 1 << (h & 63) | 1 << ((h >> 6) & 63))
    }

    /// False when `word` is surely none of the filter's words. Its text must go on to
    /// `readableEnd`: with sixteen bytes there, two loads read it.
    @inline(__always)
    func mayContain(_ word: UnsafeBufferPointer<UInt8>, readableEnd: UnsafePointer<UInt8>) -> Bool {
        let n = word.count
        guard n > 0, n <= longest, let base = word.baseAddress else { return false }
        guard n <= 16 else { return true }
        let key: PackedKey
        if base + 16 <= readableEnd {
            key = PackedKey(low: UnsafeRawPointer(base).loadUnaligned(as: UInt64.self),
                            high: UnsafeRawPointer(base + 8).loadUnaligned(as: UInt64.self)).prefix(n)
        } else {
            var low: UInt64 = 0, high: UInt64 = 0
            for k in 0..<n {
                if k < 8 { low |= UInt64(word[k]) << UInt64(k * 8) } else { high |= UInt64(word[k]) << UInt64(k * 8 - 64) }
            }
            key = PackedKey(low: low, high: high)
        }
        let (index, pair) = Self.bitsOf(Self.hash(key.low, key.high), wordMask: wordMask)
        return bits.withUnsafeBufferPointer { bits in bits[index] & pair == pair }
    }

    /// `mayContain` for a word of `n` bytes whose first sixteen (or fewer, zero-padded) are `key`:
    /// 1 or 0, without a branch (for tests of many words in a row, DiscoveryScan.computeCapitalCodes).
    @inline(__always)
    func mayContain(_ key: PackedKey, count n: Int) -> UInt8 {
        mayContain(hash: Self.hash(key.low, key.high), count: n)
    }

    /// `mayContain(key, count:)` by the key's `hash`.
    @inline(__always)
    func mayContain(hash h: UInt64, count n: Int) -> UInt8 {
        let (index, pair) = Self.bitsOf(h, wordMask: wordMask)
        let both = bits.withUnsafeBufferPointer { bits in UInt64(bits[index] & pair == pair ? 1 : 0) }
        let longer = UInt64(bitPattern: Int64(16 &- n)) >> 63  // more than sixteen bytes: not hashed, may be one
        let fits = UInt64(bitPattern: Int64(n &- longest &- 1)) >> 63  // not longer than the longest
        return UInt8(truncatingIfNeeded: (both | longer) & fits)
    }
}
