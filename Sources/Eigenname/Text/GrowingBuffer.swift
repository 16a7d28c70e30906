// Text, buffers: a growing buffer written through a pointer, for the hot loops that build
// bytes or small records (the normalizer's match form and offset map, the JSON writer).
//
// In:  values appended one at a time or as a buffer.
// Out: the values as an UnsafeBufferPointer or an array; freed by its one owner.
//
// Why not an array: an append checks uniqueness and capacity in calls, which cost more than
// the bytes where a writer appends a few at a time, tens of times per entity or quote.

/// A growing buffer of plain values written through a pointer: one owner appends, takes
/// the `array()` and calls `deallocate()` once.
struct GrowingBuffer<Element: BitwiseCopyable> {
    private var base: UnsafeMutablePointer<Element>? = nil
    private(set) var count = 0
    private(set) var capacity = 0

    var last: Element { base![count - 1] }

    mutating func updateLast(_ change: (inout Element) -> Void) { change(&base![count - 1]) }

    mutating func reserve(_ needed: Int) {
        if needed > capacity { grow(toHold: needed) }
    }

    @inline(__always)
    mutating func append(_ element: Element) {
        if count == capacity { grow(toHold: count + 1) }
        (base! + count).initialize(to: element)
        count += 1
    }

    @inline(__always)
    mutating func append(contentsOf elements: UnsafeBufferPointer<Element>) {
        guard let source = elements.baseAddress, !elements.isEmpty else { return }
        if count + elements.count > capacity { grow(toHold: count + elements.count) }
        (base! + count).initialize(from: source, count: elements.count)
        count += elements.count
    }

    /// The elements appended so far (valid until the next append or `deallocate()`).
    var elements: UnsafeBufferPointer<Element> { UnsafeBufferPointer(start: base, count: count) }

    func array() -> [Element] { Array(elements) }

    mutating func deallocate() {
        base?.deallocate()
        base = nil
        count = 0
        capacity = 0
    }

    private mutating func grow(toHold needed: Int) {
        var newCapacity = max(capacity * 2, 16)
        while newCapacity < needed { newCapacity *= 2 }
        let grown = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
        if let base {
            grown.initialize(from: base, count: count)
            base.deallocate()
        }
        base = grown
        capacity = newCapacity
    }
}
