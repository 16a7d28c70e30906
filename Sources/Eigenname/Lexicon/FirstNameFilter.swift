// Lexicon, part of the name-word table: which words may be a first name that stands alone.
//
// In:  the name-word table of a lexicon being compiled (words and their NameWordClass bits).
// Out: a Bloom filter of its common first names that are no noun, place, role or weak name,
//      stored in the image (section firstNameFilter): a start reads it, without a pass over
//      the table's 180,000 words.
//
// Why: rule discover-person-first-name asks about nearly every capitalized word between
// lower-case words, most of them nouns. The name table (180,000 words, megabytes) would cost a
// cache miss each; this filter is 16 KB and one hash of two loads, and says "surely not" for
// about 98 words of 100 that are no such name.

/// A Bloom filter (2^17 bits, two bits a word) of the first names rule discover-person-first-name may take.
struct FirstNameFilter: Sendable {
    private let bits: [UInt64]
    private static let bitCount = 1 << 17
    /// The longest name's length in bytes: a longer word ("Bundesverfassungsgericht", German
    /// compounds are many) is surely none.
    private let longest: Int

    /// The classes a first name standing alone must have, and those it must not.
    static let required = NameWordClass.firstName | NameWordClass.commonFirstName
    static let excluded = NameWordClass.weakFirstName | NameWordClass.commonNoun | NameWordClass.place
        | NameWordClass.functionWord | NameWordClass.firstNameException | NameWordClass.nameNoun | NameWordClass.role

    /// Every word of `words` whose class in `classes` fits.
    init(words: ByteStringTableBuilder, classes: [UInt16]) {
        var bits = [UInt64](repeating: 0, count: Self.bitCount / 64)
        var longest = 0
        for id in 0..<min(words.count, classes.count) {
            let cls = classes[id]
            guard cls & Self.required == Self.required, cls & Self.excluded == 0 else { continue }
            let word = words.key(Int32(id))
            longest = max(longest, word.count)
            guard word.count <= 16 else { continue }  // (longer words up to `longest` are never filtered out)
            var low: UInt64 = 0, high: UInt64 = 0
            for (k, b) in word.enumerated() {
                if k < 8 { low |= UInt64(b) << UInt64(k * 8) } else { high |= UInt64(b) << UInt64(k * 8 - 64) }
            }
            let (a, b) = Self.bitsOf(low, high)
            bits[a >> 6] |= 1 << UInt64(a & 63)
            bits[b >> 6] |= 1 << UInt64(b & 63)
        }
        self.bits = bits
        self.longest = longest
    }

    /// The image's section: the bits, then the longest name's length.
    var section: [UInt64] { bits + [UInt64(longest)] }

    /// The filter of an image's section (too short a section, which no compiler writes: no name).
    init(section: UnsafeBufferPointer<UInt64>) {
        let complete = section.count == Self.bitCount / 64 + 1
        bits = complete ? Array(section.prefix(Self.bitCount / 64)) : [UInt64](repeating: 0, count: Self.bitCount / 64)
        longest = complete ? Int(section[Self.bitCount / 64]) : 0
    }

    /// The two bits of a word packed into two integers (first byte lowest, zero-padded).
    @inline(__always)
    private static func bitsOf(_ low: UInt64, _ high: UInt64) -> (Int, Int) {
        var h = (low ^ (high &* 0x9E37_79B9_7F4A_7C15)) &* 0xBF58_476D_1CE4_E5B9
        h ^= h >> 29
        h = h &* 0x94D0_49BB_1331_11EB
        return (Int(truncatingIfNeeded: h >> 47), Int(truncatingIfNeeded: (h >> 17) & UInt64(bitCount - 1)))
    }

    /// False when `word` is surely none of the filter's names. Its text must go on to
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
        let (a, b) = Self.bitsOf(key.low, key.high)
        return bits.withUnsafeBufferPointer { bits in
            bits[a >> 6] & (1 << UInt64(a & 63)) != 0 && bits[b >> 6] & (1 << UInt64(b & 63)) != 0
        }
    }
}
