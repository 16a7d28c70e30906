// Recognition, step 3c: a company's legal form belongs to its span.
//
// In:  the matches of a document (in text order) and its tokens.
// Out: the same matches, a maker's match (type-roles.txt: COMPANY) stretched over a legal form after it
//      (legal-forms.txt) and the rest of the registered name around it
//      (ANNOTATION.md rule 13): "Volkswagen AG", "Porsche Automobil Holding SE"
//      (up to three capitalized words before the form), "Robert Bosch GmbH"
//      (a first name before the listed "Bosch": a founder's name).
// A lexicon that lists the whole registered name matches it as it is; this
// is for lexicons that list the core name only, as most do. Rule legal-forms of the
// table in RecognitionRules.swift.

#if canImport(Glibc)
import Glibc
#endif

/// The legal forms of legal-forms.txt, longest first.
struct LegalForms: Sendable {
    /// By first byte, the forms that start with it, longest first.
    let formsByInitial: [[[UInt8]]]
    /// A bit per pair of first two bytes that some form starts with: discovery asks after
    /// every capitalized word, and most pairs ("Ge", "Mi") start none ("GmbH", "AG" do).
    let startPairs: [UInt64]

    init(forms: [[UInt8]]) {
        var byInitial = [[[UInt8]]](repeating: [], count: 256)
        var pairs = [UInt64](repeating: 0, count: 65536 / 64)
        for form in forms {
            guard let first = form.first else { continue }
            byInitial[Int(first)].append(form)
            // (A one-byte form would start every pair with its byte.)
            let seconds: ClosedRange<Int> = form.count >= 2 ? Int(form[1])...Int(form[1]) : 0...255
            for second in seconds { let pair = Int(first) << 8 | second; pairs[pair >> 6] |= 1 << UInt64(pair & 63) }
        }
        formsByInitial = byInitial
        startPairs = pairs
    }

    static let standard: LegalForms = {
        var forms: [[UInt8]] = []
        for line in PackageResources.legal_forms_txt.split(separator: UInt8(ascii: "\n")) {
            let form = Array(line.filter { $0 != UInt8(ascii: "\r") })
            if form.isEmpty || form.first == UInt8(ascii: "#") { continue }
            forms.append(form)
        }
        return LegalForms(forms: forms.sorted { $0.count > $1.count })
    }()

    /// The end (exclusive) of the legal form that starts at `start` of `bytes`, if one does
    /// and is a whole word there ("AG" in "AG," or "AG-Chef", not in "AGB").
    func end(at start: Int, in bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { end(at: start, in: $0) }
    }

    /// Whether a legal form may start at `start`, by its first two bytes (false: surely not).
    @inline(__always)
    func mayStart(at start: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard start + 1 < bytes.count else { return start < bytes.count }
        return mayStart(bytes[start], bytes[start + 1])
    }

    /// Whether a legal form may start with the bytes `first`, `second` (false: surely not).
    @inline(__always)
    func mayStart(_ first: UInt8, _ second: UInt8) -> Bool {
        let pair = Int(first) << 8 | Int(second)
        return startPairs[pair >> 6] & (1 << UInt64(pair & 63)) != 0
    }

    func end(at start: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard start + 1 < bytes.count else { return start < bytes.count ? oneByteEnd(at: start, in: bytes) : nil }
        guard mayStart(at: start, in: bytes) else { return nil }
        for form in formsByInitial[Int(bytes[start])] where start + form.count <= bytes.count
            && form.withUnsafeBufferPointer({ memcmp(bytes.baseAddress! + start, $0.baseAddress!, form.count) == 0 }) {
            let end = start + form.count
            if end == bytes.count || form.last == UInt8(ascii: ".") || form.last == UInt8(ascii: ")") { return end }
            let next = bytes[end]
            let isWordByte = next >= 0x80 || (next | 0x20) >= 0x61 && (next | 0x20) <= 0x7A || next >= 0x30 && next <= 0x39
            if !isWordByte { return end }
        }
        return nil
    }

    /// A one-byte form at the text's last byte (none in legal-forms.txt today).
    private func oneByteEnd(at start: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        formsByInitial[Int(bytes[start])].contains { $0.count == 1 } ? start + 1 : nil
    }
}

extension EntityRecognizer {
    /// Step 3c over all matches of a document.
    func withLegalForms(_ matches: [Match], _ c: Context) -> [Match] {
        guard lexicon.rolesPresent.contains(.maker), rules.contains(.legalForms) else { return matches }
        let legalForms = LegalForms.standard
        var result = matches
        for k in result.indices {
            let m = result[k]
            guard !m.isGenitive, lexicon.entry(m.entry).roles.contains(.maker) else { continue }
            let limit = k + 1 < result.count ? result[k + 1].first : c.tokens.count
            guard let end = legalFormEnd(after: m.last, before: limit, legalForms, c) else { continue }
            result[k].last = end
            // A founder's first name right before the listed core name ("Robert Bosch GmbH").
            let floor = k > 0 ? result[k - 1].last + 1 : 0
            if m.first - 1 >= floor && c.tokens[m.first].spaceBefore && isCapitalizedFirstName(m.first - 1, c) {
                result[k].first = m.first - 1
            }
        }
        return result
    }

    /// The last token of a legal form after token `last` (with up to three capitalized
    /// words between them), before token `limit`; nil when there is none.
    private func legalFormEnd(after last: Int, before limit: Int, _ legalForms: LegalForms, _ c: Context) -> Int? {
        var t = last + 1
        var words = 0
        while t < limit && c.tokens[t].spaceBefore {
            if let formEnd = legalForms.end(at: Int(c.tokens[t].normalizedStart), in: c.text.bytes) {
                var e = t
                while e + 1 < limit && Int(c.tokens[e].normalizedEnd) < formEnd { e += 1 }
                return Int(c.tokens[e].normalizedEnd) == formEnd ? e : nil
            }
            guard words < 3, c.tokens[t].kind == .word, isCapitalized(t, c) else { return nil }
            words += 1
            t += 1
        }
        return nil
    }

    private func isCapitalized(_ t: Int, _ c: Context) -> Bool {
        let start = Int(c.tokens[t].normalizedStart), bytes = c.text.bytes
        let first = bytes[start]
        if first >= UInt8(ascii: "A") && first <= UInt8(ascii: "Z") { return true }
        // Ä, Ö, Ü and the other Latin-1 capitals: C3 80 to C3 9E.
        return first == 0xC3 && start + 1 < bytes.count && bytes[start + 1] >= 0x80 && bytes[start + 1] <= 0x9E
    }

    private func isCapitalizedFirstName(_ t: Int, _ c: Context) -> Bool {
        let id = c.anyCase[t]
        return id >= 0 && lexicon.vocabularyFlags[Int(id)] & VocabularyFlags.firstName != 0 && isCapitalized(t, c)
    }
}
