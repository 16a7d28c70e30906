// Lexicon, part of the name-word table: Bloom filters of the words some discovery rules need.
//
// In:  the name-word table of a compiled lexicon (words and their NameWordClass bits).
// Out: two Bloom filters, built when the lexicon is loaded (a few milliseconds), never stored
//      in the image: the first names that may stand alone, and the words a name rule may
//      start at (first names, roles, cues, function words).
//
// Why: discovery asks about most capitalized words, most of them nouns. The name table
// (186,000 words, megabytes) costs a hash, a probe and a compare each, with cache misses
// (about 85 ns a word on this machine); a filter is one hash of two loads into a table that
// stays in the cache, and says "surely not" for most nouns.

/// A Bloom filter (two bits a word) of the name words whose NameWordClass bits fit a rule.
struct NameWordFilter: Sendable {
    private let bits: [UInt64]
    private let bitMask: Int
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
    static func firstNamesAlone(words: ByteStringTableView, classes: UnsafeBufferPointer<UInt16>) -> NameWordFilter {
        NameWordFilter(words: words, classes: classes, bitCount: 1 << 17) {
            $0 & firstNameRequired == firstNameRequired && $0 & firstNameExcluded == 0
        }
    }

    /// The words with a class of `nameStartClasses` (2^20 bits, 128 KB: about 60,000 words,
    /// one noun in a hundred passes by chance).
    static func nameStarts(words: ByteStringTableView, classes: UnsafeBufferPointer<UInt16>) -> NameWordFilter {
        NameWordFilter(words: words, classes: classes, bitCount: 1 << 20) { $0 & nameStartClasses != 0 }
    }

    /// Every word of `words` whose class in `classes` fits `fits`; `bitCount` a power of two.
    init(words: ByteStringTableView, classes: UnsafeBufferPointer<UInt16>, bitCount: Int, fits: (UInt16) -> Bool) {
        var bits = [UInt64](repeating: 0, count: bitCount / 64)
        var longest = 0
        if classes.count == words.count {
            for id in 0..<words.count {
                guard fits(classes[id]) else { continue }
                let word = words.key(Int32(id))
                longest = max(longest, word.count)
                guard word.count <= 16 else { continue }  // (longer words up to `longest` are never filtered out)
                var low: UInt64 = 0, high: UInt64 = 0
                for (k, b) in word.enumerated() {
                    if k < 8 { low |= UInt64(b) << UInt64(k * 8) } else { high |= UInt64(b) << UInt64(k * 8 - 64) }
                }
                let (a, b) = Self.bitsOf(low, high, bitCount - 1)
                bits[a >> 6] |= 1 << UInt64(a & 63)
                bits[b >> 6] |= 1 << UInt64(b & 63)
            }
        }
        self.bits = bits
        bitMask = bitCount - 1
        self.longest = longest
    }

    /// The two bits of a word packed into two integers (first byte lowest, zero-padded).
    @inline(__always)
    private static func bitsOf(_ low: UInt64, _ high: UInt64, _ mask: Int) -> (Int, Int) {
        var h = (low ^ (high &* 0x9E37_79B9_7F4A_7C15)) &* 0xBF58_476D_1CE4_E5B9
        h ^= h >> 29
        h = h &* 0x94D0_49BB_1331_11EB
        return (Int(truncatingIfNeeded: h >> 40) & mask, Int(truncatingIfNeeded: h >> 17) & mask)
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
        let (a, b) = Self.bitsOf(key.low, key.high, bitMask)
        return bits.withUnsafeBufferPointer { bits in
            bits[a >> 6] & (1 << UInt64(a & 63)) != 0 && bits[b >> 6] & (1 << UInt64(b & 63)) != 0
        }
    }

    /// `mayContain` for a word of `n` bytes whose first sixteen (or fewer, zero-padded) are `key`:
    /// 1 or 0, without a branch (for tests of many words in a row, DiscoveryScan.computeCapitalCodes).
    @inline(__always)
    func mayContain(_ key: PackedKey, count n: Int) -> UInt8 {
        let (a, b) = Self.bitsOf(key.low, key.high, bitMask)
        let both = bits.withUnsafeBufferPointer { bits in (bits[a >> 6] >> UInt64(a & 63)) & (bits[b >> 6] >> UInt64(b & 63)) & 1 }
        let longer = UInt64(bitPattern: Int64(16 &- n)) >> 63  // more than sixteen bytes: not hashed, may be one
        let fits = UInt64(bitPattern: Int64(n &- longest &- 1)) >> 63  // not longer than the longest
        return UInt8(truncatingIfNeeded: (both | longer) & fits)
    }
}
