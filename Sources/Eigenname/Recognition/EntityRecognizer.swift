// Recognition: tokens in, entities out.
//
// In:  the tokens of a document, its match form, its original bytes, and a
//      CompiledLexicon.
// Out: [Entity], non-overlapping, in text order, with spans as
//      ../shared/ANNOTATION.md defines them.
//
// Matching semantics (leftmost-longest, like a leftmost-longest Aho-Corasick
// over token ids):
//  1. Every token gets an integer key once: the vocabulary id of its folded
//     form, and of its folded form without a genitive "s"/"'s" ("Xiaomis",
//     "Ford's"). Lowercase text does not match names the lexicon capitalizes.
//  2. From each position, the trie is walked over (id, space-before) steps; the
//     longest path that ends in an entry wins, and matching resumes after it.
//     A genitive key may only end a match. Hyphens are tokens, so
//     "SU7-Modell" yields "SU7" and "Mercedes-Benz" matches whole.
//  3. Conditional entries: a short form counts only after its full name
//     appeared earlier in the document; an `after-full` entry likewise;
//     `exact-case` compares capitalization; `requires-maker` models are kept
//     only where their maker is named somewhere in the document.
//  4. A maker directly followed by one of its models becomes one MODEL span
//     ("Xiaomi SU7", "VW ID.3"); a genitive maker ("Xiaomis SU7") does not.

public struct EntityRecognizer: Sendable {
    public let lexicon: CompiledLexicon

    public init(lexicon: CompiledLexicon) {
        self.lexicon = lexicon
    }

    /// A match before conditions and merging: token range and entry.
    struct Match {
        var first: Int
        var last: Int
        var entry: Int32
        /// The last token is the genitive of the entry's last word ("Xiaomis").
        var isGenitive: Bool
    }

    func recognize(tokens: [Token], text: NormalizedText, original: UnsafeBufferPointer<UInt8>) -> [Entity] {
        guard !tokens.isEmpty else { return [] }
        let (exact, genitive) = tokenKeys(tokens, text)
        var matches: [Match] = []
        var seenFull = Set<Int32>()       // canonicals matched in full so far
        var i = 0
        while i < tokens.count {
            if exact[i] < 0 && genitive[i] < 0 { i += 1; continue }
            if let m = longestMatch(from: i, tokens, exact, genitive, text, seenFull) {
                matches.append(m)
                let e = lexicon.entries[Int(m.entry)]
                if !e.isShortForm { seenFull.insert(e.canonical) }
                i = m.last + 1
            } else {
                i += 1
            }
        }
        matches = keepingModelsWithMakers(matches)
        matches = mergingMakerAndModel(matches, tokens)
        return matches.map { m in
            let e = lexicon.entries[Int(m.entry)]
            let first = tokens[m.first], last = tokens[m.last]
            let bytes = UnsafeBufferPointer(rebasing: original[Int(first.utf8Start)..<Int(last.utf8End)])
            return Entity(start: Int(first.start), end: Int(last.end), type: lexicon.types[Int(e.type)],
                          text: String(decoding: bytes, as: UTF8.self), canonical: lexicon.canonicals[Int(e.canonical)])
        }
    }

    /// Step 1: the vocabulary ids of every token (-1: not in any entry).
    private func tokenKeys(_ tokens: [Token], _ text: NormalizedText) -> (exact: [Int32], genitive: [Int32]) {
        var exact = [Int32](repeating: -1, count: tokens.count)
        var genitive = [Int32](repeating: -1, count: tokens.count)
        var key: [UInt8] = []
        key.reserveCapacity(64)
        text.bytes.withUnsafeBufferPointer { bytes in
            for (i, t) in tokens.enumerated() {
                let lowercase = KeyFolder.fold(UnsafeBufferPointer(rebasing: bytes[Int(t.normalizedStart)..<Int(t.normalizedEnd)]),
                                               into: &key)
                exact[i] = lookup(key, lowercase: lowercase)
                guard t.kind == .word, key.count > 2, key.last == UInt8(ascii: "s") else { continue }
                // "Ford's" (one ICU token) and "Fords".
                let cut = key[key.count - 2] == UInt8(ascii: "'") ? 2 : 1
                key.removeLast(cut)
                genitive[i] = lookup(key, lowercase: lowercase)
            }
        }
        return (exact, genitive)
    }

    @inline(__always)
    private func lookup(_ key: [UInt8], lowercase: Bool) -> Int32 {
        guard let id = lexicon.vocabulary.id(of: key) else { return -1 }
        if lowercase && lexicon.needsCapital[Int(id)] { return -1 }
        return id
    }

    /// Step 2 and 3: the longest match starting at token `i` whose entry applies here.
    private func longestMatch(from i: Int, _ tokens: [Token], _ exact: [Int32], _ genitive: [Int32],
                              _ text: NormalizedText, _ seenFull: Set<Int32>) -> Match? {
        // Candidate ends, shortest first: (last token, node, genitive).
        var candidates: [(Int, Int32, Bool)] = []
        var node = CompiledLexicon.root
        var j = i
        while j < tokens.count {
            let space = j > i && tokens[j].spaceBefore
            if genitive[j] >= 0, let g = lexicon.child(of: node, token: genitive[j], spaceBefore: space),
               !lexicon.entries(at: g).isEmpty {
                candidates.append((j, g, true))
            }
            guard exact[j] >= 0, let next = lexicon.child(of: node, token: exact[j], spaceBefore: space) else { break }
            node = next
            if !lexicon.entries(at: node).isEmpty { candidates.append((j, node, false)) }
            j += 1
        }
        for (last, node, isGenitive) in candidates.reversed() {
            for k in lexicon.entries(at: node) {
                let entryID = lexicon.entryIndex[k]
                if applies(entryID, isGenitive: isGenitive, first: i, last: last, tokens, text, seenFull) {
                    return Match(first: i, last: last, entry: entryID, isGenitive: isGenitive)
                }
            }
        }
        return nil
    }

    private func applies(_ entryID: Int32, isGenitive: Bool, first: Int, last: Int, _ tokens: [Token],
                         _ text: NormalizedText, _ seenFull: Set<Int32>) -> Bool {
        let e = lexicon.entries[Int(entryID)]
        if isGenitive && !e.allowsGenitive { return false }
        if (e.isShortForm || e.flags.contains(.afterFull)) && !seenFull.contains(e.canonical) { return false }
        if e.flags.contains(.exactCase) {
            let written = text.bytes[Int(tokens[first].normalizedStart)..<Int(tokens[last].normalizedEnd)]
            if !written.starts(with: e.surface) { return false }
        }
        return true
    }

    /// Step 3, `requires-maker`: drop models whose maker the document never names.
    private func keepingModelsWithMakers(_ matches: [Match]) -> [Match] {
        let entries = lexicon.entries
        guard matches.contains(where: { entries[Int($0.entry)].flags.contains(.requiresMaker) }) else { return matches }
        let named = Set(matches.map { entries[Int($0.entry)].canonical })
        return matches.filter { m in
            let e = entries[Int(m.entry)]
            return !e.flags.contains(.requiresMaker) || named.contains(e.maker)
        }
    }

    /// Step 4: "Xiaomi SU7" is one MODEL span.
    private func mergingMakerAndModel(_ matches: [Match], _ tokens: [Token]) -> [Match] {
        guard matches.count > 1 else { return matches }
        var merged: [Match] = []
        merged.reserveCapacity(matches.count)
        var k = 0
        while k < matches.count {
            let m = matches[k]
            if k + 1 < matches.count {
                let model = matches[k + 1]
                let maker = lexicon.entries[Int(m.entry)]
                let modelEntry = lexicon.entries[Int(model.entry)]
                if modelEntry.maker >= 0, modelEntry.maker == maker.canonical, model.first == m.last + 1,
                   tokens[model.first].spaceBefore, !m.isGenitive {
                    merged.append(Match(first: m.first, last: model.last, entry: model.entry, isGenitive: model.isGenitive))
                    k += 2
                    continue
                }
            }
            merged.append(m)
            k += 1
        }
        return merged
    }
}
