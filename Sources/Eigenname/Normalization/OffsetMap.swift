// Normalization, part 2: the map from match-form bytes back to original bytes.
//
// In:  the pieces the TextNormalizer emitted while it built the match form.
// Out: for a byte offset in the match form, the byte offset in the original.
//
// A piece is either a *copy* (the match form holds the original bytes
// unchanged, so offsets inside it map one to one) or a *replacement* (NFC
// composed it, a quote became ASCII, or it was deleted): a replacement is
// atomic, so an offset inside it maps to one of its two ends. Plain text is a
// single copy piece, so most documents pay almost nothing for the map.

struct OffsetMap: Sendable {
    struct Piece: Sendable {
        var normalizedStart: Int32
        var normalizedEnd: Int32
        var originalStart: Int32
        var originalEnd: Int32
        var isCopy: Bool
    }

    private(set) var pieces: [Piece] = []

    /// Whether the match form is the original unchanged (one copy piece, or no text).
    var isIdentity: Bool { pieces.isEmpty || (pieces.count == 1 && pieces[0].isCopy) }

    init() {}

    /// A map of pieces already in order, adjacent copies merged (the normalizer's).
    init(pieces: [Piece]) { self.pieces = pieces }

    /// Appends the next piece; adjacent copies merge into one.
    @inline(__always)  // (a call per quote or dash of a document otherwise)
    mutating func append(normalized: Range<Int>, original: Range<Int>, isCopy: Bool) {
        if normalized.isEmpty && original.isEmpty { return }
        if isCopy, let last = pieces.last, last.isCopy {
            pieces[pieces.count - 1].normalizedEnd = Int32(normalized.upperBound)
            pieces[pieces.count - 1].originalEnd = Int32(original.upperBound)
            return
        }
        pieces.append(Piece(normalizedStart: Int32(normalized.lowerBound), normalizedEnd: Int32(normalized.upperBound),
                            originalStart: Int32(original.lowerBound), originalEnd: Int32(original.upperBound),
                            isCopy: isCopy))
    }

    /// Looks offsets up in non-decreasing order (start, end, start, end, …) in
    /// amortized O(1) each: the cursor only moves forward.
    /// The map's cursor, for the length of `body`.
    @inline(__always)
    func withCursor<R>(_ body: (inout Cursor) -> R) -> R {
        pieces.withUnsafeBufferPointer { pieces in
            var cursor = Cursor(pieces)
            return body(&cursor)
        }
    }

    struct Cursor {
        // (The pieces through a pointer: no bounds check, no retain, a few times a token.)
        private let pieces: UnsafeBufferPointer<Piece>
        private var index = 0

        fileprivate init(_ pieces: UnsafeBufferPointer<Piece>) { self.pieces = pieces }

        /// Where the text from match-form byte `start` to `end` is in the original: the same
        /// as `originalStart` then `originalEnd`, at once when both lie inside the current copy.
        @inline(__always)
        mutating func originalRange(_ start: Int32, _ end: Int32) -> (start: Int32, end: Int32) {
            if index < pieces.count {
                let p = pieces[index]
                if p.isCopy && start >= p.normalizedStart && end < p.normalizedEnd {
                    let shift = p.originalStart &- p.normalizedStart
                    return (start &+ shift, end &+ shift)
                }
            }
            let originalStart = originalStart(start)
            return (originalStart, originalEnd(end))
        }

        /// Where text that starts at match-form byte `b` starts in the original:
        /// after anything deleted just before it.
        @inline(__always)
        mutating func originalStart(_ b: Int32) -> Int32 {
            while index < pieces.count && pieces[index].normalizedEnd <= b { index += 1 }
            guard index < pieces.count else { return pieces.last?.originalEnd ?? b }
            let p = pieces[index]
            return p.isCopy ? p.originalStart &+ (b &- p.normalizedStart) : p.originalStart
        }

        /// Where text that ends at match-form byte `b` ends in the original:
        /// before anything deleted just after it.
        @inline(__always)
        mutating func originalEnd(_ b: Int32) -> Int32 {
            while index < pieces.count && pieces[index].normalizedEnd < b { index += 1 }
            guard index < pieces.count else { return pieces.last?.originalEnd ?? b }
            let p = pieces[index]
            if b <= p.normalizedStart { return p.originalStart }
            return p.isCopy ? p.originalStart &+ (b &- p.normalizedStart) : p.originalEnd
        }
    }
}

