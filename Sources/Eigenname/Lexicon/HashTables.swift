// Lexicon, part 3: the two hash tables of a compiled lexicon.
//
// Each table has a builder (growable Swift arrays, used by the compiler) and a
// read-only view over flat memory (used by the matcher, whether the memory is
// a freshly built image or a memory-mapped file). Both probe the same way:
// open addressing with linear probing, so the layout is the file format.

#if canImport(Glibc)
import Glibc
#endif

/// A hash of a byte string that takes 8 bytes per step (keys are short: most
/// fit in one or two steps). Part of the compiled image's layout: changing it
/// needs a new LexiconImage version.
@inline(__always)
func hashBytes(_ key: UnsafeRawBufferPointer) -> Int {
    var h: UInt64 = 0x9E3779B97F4A7C15 ^ UInt64(key.count)
    guard let base = key.baseAddress else { return Int(truncatingIfNeeded: h) }
    var i = 0
    while i + 8 <= key.count {
        h = (h ^ base.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xBF58476D1CE4E5B9
        h ^= h >> 31
        i += 8
    }
    if i < key.count {
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < key.count {
            tail |= UInt64(base.load(fromByteOffset: i, as: UInt8.self)) << shift
            shift += 8
            i += 1
        }
        h ^= tail
    }
    // Murmur3's finalizer: every input bit reaches the low bits that pick the slot.
    h = (h ^ (h >> 33)) &* 0xFF51AFD7ED558CCD
    h = (h ^ (h >> 33)) &* 0xC4CEB9FE1A85EC53
    return Int(truncatingIfNeeded: h ^ (h >> 33))
}

/// A hash for integer keys (trie edges: the node above bit 33, the token below it) in
/// which every bit of the key reaches the low bits that pick the slot: a product's low
/// bits see only the key's low bits, so its high half is folded down. (The image's layout,
/// like hashBytes; LexiconImage.hashCheck probes both. The hash of version 10 took only ten
/// bits of the node: the edges of a frequent token piled up in long probe runs.)
@inline(__always)
func hashInteger(_ key: UInt64) -> Int {
    let h = (key ^ (key >> 29)) &* 0xBF58476D1CE4E5B9
    return Int(truncatingIfNeeded: h ^ (h >> 32))
}

// MARK: - Byte strings -> dense Int32 ids

/// Builds a table from byte strings to ids 0, 1, 2, … in insertion order.
struct ByteStringTableBuilder {
    private(set) var arena: [UInt8] = []
    /// Key i is arena[offsets[i]..<offsets[i + 1]].
    private(set) var offsets: [Int32] = [0]
    /// id + 1; 0 marks an empty slot.
    private(set) var slots: [Int32]

    init(capacity: Int = 1024) {
        slots = [Int32](repeating: 0, count: tableSize(for: capacity))
    }

    var count: Int { offsets.count - 1 }

    /// The last byte of key `id` (0 for an empty key).
    func bytes(of id: Int32) -> [UInt8] {
        Array(arena[Int(offsets[Int(id)])..<Int(offsets[Int(id) + 1])])
    }

    func lastByte(of id: Int32) -> UInt8 {
        let end = Int(offsets[Int(id) + 1])
        return end > Int(offsets[Int(id)]) ? arena[end - 1] : 0
    }

    func key(_ id: Int32) -> ArraySlice<UInt8> { arena[Int(offsets[Int(id)])..<Int(offsets[Int(id) + 1])] }

    func id(of key: UnsafeRawBufferPointer) -> Int32? {
        arena.withUnsafeBytes { a in
            offsets.withUnsafeBufferPointer { o in
                slots.withUnsafeBufferPointer { s in
                    ByteStringTableView.lookup(key, arena: a, offsets: o, slots: s)
                }
            }
        }
    }

    /// The id of `key`, inserting it if new.
    mutating func intern(_ key: [UInt8]) -> Int32 {
        key.withUnsafeBytes { intern($0) }
    }

    mutating func intern(_ key: UnsafeRawBufferPointer) -> Int32 {
        if let existing = self.id(of: key) { return existing }
        if (count + 1) * 2 > slots.count { rehash(size: slots.count * 2) }
        let newID = Int32(count)
        arena.append(contentsOf: key)
        offsets.append(Int32(arena.count))
        place(newID, hash: hashBytes(key))
        return newID
    }

    private mutating func place(_ id: Int32, hash: Int) {
        let mask = slots.count - 1
        var slot = hash & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = id + 1
    }

    private mutating func rehash(size: Int) {
        slots = [Int32](repeating: 0, count: size)
        for id in 0..<count {
            let start = Int(offsets[id]), end = Int(offsets[id + 1])
            let h = arena.withUnsafeBytes { hashBytes(UnsafeRawBufferPointer(rebasing: $0[start..<end])) }
            place(Int32(id), hash: h)
        }
    }
}

/// Read-only lookups in a byte-string table laid out by ByteStringTableBuilder.
struct ByteStringTableView {
    let arena: UnsafeRawBufferPointer
    let offsets: UnsafeBufferPointer<Int32>
    let slots: UnsafeBufferPointer<Int32>

    var count: Int { offsets.count - 1 }

    @inline(__always)
    func id(of key: UnsafeRawBufferPointer) -> Int32? {
        Self.lookup(key, arena: arena, offsets: offsets, slots: slots)
    }

    func key(_ id: Int32) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: arena[Int(offsets[Int(id)])..<Int(offsets[Int(id) + 1])])
    }

    @inline(__always)
    static func lookup(_ key: UnsafeRawBufferPointer, arena: UnsafeRawBufferPointer, offsets: UnsafeBufferPointer<Int32>,
                       slots: UnsafeBufferPointer<Int32>) -> Int32? {
        let mask = slots.count - 1
        var slot = hashBytes(key) & mask
        while true {
            let s = slots[slot]
            if s == 0 { return nil }
            let id = Int(s - 1)
            let start = Int(offsets[id])
            if Int(offsets[id + 1]) - start == key.count
                && (key.count == 0 || memcmp(arena.baseAddress! + start, key.baseAddress!, key.count) == 0) {
                return Int32(id)
            }
            slot = (slot + 1) & mask
        }
    }
}

// MARK: - UInt64 keys -> Int32 values

/// Builds a map from non-zero UInt64 keys to Int32 values. While building, a slot's key and
/// value lie side by side (one cache miss per probe, not two: a million-row lexicon's trie
/// probes a 100 MB table millions of times); the image keeps them apart (`keys`, `values`).
struct IntegerMapBuilder {
    private var slots: [Slot]
    private(set) var count = 0

    private struct Slot {
        var key: UInt64 = 0  // 0: empty
        var value: Int32 = 0
    }

    init(capacity: Int = 1024) {
        slots = [Slot](repeating: Slot(), count: tableSize(for: capacity))
    }

    /// The keys of the slots, 0 where empty (the image's edgeKeys section).
    var keys: [UInt64] { slots.map(\.key) }
    /// The values of the slots (the image's edgeValues section).
    var values: [Int32] { slots.map(\.value) }

    func get(_ key: UInt64) -> Int32? {
        let mask = slots.count - 1
        var s = hashInteger(key) & mask
        while true {
            let k = slots[s].key
            if k == key { return slots[s].value }
            if k == 0 { return nil }
            s = (s + 1) & mask
        }
    }

    mutating func set(_ key: UInt64, _ value: Int32) {
        precondition(key != 0, "0 marks an empty slot")
        if (count + 1) * 2 > slots.count { rehash(size: slots.count * 2) }
        let mask = slots.count - 1
        var s = hashInteger(key) & mask
        while slots[s].key != 0 && slots[s].key != key { s = (s + 1) & mask }
        if slots[s].key == 0 { count += 1 }
        slots[s] = Slot(key: key, value: value)
    }

    /// The value for `key`, or `value` after storing it there when the key is new.
    mutating func value(for key: UInt64, insertingIfAbsent value: Int32) -> Int32 {
        precondition(key != 0, "0 marks an empty slot")
        if (count + 1) * 2 > slots.count { rehash(size: slots.count * 2) }
        let mask = slots.count - 1
        // A raw buffer: this runs for every token of every entry of a million-entry lexicon.
        let found: Int32? = slots.withUnsafeMutableBufferPointer { slots in
            var s = hashInteger(key) & mask
            while true {
                let k = slots[s].key
                if k == key { return slots[s].value }
                if k == 0 { break }
                s = (s + 1) & mask
            }
            slots[s] = Slot(key: key, value: value)
            return nil
        }
        if let found { return found }
        count += 1
        return value
    }

    private mutating func rehash(size: Int) {
        let old = slots
        slots = [Slot](repeating: Slot(), count: size)
        count = 0
        for slot in old where slot.key != 0 { set(slot.key, slot.value) }
    }
}

/// Read-only lookups in a map laid out by IntegerMapBuilder.
struct IntegerMapView {
    let keys: UnsafeBufferPointer<UInt64>
    let values: UnsafeBufferPointer<Int32>

    @inline(__always)
    func get(_ key: UInt64) -> Int32? {
        let mask = keys.count - 1
        var s = hashInteger(key) & mask
        while true {
            let k = keys[s]
            if k == key { return values[s] }
            if k == 0 { return nil }
            s = (s + 1) & mask
        }
    }
}

/// A power of two at least twice `capacity`: tables stay at most half full.
private func tableSize(for capacity: Int) -> Int {
    var size = 16
    while size < capacity * 2 { size <<= 1 }
    return size
}
