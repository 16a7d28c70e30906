// Recognition, step 5: names that no lexicon row lists ("discovery").
//
// In:  the tokens of (a part of) a document, its match form, the lexicon matches of
//      steps 2 to 4 (token ranges, in text order), and what earlier parts found.
// Out: discovered spans (token ranges with a role: person, maker or product), none
//      overlapping a lexicon match: a lexicon row always wins. One exception keeps the
//      longest name: a first name found here takes in the lexicon person's surname right
//      after it ("Angela" + the row "Merkel"), and a listed maker takes in the
//      designation after it ("Xiaomi" + "YU9").
//
// The rules (each an entry of RecognitionRules.swift, `--rules -discover-…`; `--no-discovery`
// switches all off). Their word lists are data in Lexicons/knowledge/ (Lexicons/README.md,
// "Discovery word lists"; NameWords.swift compiles them):
//  - discover-company-legal-form, first, so that "Hans Müller GmbH" is a company: up to
//    four capitalized words before a legal form (legal-forms.txt), a company-name head
//    (company-name-heads.txt: "Qiantang Motors") or two names joined by "&" ("Kortmann &
//    Hessel"): "Hansen Fahrzeugtechnik GmbH".
//  - discover-model: a listed maker and a designation no row lists (digits, a few
//    capitals, a word before digits or a model cue): "Xiaomi YU9", "BYD Seal 07", "VW
//    ID.5 GTX"; or an article, a kind of model (model-cues.txt) and a name: "der Roller Kolibri".
//  - discover-person-name: a first name (world first names of `make knowledge`,
//    first-names.txt; not first-name-exceptions.txt, function words or ordinary nouns),
//    maybe more first names or initials, name particles, and a capitalized surname:
//    "Petra Lorenz", "Hans-Jürgen Meyer", "George W. Bush", "Ursula von der Leyen",
//    "Elisabeth II.". A first name that is also a noun ("Wolf") or a noun's form ("Tage"),
//    or particles, need a surname that is no common noun; a company-name head is no
//    surname ("France Telecom"). Before a word of name-heads.txt it is no person.
//  - discover-person-role: a title or role of person-roles.txt before a surname that is no
//    common noun: "Finanzvorständin Kessler".
//  - discover-person-speech: a verb of saying (speech-verbs.txt) before such a surname.
//  - discover-person-sentence-start: at a sentence start, a capitalized word that no word
//    list knows (no common noun, no ordinary word of `make knowledge`, no place or role)
//    before a finite verb (finite-verbs.txt): "Kolb war …". Off without the ordinary words.
//  - discover-person-initial: an initial before such a surname: "A. Wiegemann".
//  - discover-company-cue: an article and a kind of company (company-cues.txt) before a
//    capitalized name that is no common noun: "der Zulieferer Brandauer".
//  - discover-person-mention / discover-company-mention (rule 8 of ANNOTATION.md): later
//    in the document, a discovered person's surname alone and its genitive ("Lorenz",
//    "Lorenz’"), a discovered company's first word ("Hansen").
// Speed: every token's shape (found with its vocabulary ids, EntityRecognizer.tokenKeys), and
// per capitalized word which tests may pass there (DiscoveryScan.computeCapitalCodes), are found
// without branches (a branch per word and test was mispredicted at most capitals); the
// name-word table is asked only where a Bloom filter (NameWordFilter) lets a rule start.
// Every discovered name belongs to a group (one person, company or model of the
// document); its canonical is the group's longest form (EntityRecognizer.finish).

extension EntityRecognizer {
    /// A name found by discovery: its tokens, its role, its group in the document.
    struct DiscoveredName {
        var first: Int
        var last: Int
        var role: TypeRoles
        var group: Int32
    }

    /// What a rule of `discoverAt` found, for the caller to add. (Returned, not added there: a
    /// closure passed in retained its captures at every capitalized word.)
    struct FoundName {
        var first: Int
        var last: Int
        var role: TypeRoles
        var mentionKey: [UInt8]
        init(_ first: Int, _ last: Int, _ role: TypeRoles, _ mentionKey: [UInt8]) {
            (self.first, self.last, self.role, self.mentionKey) = (first, last, role, mentionKey)
        }
    }

    /// One person, company or model discovered in a document.
    struct DiscoveryGroup: Sendable {
        var role: TypeRoles
        /// What a later mention is (a person's surname, a company's first word); empty: none.
        var mentionKey: [UInt8]
        /// The distinct full forms seen, as written in the original text (the canonical is the longest).
        var forms: [String] = []
    }

    /// Two full forms of a person are one name when they differ at most by a genitive ending
    /// ("Petra Lorenz", "Petra Lorenz’", "Angela Merkels").
    static func sameName(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        let (short, long) = a.utf8.count <= b.utf8.count ? (a, b) : (b, a)
        guard long.utf8.starts(with: short.utf8) else { return false }
        let rest = long.utf8.dropFirst(short.utf8.count)
        return rest.elementsEqual("s".utf8) || rest.elementsEqual("'".utf8) || rest.elementsEqual("’".utf8)
            || rest.elementsEqual("'s".utf8) || rest.elementsEqual("’s".utf8)
    }

    /// A name without a genitive ending: "James Bonds" → "James Bond", "Lorenz’" → "Lorenz".
    static func withoutGenitive(_ form: String) -> String {
        for ending in ["’s", "'s", "s", "’", "'"] where form.hasSuffix(ending) { return String(form.dropLast(ending.count)) }
        return form
    }

    /// Step 5 on one part: the discovered names, in text order, and the lexicon matches
    /// that a discovered name took in (their indices in `matches`).
    func discoverNames(_ matches: [Match], _ c: Context, original: UnsafeBufferPointer<UInt8>,
                       state: inout DocumentState) -> (names: [DiscoveredName], absorbed: Set<Int>) {
        guard !c.tokens.isEmpty else { return ([], []) }
        return c.text.bytes.withUnsafeBufferPointer { text in
            c.tokens.withUnsafeBufferPointer { tokens in
                c.anyCase.withUnsafeBufferPointer { anyCase in
                    c.shapes.withUnsafeBufferPointer { shapes in
                        let scan = DiscoveryScan(recognizer: self, tokens: tokens, anyCase: anyCase, shapes: shapes, matches: matches, text: text)
                        return discoverNames(matches, scan, original: original, state: &state)
                    }
                }
            }
        }
    }

    private func discoverNames(_ matches: [Match], _ scan: DiscoveryScan, original: UnsafeBufferPointer<UInt8>,
                               state: inout DocumentState) -> (names: [DiscoveredName], absorbed: Set<Int>) {
        let tokens = scan.tokens, n = tokens.count
        // Which lexicon match covers each token (-1: none; -2: a discovered name). A buffer: the
        // nested `add` changes it, and an array captured so would be checked at every access.
        let owner = scan.owner
        for (k, m) in matches.enumerated() { for t in m.first...m.last { owner[t] = Int32(k) } }
        var found: [DiscoveredName] = []
        var absorbed = Set<Int>()

        let fictional = DiscoveryLists.standard.fictionalCharacters
        func add(_ first: Int, _ last: Int, _ role: TypeRoles, _ mentionKey: [UInt8]) {
            let form = String(decoding: original[Int(tokens[first].utf8Start)..<Int(tokens[last].utf8End)], as: UTF8.self)
            // A fictional character ("James Bond", "James Bonds") is no person (ANNOTATION.md): the
            // words are taken, so that no other rule makes a person of them, and nothing is found.
            if role == .person, scan.mayStartFictionalName(first) || scan.mayStartFictionalName(first - 1),
               fictional.contains(form) || fictional.contains(Self.withoutGenitive(form))
                || first > 0 && fictional.contains(String(decoding: scan.bytes(first - 1), as: UTF8.self) + " " + form) {  // "Miss Marple"
                for t in first...last { owner[t] = -2 }
                return
            }
            let key = mentionKey
            var group = -1
            // The group of this name: one whose forms hold it (people of one surname but other first
            // names are other people, "Katrin Brandauer", "Hans-Jürgen Brandauer"), found by the mention
            // index (a long document has thousands).
            let hash = key.withUnsafeBytes { hashBytes($0) }
            var e = key.isEmpty ? -1 : state.mentionIndex.newest(hash)
            while e >= 0 {  // newest first
                let g = Int(state.mentionsFrom[Int(e)].group)
                if state.discoveryGroups[g].role == role && state.discoveryGroups[g].mentionKey == key
                    && (role != .person || !form.utf8.contains(0x20) || state.discoveryGroups[g].forms.contains { Self.sameName($0, form) }) {
                    group = g
                    break
                }
                e = state.mentionsFrom[Int(e)].previous
            }
            if group < 0 {
                if state.discoveryGroups.isEmpty {
                    // Room for a few names at once: most documents that have one have several,
                    // and growing by doubling from one cost more than finding them.
                    state.discoveryGroups.reserveCapacity(8)
                    state.mentionsFrom.reserveCapacity(8)
                }
                state.discoveryGroups.append(DiscoveryGroup(role: role, mentionKey: key))
                group = state.discoveryGroups.count - 1
                if !key.isEmpty {
                    // (Every group of a key has its own entry: a mention goes to the most recent.)
                    let previous = state.mentionIndex.insert(hash, entry: Int32(state.mentionsFrom.count))
                    state.mentionInitials[Int(key[0])] = true
                    state.mentionsFrom.append((group: Int32(group), token: last + 1, part: state.partNumber, previous: previous))
                }
            }
            // Distinct forms only: a name mentioned a thousand times in one long document keeps a few.
            if !state.discoveryGroups[group].forms.contains(form) { state.discoveryGroups[group].forms.append(form) }
            if found.isEmpty { found.reserveCapacity(8) }
            found.append(DiscoveredName(first: first, last: last, role: role, group: Int32(group)))
            for t in first...last { owner[t] = -2 }
        }

        // Which tests may pass at each capitalized word, for all at once (DiscoveryScan.computeCapitalCodes).
        scan.computeCapitalCodes()
        // Company names before a legal form come first ("Hans Müller GmbH" is a company).
        if rules.contains(.discoverCompanyLegalForm) {
            // Legal forms first, over the whole part: "Kortmann & Hessel GmbH & Co. KG" is one name.
            // (A name before "&" or a head takes a legal form after it: "Kortmann & Hessel GmbH & Co. KG".)
            var next = 0  // the first token not taken yet
            // (Over the capitals whose code lets the loop go on: a branch on every capital's bit
            // was mispredicted at about one in six.)
            for k in scan.capitals(withCode: DiscoveryScan.CapitalTests.legalFormAfter) {
                // Right after a capitalized word or an acronym: a legal form (at a byte one starts with), "&" or a head.
                let t = Int(scan.capitals[Int(k)]) + 1
                guard t > next, t < n, owner[t] == -1,
                      tokens[t].spaceBefore,
                      let (first, last) = (scan.mayStartLegalForm(t) ? scan.companyBeforeLegalForm(at: t, owner) : nil)
                        ?? (scan.mayBeHeadOrAmpersand(t) ? scan.companyBeforeHead(at: t, owner) : nil)
                else { continue }
                // A lexicon match inside the legal form is part of the company's name ("Partner", a
                // model that needs its maker, in "Lindqvist & Partner"); one that reaches beyond it wins.
                let inside = Set((t...last).compactMap { owner[$0] >= 0 ? Int(owner[$0]) : nil })
                guard inside.allSatisfy({ matches[$0].first >= t && matches[$0].last <= last }) else { continue }
                absorbed.formUnion(inside)
                add(first, last, .maker, scan.companyShortForm(first, last))
                next = last + 1
            }
        }
        // Models: a listed maker and a designation no row lists.
        if rules.contains(.discoverModel) {
            for (k, m) in matches.enumerated() where !m.isGenitive && owner[m.last] == Int32(k) {
                let e = lexicon.entry(m.entry)
                // After a maker, or after a maker and its listed model ("BYD Seal" + "07"): a product named after
                // its maker only when the maker is in the span.
                let isMakerAndModel = e.roles.contains(.product) && m.hasMaker
                guard e.roles.contains(.maker) && !e.roles.contains(.product) || isMakerAndModel,
                      let last = scan.designationEnd(after: m.last, owner, afterModel: isMakerAndModel) else { continue }
                absorbed.insert(k)
                for t in m.first...m.last { owner[t] = -1 }
                add(m.first, last, .product, [])
            }
        }
        // People, companies and models by first names, roles, verbs of saying, initials and cues:
        // each starts at a capitalized word, or right after a cue ending in a lower-case part.
        var next = 0  // the first token not taken yet
        // In the same pass, later mentions of the people and companies found so far (a mention
        // comes after its full name, so the full names before a word are known when it is reached).
        let mentions = rules.contains(.discoverPersonMention) || rules.contains(.discoverCompanyMention)
        let sentenceStart = rules.contains(.discoverPersonSentenceStart) && lexicon.hasOrdinaryWords
        for (k, capital) in scan.capitals.enumerated() where Int(capital) >= next {
            let t = Int(capital)
            // Most capitalized words are nouns that start nothing: out by the codes of all
            // capitals, found at once (DiscoveryScan.computeCapitalCodes).
            let code = scan.capitalCodes[k]
            if owner[t] >= 0 || code & DiscoveryScan.CapitalTests.rule != 0,
               let (last, name) = discoverAt(t, code & DiscoveryScan.CapitalTests.cueBefore != 0, scan, owner, &absorbed) {
                if let name { add(name.first, name.last, name.role, name.mentionKey) }
                next = last + 1
                continue
            }
            if code & DiscoveryScan.CapitalTests.firstNameAlone != 0, rules.contains(.discoverPersonFirstName), owner[t] == -1,
               scan.isFirstNameAlone(t) {
                add(t, t, .person, Array(scan.bytes(t)))
                next = t + 1
                continue
            }
            if code & DiscoveryScan.CapitalTests.sentenceStart != 0, sentenceStart, owner[t] == -1, scan.isSentenceStartSurnameAfterNoWord(t) {
                add(t, t, .person, Array(scan.bytes(t)))
                next = t + 1
                continue
            }
            guard mentions, !state.mentionsFrom.isEmpty, owner[t] == -1, scan.isCapitalizedWord(t),
                  state.mentionInitials[Int(scan.text[Int(tokens[t].normalizedStart)])],  // (most words: no call)
                  let (group, last) = scan.mention(at: t, state: state, owner) else { continue }
            found.append(DiscoveredName(first: t, last: last, role: state.discoveryGroups[Int(group)].role, group: group))
            for u in t...last { owner[u] = -2 }
            next = last + 1
        }
        found.sort { $0.first < $1.first }
        return (found, absorbed)
    }

    /// The rules that start at capitalized word `t`: the last token they took and the name they
    /// found (none for the second half of a hyphenated first name, taken alone), or nil.
    /// `mayFollowCue`: the capital code says a cue's lower-case end may come right before it.
    private func discoverAt(_ t: Int, _ mayFollowCue: Bool, _ scan: DiscoveryScan, _ owner: Owners,
                            _ absorbed: inout Set<Int>) -> (last: Int, name: FoundName?)? {
        let tokens = scan.tokens
        // A cue ending in a lower-case part before it: "Das Berliner Start-up Frachtfink", "des Start-ups Krumenwerk".
        if mayFollowCue, t >= 3, rules.contains(.discoverCompanyCue), owner[t] == -1, tokens[t].spaceBefore,
           scan.shapes[t - 1] == DiscoveryScan.Shape.lowercase, !tokens[t - 1].spaceBefore, scan.isHyphen(t - 2),
           owner[t - 1] == -1, scan.isCompanyCue(t - 1, scan.compoundClass(t - 1)), scan.hasArticle(before: t - 1),
           let last = scan.companyAfterCue(from: t, owner) {
            return (last, FoundName(t, last, .maker, scan.companyShortForm(t, last)))
        }
        // A listed person that is only first names ("Sven", "Franz Josef") may begin a longer name:
        // its tokens are free while the rules look, and the lexicon's again after them (a name
        // found over them is added by the caller, after this, and takes them).
        let listedFirstNames = owner[t] >= 0 && rules.contains(.discoverPersonName)
            && scan.isListedFirstNames(Int(owner[t]), at: t) ? Int(owner[t]) : -1
        guard listedFirstNames >= 0 else { return discoverRules(at: t, scan, owner, &absorbed, listedFirstNames: -1) }
        let listed = scan.matches[listedFirstNames]
        for u in listed.first...listed.last { owner[u] = -1 }
        let found = discoverRules(at: t, scan, owner, &absorbed, listedFirstNames: listedFirstNames)
        for u in listed.first...listed.last { owner[u] = Int32(listedFirstNames) }
        return found
    }

    /// The rules of `discoverAt` after the company cue; `listedFirstNames`: the lexicon match of
    /// listed first names at `t` (-1: none).
    private func discoverRules(at t: Int, _ scan: DiscoveryScan, _ owner: Owners, _ absorbed: inout Set<Int>,
                               listedFirstNames: Int) -> (last: Int, name: FoundName?)? {
        let tokens = scan.tokens, n = tokens.count
        guard owner[t] == -1, scan.isCapitalizedWord(t) else { return nil }
        // Most capitalized words are nouns between lower-case words: no rule can start there.
        if listedFirstNames < 0, t + 1 < n, tokens[t + 1].spaceBefore, scan.shapes[t + 1] < DiscoveryScan.Shape.capitalized,
           !scan.isParticle(t + 1), !(t > 0 && scan.shapes[t - 1] == DiscoveryScan.Shape.lowercase && scan.isSpeechVerb(t - 1)),
           !scan.isInitial(t) {
            return nil
        }
        // The name-word table is asked only where a name may go on after this word.
        let nextIsName = t + 1 < n && (tokens[t + 1].spaceBefore
            ? scan.isCapitalizedWord(t + 1) || scan.isAcronym(t + 1) || scan.isParticle(t + 1)
            : scan.gluedHyphen(after: t))
        let cls = listedFirstNames >= 0 ? scan.wordClass(t) : nextIsName ? scan.startClass(t) : 0
        // A function word ("Die", "Im") starts no name, and is none.
        if cls & NameWordClass.functionWord != 0 { return nil }
        if cls & (NameWordClass.firstName | NameWordClass.weakFirstName) != 0, rules.contains(.discoverPersonName) {
            if let (last, took) = scan.personName(from: t, cls, owner), listedFirstNames < 0 || last > scan.matches[listedFirstNames].last {
                if let took { absorbed.insert(took) }
                if listedFirstNames >= 0 { absorbed.insert(listedFirstNames) }
                return (last, FoundName(t, last, .person, scan.surnameKey(t, last)))
            }
            // Not the second half of a hyphenated first name either ("Carl-Ludwig").
            var u = t
            while scan.gluedHyphen(after: u) { u += 2 }
            if u > t { return (u, nil) }
        }
        if nextIsName, tokens[t + 1].spaceBefore, owner[t + 1] == -1,
           cls & (NameWordClass.role | NameWordClass.modelCue | NameWordClass.companyCue) != 0
            || scan.suffixLists(t, among: SuffixList.roles.bit | SuffixList.modelCues.bit | SuffixList.companyCues.bit) != 0 {  // (most words: none, one test)
            // (A first name after the role: the name rule at t + 1 tries it first, this one after it.)
            if rules.contains(.discoverPersonRole), scan.isRole(t, cls),
               !(rules.contains(.discoverPersonName) && scan.isFirstName(t + 1)
                 && scan.personName(from: t + 1, scan.wordClass(t + 1), owner) != nil),
               let last = scan.surname(from: t + 1, owner, alone: true) ?? scan.unknownFirstName(from: t + 1, owner) {
                return (last, FoundName(t + 1, last, .person, scan.surnameKey(last)))
            }
            if rules.contains(.discoverModel), scan.isModelCue(t, cls), scan.hasArticle(before: t),
               let last = scan.modelAfterCue(from: t + 1, owner) {
                return (last, FoundName(t + 1, last, .product, []))
            }
            if rules.contains(.discoverCompanyCue), scan.isCompanyCue(t, cls), scan.hasArticle(before: t),
               let last = scan.companyAfterCue(from: t + 1, owner) {
                return (last, FoundName(t + 1, last, .maker, scan.companyShortForm(t + 1, last)))
            }
        }
        if rules.contains(.discoverPersonSpeech), t > 0, tokens[t].spaceBefore, scan.shapes[t - 1] == DiscoveryScan.Shape.lowercase,
           scan.isSpeechVerb(t - 1), !scan.isFirstName(t), let last = scan.speaker(at: t, owner) {
            return (last, FoundName(t, last, .person, scan.surnameKey(t, last)))
        }
        if rules.contains(.discoverPersonInitial), scan.isInitial(t), t + 1 < n, tokens[t + 1].spaceBefore,
           owner[t + 1] == -1, t == 0 || !scan.isInitial(t - 1), let last = scan.surname(from: t + 1, owner, alone: true) {
            return (last, FoundName(t, last, .person, scan.surnameKey(t, last)))
        }
        return nil
    }
}
