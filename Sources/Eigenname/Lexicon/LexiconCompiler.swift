// Lexicon, part 2: entries in, a compiled lexicon out.
//
// In:  [LexiconEntry] from any number of lexicon files, and first names.
// Out: a CompiledLexicon (see LexiconImage for the bytes): a vocabulary of
//      token keys, a trie over (token id, space-before) steps whose nodes list
//      the entries that end there, the entries, and their context rules.
//
// Each surface is normalized, tokenized and folded exactly like text, so
// "ID.3" becomes the steps id · "." · 3 without spaces and "Ford Motor
// Company" ford ␣motor ␣company: both sides agree by construction. All
// surfaces go through ICU as one text (one break-iterator pass, not one per
// entry), which keeps a million-entry compile to seconds.
//
// Besides each surface, the compiler adds the forms the annotation rules call for:
//  - the hyphenated form of a multiword name ("Elon-Musk" for the
//    "Elon-Musk-Biografie" compound);
//  - a person's short form (the last word, or the `short=` flag's forms),
//    which counts only after the full name appeared earlier in the document.

public struct LexiconCompiler {
    public init() {}

    /// Compiles `rows` into a lexicon that lives in memory.
    public func compile(_ rows: [LexiconEntry], firstNames: [String] = [], sourceKey: UInt64 = 0)
        throws(EigennameError) -> CompiledLexicon
    {
        let image = try compileImage(rows, firstNames: firstNames, sourceKey: sourceKey)
        return CompiledLexicon(image: try LexiconImage(copying: image, origin: "compiled lexicon"))
    }

    /// A surface to add and the entry it stands for.
    private struct Form {
        var surface: String
        var row: Int
        var isShortForm: Bool
    }

    /// Compiles `rows` into the bytes of a lexicon image.
    public func compileImage(_ rows: [LexiconEntry], firstNames: [String] = [], sourceKey: UInt64 = 0)
        throws(EigennameError) -> [UInt8]
    {
        // 1. Every form to add: surfaces, hyphenated forms, short forms.
        var forms: [Form] = []
        forms.reserveCapacity(rows.count * 2)
        for (r, row) in rows.enumerated() {
            forms.append(Form(surface: row.surface, row: r, isShortForm: false))
            let words = row.surface.split(separator: " ")
            if words.count > 1 && words.allSatisfy({ $0.first?.isLetter == true }) {
                forms.append(Form(surface: words.joined(separator: "-"), row: r, isShortForm: false))
            }
            if row.type == "PERSON" {
                for short in row.shortForms ?? (words.count > 1 ? [String(words.last!)] : []) where short != row.surface {
                    forms.append(Form(surface: short, row: r, isShortForm: true))
                }
            }
        }

        // 2. Tokenize all forms, first names and rule words in one ICU pass.
        var ruleWords = Set<String>()
        for row in rows { ruleWords.formUnion(row.notAfter + row.notBefore + row.requiresContext) }
        let ruleWordList = ruleWords.filter { !$0.hasPrefix("#") }.sorted()
        let words = firstNames + ruleWordList
        let (tokenized, matchForm) = try tokenizeAll(forms.map(\.surface) + words)
        var ruleWordToken: [String: SurfaceToken] = [:]
        for (k, word) in ruleWordList.enumerated() {
            ruleWordToken[word] = tokenized[forms.count + firstNames.count + k].first
        }

        // 3. Vocabulary and trie.
        var vocabulary = ByteStringTableBuilder(capacity: forms.count + words.count + 64)
        var vocabularyFlags: [UInt8] = []
        var edges = IntegerMapBuilder(capacity: forms.count * 2 + 64)
        var nodeCount: Int32 = 1
        var strings = StringTableBuilder()
        var surfaces: [UInt8] = []
        var records: [EntryRecord] = []
        var entryNode: [Int32] = []
        var ruleFields: [Int32] = []
        var rulePool: [Int32] = []
        var ruleOfRow: [Int: Int32] = [:]

        func intern(_ key: [UInt8], lowercase: Bool, isWord: Bool) -> Int32 {
            let id = vocabulary.intern(key)
            if Int(id) == vocabularyFlags.count { vocabularyFlags.append(VocabularyFlags.needsCapital) }
            // Any lowercase use in the lexicon lets lowercase text match this token.
            if lowercase || !isWord { vocabularyFlags[Int(id)] &= ~VocabularyFlags.needsCapital }
            return id
        }

        for (f, form) in forms.enumerated() {
            let keys = tokenized[f]
            guard !keys.isEmpty else {
                if form.isShortForm { continue }
                let row = rows[form.row]
                throw .malformedLexicon(path: row.path, line: row.line, reason: "surface '\(row.surface)' has no tokens")
            }
            var node = CompiledLexicon.root
            for (k, token) in keys.enumerated() {
                let id = intern(token.key, lowercase: token.lowercase, isWord: token.kind == .word)
                let edge = CompiledLexicon.edgeKey(node: node, token: id, spaceBefore: k > 0 && token.spaceBefore)
                if let next = edges.get(edge) {
                    node = next
                } else {
                    edges.set(edge, nodeCount)
                    node = nodeCount
                    nodeCount += 1
                }
            }
            let row = rows[form.row]
            let last = keys.last!
            var surface = 0..<0
            if row.flags.contains(.exactCase) {
                let form = matchForm(f)
                surface = surfaces.count..<(surfaces.count + form.count)
                surfaces += form
            }
            let rule: Int32
            if let known = ruleOfRow[form.row] {
                rule = known
            } else if row.notAfter.isEmpty && row.notBefore.isEmpty && row.requiresContext.isEmpty {
                rule = -1
            } else {
                rule = Int32(ruleFields.count / ContextRule.fieldCount)
                for list in [row.notAfter, row.notBefore, row.requiresContext] {
                    let start = rulePool.count
                    for word in list {
                        switch word {
                        case "#number": rulePool.append(ContextRule.number)
                        case "#first-name": rulePool.append(ContextRule.firstName)
                        default:
                            // A rule word is one token; its key is looked up like any text token.
                            guard let w = ruleWordToken[word] else { continue }
                            rulePool.append(intern(w.key, lowercase: true, isWord: w.kind == .word))
                        }
                    }
                    ruleFields += [Int32(start), Int32(rulePool.count)]
                }
                ruleOfRow[form.row] = rule
            }
            let lastKey = last.key.last
            let endsInSibilant = lastKey == UInt8(ascii: "s") || lastKey == UInt8(ascii: "x") || lastKey == UInt8(ascii: "z")
            records.append(EntryRecord(
                type: strings.intern(row.type), canonical: strings.intern(row.canonical),
                maker: row.maker.isEmpty ? -1 : strings.intern(row.maker), flags: row.flags,
                isShortForm: form.isShortForm,
                allowsGenitive: (last.kind == .word || last.kind == .number) && !endsInSibilant,
                surface: surface, rule: rule, identifier: row.id.isEmpty ? -1 : strings.intern(row.id)))
            entryNode.append(node)
        }
        for f in forms.count..<(forms.count + firstNames.count) {
            for token in tokenized[f] where token.kind == .word {
                let id = intern(token.key, lowercase: true, isWord: true)
                vocabularyFlags[Int(id)] |= VocabularyFlags.firstName
            }
        }

        // 4. Per node, its entries: plain ones before conditional ones (stable), so the
        //    first entry that applies is the most certain one.
        var entryStart = [Int32](repeating: 0, count: Int(nodeCount) + 1)
        for n in entryNode { entryStart[Int(n) + 1] += 1 }
        for n in 0..<Int(nodeCount) { entryStart[n + 1] += entryStart[n] }
        var fill = Array(entryStart.dropLast())
        var entryIndex = [Int32](repeating: 0, count: records.count)
        for conditional in [false, true] {
            for (e, record) in records.enumerated() where isConditional(record) == conditional {
                let n = Int(entryNode[e])
                entryIndex[Int(fill[n])] = Int32(e)
                fill[n] += 1
            }
        }

        var sections: [LexiconSection: [UInt8]] = [:]
        sections[.vocabularyArena] = vocabulary.arena
        sections[.vocabularyOffsets] = sectionBytes(vocabulary.offsets)
        sections[.vocabularySlots] = sectionBytes(vocabulary.slots)
        sections[.vocabularyFlags] = vocabularyFlags
        sections[.edgeKeys] = sectionBytes(edges.keys)
        sections[.edgeValues] = sectionBytes(edges.values)
        sections[.entryStart] = sectionBytes(entryStart)
        sections[.entryIndex] = sectionBytes(entryIndex)
        sections[.entries] = sectionBytes(records.flatMap(\.record))
        sections[.surfaces] = surfaces
        sections[.stringArena] = strings.arena
        sections[.stringOffsets] = sectionBytes(strings.offsets)
        sections[.rules] = sectionBytes(ruleFields)
        sections[.rulePool] = sectionBytes(rulePool)
        sections[.meta] = sectionBytes([Int32(rows.count)])
        return LexiconImage.build(sections: sections, sourceKey: sourceKey)
    }

    private func isConditional(_ r: EntryRecord) -> Bool { r.isShortForm || !r.flags.isEmpty || r.rule >= 0 }

    /// One token of a tokenized surface.
    struct SurfaceToken {
        var key: [UInt8]
        var lowercase: Bool
        var kind: TokenKind
        var spaceBefore: Bool
    }

    /// Normalizes, tokenizes and folds each string; strings are joined by blank
    /// lines into one text so that ICU runs once. Also returns a function that
    /// gives the match form of string i (what `exact-case` compares).
    func tokenizeAll(_ strings: [String]) throws(EigennameError) -> ([[SurfaceToken]], (Int) -> [UInt8]) {
        var text: [UInt8] = []
        var ranges: [Range<Int>] = []
        for s in strings {
            let start = text.count
            text += s.utf8
            ranges.append(start..<text.count)
            text += [0x0A, 0x0A]
        }
        let tokenizer = try Tokenizer()
        let normalized = TextNormalizer().normalize(text)
        let tokens = text.withUnsafeBufferPointer { tokenizer.tokenize(normalized, original: $0) }
        var result = [[SurfaceToken]](repeating: [], count: strings.count)
        var key: [UInt8] = []
        var normalizedSpan = [Range<Int>](repeating: 0..<0, count: strings.count)
        var s = 0
        normalized.bytes.withUnsafeBufferPointer { bytes in
            for t in tokens {
                while s < ranges.count && Int(t.utf8Start) >= ranges[s].upperBound { s += 1 }
                guard s < ranges.count else { break }
                if result[s].isEmpty { normalizedSpan[s] = Int(t.normalizedStart)..<Int(t.normalizedStart) }
                normalizedSpan[s] = normalizedSpan[s].lowerBound..<Int(t.normalizedEnd)
                let lowercase = KeyFolder.fold(UnsafeBufferPointer(rebasing: bytes[Int(t.normalizedStart)..<Int(t.normalizedEnd)]),
                                               into: &key)
                result[s].append(SurfaceToken(key: key, lowercase: lowercase, kind: t.kind, spaceBefore: t.spaceBefore))
            }
        }
        let bytes = normalized.bytes
        return (result, { Array(bytes[normalizedSpan[$0]]) })
    }
}

/// Strings (types, canonical names, identifiers) stored once each.
struct StringTableBuilder {
    private(set) var arena: [UInt8] = []
    private(set) var offsets: [Int32] = [0]
    private var ids: [String: Int32] = [:]

    mutating func intern(_ s: String) -> Int32 {
        if let id = ids[s] { return id }
        let id = Int32(offsets.count - 1)
        arena += s.utf8
        offsets.append(Int32(arena.count))
        ids[s] = id
        return id
    }
}
