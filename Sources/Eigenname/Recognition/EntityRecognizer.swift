// Recognition: tokens in, entities out.
//
// In:  the tokens and sentences of a document, its match form, its original
//      bytes, and a CompiledLexicon.
// Out: [Entity], non-overlapping, in text order, with spans as
//      ../shared/ANNOTATION.md defines them.
//
// Matching semantics (leftmost-longest, as in a leftmost-longest Aho-Corasick
// automaton over token ids):
//  1. Every token gets an integer key once: the vocabulary id of its folded
//     form, and of its folded form without a genitive "s"/"'s" ("Xiaomis",
//     "Ford's"). Lowercase text does not match names the lexicon capitalizes,
//     and a capitalized word does not match an acronym the lexicon writes in capitals.
//  2. From each position, the trie is walked over (id, space-before) steps; the
//     longest path that ends in an entry that applies wins, and matching
//     resumes after it. A genitive key may only end a match. Hyphens are
//     tokens, so "SU7-Modell" yields "SU7" while "Mercedes-Benz" matches whole.
//  3. Whether an entry applies: a short form or an `after-full` entry only
//     after its canonical name matched earlier in the document; `exact-case`
//     compares capitalization; `mid-sentence` not at a sentence start;
//     `not-after` / `not-before` look at the neighbouring tokens;
//     `requires-context` looks for a word in the same sentence; the grammar
//     rules of GrammarRules.swift hold for every entry. Then
//     `requires-maker` models are kept only where their maker is named
//     somewhere in the document. Rows without flags that the language knowledge
//     makes cautious (common nouns) or units follow Caution.swift.
//  4. A maker directly followed by one of its models becomes one MODEL span
//     ("Xiaomi SU7", "VW ID.3"), also joined by a hyphen inside a compound
//     ("Porsche-911-Fahrer": "Porsche-911", as "Fiat-500" matches the entry
//     "Fiat 500"); a genitive maker ("Xiaomis SU7") does not.
//
// Every rule of steps 3 and 4 is an entry of the table in RecognitionRules.swift that a
// run can switch off (`rules`); "COMPANY", "PERSON" and "MODEL" are never named here:
// the rules ask for an entry's roles (maker, person, product; type-roles.txt).

/// One thread's recognizer (its Annotator's): it keeps step 1's arrays and discovery's memory from
/// part to part (KeyBuffers, DiscoveryWorkspace), so two threads must not run one at once; the
/// lexicon they share is immutable.
struct EntityRecognizer: Sendable {
    let lexicon: CompiledLexicon
    /// The rules of RecognitionRules.swift that this recognizer runs (default: all).
    let rules: RuleSet

    /// The arrays of step 1, kept from part to part (one recognizer per thread).
    let keyBuffers = KeyBuffers()

    /// Discovery's tables and memory, kept from part to part (DiscoveryScan.swift).
    let discoveryWorkspace: DiscoveryWorkspace

    init(lexicon: CompiledLexicon, rules: RuleSet = .all) {
        self.lexicon = lexicon
        self.rules = rules
        discoveryWorkspace = DiscoveryWorkspace(lexicon: lexicon)
    }

    /// A match before merging: token range and entry.
    struct Match {
        var first: Int
        var last: Int
        var entry: Int32
        /// The last token is the genitive of the entry's last word ("Xiaomis").
        var isGenitive: Bool
        /// A cautious match without local evidence: counts only if the document names its
        /// entity by a row that is not cautious, or (a MODEL) its maker (Caution.swift).
        var needsEvidence = false
        /// A person's name inside the name of a place or institution ("Henry-Ford-Straße"):
        /// no entity, and nothing else matches up to this token, the end of that name.
        var placeNameEnd: Int? = nil
        /// A maker and its model merged into one span (step 4): discovery may add a designation.
        var hasMaker = false
    }

    /// The sentences of a document, split only when a rule first asks
    /// (`mid-sentence`, `requires-context`): most documents never need them when
    /// the output does not carry them.
    final class SentenceLookup {
        private var sentences: [Sentence]?
        private let split: () -> [Sentence]

        init(_ sentences: [Sentence]) {
            self.sentences = sentences
            split = { [] }
        }

        init(splitting split: @escaping () -> [Sentence]) {
            self.split = split
        }

        /// The tokens of the sentence that holds token `t` (nil: no sentences).
        func sentence(holding t: Int) -> Range<Int>? {
            if sentences == nil { sentences = split() }
            let all = sentences!
            // Binary search: the last sentence starting at or before t.
            var low = 0, high = all.count
            while low < high {
                let mid = (low + high) / 2
                if all[mid].tokens.lowerBound <= t { low = mid + 1 } else { high = mid }
            }
            return low > 0 && all[low - 1].tokens.contains(t) ? all[low - 1].tokens : nil
        }
    }

    /// What the rules of step 3 look at, per document.
    struct Context {
        let tokens: [Token]
        let text: NormalizedText
        let sentences: SentenceLookup
        /// Per token: its vocabulary id whatever its case (rule words match in any case).
        let anyCase: [Int32]
        /// Per token: its DiscoveryScan.Shape (empty when discovery is off).
        var shapes: [UInt8] = []
        /// Canonicals matched so far in full, and in the order first seen.
        var seenFull = Set<Int32>()
        var seenFullInOrder: [Int32] = []
        /// The canonical of every match so far, in order (across the parts of a large
        /// document): which of two names came last is asked rarely, so it is found by a
        /// scan back rather than kept per match.
        var namedInOrder: [Int32] = []
        /// The canonical of the person named last (-1: none yet): the one a genitive short form refers to.
        var lastPerson: Int32 = -1
        /// The entry of the previous match (-1: none, or a genitive: no maker for what follows).
        var previousMakerEntry: Int32 = -1
        /// Canonicals matched so far by entries that are not cautious (Caution.swift).
        var seenCertain = Set<Int32>()
        /// The last token of the previous match (Caution.swift: a neighbouring name).
        var previousMatchLast = -2
    }

    /// What recognition carries from one part of a document to the next, when a
    /// very large document is annotated in parts (see Annotator).
    struct DocumentState: Sendable {
        /// Canonicals matched in full, and in the order first seen (short forms).
        var seenFull = Set<Int32>(minimumCapacity: 16)
        var seenFullInOrder: [Int32] = []
        /// Canonicals matched by entries that are not cautious, or cautious with evidence (Caution.swift).
        var seenCertain = Set<Int32>()
        /// Canonicals of every match (but cautious ones without evidence), for `requires-maker`.
        var named = Set<Int32>(minimumCapacity: 16)
        /// The canonical of every match, in order.
        var namedInOrder: [Int32] = []
        var lastPerson: Int32 = -1
        /// Discovery (NameDiscovery.swift): the people, companies and models found so far,
        /// from which token of which part their later mentions count, and the current part.
        var discoveryGroups: [DiscoveryGroup] = []
        /// Per mention key of a group: the group, from which token of which part its mentions
        /// count, and the entry before it with the same key hash (-1: none).
        var mentionsFrom: [(group: Int32, token: Int, part: Int, previous: Int32)] = []
        /// Hash of a mention key → its newest entry in mentionsFrom.
        var mentionIndex = MentionIndex()
        /// The first bytes of the mention keys (a word that starts with another is none).
        var mentionInitials = [Bool](repeating: false, count: 256)
        var partNumber = 0
        init() {}

        /// Empties the state for the next document, keeping the storage of its sets and arrays.
        mutating func reset() {
            seenFull.removeAll(keepingCapacity: true)
            seenFullInOrder.removeAll(keepingCapacity: true)
            seenCertain.removeAll(keepingCapacity: true)
            named.removeAll(keepingCapacity: true)
            namedInOrder.removeAll(keepingCapacity: true)
            lastPerson = -1
            discoveryGroups.removeAll(keepingCapacity: true)
            mentionsFrom.removeAll(keepingCapacity: true)
            mentionIndex.removeAll()
            mentionInitials.withUnsafeMutableBufferPointer { $0.update(repeating: false) }
            partNumber = 0
        }
    }

    /// Hash of a mention key → the newest entry of DocumentState.mentionsFrom with that hash (the
    /// older ones chained through `previous`). Open addressing in one flat array: no dictionary
    /// and no array per key (most documents have a few keys, a long one thousands).
    struct MentionIndex: Sendable {
        /// Two integers per slot: the hash, and the newest entry plus one (0: an empty slot).
        private var slots: [Int] = []
        private var used = 0

        /// The newest entry with this hash (-1: none).
        func newest(_ hash: Int) -> Int32 {
            guard !slots.isEmpty else { return -1 }
            let mask = slots.count / 2 - 1
            var slot = hash & mask
            while slots[2 * slot + 1] != 0 {
                if slots[2 * slot] == hash { return Int32(slots[2 * slot + 1] - 1) }
                slot = (slot + 1) & mask
            }
            return -1
        }

        /// Makes `entry` the newest with this hash; returns the one before it (-1: none).
        mutating func insert(_ hash: Int, entry: Int32) -> Int32 {
            if (used + 1) * 2 > slots.count / 2 { grow() }
            let mask = slots.count / 2 - 1
            var slot = hash & mask
            while slots[2 * slot + 1] != 0 {
                if slots[2 * slot] == hash {
                    let previous = Int32(slots[2 * slot + 1] - 1)
                    slots[2 * slot + 1] = Int(entry) + 1
                    return previous
                }
                slot = (slot + 1) & mask
            }
            slots[2 * slot] = hash
            slots[2 * slot + 1] = Int(entry) + 1
            used += 1
            return -1
        }

        /// Forgets every key, keeping the slots' storage.
        mutating func removeAll() {
            slots.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
            used = 0
        }

        private mutating func grow() {
            let old = slots
            slots = [Int](repeating: 0, count: max(32, old.count * 2))
            used = 0
            let mask = slots.count / 2 - 1
            for k in stride(from: 0, to: old.count, by: 2) where old[k + 1] != 0 {
                var slot = old[k] & mask
                while slots[2 * slot + 1] != 0 { slot = (slot + 1) & mask }
                slots[2 * slot] = old[k]
                slots[2 * slot + 1] = old[k + 1]
                used += 1
            }
        }
    }

    /// An entity with the lexicon entry it came from (for `requires-maker`, decided per document).
    struct PendingEntity: Sendable {
        var entity: Entity
        var entry: Int32
        /// A cautious match kept only with evidence elsewhere in the document (Caution.swift).
        var needsEvidence = false
        /// A discovered name (entry -1): its group in DocumentState.discoveryGroups, for its canonical.
        var group: Int32 = -1
    }

    /// Step 3's document-wide rule: a `requires-maker` model stays only where the
    /// document names its maker somewhere.
    func finish(_ pending: [PendingEntity], state: DocumentState) -> [Entity] {
        // A maker and its model named in one document are evidence for each other, also
        // when both are ordinary words ("Volkswagen baut den Golf"). (Most documents have no
        // match waiting for evidence: they skip this.)
        var makers = Set<Int32>(), matched = Set<Int32>()
        let corroborate = rules.contains(.makerModelCorroboration)
        if corroborate && pending.contains(where: \.needsEvidence) {
            for p in pending where p.entry >= 0 {
                let e = lexicon.entry(p.entry)
                matched.insert(e.canonical)
                if e.maker >= 0 { makers.insert(e.maker) }
            }
        }
        let canonicals = state.discoveryGroups.map(Self.canonical)
        // (One pass into one array: a filter and a map would copy every entity twice.)
        var entities: [Entity] = []
        entities.reserveCapacity(pending.count)
        // (By index: each entity is copied once, into the result, not also into a loop variable.)
        for i in pending.indices {
            let entry = pending[i].entry, group = pending[i].group
            if entry >= 0 {
                let e = lexicon.entry(entry)
                if pending[i].needsEvidence && !(state.seenCertain.contains(e.canonical) || corroborate && (makers.contains(e.canonical)
                                        || (e.maker >= 0 && (state.named.contains(e.maker) || matched.contains(e.maker))))) {
                    continue
                }
                if e.flags.contains(.requiresMaker) && !state.named.contains(e.maker) { continue }
            }
            entities.append(pending[i].entity)
            if group >= 0 { entities[entities.count - 1].canonical = canonicals[Int(group)] }
        }
        return entities
    }

    /// A discovered group's canonical: its longest full form, without a genitive ending
    /// ("Lorenz’", "’s"; an "s" only where the form without it was seen too: "Bergers").
    static func canonical(_ group: DiscoveryGroup) -> String {
        // (One pass over contiguous bytes: String.UTF8View.contains walks the view, hundreds of instructions a form.)
        if group.forms.count == 1, let only = group.forms.first,
           only.utf8.withContiguousStorageIfAvailable({ !$0.contains { $0 == 0x27 || $0 == 0xE2 } }) ?? !only.utf8.contains(where: { $0 == 0x27 || $0 == 0xE2 }) {
            return only  // most groups: one form, no apostrophe
        }
        var best: Substring.UTF8View? = nil
        for form in group.forms {
            var u = form.utf8[...]
            if u.last == UInt8(ascii: "s"), u.dropLast().last == 0x27 { u = u.dropLast(2) }  // "Ford's"
            else if u.last == UInt8(ascii: "s"), u.dropLast().elementsEqual([]) == false, u.dropLast().suffix(3).elementsEqual([0xE2, 0x80, 0x99]) {
                u = u.dropLast(4)  // "Ford’s"
            } else if u.last == 0x27 { u = u.dropLast() }  // "Lorenz'"
            else if u.suffix(3).elementsEqual([0xE2, 0x80, 0x99]) { u = u.dropLast(3) }  // "Lorenz’"
            else if u.last == UInt8(ascii: "s"), group.forms.contains(where: { $0.utf8.elementsEqual(u.dropLast()) }) { u = u.dropLast() }
            if best == nil || u.count > best!.count { best = Substring(u).utf8 }
        }
        return best.map { String(Substring($0)) } ?? ""
    }

    /// Steps 1 to 4 on (a part of) a document, except the document-wide `requires-maker` rule.
    /// With `tokensHaveCodePoints: false` the tokens' code point offsets were not
    /// computed (`Tokenizer.tokenize(codePoints: false)`): the entities' are, here.
    func recognizePart(tokens: [Token], sentences: SentenceLookup, text: NormalizedText,
                       original: UnsafeBufferPointer<UInt8>, tokensHaveCodePoints: Bool,
                       state: inout DocumentState) -> [PendingEntity] {
        guard !tokens.isEmpty else { return [] }
        let keys = tokenKeys(tokens, text, shapes: !rules.isDisjoint(with: .discovery))
        defer { keyBuffers.keep(keys) }
        let (exact, genitive, anyCase) = (keys.exact, keys.genitive, keys.anyCase)
        var context = Context(tokens: tokens, text: text, sentences: sentences, anyCase: anyCase, shapes: keys.shapes,
                              seenFull: state.seenFull, seenFullInOrder: state.seenFullInOrder,
                              namedInOrder: state.namedInOrder, lastPerson: state.lastPerson,
                              seenCertain: state.seenCertain)
        var matches: [Match] = []
        var next = 0  // matching resumes after the last match
        for start in keys.starts where Int(start) >= next {
            if var m = longestMatch(from: Int(start), exact, genitive, context) {
                if let end = m.placeNameEnd {
                    next = end + 1
                    continue
                }
                let e = lexicon.entry(m.entry)
                if e.flags.contains(.cautious) && rules.contains(.cautiousEvidence) {
                    let local = hasEvidence(e, first: m.first, last: m.last, context)
                    // Evidence elsewhere in the document is not enough for a model used as a bare noun.
                    if !local && e.roles.contains(.product) && rules.contains(.bareNounModel)
                        && isBareNoun(first: m.first, last: m.last, context) {
                        next = m.last + 1
                        continue
                    }
                    m.needsEvidence = !local && !context.seenCertain.contains(e.canonical)
                    if !m.needsEvidence { context.seenCertain.insert(e.canonical) }
                } else if !e.isShortForm && lexicon.hasCautiousEntries {
                    context.seenCertain.insert(e.canonical)
                }
                matches.append(m)
                context.previousMatchLast = m.last
                context.previousMakerEntry = m.isGenitive ? -1 : m.entry
                if !e.isShortForm, context.seenFull.insert(e.canonical).inserted { context.seenFullInOrder.append(e.canonical) }
                context.namedInOrder.append(e.canonical)
                if e.roles.contains(.person) { context.lastPerson = e.canonical }
                next = m.last + 1
            }
        }
        state.seenFull = context.seenFull
        state.seenFullInOrder = context.seenFullInOrder
        state.namedInOrder = context.namedInOrder
        state.lastPerson = context.lastPerson
        state.seenCertain = context.seenCertain
        // A cautious match still waiting for evidence names nothing yet (Caution.swift).
        for m in matches where !m.needsEvidence { state.named.insert(lexicon.entry(m.entry).canonical) }
        matches = withLegalForms(matches, context)
        matches = mergingMakerAndModel(matches, context)
        var counter = CodePointCounter(original)  // matches are in text order
        if !rules.isDisjoint(with: .discovery) {
            let (names, absorbed) = discoverNames(matches, context, original: original, state: &state)
            state.partNumber += 1
            if !names.isEmpty {
                return mergingDiscovered(matches, absorbed: absorbed, names, tokens: tokens, original: original,
                                         tokensHaveCodePoints: tokensHaveCodePoints, &counter)
            }
        }
        return matches.map { m in
            let e = lexicon.entry(m.entry)
            let first = tokens[m.first], last = tokens[m.last]
            let bytes = UnsafeBufferPointer(rebasing: original[Int(first.utf8Start)..<Int(last.utf8End)])
            let start = tokensHaveCodePoints ? Int(first.start) : counter.codePointOffset(ofByte: Int(first.utf8Start))
            let end = tokensHaveCodePoints ? Int(last.end) : counter.codePointOffset(ofByte: Int(last.utf8End))
            return PendingEntity(entity: Entity(start: start, end: end, type: lexicon.string(e.type),
                                                text: String(decoding: bytes, as: UTF8.self),
                                                canonical: lexicon.string(e.canonical), id: lexicon.identifier(of: e)),
                                 entry: m.entry, needsEvidence: m.needsEvidence)
        }
    }

    /// The lexicon matches (but those a discovered name took in) and the discovered names, in text order.
    private func mergingDiscovered(_ matches: [Match], absorbed: Set<Int>, _ names: [DiscoveredName], tokens: [Token],
                                   original: UnsafeBufferPointer<UInt8>, tokensHaveCodePoints: Bool,
                                   _ counter: inout CodePointCounter) -> [PendingEntity] {
        func entity(_ first: Int, _ last: Int, type: String, canonical: String, source: EntitySource, id: String? = nil) -> Entity {
            let a = tokens[first], b = tokens[last]
            let bytes = UnsafeBufferPointer(rebasing: original[Int(a.utf8Start)..<Int(b.utf8End)])
            let start = tokensHaveCodePoints ? Int(a.start) : counter.codePointOffset(ofByte: Int(a.utf8Start))
            let end = tokensHaveCodePoints ? Int(b.end) : counter.codePointOffset(ofByte: Int(b.utf8End))
            return Entity(start: start, end: end, type: type, text: String(decoding: bytes, as: UTF8.self),
                          canonical: canonical, source: source, id: id)
        }
        var result: [PendingEntity] = []
        result.reserveCapacity(matches.count + names.count)
        var k = 0, d = 0
        var end = -1  // the last token of the entities so far: none overlap, whatever a rule found
        while k < matches.count || d < names.count {
            if k < matches.count && absorbed.contains(k) { k += 1; continue }
            if d < names.count && (k == matches.count || names[d].first < matches[k].first) {
                let name = names[d]
                d += 1
                // (Discovery leaves lexicon matches alone but those it took in; should a rule miss
                // one, the lexicon's match wins rather than two entities overlapping.)
                if name.first <= end || k < matches.count && name.last >= matches[k].first { continue }
                end = name.last
                result.append(PendingEntity(entity: entity(name.first, name.last, type: lexicon.discoveredType(name.role),
                                                           canonical: "", source: .discovered),
                                            entry: -1, group: name.group))
            } else {
                let m = matches[k], e = lexicon.entry(m.entry)
                end = m.last
                result.append(PendingEntity(entity: entity(m.first, m.last, type: lexicon.string(e.type),
                                                           canonical: lexicon.string(e.canonical), source: .lexicon,
                                                           id: lexicon.identifier(of: e)),
                                            entry: m.entry, needsEvidence: m.needsEvidence))
                k += 1
            }
        }
        return result
    }

    /// Step 1 for one document: per token its vocabulary ids (-1: in no entry),
    /// and the tokens from which a match may start, in order.
    struct TokenKeys {
        var exact: [Int32]
        var genitive: [Int32]
        var anyCase: [Int32]
        var starts: [Int32]
        /// Per token its DiscoveryScan.Shape, where discovery asked for them (else empty): found
        /// here, where every token's bytes are read anyway, not in a pass of its own.
        var shapes: [UInt8]
    }

    /// Step 1: the vocabulary ids of every token (and, with `shapes`, its shape for discovery).
    private func tokenKeys(_ tokens: [Token], _ text: NormalizedText, shapes wantShapes: Bool) -> TokenKeys {
        var (exact, anyCase, genitive, starts, shapes) = keyBuffers.take()
        exact.append(contentsOf: repeatElement(-1, count: tokens.count))
        anyCase.append(contentsOf: repeatElement(-1, count: tokens.count))
        genitive.append(contentsOf: repeatElement(-1, count: tokens.count))
        starts.append(contentsOf: repeatElement(0, count: tokens.count))
        shapes.append(contentsOf: repeatElement(0, count: wantShapes ? tokens.count : 0))
        let flags = lexicon.vocabularyFlags
        // Raw buffers: the loop runs once per token, and array writes inside a
        // closure would check uniqueness every time. The loop's variables live
        // inside the innermost closure: captured, each access would be checked
        // for exclusivity at run time.
        let startCount = exact.withUnsafeMutableBufferPointer { exact in
        anyCase.withUnsafeMutableBufferPointer { anyCase in
        genitive.withUnsafeMutableBufferPointer { genitive in
        starts.withUnsafeMutableBufferPointer { starts in
        shapes.withUnsafeMutableBufferPointer { shapes in
        tokens.withUnsafeBufferPointer { tokens in
        text.bytes.withUnsafeBufferPointer { bytes in
        lexicon.shortKeys.withLookup { shortID -> Int in
            var startCount = 0
            var capacity = 256
            var scratch = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
            scratch.initialize(repeating: 0, count: capacity)
            defer { scratch.deallocate() }
            for i in 0..<tokens.count {
                let t = tokens[i]
                let count = Int(t.normalizedEnd - t.normalizedStart)
                var id: Int32 = -1, stemID: Int32 = -1
                var shape = KeyFolder.CaseShape.other, stemShape = KeyFolder.CaseShape.other
                if let packed = KeyFolder.packASCII(bytes, start: Int(t.normalizedStart), count: count) {
                    // Most tokens: plain ASCII of at most sixteen bytes, folded and looked up as
                    // integers; the case shape only for the few that are keys.
                    let (key, upper, lower) = KeyFolder.foldPackedASCII(packed)
                    if wantShapes { shapes[i] = DiscoveryScan.shape(upper: upper, lower: lower, count: count, kind: t.kind) }
                    id = shortID(key)
                    var cut = 0
                    // The last bytes from memory: cheaper than taking them out of the packed key.
                    let end = Int(t.normalizedEnd)
                    if t.kind == .word, count > 2, bytes[end - 1] == UInt8(ascii: "s") {
                        cut = bytes[end - 2] == UInt8(ascii: "'") ? 2 : 1
                        stemID = shortID(key.prefix(count - cut))
                    }
                    guard id >= 0 || stemID >= 0 else { continue }
                    shape = KeyFolder.shape(upper: upper, lower: lower)
                    if stemID >= 0 {
                        stemShape = shape == .other
                            ? KeyFolder.shape(upper: upper.prefix(count - cut), lower: lower.prefix(count - cut)) : shape
                    }
                } else {
                    let token = UnsafeBufferPointer(rebasing: bytes[Int(t.normalizedStart)..<Int(t.normalizedEnd)])
                    if wantShapes, t.kind == .word { shapes[i] = DiscoveryScan.shape(token) }
                    guard lexicon.asciiFilter.mayContain(token) else { continue }  // stays -1 everywhere
                    if KeyFolder.capacity(for: token.count) > capacity {
                        capacity = KeyFolder.capacity(for: token.count)
                        scratch.deallocate()
                        scratch = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
                        scratch.initialize(repeating: 0, count: capacity)
                    }
                    let n: Int
                    (n, shape) = KeyFolder.foldWithShape(token, into: scratch)
                    // A folded key of at most sixteen ASCII bytes ("fuer", "mueller") is in the
                    // packed table if it is a key at all; longer or other keys go through the byte table.
                    func folded(_ count: Int) -> Int32 {
                        if let packed = KeyFolder.packASCII(UnsafeBufferPointer(start: scratch, count: capacity), start: 0, count: count) {
                            return shortID(packed)
                        }
                        return lexicon.vocabulary.id(of: UnsafeRawBufferPointer(start: scratch, count: count)) ?? -1
                    }
                    id = folded(n)
                    // Only a written "s" ("Weiß" folds to "weiss" but has no genitive s).
                    if t.kind == .word, n > 2, scratch[n - 1] == UInt8(ascii: "s"), token.last == UInt8(ascii: "s") {
                        // "Ford's" (one ICU token) and "Fords"; "BMWs" is capitals before its "s".
                        let cut = scratch[n - 2] == UInt8(ascii: "'") && token.count >= 2 && token[token.count - 2] == UInt8(ascii: "'") ? 2 : 1
                        stemShape = shape == .other ? KeyFolder.caseShape(UnsafeBufferPointer(rebasing: token.dropLast(cut))) : shape
                        stemID = folded(n - cut)
                    }
                }
                guard id >= 0 || stemID >= 0 else { continue }
                anyCase[i] = id
                let e = id >= 0 && caseAllows(flags[Int(id)], shape) ? id : -1
                let g = stemID >= 0 && caseAllows(flags[Int(stemID)], stemShape) ? stemID : -1
                exact[i] = e
                genitive[i] = g
                if (e >= 0 && flags[Int(e)] & VocabularyFlags.startsEntry != 0)
                    || (g >= 0 && flags[Int(g)] & VocabularyFlags.startsEntry != 0) {
                    starts[startCount] = Int32(i)
                    startCount += 1
                }
            }
            return startCount
        }
        }
        }
        }
        }
        }
        }
        }
        starts.removeLast(starts.count - startCount)
        return TokenKeys(exact: exact, genitive: genitive, anyCase: anyCase, starts: starts, shapes: shapes)
    }

    /// Step 1's arrays, emptied but with their storage, from one part to the next of the thread that
    /// owns the recognizer: five arrays made anew for every part cost an allocation each and, for
    /// each, a look-up of the array type's metadata in a table all threads share.
    final class KeyBuffers: @unchecked Sendable {
        private var exact: [Int32] = [], anyCase: [Int32] = [], genitive: [Int32] = [], starts: [Int32] = []
        private var shapes: [UInt8] = []
        /// Parts of more tokens than this give their arrays back to the allocator (a part of a
        /// very large document would otherwise hold megabytes until the thread ends).
        private static let largestKept = 1 << 16

        /// The arrays, empty; they are the caller's until `keep`.
        func take() -> ([Int32], [Int32], [Int32], [Int32], [UInt8]) {
            defer { (exact, anyCase, genitive, starts, shapes) = ([], [], [], [], []) }
            // (Each the only reference to its storage: emptying it keeps the storage.)
            exact.removeAll(keepingCapacity: true)
            anyCase.removeAll(keepingCapacity: true)
            genitive.removeAll(keepingCapacity: true)
            starts.removeAll(keepingCapacity: true)
            shapes.removeAll(keepingCapacity: true)
            return (exact, anyCase, genitive, starts, shapes)
        }

        /// Takes the arrays of `keys` back for the next part.
        func keep(_ keys: TokenKeys) {
            guard keys.exact.count <= Self.largestKept else { return }
            (exact, anyCase, genitive, starts, shapes) = (keys.exact, keys.anyCase, keys.genitive, keys.starts, keys.shapes)
        }
    }

    @inline(__always)
    private func continuesEntry(_ id: Int32) -> Bool {
        id >= 0 && lexicon.vocabularyFlags[Int(id)] & VocabularyFlags.continuesEntry != 0
    }

    /// Whether a token written with `shape` may match a vocabulary token with `flags`: lowercase
    /// text does not match a capitalized name ("golf", "Golf"), and a word does not
    /// match an acronym ("Abs", "ABS"); capitals match everything ("FORD", "Ford").
    @inline(__always)
    private func caseAllows(_ flags: UInt8, _ shape: KeyFolder.CaseShape) -> Bool {
        if shape == .lowercase && flags & VocabularyFlags.needsCapital != 0 { return false }
        if shape == .other && flags & VocabularyFlags.capitals != 0 { return false }
        return true
    }

    /// Steps 2 and 3: the longest match starting at token `i` whose entry applies here.
    private func longestMatch(from i: Int, _ exact: [Int32], _ genitive: [Int32], _ context: Context) -> Match? {
        // This runs for every token that may start a name: the candidates go on the stack.
        withUnsafeTemporaryAllocation(of: Candidates.Element.self, capacity: 16) { stack in
            var candidates = Candidates(stack)
            return longestMatch(from: i, exact, genitive, context, &candidates)
        }
    }

    /// Candidate ends, shortest first: (last token, node, genitive). The first ones
    /// in a fixed buffer, any further ones (an entry of many tokens) in an array.
    private struct Candidates {
        typealias Element = (last: Int, node: Int32, isGenitive: Bool)
        let fixed: UnsafeMutableBufferPointer<Element>
        var more: [Element] = []
        var count = 0

        init(_ fixed: UnsafeMutableBufferPointer<Element>) { self.fixed = fixed }

        mutating func append(_ candidate: Element) {
            if count < fixed.count { fixed[count] = candidate } else { more.append(candidate) }
            count += 1
        }

        subscript(k: Int) -> Element { k < fixed.count ? fixed[k] : more[k - fixed.count] }
    }

    private func longestMatch(from i: Int, _ exact: [Int32], _ genitive: [Int32], _ context: Context,
                              _ candidates: inout Candidates) -> Match? {
        let tokens = context.tokens
        var node = CompiledLexicon.root
        var j = i
        while j < tokens.count {
            // Going on needs a node with children and a token that continues some entry.
            if j > i && !(lexicon.hasChildren(node) && (continuesEntry(exact[j]) || continuesEntry(genitive[j]))) { break }
            let space = j > i && tokens[j].spaceBefore
            if genitive[j] >= 0, let g = lexicon.child(of: node, token: genitive[j], spaceBefore: space),
               lexicon.hasEntries(at: g) {
                candidates.append((j, g, true))
            }
            guard exact[j] >= 0, let next = lexicon.child(of: node, token: exact[j], spaceBefore: space) else { break }
            node = next
            if lexicon.hasEntries(at: node) { candidates.append((j, node, false)) }
            j += 1
        }
        for k in stride(from: candidates.count - 1, through: 0, by: -1) {
            let (last, node, isGenitive) = candidates[k]
            // Right after a company, its model comes first ("Chevy Bolt": the model, not the company Bolt).
            if context.previousMatchLast == i - 1, context.previousMakerEntry >= 0, context.tokens[i].spaceBefore,
               lexicon.entry(context.previousMakerEntry).roles.contains(.maker), rules.contains(.modelAfterMaker) {
                let maker = context.previousMakerEntry
                for k in lexicon.fullEntries(at: node) {
                    let entryID = lexicon.entryIndex[k]
                    if lexicon.entry(entryID).roles.contains(.product), isMaker(maker, of: entryID),
                       applies(entryID, isGenitive: isGenitive, first: i, last: last, context) {
                        return Match(first: i, last: last, entry: entryID, isGenitive: isGenitive)
                    }
                }
            }
            // A genitive short form of a person named more recently than the other
            // name of that form: "Henry Ford … Fords Fließband" is the person's.
            if isGenitive && lexicon.hasShortForms(at: node), rules.contains(.personGenitiveShortForm),
               let person = personShortForm(at: node, first: i, last: last, context) {
                return Match(first: i, last: last, entry: person, isGenitive: true,
                             placeNameEnd: placeNameEnd(person, last: last, context))
            }
            for k in lexicon.fullEntries(at: node) {
                let entryID = lexicon.entryIndex[k]
                if applies(entryID, isGenitive: isGenitive, first: i, last: last, context) {
                    return Match(first: i, last: last, entry: entryID, isGenitive: isGenitive,
                                 placeNameEnd: placeNameEnd(entryID, last: last, context))
                }
            }
            // A short form: of a name seen in full, the most recently first seen first.
            guard lexicon.hasShortForms(at: node) else { continue }
            for canonical in context.seenFullInOrder.reversed() {
                if let entryID = lexicon.shortForm(of: canonical, at: node),
                   applies(entryID, isGenitive: isGenitive, first: i, last: last, context) {
                    return Match(first: i, last: last, entry: entryID, isGenitive: isGenitive,
                                 placeNameEnd: placeNameEnd(entryID, last: last, context))
                }
            }
        }
        return nil
    }

    /// For a genitive at `node`: the short form of the person named last, if that
    /// person was named after every full entry there (a company "Ford"). Only the
    /// person in focus: "Harrison Ford … Jim Farley. Ford's Europageschäft" is the company's.
    private func personShortForm(at node: Int32, first: Int, last: Int, _ c: Context) -> Int32? {
        guard c.lastPerson >= 0, c.seenFull.contains(c.lastPerson),
              let entryID = lexicon.shortForm(of: c.lastPerson, at: node),
              applies(entryID, isGenitive: true, first: first, last: last, c) else { return nil }
        // Scanning back, the person must come before any other name of this form.
        let others = lexicon.fullEntries(at: node).map { lexicon.entry(lexicon.entryIndex[$0]).canonical }
        for canonical in c.namedInOrder.reversed() {
            if canonical == c.lastPerson { return entryID }
            if others.contains(canonical) { return nil }
        }
        return nil
    }

    private func applies(_ entryID: Int32, isGenitive: Bool, first: Int, last: Int, _ c: Context) -> Bool {
        let e = lexicon.entry(entryID)
        if isGenitive && !e.allowsGenitive { return false }
        if !grammarAllows(e, isGenitive: isGenitive, first: first, last: last, c) { return false }
        if (e.isShortForm || e.flags.contains(.afterFull)) && !c.seenFull.contains(e.canonical) { return false }
        // A company's short form (its first word) right before a capitalized word starts another
        // name there: "New" of "New York Stock Exchange" in "New York", "Hansen" in "Hansen Werke".
        if e.isShortForm && e.roles.contains(.maker) && rules.contains(.companyShortFormBeforeCapital)
            && last + 1 < c.tokens.count && c.tokens[last + 1].spaceBefore
            && c.tokens[last + 1].kind == .word, let initial = c.text.bytes[Int(c.tokens[last + 1].normalizedStart)...].first,
           initial >= 0x41 && initial <= 0x5A || initial == 0xC3 {
            return false
        }
        if e.flags.contains(.exactCase) {
            let written = c.text.bytes[Int(c.tokens[first].normalizedStart)..<Int(c.tokens[last].normalizedEnd)]
            if !written.elementsEqual(lexicon.surfaces[e.surface]) && !(isGenitive && written.starts(with: lexicon.surfaces[e.surface])) {
                return false
            }
        }
        if isMeasure(e, isGenitive: isGenitive, first: first, last: last, c) { return false }
        if e.flags.contains(.midSentence) {
            guard let sentence = c.sentences.sentence(holding: first), sentence.lowerBound != first else { return false }
        }
        if e.rule >= 0 {
            let rule = lexicon.rule(e.rule)
            // `#number` marks units ("3 Tesla"), which take no "s": "seit 2022 Teslas Fabrik" is the company.
            if first > 0 && c.tokens[first].spaceBefore && rule.notAfter.contains(where: {
                let word = lexicon.rulePool[$0]
                return !(isGenitive && word == ContextRule.number) && tokenIs(first - 1, word, c)
            }) { return false }
            if last + 1 < c.tokens.count && c.tokens[last + 1].spaceBefore
                && rule.notBefore.contains(where: { tokenIs(last + 1, lexicon.rulePool[$0], c) }) { return false }
            if !rule.requiresContext.isEmpty {
                let sentence = c.sentences.sentence(holding: first) ?? 0..<c.tokens.count
                let wanted = rule.requiresContext.map { lexicon.rulePool[$0] }
                if !sentence.contains(where: { ($0 < first || $0 > last) && wanted.contains(c.anyCase[$0]) }) { return false }
            }
        }
        return true
    }

    /// Whether token `t` is the rule word `word` (a vocabulary id or a class marker).
    private func tokenIs(_ t: Int, _ word: Int32, _ c: Context) -> Bool {
        switch word {
        case ContextRule.number: return c.tokens[t].kind == .number
        case ContextRule.firstName:
            let id = c.anyCase[t]
            return id >= 0 && lexicon.vocabularyFlags[Int(id)] & VocabularyFlags.firstName != 0
        default: return c.anyCase[t] == word
        }
    }

    /// Whether entry `maker` names the maker of model entry `model`: the model's maker
    /// (its `maker` column, or the company its canonical begins with) is the maker's
    /// canonical; a product whose maker is unknown takes any maker before it
    /// ("BYD Seal", "Hyundai Ioniq 6" from a lexicon without makers).
    func isMaker(_ maker: Int32, of model: Int32) -> Bool {
        let makerEntry = lexicon.entry(maker), modelEntry = lexicon.entry(model)
        if modelEntry.maker >= 0 { return modelEntry.maker == makerEntry.canonical }
        return makerEntry.roles.contains(.maker) && modelEntry.roles.contains(.product)
    }

    /// Step 4: "Xiaomi SU7" is one MODEL span.
    private func mergingMakerAndModel(_ matches: [Match], _ c: Context) -> [Match] {
        let tokens = c.tokens
        guard matches.count > 1, rules.contains(.makerModelMerge) else { return matches }
        var merged: [Match] = []
        merged.reserveCapacity(matches.count)
        var k = 0
        while k < matches.count {
            let m = matches[k]
            if k + 1 < matches.count {
                let model = matches[k + 1]
                let spaced = model.first == m.last + 1 && tokens[model.first].spaceBefore
                let hyphenated = model.first == m.last + 2 && !tokens[m.last + 1].spaceBefore
                    && !tokens[model.first].spaceBefore && isHyphen(m.last + 1, c)
                if spaced || hyphenated, !m.isGenitive, isMaker(m.entry, of: model.entry) {
                    // The maker is right there: a cautious model needs no more.
                    merged.append(Match(first: m.first, last: model.last, entry: model.entry, isGenitive: model.isGenitive,
                                        hasMaker: true))
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
