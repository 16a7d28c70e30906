// Output: where serialized bytes are appended.
//
// In:  bytes, one at a time or as a buffer.
// Out: a growing byte buffer: an [UInt8] (callers that build one), or a ByteSink.
//
// Why a ByteSink: the JSON writer appends a few bytes at a time, tens of times per
// entity; an Array checks uniqueness and capacity at every append, which cost more than
// the bytes. A ByteSink is a pointer, a count and a capacity, freed by its owner.

/// Something bytes are appended to (JSONOutput's escaping and numbers write into either kind).
protocol ByteAppending {
    mutating func append(byte: UInt8)
    mutating func append(bytes: UnsafeBufferPointer<UInt8>)
}

extension Array: ByteAppending where Element == UInt8 {
    mutating func append(byte: UInt8) { append(byte) }
    mutating func append(bytes: UnsafeBufferPointer<UInt8>) { append(contentsOf: bytes) }
}

/// A growing byte buffer written through a pointer. Not copyable in spirit: one owner
/// appends, reads `bytes`, and calls `deallocate()` once.
struct ByteSink: ByteAppending {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 64)
        base = .allocate(capacity: self.capacity)
    }

    /// The bytes appended so far (valid until the next append or `deallocate()`).
    var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    func deallocate() { base.deallocate() }

    @inline(__always)
    mutating func append(byte: UInt8) {
        if count == capacity { grow(toHold: count + 1) }
        base[count] = byte
        count += 1
    }

    @inline(__always)
    mutating func append(bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        if count + bytes.count > capacity { grow(toHold: count + bytes.count) }
        (base + count).update(from: source, count: bytes.count)
        count += bytes.count
    }

    private mutating func grow(toHold needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        grown.update(from: base, count: count)
        base.deallocate()
        base = grown
        capacity = newCapacity
    }
}
