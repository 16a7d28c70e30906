// Text for the output formats: UTF-8 in, scalars, lines and names out.
//
// What CoNLL, brat, TCF, HTML and the evaluation page share: the scalars of a
// text, white space and line breaks as readers count them, entities without
// overlaps, and a hash that is the same in every process (type colors).

/// Text helpers the output formats share (CoNLL, brat, TCF, HTML, the evaluation page).
enum FormatText {
    /// The code points of UTF-8 text (bytes that are not UTF-8, which valid
    /// documents never hold, become U+FFFD one for one, like String's decoding).
    static func scalars(_ utf8: [UInt8]) -> [Unicode.Scalar] {
        var result: [Unicode.Scalar] = []
        result.reserveCapacity(utf8.count)
        if utf8.allSatisfy({ $0 < 0x80 }) {
            for byte in utf8 { result.append(Unicode.Scalar(byte)) }
            return result
        }
        var decoder = UTF8()
        var iterator = utf8.makeIterator()
        loop: while true {
            switch decoder.decode(&iterator) {
            case let .scalarValue(scalar): result.append(scalar)
            case .emptyInput: break loop
            case .error: result.append("\u{FFFD}")
            }
        }
        return result
    }

    static func appendUTF8(_ scalar: Unicode.Scalar, to buffer: inout [UInt8]) {
        UTF8Scalar.encode(scalar.value, into: &buffer)
    }

    static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }

    /// White space (Unicode White_Space: also NBSP, U+2028, …) or a control character.
    static func isSpaceOrControl(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 { return scalar.value <= 0x20 || scalar.value == 0x7F }
        return scalar.properties.isWhitespace || scalar.properties.generalCategory == .control
    }

    /// A character that ends a line for a reader that splits lines like Python's
    /// str.splitlines: LF, VT, FF, CR, FS, GS, RS, NEL, LINE/PARAGRAPH SEPARATOR.
    static func isLineBreak(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A...0x0D, 0x1C...0x1E, 0x85, 0x2028, 0x2029: return true
        default: return false
        }
    }

    /// The entities with a valid span inside `length` code points, sorted by
    /// (start, longest first), without overlaps: an entity that overlaps one
    /// kept before it is left out.
    static func nonOverlapping(_ entities: [Entity], length: Int) -> [Entity] {
        let sorted = entities.filter { $0.start >= 0 && $0.start < $0.end && $0.end <= length }
            .sorted { ($0.start, -$0.end, $0.type) < ($1.start, -$1.end, $1.type) }
        var kept: [Entity] = []
        kept.reserveCapacity(sorted.count)
        for entity in sorted where kept.last.map({ $0.end <= entity.start }) ?? true {
            kept.append(entity)
        }
        return kept
    }

    /// FNV-1a over the UTF-8 of `string`: a hash that is the same in every
    /// process (Swift's Hasher is seeded per process).
    static func stableHash(_ string: String) -> UInt32 {
        StableHash.fnv1a32(string.utf8)
    }
}
