// Output, small JSON documents: reports, summaries, error lines.
//
// In:  a tree of values built by the caller (ReportJSON).
// Out: its JSON bytes, pretty (two-space indentation, arrays of numbers on one
//      line) or on one line. The documents of annotated text do not go through
//      here: JSONOutput writes those on the hot path, straight from the
//      document. Strings are escaped by JSONOutput.appendString, so both agree.

/// The JSON the reports write: integers stay integers, ratios keep six digits.
indirect enum ReportJSON {
    case int(Int)
    case bool(Bool)
    case ratio(Double)
    case string(String)
    case array([ReportJSON])
    case object([(String, ReportJSON)])

    func rendered(pretty: Bool = true) -> String {
        var out: [UInt8] = []
        write(to: &out, pretty: pretty, indent: 0)
        return String(decoding: out, as: UTF8.self)
    }

    private func write(to out: inout [UInt8], pretty: Bool, indent: Int) {
        func newline(_ level: Int) {
            guard pretty else { return }
            out.append(0x0A)
            out.append(contentsOf: repeatElement(0x20, count: 2 * level))
        }
        switch self {
        case let .int(value):
            out.append(contentsOf: String(value).utf8)
        case let .bool(value):
            out.append(contentsOf: (value ? "true" : "false").utf8)
        case let .ratio(value):
            let rounded = (value * 1_000_000).rounded() / 1_000_000
            out.append(contentsOf: (rounded.isFinite ? "\(rounded)" : "null").utf8)
        case let .string(value):
            let bytes = Array(value.utf8)
            bytes.withUnsafeBufferPointer { JSONOutput.appendString($0, to: &out) }
        case let .array(elements):
            // Arrays of numbers (span pairs) stay on one line.
            let flat = !pretty || elements.allSatisfy { if case .int = $0 { return true } else { return false } }
            out.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")); if flat && pretty { out.append(0x20) } }
                if !flat { newline(indent + 1) }
                element.write(to: &out, pretty: pretty, indent: indent + 1)
            }
            if !flat, !elements.isEmpty { newline(indent) }
            out.append(UInt8(ascii: "]"))
        case let .object(members):
            out.append(UInt8(ascii: "{"))
            for (index, member) in members.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                newline(indent + 1)
                ReportJSON.string(member.0).write(to: &out, pretty: pretty, indent: indent + 1)
                out.append(UInt8(ascii: ":"))
                if pretty { out.append(0x20) }
                member.1.write(to: &out, pretty: pretty, indent: indent + 1)
            }
            if !members.isEmpty { newline(indent) }
            out.append(UInt8(ascii: "}"))
        }
    }
}
