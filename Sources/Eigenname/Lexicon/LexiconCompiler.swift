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
//  - a person's short form (the last word, the name from its particle on, a
//    family name written first, or the `short=` flag's forms), and a company's
//    (the first word of its name, when that is a name by itself), which count
//    only after the full name appeared earlier in the document.
//  - for a name that starts with an ordinal ("1. FC Köln"), the path with
//    "1." as one token, as text after a cue word has it ("gegen den 1. FC Köln").

/// Compiles lexicon rows into a ``CompiledLexicon``, the immutable form an ``Annotator`` reads.
public struct LexiconCompiler {
    /// What the compiler knows about German words (LanguageKnowledge): units,
    /// number words and type cues always; common nouns where installed (the loader
    /// passes `.installed`).
    public var knowledge: LanguageKnowledge
    /// What the rules do with each type (type-roles.txt; tests give others).
    var typeRoles = TypeRoleMap.standard

    /// A compiler with this knowledge of German words (``LanguageKnowledge/installed`` adds the common nouns).
    public init(knowledge: LanguageKnowledge = .builtIn) {
        self.knowledge = knowledge
    }

    /// Part of the compile cache's key, as it was when it was bumped by hand. No need to
    /// bump it now: the key holds the compiler's fingerprint (the image of a probe
    /// lexicon, CacheKey.swift), so a change to what the compiler derives changes the key;
    /// a new derivation that the probe does not show is a row to add to the probe.
    /// 9: cautious rows, units, type cues and number words, makers from canonicals (merged with
    /// 8: maker/model type ids, derived short forms of people and companies).
    /// 11: type roles (type-roles.txt) in the entry records, entries per role in the meta section.
    /// (Editing a word list compiled in and rebuilding makes a new cache too: the key holds a
    /// hash of every embedded resource.)
    static let revision: UInt32 = 11

    /// A product row (a MODEL) without a maker gets one when its canonical starts with the surface
    /// or canonical of a maker (a COMPANY), then a space ("SU7" → "Xiaomi SU7": maker "Xiaomi"),
    /// as if the maker column said so: the longest such company name wins. Not when
    /// the surface starts with that name too ("Continental GT" → "Continental GT").
    /// `rowRoles`: the roles of each row's type, when the caller has them (else looked up here).
    static func inferringMakers(_ rows: [LexiconEntry], typeRoles: TypeRoleMap = .standard,
                                rowRoles: [TypeRoles]? = nil) -> [LexiconEntry] {
        let rowRoles = rowRoles ?? Self.roles(of: rows, typeRoles)
        // By index, not by row: a row passed to a closure is copied (a million times).
        guard rows.indices.contains(where: { rowRoles[$0].contains(.product) && rows[$0].maker.isEmpty
                                             && rows[$0].canonical.contains(" ") }) else { return rows }
        var company: [String: String] = [:]
        for r in rows.indices where rowRoles[r].contains(.maker) {
            if company[rows[r].surface] == nil { company[rows[r].surface] = rows[r].canonical }
            if company[rows[r].canonical] == nil { company[rows[r].canonical] = rows[r].canonical }
        }
        var rows = rows
        for r in rows.indices where rowRoles[r].contains(.product) && rows[r].maker.isEmpty {
            let canonical = rows[r].canonical
            var end = canonical.endIndex
            while let space = canonical[..<end].lastIndex(of: " ") {
                // The company must be the maker's part, not the model's own first word:
                // "Continental GT" is Bentley's, though Continental is a company.
                let prefix = String(canonical[..<space])
                if let maker = company[prefix], !rows[r].surface.hasPrefix(prefix + " ") && rows[r].surface != prefix {
                    rows[r].maker = maker
                    break
                }
                end = space
            }
        }
        return rows
    }

    /// The roles of each row's type (type-roles.txt): rows of one type come together, so
    /// the map is asked once per run of one type.
    static func roles(of rows: [LexiconEntry], _ typeRoles: TypeRoleMap) -> [TypeRoles] {
        var rowRoles: [TypeRoles] = []
        rowRoles.reserveCapacity(rows.count)
        var lastType: String? = nil, lastRoles: TypeRoles = []
        for r in rows.indices {
            if rows[r].type != lastType { (lastType, lastRoles) = (rows[r].type, typeRoles.roles(of: rows[r].type)) }
            rowRoles.append(lastRoles)
        }
        return rowRoles
    }

    /// "Der Standard", "Die Grünen": a capitalized definite article (capital-articles.txt) and a space first.
    static func startsWithCapitalArticle(_ surface: String) -> Bool {
        // Most first words have no article's length: answered from the first space byte alone (a
        // million forms). The first " " Character is there or later, and a longer prefix holds
        // that space, which no article has.
        if capitalArticlesHaveNoSpace {
            let firstSpaceByte = surface.utf8.withContiguousStorageIfAvailable { $0.firstIndex(of: 0x20) }
            if let firstSpaceByte {
                guard let p = firstSpaceByte, p < 64, capitalArticleLengthMask & (1 << p) != 0 else { return false }
            }
        }
        // By bytes when every scalar is below U+0300: then no character joins a space into
        // another Character, and the first space byte is the first " ".
        guard let space = firstSpace(surface) else { return false }
        // Most first words have no article's length: no string to make.
        guard capitalArticleLengths.contains(surface.utf8.distance(from: surface.startIndex, to: space)) else { return false }
        return capitalArticles.contains(String(surface[..<space]))
    }

    /// Whether every scalar of `s` is below U+0300 (every byte below 0xCC) and none is a CR:
    /// then none joins its neighbours into one Character (marks, joiners and prepended
    /// characters all come later; CR LF is the one pair below), so a space byte is a
    /// Character of its own.
    @inline(__always)
    static func hasOnlyStandaloneScalars(_ s: String) -> Bool {
        utf8AllSatisfy(s) { $0 < 0xCC && $0 != 0x0D }
    }

    /// `s.utf8.allSatisfy(test)`, over the contiguous bytes where the string has them (a native string).
    @inline(__always)
    static func utf8AllSatisfy(_ s: String, _ test: (UInt8) -> Bool) -> Bool {
        s.utf8.withContiguousStorageIfAvailable { $0.allSatisfy(test) } ?? s.utf8.allSatisfy(test)
    }

    /// `s.split(separator: " ", omittingEmptySubsequences:)` as Strings, by bytes where that
    /// gives the same words (hasOnlyStandaloneScalars).
    static func words(_ s: String, omittingEmpty: Bool = true) -> [String] {
        guard hasOnlyStandaloneScalars(s) else {
            return s.split(separator: " ", omittingEmptySubsequences: omittingEmpty).map(String.init)
        }
        // Over the contiguous bytes of a native string (String.UTF8View's indices cost more than the splitting).
        let split: [String]? = s.utf8.withContiguousStorageIfAvailable { bytes in
            var words: [String] = []
            words.reserveCapacity(4)
            var start = 0
            for i in bytes.indices where bytes[i] == 0x20 {
                if !omittingEmpty || i > start { words.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)) }
                start = i + 1
            }
            if !omittingEmpty || start < bytes.count {
                words.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start...]), as: UTF8.self))
            }
            return words
        }
        if let split { return split }
        var words: [String] = []
        let utf8 = s.utf8
        var start = utf8.startIndex
        for i in utf8.indices where utf8[i] == 0x20 {
            if !omittingEmpty || i > start { words.append(String(s[start..<i])) }
            start = utf8.index(after: i)
        }
        if !omittingEmpty || start < utf8.endIndex { words.append(String(s[start..<utf8.endIndex])) }
        return words
    }

    /// `s.firstIndex(of: " ")`, by bytes where that gives the same answer.
    @inline(__always)
    static func firstSpace(_ s: String) -> String.Index? {
        let utf8 = s.utf8
        guard let byte = utf8.firstIndex(of: 0x20) else { return nil }
        // The first space byte is the first " " when nothing before it can join it (bytes below
        // 0xCC, no CR) and nothing after it can extend it (the next byte below 0xCC).
        let next = utf8.index(after: byte)
        if (next == utf8.endIndex || utf8[next] < 0xCC) && utf8[..<byte].allSatisfy({ $0 < 0xCC && $0 != 0x0D }) {
            return byte
        }
        return s.firstIndex(of: " ")
    }

    /// `s.contains(" ")`, by bytes where that gives the same answer.
    @inline(__always)
    static func containsSpace(_ s: String) -> Bool {
        guard s.utf8.contains(0x20) else { return false }
        return hasOnlyStandaloneScalars(s) || s.contains(" ")
    }

    static let capitalArticles = Set(WordList.strings(PackageResources.capital_articles_txt))
    /// Their lengths in bytes (a first word of another length is none of them).
    static let capitalArticleLengths = Set(capitalArticles.map(\.utf8.count))
    /// The same, as bits (lengths below 64), for the test of a million first words.
    static let capitalArticleLengthMask: UInt64 = capitalArticleLengths.reduce(0) { $1 < 64 ? $0 | 1 << $1 : $0 }
    static let capitalArticlesHaveNoSpace = capitalArticles.allSatisfy { !$0.utf8.contains(0x20) }
        && capitalArticleLengths.allSatisfy { $0 < 64 }

    /// Compiles `rows` into a lexicon that lives in memory.
    public func compile(_ rows: [LexiconEntry], firstNames: [String] = [], sourceKey: UInt64 = 0)
        throws(EigennameError) -> CompiledLexicon
    {
        CompiledLexicon(image: try compileLexiconImage(rows, firstNames: firstNames, sourceKey: sourceKey))
    }

    /// The surfaces of forms, then other strings: what tokenizeAll reads.
    private struct FormSurfaces: RandomAccessCollection {
        let forms: [Form]
        let then: [String]
        var startIndex: Int { 0 }
        var endIndex: Int { forms.count + then.count }
        subscript(i: Int) -> String { i < forms.count ? forms[i].surface : then[i - forms.count] }
    }

    /// A surface to add and the entry it stands for.
    private struct Form {
        var surface: String
        var row: Int
        var isShortForm: Bool
        /// What the language knowledge says about this form (LanguageKnowledge): cautious, unit.
        var knowledgeFlags: EntryFlags = []
        /// Whether the entry keeps its written form: exact case, or a capital article first.
        var keepsSurface = false
    }

    /// Compiles `rows` into a lexicon image in memory of its own, which the matcher reads in place.
    func compileLexiconImage(_ rows: [LexiconEntry], firstNames: [String] = [], sourceKey: UInt64 = 0)
        throws(EigennameError) -> LexiconImage
    {
        LexiconImage.build(sections: try compileSections(rows, firstNames: firstNames), sourceKey: sourceKey)
    }

    /// Compiles `rows` into the sections of a lexicon image (LexiconImage lays them out in
    /// memory, or writes them to a file from where they are).
    func compileSections(_ rows: [LexiconEntry], firstNames: [String] = []) throws(EigennameError)
        -> [LexiconSection: any SectionContent]
    {
        // What the rules do with each row's type (type-roles.txt); inferring makers keeps the types.
        let rowRoles = Self.roles(of: rows, typeRoles)
        let rows = Self.inferringMakers(rows, typeRoles: typeRoles, rowRoles: rowRoles)
        // 1. Every form to add: surfaces, hyphenated forms, short forms; the two halves of
        //    the rows at once, joined in row order.
        let firstNameSet = Set(firstNames)
        var singleWords = Set<String>()
        for r in rows.indices where !Self.containsSpace(rows[r].surface) { singleWords.insert(rows[r].surface) }
        let singleWordSurfaces = singleWords, roles = rowRoles
        var parts = CompileThreads.halves(rows.count, { [self] range in
            derivedForms(of: rows, range, roles: roles, firstNames: firstNameSet, singleWordSurfaces: singleWordSurfaces)
        })
        // The first half's array grows to hold the second's: only the second half's forms are copied.
        var forms = parts.removeFirst()
        forms.reserveCapacity(forms.count + (parts.first?.count ?? 0) + 64)
        for part in parts { forms += part }
        parts = []
        // 2. Tokenize all forms, first names and rule words in one ICU pass, interning token keys.
        var ruleWords = Set<String>()
        for r in rows.indices where !(rows[r].notAfter.isEmpty && rows[r].notBefore.isEmpty && rows[r].requiresContext.isEmpty) {
            ruleWords.formUnion(rows[r].notAfter + rows[r].notBefore + rows[r].requiresContext)
        }
        let ruleWordList = ruleWords.filter { !$0.hasPrefix("#") }.sorted()
        // The language knowledge's words: number words, then type cues (LanguageKnowledge).
        let knowledgeWords = knowledge.numberWords + knowledge.cues.map(\.word)
        var vocabulary = ByteStringTableBuilder()
        // The forms' surfaces read where they are: an array of them all would retain and release
        // millions of strings on this core alone, before and after the two halves.
        let tokenized = try tokenizeAll(FormSurfaces(forms: forms, then: firstNames + ruleWordList + knowledgeWords), into: &vocabulary)
        // Discovery's name words depend on the knowledge and first names alone: built on the
        // second core from here on, where this one works alone (ordinal paths, vocabulary
        // flags), and beside the trie and the records.
        let knowledge = knowledge
        let nameWordsBuilt = CompileThreads.start { NameWordsBuilder(knowledge: knowledge, firstNames: firstNames) }
        var ruleWordID: [String: Int32] = [:]
        for (k, word) in ruleWordList.enumerated() {
            if let step = tokenized.steps(of: forms.count + firstNames.count + k).first { ruleWordID[word] = step.id }
        }
        let knowledgeStart = forms.count + firstNames.count + ruleWordList.count

        // 2b. A name that starts with an ordinal ("1. FC Köln") is tokenized in text as
        //     "1." after a cue word or at a sentence start ("gegen den 1. FC Köln", see
        //     SentenceSplitter) and as "1" "." elsewhere: such a form gets both paths.
        let ordinalForms = ordinalPaths(forms.count, tokenized, &vocabulary)

        // 3. Vocabulary flags: a token that the lexicon ever writes in lowercase (or
        //    that is no word) may match lowercase text; one it always writes in
        //    capitals matches only capitals; first names are marked.
        //    The case flags come from the entries only: a token that is just a rule
        //    word or a first name matches in any case.
        var vocabularyFlags = [UInt8](repeating: 0, count: vocabulary.count)
        var usedInEntry = [Bool](repeating: false, count: vocabulary.count)
        for step in tokenized.steps[0..<Int(tokenized.start[forms.count])] where !usedInEntry[Int(step.id)] {
            usedInEntry[Int(step.id)] = true
            vocabularyFlags[Int(step.id)] = VocabularyFlags.needsCapital | VocabularyFlags.capitals
        }
        for step in tokenized.steps[0..<Int(tokenized.start[forms.count])] {
            if step.shape == .lowercase || step.kind != .word {
                vocabularyFlags[Int(step.id)] &= ~VocabularyFlags.needsCapital
            }
            if step.shape != .capitals || step.kind != .word {
                vocabularyFlags[Int(step.id)] &= ~VocabularyFlags.capitals
            }
        }
        for f in forms.count..<(forms.count + firstNames.count) {
            for step in tokenized.steps(of: f) where step.kind == .word {
                vocabularyFlags[Int(step.id)] |= VocabularyFlags.firstName
            }
        }
        // Number words and type cues: each must be one token.
        for (k, word) in knowledgeWords.enumerated() {
            let steps = tokenized.steps(of: knowledgeStart + k)
            guard steps.count == 1, let id = steps.first?.id else { continue }
            if k < knowledge.numberWords.count {
                vocabularyFlags[Int(id)] |= VocabularyFlags.numberWord
            } else {
                // A cue's type as its roles say: a maker's cue or a product's (Caution.swift).
                let roles = typeRoles.roles(of: knowledge.cues[k - knowledge.numberWords.count].type)
                if roles.contains(.maker) {
                    vocabularyFlags[Int(id)] |= VocabularyFlags.companyCue
                } else if roles.contains(.product) {
                    vocabularyFlags[Int(id)] |= VocabularyFlags.modelCue
                } else {
                    _ = word
                }
            }
        }

        // 4. The trie, and one record per form: the trie on one thread, the records on the
        //    other (neither reads what the other writes); each in form order, as before.
        let tokenizedForms = forms.count
        // Where each form's steps are in `steps`: the ordinal paths' after all others.
        var steps = tokenized.steps
        var formSteps = (0..<tokenizedForms).map { Int(tokenized.start[$0])..<Int(tokenized.start[$0 + 1]) }
        for p in ordinalForms {
            forms.append(forms[p.form])
            formSteps.append(steps.count..<(steps.count + p.steps.count))
            steps += p.steps
        }
        let allForms = forms, vocabularyKeys = vocabulary, ruleWordIDs = ruleWordID, stepRanges = formSteps
        // A form without tokens: an error, unless it is a short form (then skipped).
        if let f = allForms.indices.first(where: { !allForms[$0].isShortForm && stepRanges[$0].isEmpty }) {
            _ = nameWordsBuilt.join()  // no thread left running
            let row = rows[allForms[f].row]
            throw .malformedLexicon(path: row.path, line: row.line, reason: "surface '\(row.surface)' has no tokens")
        }
        let entryFlags = vocabularyFlags
        // Both threads read the steps by pointer: a slice per form would retain and release the
        // one array on both cores at once, millions of times.
        let (entryParts, trieParts) = steps.withUnsafeBufferPointer { allSteps in
            let stepsOf = { (f: Int) -> UnsafeBufferPointer<Step> in UnsafeBufferPointer(rebasing: allSteps[stepRanges[f]]) }
            return CompileThreads.both({
                var strings = StringTableBuilder()
                var surfaces: [UInt8] = []
                var records: [Int32] = []
                records.reserveCapacity(allForms.count * EntryRecord.fieldCount)
                var conditional: [Bool] = []
                var isShort: [Bool] = []
                var canonicalOf: [Int32] = []
                var ruleFields: [Int32] = []
                var rulePool: [Int32] = []
                var ruleOfRow = [Int32](repeating: -2, count: rows.count)  // -2: not made yet
                var cautiousEntries = 0
                var entriesPerRole = [Int32](repeating: 0, count: TypeRoles.byName.count)
                var internedRow = -1
                var interned: (type: Int32, canonical: Int32, maker: Int32, identifier: Int32) = (-1, -1, -1, -1)
                for (f, form) in allForms.enumerated() {
                    guard let last = stepsOf(f).last else { continue }
                    let r = form.row
                    var surface = 0..<0
                    // Exact-case entries compare the written form; a name starting with a capital
                    // article ("Der Standard") needs its first letter (GrammarRules: "der Standard").
                    if form.keepsSurface {
                        let matchForm = tokenized.matchForm(of: f < tokenizedForms ? f : ordinalForms[f - tokenizedForms].form)
                        surface = surfaces.count..<(surfaces.count + matchForm.count)
                        surfaces += matchForm
                    }
                    var rule: Int32 = -1
                    if ruleOfRow[r] != -2 {
                        rule = ruleOfRow[r]
                    } else if !(rows[r].notAfter.isEmpty && rows[r].notBefore.isEmpty && rows[r].requiresContext.isEmpty) {
                        rule = Int32(ruleFields.count / ContextRule.fieldCount)
                        for list in [rows[r].notAfter, rows[r].notBefore, rows[r].requiresContext] {
                            let start = rulePool.count
                            for word in list {
                                switch word {
                                case "#number": rulePool.append(ContextRule.number)
                                case "#first-name": rulePool.append(ContextRule.firstName)
                                default: if let id = ruleWordIDs[word] { rulePool.append(id) }
                                }
                            }
                            ruleFields += [Int32(start), Int32(rulePool.count)]
                        }
                    }
                    ruleOfRow[r] = rule
                    let lastKey = vocabularyKeys.lastByte(of: last.id)
                    let endsInSibilant = lastKey == UInt8(ascii: "s") || lastKey == UInt8(ascii: "x") || lastKey == UInt8(ascii: "z")
                    var flags = rows[r].flags.subtracting(.unambiguous)
                    // What the language knowledge says about this form (LanguageKnowledge).
                    flags.formUnion(form.knowledgeFlags)
                    if form.knowledgeFlags.contains(.cautious) { cautiousEntries += 1 }
                    let formRoles = roles[r]
                    for (k, role) in TypeRoles.byName.enumerated() where formRoles.contains(role.role) { entriesPerRole[k] += 1 }
                    // A row's forms come one after another: its strings are interned once (the same ids again).
                    if r != internedRow {
                        internedRow = r
                        interned = (strings.intern(rows[r].type), strings.intern(rows[r].canonical),
                                    rows[r].maker.isEmpty ? -1 : strings.intern(rows[r].maker),
                                    rows[r].id.isEmpty ? -1 : strings.intern(rows[r].id))
                    }
                    let record = EntryRecord(
                        type: interned.type, canonical: interned.canonical, maker: interned.maker, flags: flags,
                        isShortForm: form.isShortForm,
                        allowsGenitive: (last.kind == .word || last.kind == .number) && !endsInSibilant,
                        surface: surface, rule: rule, identifier: interned.identifier, roles: formRoles)
                    record.append(to: &records)
                    conditional.append(form.isShortForm || !flags.isEmpty || rule >= 0)
                    isShort.append(form.isShortForm)
                    canonicalOf.append(record.canonical)
                }
                return (strings: strings, surfaces: surfaces, records: records, conditional: conditional, isShort: isShort,
                        canonicalOf: canonicalOf, ruleFields: ruleFields, rulePool: rulePool,
                        cautiousEntries: cautiousEntries, entriesPerRole: entriesPerRole)
            }, {
                var edges = IntegerMapBuilder(capacity: allForms.count + 64)
                var nodeCount: Int32 = 1
                var vocabularyFlags = entryFlags
                // The root's children by token, as the image's rootChildren section: every form
                // takes a root step, and a hash probe there misses the cache.
                var rootChildren = [Int32](repeating: -1, count: entryFlags.count)
                var entryNode: [Int32] = []
                entryNode.reserveCapacity(allForms.count)
                for f in allForms.indices {
                    let steps = stepsOf(f)
                    guard let firstStep = steps.first else { continue }
                    vocabularyFlags[Int(firstStep.id)] |= VocabularyFlags.startsEntry
                    for step in steps.dropFirst() { vocabularyFlags[Int(step.id)] |= VocabularyFlags.continuesEntry }
                    // The first step: its space before does not count.
                    var node = rootChildren[Int(firstStep.id)]
                    if node < 0 {
                        node = nodeCount
                        nodeCount += 1
                        rootChildren[Int(firstStep.id)] = node
                        edges.set(CompiledLexicon.edgeKey(node: CompiledLexicon.root, token: firstStep.id, spaceBefore: false), node)
                    }
                    for step in steps.dropFirst() {
                        let edge = CompiledLexicon.edgeKey(node: node, token: step.id, spaceBefore: step.spaceBefore)
                        node = edges.value(for: edge, insertingIfAbsent: nodeCount)
                        if node == nodeCount { nodeCount += 1 }
                    }
                    entryNode.append(node)
                }
                return (edges: edges, nodeCount: nodeCount, vocabularyFlags: vocabularyFlags, entryNode: entryNode,
                        rootChildren: rootChildren)
            })
        }
        // The forms and their tokens are done with: their millions of strings are freed on the other core.
        forms = []
        CompileThreads.freeInBackground((consume allForms, consume tokenized, consume steps))
        var strings = entryParts.strings
        let (surfaces, records, conditional, isShort) = (entryParts.surfaces, entryParts.records, entryParts.conditional, entryParts.isShort)
        let (canonicalOf, ruleFields, rulePool) = (entryParts.canonicalOf, entryParts.ruleFields, entryParts.rulePool)
        let (cautiousEntries, entriesPerRole) = (entryParts.cautiousEntries, entryParts.entriesPerRole)
        let (edges, nodeCount, entryNode) = (trieParts.edges, trieParts.nodeCount, trieParts.entryNode)
        vocabularyFlags = trieParts.vocabularyFlags

        // 5. Per node, its entries: plain ones, then conditional ones, then short forms
        //    (stable), so the first entry that applies is the most certain one. Short
        //    forms are found through the canonical names seen in a document instead
        //    of one by one: a common surname can be the short form of thousands.
        var entryStart = [Int32](repeating: 0, count: Int(nodeCount) + 1)
        for n in entryNode { entryStart[Int(n) + 1] += 1 }
        for n in 0..<Int(nodeCount) { entryStart[n + 1] += entryStart[n] }
        var fill = Array(entryStart.dropLast())
        var shortFormStart = [Int32](repeating: 0, count: Int(nodeCount))
        var entryIndex = [Int32](repeating: 0, count: entryNode.count)
        for pass in 0..<3 {
            if pass == 2 { shortFormStart = fill }
            for e in 0..<entryNode.count where (isShort[e] ? 2 : conditional[e] ? 1 : 0) == pass {
                let n = Int(entryNode[e])
                entryIndex[Int(fill[n])] = Int32(e)
                fill[n] += 1
            }
        }
        let canonicalCount = strings.offsets.count - 1
        var canonicalShortStart = [Int32](repeating: 0, count: canonicalCount + 1)
        for e in 0..<entryNode.count where isShort[e] { canonicalShortStart[Int(canonicalOf[e]) + 1] += 1 }
        for c in 0..<canonicalCount { canonicalShortStart[c + 1] += canonicalShortStart[c] }
        var shortFill = Array(canonicalShortStart.dropLast())
        var canonicalShortEntries = [Int32](repeating: 0, count: Int(canonicalShortStart[canonicalCount]))
        for e in 0..<entryNode.count where isShort[e] {
            canonicalShortEntries[Int(shortFill[Int(canonicalOf[e])])] = Int32(e)
            shortFill[Int(canonicalOf[e])] += 1
        }

        // Per role, the type that discovery gives the names it finds (NameDiscovery.swift): the type
        // of the lexicon's first row with that role, else the first type of type-roles.txt with it.
        let discoveredTypes = TypeRoles.byName.map { role -> Int32 in
            let r = rowRoles.firstIndex { $0.contains(role.role) }
            return strings.intern(r.map { rows[$0].type } ?? TypeRoleMap.standardTypeName(of: role.role))
        }
        var sections: [LexiconSection: any SectionContent] = [:]
        sections[.vocabularyArena] = vocabulary.arena
        sections[.vocabularyOffsets] = vocabulary.offsets
        sections[.vocabularySlots] = vocabulary.slots
        sections[.vocabularyFlags] = vocabularyFlags
        let edgeKeys = edges.keys
        sections[.edgeKeys] = edgeKeys
        sections[.edgeValues] = edges.values
        sections[.entryStart] = entryStart
        sections[.entryIndex] = entryIndex
        sections[.entries] = records
        sections[.surfaces] = surfaces
        sections[.stringArena] = strings.arena
        sections[.stringOffsets] = strings.offsets
        sections[.rules] = ruleFields
        sections[.rulePool] = rulePool
        // The rows, then per role of type-roles.txt (person, maker, product) how many entries
        // have it (the rules of a role no entry has are skipped), then the cautious entries, then
        // the discovered types.
        sections[.meta] = [Int32(rows.count)] + entriesPerRole + [Int32(cautiousEntries)] + discoveredTypes
        let nameWords = nameWordsBuilt.join()
        sections[.nameWordsArena] = nameWords.longWords.arena
        sections[.nameWordsOffsets] = nameWords.longWords.offsets
        sections[.nameWordsSlots] = nameWords.longWords.slots
        sections[.nameWordClasses] = nameWords.longClasses
        sections[.packedNameWords] = nameWords.packedSlots
        sections[.firstNameFilter] = nameWords.firstNameFilter
        sections[.nameStartFilter] = nameWords.nameStartFilter
        sections[.rootChildren] = trieParts.rootChildren
        // A node has children when some edge leaves it (the key holds node + 1 above bit 33).
        var nodeHasChildren = [UInt8](repeating: 0, count: Int(nodeCount))
        for key in edgeKeys where key != 0 { nodeHasChildren[Int(key >> 33) - 1] = 1 }
        sections[.nodeHasChildren] = nodeHasChildren
        sections[.shortFormStart] = shortFormStart
        sections[.canonicalShortStart] = canonicalShortStart
        sections[.canonicalShortEntries] = canonicalShortEntries
        sections[.entryNodes] = entryNode
        return sections
    }

    /// The bytes of `compileLexiconImage` (tests and the compiler's fingerprint compare them).
    func compileImage(_ rows: [LexiconEntry], firstNames: [String] = [], sourceKey: UInt64 = 0)
        throws(EigennameError) -> [UInt8]
    {
        let image = try compileLexiconImage(rows, firstNames: firstNames, sourceKey: sourceKey)
        return withExtendedLifetime(image) { Array(image.bytes) }  // the image owns the bytes
    }

    /// The forms of `rows[range]` (step 1 of compileImage), in row order.
    private func derivedForms(of rows: [LexiconEntry], _ range: Range<Int>, roles rowRoles: [TypeRoles],
                       firstNames firstNameSet: Set<String>, singleWordSurfaces: Set<String>) -> [Form] {
        var forms: [Form] = []
        forms.reserveCapacity(range.count * 3)
        // A company's first word decides its short form alone: most come back often.
        var companyShortForms: [Substring: [String]] = [:]
        // Whether a one-word form of a row without flags is cautious, per type: the same surnames
        // come back as the short forms of thousands of people.
        var cautiousForms: [String: [String: Bool]] = [:]
        for r in range {
            let formsBefore = forms.count
            defer {
                // What the trie loop asks of each form, answered here on both cores.
                let type = rows[r].type, exactCase = rows[r].flags.contains(.exactCase)
                let hasNoFlags = rows[r].flags.isEmpty && rows[r].shortForms == nil && rows[r].notAfter.isEmpty
                    && rows[r].notBefore.isEmpty && rows[r].requiresContext.isEmpty
                for f in formsBefore..<forms.count {
                    let form = forms[f].surface
                    // isCautious is false at once unless the form may be one word of a row without flags.
                    if hasNoFlags && !knowledge.commonNouns.isEmpty && LanguageKnowledge.mayBeOneWord(form) {
                        let cautious: Bool
                        if let known = cautiousForms[type]?[form] {
                            cautious = known
                        } else {
                            cautious = knowledge.isCautious(form, type: type, hasNoFlags: true)
                            cautiousForms[type, default: [:]][form] = cautious
                        }
                        if cautious { forms[f].knowledgeFlags.insert(.cautious) }
                    }
                    if knowledge.isUnit(form, hasNoFlags: hasNoFlags) { forms[f].knowledgeFlags.insert(.unit) }
                    forms[f].keepsSurface = exactCase || Self.startsWithCapitalArticle(form)
                }
            }
            let surface = rows[r].surface
            forms.append(Form(surface: surface, row: r, isShortForm: false))
            let roles = rowRoles[r]
            let isPerson = roles.contains(.person)
            guard isPerson || surface.utf8.contains(0x20) else { continue }
            let (hyphenated, lastWord) = Self.wordForms(surface)
            if let hyphenated { forms.append(Form(surface: hyphenated, row: r, isShortForm: false)) }
            if !isPerson, let inflected = Self.inflectedForm(surface) {
                forms.append(Form(surface: inflected, row: r, isShortForm: false))
            }
            if isPerson {
                for short in rows[r].shortForms ?? Self.derivedShortForms(surface, lastWord: lastWord) where short != surface {
                    forms.append(Form(surface: short, row: r, isShortForm: true))
                }
            } else if roles.contains(.maker) {
                // A derived short form that is a row of its own is that row, with its flags ("Tesla", not
                // a short form of "Tesla Motors" that would bypass the row's `not-after=#number`).
                let derived: [String]
                if let space = Self.firstSpace(surface) {
                    let word = surface[..<space]
                    if let known = companyShortForms[word] {
                        derived = known
                    } else {
                        derived = Self.derivedCompanyShortForms(surface, firstNames: firstNameSet)
                        companyShortForms[word] = derived
                    }
                } else {
                    derived = []
                }
                for short in rows[r].shortForms ?? derived.filter({ !singleWordSurfaces.contains($0) }) where short != surface {
                    forms.append(Form(surface: short, row: r, isShortForm: true))
                }
            }
        }
        return forms
    }

    /// The forms among the first `count` whose steps start with a number and a period
    /// ("1" "." "FC" "Köln"), with those two steps joined into one ("1." "FC" "Köln"),
    /// and those that start with both as one step, split into two.
    func ordinalPaths(_ count: Int, _ tokenized: TokenizedStrings, _ vocabulary: inout ByteStringTableBuilder)
        -> [(form: Int, steps: ArraySlice<Step>)]
    {
        var paths: [(form: Int, steps: ArraySlice<Step>)] = []
        for f in 0..<count {
            // Most forms start with no number: told without a slice of the steps.
            let start = Int(tokenized.start[f]), end = Int(tokenized.start[f + 1])
            guard end - start >= 2, tokenized.steps[start].kind == .number else { continue }
            let steps = tokenized.steps[start..<end]
            guard let number = steps.first else { continue }
            let numberBytes = vocabulary.bytes(of: number.id)
            if numberBytes.count >= 2 && numberBytes.last == UInt8(ascii: ".") {
                // Tokenized as "1." (a list label at the start of the surface): add "1" ".".
                let bare = vocabulary.intern(Array(numberBytes.dropLast()))
                let period = vocabulary.intern([UInt8(ascii: ".")])
                paths.append((f, [Step(id: bare, kind: .number, spaceBefore: false, shape: number.shape),
                                  Step(id: period, kind: .punctuation, spaceBefore: false, shape: .other)] + steps.dropFirst()))
                continue
            }
            guard steps.count > 2 else { continue }
            let period = steps[steps.startIndex + 1]
            guard !period.spaceBefore, vocabulary.bytes(of: period.id) == [UInt8(ascii: ".")] else { continue }
            let joined = vocabulary.intern(vocabulary.bytes(of: number.id) + [UInt8(ascii: ".")])
            paths.append((f, [Step(id: joined, kind: .number, spaceBefore: false, shape: number.shape)] + steps.dropFirst(2)))
        }
        return paths
    }

    /// Name particles ("von", "de") and family names written first ("Wang", "Lee"): name-particles.txt, family-name-first.txt.
    static let nameParticles = Set(SentenceSplitter.dataLines(PackageResources.name_particles_txt).map { String(decoding: $0, as: UTF8.self) })
    static let familyNamesFirst = Set(SentenceSplitter.dataLines(PackageResources.family_name_first_txt).map { String(decoding: $0, as: UTF8.self) })

    /// How a person is named alone, when the row does not say (`short=`): from the
    /// first name particle on ("Ursula von der Leyen" -> "von der Leyen"); the first
    /// and the last word of a name that starts with a family name written first
    /// ("Lei Jun" -> "Lei", "Jun"); else the last word. A derived short form must be
    /// a name: two characters or more, with a letter ("Andreas R ." has none).
    static let generationSuffixes = Set(WordList.strings(PackageResources.generation_suffixes_txt))

    static func derivedShortForms(_ surface: String, lastWord: String?) -> [String] {
        guard var lastWord else { return [] }
        var words = Self.words(surface)
        // A generation ("Henry Ford II", "Martin Luther King Jr.") is not how the person is named alone.
        if words.count >= 3, generationSuffixes.contains(lastWord) {
            words.removeLast()
            lastWord = words[words.count - 1]
        }
        if words.count >= 3, let k = words.indices.dropFirst().dropLast().first(where: { nameParticles.contains(words[$0]) }) {
            return [words[k...].joined(separator: " ")]
        }
        var forms = [lastWord]
        if words.count <= 3, familyNamesFirst.contains(asciiLowercased(words[0]).map { String(decoding: $0, as: UTF8.self) }
                                                      ?? words[0].lowercased()) {
            forms.insert(words[0], at: 0)
        }
        // A function word is no name alone: "Weil das Land …" after "Stephan Weil".
        let functionWords = SentenceSplitter.standard.functionWords
        return forms.filter { form in
            // An ASCII word by its bytes (Character count, letters and lowercase are the bytes'), else by Characters.
            if let lowercased = asciiLowercased(form) {
                return lowercased.count >= 2 && lowercased.contains { $0 >= 0x61 && $0 <= 0x7A } && !functionWords.contains(lowercased)
            }
            return form.count >= 2 && form.contains(where: \.isLetter) && !functionWords.contains(Array(form.lowercased().utf8))
        }
    }

    /// The bytes of `word.lowercased()` when the word is ASCII without a CR (then they are its
    /// bytes with A–Z lowercased, and one byte is one Character), else nil.
    static func asciiLowercased(_ word: String) -> [UInt8]? {
        var word = word  // withUTF8 needs it mutable; a native string is not copied
        return word.withUTF8 { bytes -> [UInt8]? in
            guard bytes.allSatisfy({ $0 < 0x80 && $0 != 0x0D }) else { return nil }
            return [UInt8](unsafeUninitializedCapacity: bytes.count) { out, count in
                for i in bytes.indices { out[i] = bytes[i] >= 0x41 && bytes[i] <= 0x5A ? bytes[i] | 0x20 : bytes[i] }
                count = bytes.count
            }
        }
    }

    /// How a company of several words is named alone after its full name, when the row
    /// does not say (`short=`): its first word ("Hansen Fahrzeugtechnik GmbH" … "Hansen"),
    /// unless that word is no name by itself: shorter than three letters, lower case, a
    /// function word, a first name ("Robert Bosch GmbH"), or shaped like an adjective
    /// ("Deutsche Bank", "Bayerische Motoren Werke"; "-er": "Frankfurter Allgemeine", "Münchener Rück").
    static func derivedCompanyShortForms(_ surface: String, firstNames: Set<String>) -> [String] {
        guard let space = firstSpace(surface) else { return [] }
        let word = String(surface[..<space])
        // By bytes first (a million rows): an ASCII first byte must be a capital, other ASCII bytes letters or "-".
        guard let initial = word.utf8.first, initial >= 0x80 || (initial >= 0x41 && initial <= 0x5A),
              !word.utf8.contains(where: { $0 < 0x80 && $0 != 0x2D && !(($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A) }),
              word.count >= 3, word.first?.isUppercase == true, word.allSatisfy({ $0.isLetter || $0 == "-" }),
              !SentenceSplitter.standard.functionWords.contains(Array(word.lowercased().utf8)),
              !firstNames.contains(word),
              !companyShortFormEndings.contains(where: { word.hasSuffix($0) }) else { return [] }
        return [word]
    }

    /// For a name of several words: its hyphenated form ("Elon Musk" -> "Elon-Musk",
    /// only when every word starts with a letter) and its last word.
    static func wordForms(_ surface: String) -> (hyphenated: String?, lastWord: String?) {
        // Over the contiguous bytes of a native string (a million surfaces), else a copy of them.
        surface.utf8.withContiguousStorageIfAvailable(wordForms) ?? Array(surface.utf8).withUnsafeBufferPointer(wordForms)
    }

    private static func wordForms(_ bytes: UnsafeBufferPointer<UInt8>) -> (hyphenated: String?, lastWord: String?) {
        guard let lastSpace = bytes.lastIndex(of: 0x20), lastSpace + 1 < bytes.count else { return (nil, nil) }
        let lastWord = String(decoding: UnsafeBufferPointer(rebasing: bytes[(lastSpace + 1)...]), as: UTF8.self)
        // Every word must start with a letter or digit (ASCII, or any non-ASCII start such as "Ö"):
        // "Model-3-Fahrer", "Elon-Musk-Biografie".
        for i in bytes.indices where i == 0 || bytes[i - 1] == 0x20 {
            let b = bytes[i]
            let isLetter = (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A || b >= 0xC0 || (b >= 0x30 && b <= 0x39)
            if !isLetter { return (nil, lastWord) }
        }
        let hyphenated = String(unsafeUninitializedCapacity: bytes.count) { out in
            for i in bytes.indices { out[i] = bytes[i] == 0x20 ? UInt8(ascii: "-") : bytes[i] }
            return bytes.count
        }
        return (hyphenated, lastWord)
    }

    /// Endings of the adjectives that start names ("Deutsche", "Allgemeine",
    /// "Neue", "Europäische"); nouns ending in "e" ("Energie", "Linde") are left alone
    /// (adjective-endings.txt).
    static let adjectiveEndings = WordList.strings(PackageResources.adjective_endings_txt)

    /// A first word with one of these endings is no company's short form: the adjectives', and
    /// those of company-short-form-endings.txt ("-er": "Frankfurter Allgemeine").
    static let companyShortFormEndings = adjectiveEndings + WordList.strings(PackageResources.company_short_form_endings_txt)

    /// The weak inflection of a name that starts with adjectives: "Deutsche Bank"
    /// -> "Deutschen Bank" ("bei der Deutschen Bank"), "Süddeutsche Zeitung" ->
    /// "Süddeutschen Zeitung". Every adjective before the last word gets an "n";
    /// nil when there is none.
    static func inflectedForm(_ surface: String) -> String? {
        if let answer = surface.utf8.withContiguousStorageIfAvailable(inflectedFormByBytes), let answer { return answer }
        // Most names have no word ending in "e" before a space: say so without splitting.
        var hasCandidate = false
        var previous: UInt8 = 0
        for b in surface.utf8 {
            if b == 0x20 && previous == UInt8(ascii: "e") { hasCandidate = true; break }
            previous = b
        }
        guard hasCandidate else { return nil }
        var words = Self.words(surface, omittingEmpty: false)
        guard words.count > 1 else { return nil }
        var changed = false
        for k in 0..<(words.count - 1) where words[k].count > 2 && words[k].first?.isUppercase == true
            && adjectiveEndings.contains(where: { words[k].hasSuffix($0) }) {
            words[k] += "n"
            changed = true
        }
        return changed ? words.joined(separator: " ") : nil
    }

    /// The adjective endings as bytes, when all are ASCII (then a byte suffix is a Character suffix).
    static let adjectiveEndingBytes: [[UInt8]]? =
        adjectiveEndings.allSatisfy { $0.utf8.allSatisfy { $0 < 0x80 } } ? adjectiveEndings.map { Array($0.utf8) } : nil

    /// `inflectedForm` over the bytes of a surface (a million of them): .some(nil) when there is
    /// none, nil when the bytes cannot tell (marks or a CR in the surface: the Character way).
    private static func inflectedFormByBytes(_ b: UnsafeBufferPointer<UInt8>) -> String?? {
        var hasCandidate = false
        for i in b.indices.dropFirst() where b[i] == 0x20 && b[i - 1] == UInt8(ascii: "e") {
            hasCandidate = true
            break
        }
        guard hasCandidate else { return .some(nil) }
        guard let endings = adjectiveEndingBytes, b.allSatisfy({ $0 < 0xCC && $0 != 0x0D }) else { return nil }
        // Word k is b[starts[k]..<ends[k]] (split at every space, empty words kept).
        var starts = [0], ends: [Int] = []
        for i in b.indices where b[i] == 0x20 {
            ends.append(i)
            starts.append(i + 1)
        }
        ends.append(b.count)
        guard starts.count > 1 else { return .some(nil) }
        var inflect = [Bool](repeating: false, count: starts.count)
        for k in 0..<(starts.count - 1) {
            let word = UnsafeBufferPointer(rebasing: b[starts[k]..<ends[k]])
            // More than two Characters (here: scalars, the bytes that start one), a capital first, an ending.
            guard word.reduce(0, { $1 & 0xC0 != 0x80 ? $0 + 1 : $0 }) > 2 else { continue }
            let isUpper = word[0] < 0x80 ? (word[0] >= UInt8(ascii: "A") && word[0] <= UInt8(ascii: "Z"))
                : String(decoding: word, as: UTF8.self).first?.isUppercase == true
            guard isUpper, endings.contains(where: { word.count >= $0.count && word.suffix($0.count).elementsEqual($0) }) else { continue }
            inflect[k] = true
        }
        guard inflect.contains(true) else { return .some(nil) }
        var form: [UInt8] = []
        form.reserveCapacity(b.count + starts.count)
        for k in starts.indices {
            if k > 0 { form.append(0x20) }
            form += b[starts[k]..<ends[k]]
            if inflect[k] { form.append(UInt8(ascii: "n")) }
        }
        return .some(String(decoding: form, as: UTF8.self))
    }

    /// One token of a tokenized string: its vocabulary id and what the rules need.
    struct Step {
        var id: Int32
        var kind: TokenKind
        var spaceBefore: Bool
        var shape: KeyFolder.CaseShape
    }

    /// Many strings, tokenized: all steps in one array.
    struct TokenizedStrings {
        var steps: [Step] = []
        /// String i has steps[start[i]..<start[i + 1]].
        var start: [Int32] = [0]
        /// The normalized texts of the parts, one after another from `base` on (kept apart: not copied into one).
        var normalizedParts: [(base: Int32, bytes: [UInt8])] = []
        /// String i's match form, as offsets into the parts' texts one after another.
        var normalizedSpan: [Range<Int32>] = []

        func steps(of i: Int) -> ArraySlice<Step> { steps[Int(start[i])..<Int(start[i + 1])] }
        /// The match form of string i: what `exact-case` compares.
        func matchForm(of i: Int) -> ArraySlice<UInt8> {
            let span = normalizedSpan[i]
            guard let part = normalizedParts.last(where: { $0.base <= span.lowerBound }) else { return [] }
            return part.bytes[Int(span.lowerBound - part.base)..<Int(span.upperBound - part.base)]
        }
    }

    /// Normalizes, tokenizes and folds each string exactly as text is, interning
    /// the token keys. The strings are joined by blank lines into one text, so
    /// ICU runs once however many there are; a large list goes as two texts at once,
    /// split where no token rule looks across the blank line (`safeSplit`), each
    /// interning its keys, and the two vocabularies are merged in order: the same
    /// ids as from one text.
    func tokenizeAll<Strings: RandomAccessCollection<String>>(_ strings: Strings, into vocabulary: inout ByteStringTableBuilder)
        throws(EigennameError) -> TokenizedStrings where Strings.Index == Int
    {
        let parts: [Result<FoldedPart, EigennameError>]
        if CompileThreads.enabled, let split = Self.safeSplit(strings) {
            parts = CompileThreads.halves(strings.count, split: split, minimum: 0) { range in
                Result { () throws(EigennameError) -> FoldedPart in try Self.fold(strings, range) }
            }
        } else {
            parts = [Result { () throws(EigennameError) -> FoldedPart in try Self.fold(strings, 0..<strings.count) }]
        }
        var result = TokenizedStrings()
        result.start.reserveCapacity(strings.count + 1)
        result.normalizedSpan.reserveCapacity(strings.count)
        for part in parts {
            let part = try part.get()
            let stepBase = Int32(result.steps.count)
            let normalizedBase = result.normalizedParts.last.map { $0.base + Int32($0.bytes.count) } ?? 0
            // The part's keys in the order the part met them: interned in that order, each gets
            // the id that one text would give it (new keys come in the order of first use).
            var ids: [Int32] = []
            ids.reserveCapacity(part.vocabulary.count)
            for local in 0..<part.vocabulary.count {
                ids.append(part.vocabulary.key(Int32(local)).withUnsafeBytes { vocabulary.intern($0) })
            }
            // Copied in bulk, then renumbered where the ids differ (the first part's are the same
            // when the vocabulary was empty): millions of steps, on one core.
            result.steps += part.steps
            if ids.indices.contains(where: { ids[$0] != Int32($0) }) {
                result.steps.withUnsafeMutableBufferPointer { steps in
                    ids.withUnsafeBufferPointer { ids in
                        for i in Int(stepBase)..<steps.count { steps[i].id = ids[Int(steps[i].id)] }
                    }
                }
            }
            result.start += part.start.dropFirst().lazy.map { $0 + stepBase }
            result.normalizedSpan += part.normalizedSpan.lazy.map { ($0.lowerBound + normalizedBase)..<($0.upperBound + normalizedBase) }
            result.normalizedParts.append((normalizedBase, part.normalized))
        }
        return result
    }

    /// Some of the strings of tokenizeAll, tokenized, folded and interned in a vocabulary of their own.
    struct FoldedPart {
        /// One per token; `id` is the key's id in `vocabulary`, the part's own.
        var steps: [Step] = []
        /// The part's token keys, interned in the order of first use.
        var vocabulary = ByteStringTableBuilder()
        /// String i of the part has steps[start[i]..<start[i + 1]].
        var start: [Int32] = [0]
        var normalized: [UInt8] = []
        var normalizedSpan: [Range<Int32>] = []
    }

    /// Normalizes, tokenizes and folds `strings[range]` as one text, a blank line after
    /// each string, and one before the first unless it is the first of all (as in the whole text).
    static func fold<Strings: RandomAccessCollection<String>>(_ strings: Strings, _ range: Range<Int>)
        throws(EigennameError) -> FoldedPart where Strings.Index == Int
    {
        var text: [UInt8] = range.lowerBound > 0 ? [0x0A, 0x0A] : []
        var ends: [Int] = []
        ends.reserveCapacity(range.count)
        for i in range {
            text += strings[i].utf8
            ends.append(text.count)
            text += [0x0A, 0x0A]
        }
        // Exactly as documents are tokenized (TextTokenizer), so both sides agree.
        let (normalized, tokens) = try TextTokenizer().tokenize(text, codePoints: false)
        var part = FoldedPart()
        part.steps.reserveCapacity(tokens.count)
        part.start.reserveCapacity(range.count + 1)
        part.normalizedSpan = [Range<Int32>](repeating: 0..<0, count: range.count)
        var key = [UInt8](repeating: 0, count: 256)  // scratch for folding
        var s = 0
        normalized.bytes.withUnsafeBufferPointer { bytes in
            for t in tokens {
                while s < ends.count && Int(t.utf8Start) >= ends[s] {
                    part.start.append(Int32(part.steps.count))
                    s += 1
                }
                guard s < ends.count else { break }
                if Int32(part.steps.count) == part.start[s] {
                    part.normalizedSpan[s] = t.normalizedStart..<t.normalizedEnd
                } else {
                    part.normalizedSpan[s] = part.normalizedSpan[s].lowerBound..<t.normalizedEnd
                }
                let token = UnsafeBufferPointer(rebasing: bytes[Int(t.normalizedStart)..<Int(t.normalizedEnd)])
                if key.count < KeyFolder.capacity(for: token.count) {
                    key = [UInt8](repeating: 0, count: KeyFolder.capacity(for: token.count) * 2)
                }
                let (id, shape) = key.withUnsafeMutableBufferPointer { k -> (Int32, KeyFolder.CaseShape) in
                    let (n, shape) = KeyFolder.foldWithShape(token, into: k.baseAddress!)
                    return (part.vocabulary.intern(UnsafeRawBufferPointer(start: k.baseAddress!, count: n)), shape)
                }
                part.steps.append(Step(id: id, kind: t.kind, spaceBefore: t.spaceBefore, shape: shape))
            }
        }
        while part.start.count < range.count + 1 { part.start.append(Int32(part.steps.count)) }
        part.normalized = normalized.bytes
        return part
    }

    /// Where a long list of strings may be tokenized as two texts with the same tokens as
    /// one: at a string that follows one ending in an ASCII letter or digit (so the text
    /// before does not end in a period, whose joining looks at the next token) and that
    /// starts with a word of ASCII letters, then a space or its end (so it does not start
    /// with marks or a period chain that look back across the blank line; its first token
    /// begins a sentence either way). Near the middle; nil for a short list or none found.
    static func safeSplit<Strings: RandomAccessCollection<String>>(_ strings: Strings, minimum: Int = 20_000) -> Int?
        where Strings.Index == Int
    {
        guard strings.count >= minimum else { return nil }
        func isASCIILetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
        for k in (strings.count / 2)..<min(strings.count, strings.count / 2 + 10_000) {
            guard let last = strings[k - 1].utf8.last,
                  isASCIILetter(last) || (last >= 0x30 && last <= 0x39) else { continue }
            let next = strings[k].utf8
            guard let first = next.first, isASCIILetter(first) else { continue }
            let afterWord = next.first(where: { !isASCIILetter($0) })
            guard afterWord == nil || afterWord == 0x20 else { continue }
            return k
        }
        return nil
    }
}

/// Strings (types, canonical names, identifiers) stored once each.
struct StringTableBuilder {
    private var table = ByteStringTableBuilder()

    var arena: [UInt8] { table.arena }
    var offsets: [Int32] { table.offsets }

    mutating func intern(_ s: String) -> Int32 {
        var s = s
        return s.withUTF8 { table.intern(UnsafeRawBufferPointer($0)) }
    }
}
