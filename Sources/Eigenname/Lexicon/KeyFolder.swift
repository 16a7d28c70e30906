// Lexicon, part 2: the matching key of a token.
//
// In:  the match-form UTF-8 bytes of one token.
// Out: its key: case-folded, umlauts and ß spelled out ("Müller", "MUELLER",
//      "mueller" -> "mueller"; "Strauß" -> "strauss"), other diacritics
//      removed ("Citroën" -> "citroen"); and whether the token was written all
//      in lowercase (lowercase text does not match capitalized names).
// Lexicon entries and text tokens go through the same folding, so both sides
// agree by construction.

import CICUShim
#if canImport(Glibc)
import Glibc
#endif

enum KeyFolder {
    /// Per BMP code point: the folded scalar in the low 21 bits, and in the top
    /// byte an ASCII letter to append ("ä" -> "a" + "e"), or 0.
    private static let table: [UInt32] = (0..<0x10000).map { c in
        let code = UInt32(c)
        if c < 0x80 {
            return c >= 0x41 && c <= 0x5A ? code + 32 : code
        }
        let folded = en_fold_case(code)
        switch folded {
        case 0xE4: return 0x61 | UInt32(0x65) << 24  // ä -> ae
        case 0xF6: return 0x6F | UInt32(0x65) << 24  // ö -> oe
        case 0xFC: return 0x75 | UInt32(0x65) << 24  // ü -> ue
        case 0xDF: return 0x73 | UInt32(0x73) << 24  // ß -> ss
        default: return en_strip_marks(folded)
        }
    }

    /// Folds `token` into `key` (cleared first). Returns true when the token has
    /// a lowercase letter and no uppercase letter.
    @discardableResult
    static func fold(_ token: UnsafeBufferPointer<UInt8>, into key: inout [UInt8]) -> Bool {
        key.removeAll(keepingCapacity: true)
        var sawUpper = false
        var sawLower = false
        var i = 0
        while i < token.count {
            let b = token[i]
            if b < 0x80 {
                if b >= 0x41 && b <= 0x5A { sawUpper = true; key.append(b + 32) }
                else { if b >= 0x61 && b <= 0x7A { sawLower = true }; key.append(b) }
                i += 1
                continue
            }
            let (c, l) = UTF8Scalar.decode(token, at: i)
            i += l
            let cls = CharacterClass.of(c)
            if cls.contains(.upper) { sawUpper = true } else if cls.contains(.lower) { sawLower = true }
            if cls.contains(.mark) { continue }  // combining marks left after NFC: drop, as diacritics are
            if c < 0x10000 {
                let t = table[Int(c)]
                UTF8Scalar.encode(t & 0x1FFFFF, into: &key)
                if t >> 24 != 0 { key.append(UInt8(t >> 24)) }
            } else {
                UTF8Scalar.encode(en_fold_case(c), into: &key)
            }
        }
        return sawLower && !sawUpper
    }

    static func fold(_ text: String) -> [UInt8] {
        var key: [UInt8] = []
        var bytes = Array(text.utf8)
        bytes.withUnsafeBufferPointer { _ = fold($0, into: &key) }
        bytes.removeAll()
        return key
    }
}

/// A hash table from byte strings to dense Int32 ids (open addressing,
/// FNV-1a). Keys live in one arena: no allocation per lookup.
struct ByteStringTable: Sendable {
    private var arena: [UInt8] = []
    private var offsets: [Int32] = [0]          // key i is arena[offsets[i]..<offsets[i+1]]
    private var slots: [Int32]                   // id + 1, 0 = empty
    private var mask: Int

    init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [Int32](repeating: 0, count: size)
        mask = size - 1
    }

    var count: Int { offsets.count - 1 }

    @inline(__always)
    static func hash(_ key: UnsafeBufferPointer<UInt8>) -> Int {
        var h: UInt64 = 0xcbf29ce484222325
        for b in key { h = (h ^ UInt64(b)) &* 0x100000001b3 }
        return Int(truncatingIfNeeded: h ^ (h >> 29))
    }

    func key(_ id: Int32) -> ArraySlice<UInt8> { arena[Int(offsets[Int(id)])..<Int(offsets[Int(id) + 1])] }

    func id(of key: UnsafeBufferPointer<UInt8>) -> Int32? {
        var slot = Self.hash(key) & mask
        while true {
            let s = slots[slot]
            if s == 0 { return nil }
            let id = Int(s - 1)
            let start = Int(offsets[id]), end = Int(offsets[id + 1])
            if end - start == key.count && arena.withUnsafeBufferPointer({
                key.count == 0 || memcmp($0.baseAddress! + start, key.baseAddress!, key.count) == 0
            }) {
                return Int32(id)
            }
            slot = (slot + 1) & mask
        }
    }

    func id(of key: [UInt8]) -> Int32? { key.withUnsafeBufferPointer { id(of: $0) } }

    /// The id of `key`, inserting it if new.
    mutating func intern(_ key: [UInt8]) -> Int32 {
        if let existing = id(of: key) { return existing }
        if (count + 1) * 2 > slots.count { grow() }
        let id = Int32(count)
        arena.append(contentsOf: key)
        offsets.append(Int32(arena.count))
        key.withUnsafeBufferPointer { place(id, hash: Self.hash($0)) }
        return id
    }

    private mutating func place(_ id: Int32, hash: Int) {
        var slot = hash & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = id + 1
    }

    private mutating func grow() {
        slots = [Int32](repeating: 0, count: slots.count * 2)
        mask = slots.count - 1
        for id in 0..<count {
            let start = Int(offsets[id]), end = Int(offsets[id + 1])
            let h = arena.withUnsafeBufferPointer { Self.hash(UnsafeBufferPointer(rebasing: $0[start..<end])) }
            place(Int32(id), hash: h)
        }
    }
}

/// A hash map from UInt64 keys (never 0) to Int32 values, open addressing.
struct IntegerMap: Sendable {
    private var keys: [UInt64]
    private var values: [Int32]
    private var mask: Int
    private(set) var count = 0

    init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = [UInt64](repeating: 0, count: size)
        values = [Int32](repeating: 0, count: size)
        mask = size - 1
    }

    @inline(__always)
    private static func slot(_ key: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E3779B97F4A7C15) >> 20) & mask
    }

    @inline(__always)
    func get(_ key: UInt64) -> Int32? {
        var s = Self.slot(key, mask)
        while true {
            let k = keys[s]
            if k == key { return values[s] }
            if k == 0 { return nil }
            s = (s + 1) & mask
        }
    }

    mutating func set(_ key: UInt64, _ value: Int32) {
        precondition(key != 0)
        if (count + 1) * 2 > keys.count { grow() }
        var s = Self.slot(key, mask)
        while keys[s] != 0 && keys[s] != key { s = (s + 1) & mask }
        if keys[s] == 0 { count += 1 }
        keys[s] = key
        values[s] = value
    }

    private mutating func grow() {
        let oldKeys = keys, oldValues = values
        keys = [UInt64](repeating: 0, count: oldKeys.count * 2)
        values = [Int32](repeating: 0, count: oldKeys.count * 2)
        mask = keys.count - 1
        count = 0
        for (k, v) in zip(oldKeys, oldValues) where k != 0 { set(k, v) }
    }
}
