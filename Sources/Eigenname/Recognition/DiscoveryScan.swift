// Recognition, step 5 (continued): the token tests of discovery (NameDiscovery.swift).
//
// In:  the tokens of one part of a document, its match form, the lexicon matches, and
//      the compiled lexicon's name-word table.
// Out: answers about tokens and the spans the discovery rules take: per capitalized word the
//      tests that may pass there, word classes, first names, surnames, companies before legal
//      forms and after cues, designations, later mentions. The tokens' shapes come with their
//      vocabulary ids (EntityRecognizer.tokenKeys); the name-word table is asked only about
//      the few words where a rule can start. The tables and memory a scan uses are its
//      recognizer's (DiscoveryWorkspace), made once per thread.

/// Per token, the lexicon match that covers it (-1: none, -2: a discovered name).
typealias Owners = UnsafeMutableBufferPointer<Int32>

/// What discovery keeps from part to part, one per EntityRecognizer (so per thread): the tables
/// its tests read and the working memory of a part's DiscoveryScan. Copied into each part's scan,
/// the tables changed reference counts that all workers share (with two workers, their cache lines
/// went from core to core at every part), and the memory was allocated anew. (A static with an
/// initializer is also checked for initialization at every read: these tables are read per word.)
final class DiscoveryWorkspace: @unchecked Sendable {
    // (Two lists, not the whole DiscoveryLists: the scan needs no more.)
    let adjectiveSuffixes = DiscoveryLists.standard.adjectiveSuffixes
    let ordinaryWordEndings = DiscoveryLists.standard.ordinaryWordEndings
    let legalForms = LegalForms.standard
    let particleInitialsTable = DiscoveryScan.particleInitials
    let speechVerbInitialsTable = DiscoveryScan.speechVerbInitials
    let speechVerbEndsTable = DiscoveryScan.speechVerbEnds
    let particleSetTable = DiscoveryScan.particleSet
    let laterParticleSetTable = DiscoveryScan.laterParticleSet
    let speechVerbSetTable = DiscoveryScan.speechVerbSet
    let finiteVerbSetTable = DiscoveryScan.finiteVerbSet
    let fictionalFirstWordTable = DiscoveryScan.fictionalFirstWords
    let familyNamesFirstTable = DiscoveryScan.familyNamesFirst
    let functionWordTable = PackedWordSet.capitalizedFunctionWords
    let wordEnds = DiscoveryLists.standardWordEnds
    /// The lexicon's filters (NameWordFilter.swift).
    let firstNameFilter: NameWordFilter
    let nameStartFilter: NameWordFilter
    /// computeCapitalCodes' two byte tables as raw memory (an array checks every read against
    /// its bounds, and its loop reads them at every capitalized word): per byte its
    /// DiscoveryScan.neighbourBytes flags, and the LegalForms bits of the byte pairs a legal form
    /// may start with.
    let neighbourFlags: UnsafeMutablePointer<UInt8>
    let legalStartPairs: UnsafeMutablePointer<UInt64>

    /// The scan's memory; kept up to `largestKept` bytes (a part of a very large document
    /// would otherwise hold megabytes until the thread ends).
    private var scratch: UnsafeMutableRawPointer? = nil
    private var scratchBytes = 0
    private static let largestKept = 1 << 20

    init(lexicon: CompiledLexicon) {
        firstNameFilter = lexicon.firstNameFilter
        nameStartFilter = lexicon.nameStartFilter
        neighbourFlags = .allocate(capacity: 256)
        neighbourFlags.initialize(from: DiscoveryScan.neighbourBytes, count: 256)
        let pairs = LegalForms.standard.startPairs
        legalStartPairs = .allocate(capacity: pairs.count)
        legalStartPairs.initialize(from: pairs, count: pairs.count)
    }

    deinit {
        scratch?.deallocate()
        neighbourFlags.deallocate()
        legalStartPairs.deallocate()
    }

    /// `bytes` of memory (8-byte aligned) for one DiscoveryScan at a time; nil above `largestKept`.
    func memory(bytes: Int) -> UnsafeMutableRawPointer? {
        guard bytes <= Self.largestKept else { return nil }
        if bytes > scratchBytes || scratch == nil {
            scratch?.deallocate()
            scratchBytes = max(bytes, 64 << 10)
            scratch = .allocate(byteCount: scratchBytes, alignment: 8)
        }
        return scratch
    }
}

/// The token tests of discovery over one part of a document. The capital codes say, for all
/// capitalized words at once and without branches, which tests may pass where; the name-word
/// table is asked only where a Bloom filter lets a rule start, once per token.
final class DiscoveryScan {
    /// The tables its tests read and its memory, kept from part to part (the recognizer's).
    let tables: DiscoveryWorkspace
    /// The part's tokens and their any-case vocabulary ids (valid while discovery runs).
    let tokens: UnsafeBufferPointer<Token>
    let anyCase: UnsafeBufferPointer<Int32>
    /// The lexicon matches of the part (a first name may take in a listed person's surname).
    let matches: [EntityRecognizer.Match]
    let lexicon: CompiledLexicon
    let rules: RuleSet
    /// The part's match form (valid while discovery runs: EntityRecognizer.discoverNames).
    let text: UnsafeBufferPointer<UInt8>
    /// Where `text` ends: word tests load sixteen bytes at once where they are there to read.
    let textEnd: UnsafePointer<UInt8>
    /// Per token: its Shape, found by the recognizer's first step (EntityRecognizer.tokenKeys).
    /// (Buffers, not arrays: a class's array property is checked for exclusive access at every read.)
    let shapes: UnsafeBufferPointer<UInt8>
    /// Per token: its NameWordClass bits once asked (unknown: `unknownClass`).
    private let classes: UnsafeMutableBufferPointer<UInt16>
    /// Per token: the word lists it ends in (bit `computed`: found; 0: not yet asked).
    /// (bits 0–7: the lists it ends in; bit 8: found; 0: not asked yet)
    private let suffixFlags: UnsafeMutableBufferPointer<UInt16>
    /// The capitalized words and acronyms of the part, in order: every rule starts at or next to one.
    let capitals: UnsafeBufferPointer<Int32>
    /// Per capital (same index as `capitals`): the CapitalTests that may pass there (`computeCapitalCodes`).
    let capitalCodes: UnsafeMutableBufferPointer<UInt8>
    /// Two lists of capitals for `computeCapitalCodes`.
    private let mayStartList: UnsafeMutablePointer<Int32>, mayBeAloneList: UnsafeMutablePointer<Int32>
    /// Per token: the lexicon match that covers it (-1: none, -2: a discovered name), for discoverNames.
    let owner: Owners
    /// The memory of the buffers above: the workspace's, or for a very large part its own.
    private let scratch: UnsafeMutableRawPointer
    private let ownsScratch: Bool
    private static let unknownClass: UInt16 = 0xFFFF

    enum Shape {
        static let other: UInt8 = 0
        static let lowercase: UInt8 = 1
        /// A capital and a lower-case letter: "Lorenz", "Özdemir", "McCain", "Mr.".
        static let capitalized: UInt8 = 2
        /// Two or more capitals, no lower-case letter: "BMW", "KG".
        static let acronym: UInt8 = 3
    }

    /// `shapes`: per token its Shape (`shape(upper:lower:count:kind:)`, `shape(_:)`).
    init(recognizer: EntityRecognizer, tokens: UnsafeBufferPointer<Token>, anyCase: UnsafeBufferPointer<Int32>,
         shapes: UnsafeBufferPointer<UInt8>, matches: [EntityRecognizer.Match], text: UnsafeBufferPointer<UInt8>) {
        precondition(shapes.count == tokens.count, "a shape for every token")
        tables = recognizer.discoveryWorkspace
        self.tokens = tokens
        self.anyCase = anyCase
        self.shapes = shapes
        self.text = text
        textEnd = text.baseAddress.map { $0 + text.count } ?? UnsafePointer(bitPattern: 1)!
        self.matches = matches
        lexicon = recognizer.lexicon
        rules = recognizer.rules
        let n = tokens.count
        // Int32 × 4n, UInt16 × 2n, UInt8 × n: owners, capitals, two lists, classes, suffix flags, codes.
        if let memory = tables.memory(bytes: 21 * n) {
            (scratch, ownsScratch) = (memory, false)
        } else {
            (scratch, ownsScratch) = (.allocate(byteCount: max(21 * n, 1), alignment: 8), true)
        }
        owner = UnsafeMutableBufferPointer(start: scratch.bindMemory(to: Int32.self, capacity: n), count: n)
        owner.initialize(repeating: -1)
        let capitalBase = (scratch + 4 * n).bindMemory(to: Int32.self, capacity: n)
        mayStartList = (scratch + 8 * n).bindMemory(to: Int32.self, capacity: n)
        mayBeAloneList = (scratch + 12 * n).bindMemory(to: Int32.self, capacity: n)
        classes = UnsafeMutableBufferPointer(start: (scratch + 16 * n).bindMemory(to: UInt16.self, capacity: n), count: n)
        classes.initialize(repeating: Self.unknownClass)
        suffixFlags = UnsafeMutableBufferPointer(start: (scratch + 18 * n).bindMemory(to: UInt16.self, capacity: n), count: n)
        suffixFlags.initialize(repeating: 0)
        // The capitalized words and acronyms, without a branch per token.
        var capitalCount = 0
        if let shapeBase = shapes.baseAddress {
            for t in 0..<n {
                capitalBase[capitalCount] = Int32(t)
                capitalCount &+= Int(shapeBase[t] >> 1)  // Shape.capitalized 2, .acronym 3
            }
        }
        capitals = UnsafeBufferPointer(start: capitalBase, count: capitalCount)
        capitalCodes = UnsafeMutableBufferPointer(start: (scratch + 20 * n).bindMemory(to: UInt8.self, capacity: n), count: capitalCount)
        capitalCodes.initialize(repeating: 0)
    }

    deinit {
        if ownsScratch { scratch.deallocate() }
    }

    /// The tests of the main discovery loop at a capitalized word (bits of `capitalCodes`): 0 says
    /// the test surely fails there, 1 that it may pass.
    enum CapitalTests {
        /// A rule of `discoverAt` may find a name (mayStartName, and a word class, cue ending,
        /// verb of saying, initial or cue that one of them needs).
        static let rule: UInt8 = 1
        /// The word may be a first name standing alone (isFirstNameAlone's first tests, the first-name filter).
        static let firstNameAlone: UInt8 = 2
        /// The word may start a sentence before a lower-case word (isSentenceStartSurname's first tests).
        static let sentenceStart: UInt8 = 4
        /// A cue's lower-case end may come right before it ("Start-up Frachtfink": discoverAt's company cue).
        static let cueBefore: UInt8 = 8
        /// After a space, a legal form may start after it (by its first two bytes), or a capitalized
        /// word (a company-name head) or "&" (the legal-form loop of discoverNames).
        static let legalFormAfter: UInt8 = 16
    }

    /// Per byte: 1 a name particle's first byte, 2 a verb of saying's first, 4 its last, 8 a hyphen.
    static let neighbourBytes: [UInt8] = (0..<256).map { b in
        (particleInitials[b] ? 1 : 0) | (speechVerbInitials[b] ? 2 : 0) | (speechVerbEnds[b] ? 4 : 0) | (b == 0x2D ? 8 : 0)
    }

    /// Fills `capitalCodes`: for every capitalized word, which tests of the main loop may pass,
    /// by the neighbours' shapes, a few bytes and two Bloom filters, without branches. (Tested
    /// one after the other with branches, as before, they cost a mispredicted branch or more at
    /// most of about 100,000 capitals per 2 MB; now the main loop branches on one code a capital,
    /// and the costlier tests run only where the cheap ones let them.)
    /// Every bit is a necessary condition of its test: a 0 skips only what would fail.
    func computeCapitalCodes() {
        let count = capitals.count
        guard let textBase = text.baseAddress, count > 0 else { return }
        // Pass 1 over every capital: the tests by the neighbours' shapes and a few bytes. Then,
        // each over the capitals where pass 1 lets its test go on, the costlier tests (a hash
        // of the word, tables that miss the cache): pass 2 the first-name filter where the word
        // may stand alone, pass 3 the name-start filter and the cue endings where a rule may start.
        let mayStart = mayStartList, mayBeAlone = mayBeAloneList
        let n = tokens.count, textCount = text.count
        var starts = 0, alone = 0
        // Raw pointers and values of 32 bits: the loop's many values stay in registers.
        guard let tokenBase = tokens.baseAddress, let shapeBase = shapes.baseAddress, let codes = capitalCodes.baseAddress,
              let capitalBase = capitals.baseAddress else { return }
        let flags = tables.neighbourFlags, pairs = tables.legalStartPairs
        @inline(__always) func bit(_ b: Bool) -> UInt32 { b ? 1 : 0 }
        @inline(__always) func negative(_ x: Int) -> UInt32 { UInt32(truncatingIfNeeded: UInt64(bitPattern: Int64(x)) >> 63) }
        for k in 0..<count {
            let t = Int(capitalBase[k])
            let token = tokenBase[t]
            let start = Int(token.normalizedStart)
            // (The first three tokens, the last one and a word near the text's end: tested one by one.)
            guard t >= 3, t + 1 < n, start + 16 <= textCount else {
                codes[k] = codeOneByOne(t)
                continue
            }
            let next = tokenBase[t + 1], previous = tokenBase[t - 1]
            let nextStart = Int(next.normalizedStart)
            guard nextStart + 1 < textCount else {  // (a next word of one byte at the very end)
                codes[k] = codeOneByOne(t)
                continue
            }
            let previousStart = Int(previous.normalizedStart), previousEnd = Int(previous.normalizedEnd)
            let shape = UInt32(shapeBase[t]), nextShape = UInt32(shapeBase[t + 1]), previousShape = UInt32(shapeBase[t - 1])
            let capitalized = (shape >> 1) & ~shape & 1  // Shape.capitalized, not .acronym
            let nextCapital = nextShape >> 1  // .capitalized or .acronym
            let nextLower = nextShape & ~nextCapital & 1, previousLower = previousShape & ~(previousShape >> 1) & 1
            let space = bit(token.spaceBefore), nextSpace = bit(next.spaceBefore)
            let nextFirst = UInt32(textBase[nextStart])
            let nextByte = UInt32(flags[Int(nextFirst)])
            // mayStartName's tests, as bits.
            let nextShort = negative(Int(next.normalizedEnd) &- nextStart &- 6)  // ≤ 5 bytes
            let nameGoesOn = nextSpace & (nextCapital | nextLower & nextShort & nextByte & 1) | (nextSpace ^ 1) & (nextByte >> 3)
            let previousLong = negative(3 &- (previousEnd &- previousStart))  // ≥ 4 bytes
            let speechVerb = previousLower & previousLong & (UInt32(flags[Int(textBase[previousStart])]) >> 1)
                & (UInt32(flags[Int(textBase[previousEnd &- 1])]) >> 2) & 1
            let cueEnd = previousLower & (bit(previous.spaceBefore) ^ 1)
                & (UInt32(flags[Int(textBase[Int(tokenBase[t - 2].normalizedStart)])]) >> 3) & 1
            let initial = bit(Int(token.normalizedEnd) &- start == 2) & bit(textBase[start + 1] == UInt8(ascii: "."))
            let rulePossible = capitalized & (nameGoesOn | speechVerb | cueEnd | initial)
            // isFirstNameAlone's first tests: no capital after it, a space before it, no acronym
            // before it, a space or a punctuation mark after it.
            let previousAcronym = previousShape & (previousShape >> 1) & 1
            let alonePossible = capitalized & (nextCapital ^ 1) & space & (previousAcronym ^ 1)
                & (nextSpace | bit(next.kind == .punctuation))
            // isSentenceStartSurname's first tests: not right after a word and one space, and
            // before a lower-case word after a space (a finite verb: "Kolb war").
            let afterWordAndSpace = bit(previous.kind == .word) & bit(start &- previousEnd == 1) & bit(textBase[previousEnd] == 0x20)
            let sentence = (afterWordAndSpace ^ 1) & nextSpace & nextLower
            // The legal-form loop's first tests (mayStartLegalForm, mayBeHeadOrAmpersand).
            let pair = Int(nextFirst) << 8 | Int(textBase[nextStart + 1])
            let legalStart = UInt32(truncatingIfNeeded: pairs[pair >> 6] >> UInt64(pair & 63)) & 1
            let nextCapitalized = nextCapital & ~nextShape & 1
            let legal = nextSpace & (legalStart | nextCapitalized | bit(nextFirst == UInt32(UInt8(ascii: "&"))))
            // The rule bit for now: set where a verb of saying, a cue before or an initial
            // already lets a rule go on; pass 3 looks at the others where one may start.
            codes[k] = UInt8(truncatingIfNeeded: rulePossible & (speechVerb | cueEnd | initial) | sentence << 2 | cueEnd << 3 | legal << 4)
            mayStart[starts] = Int32(truncatingIfNeeded: k)
            starts &+= Int(rulePossible)
            mayBeAlone[alone] = Int32(truncatingIfNeeded: k)
            alone &+= Int(alonePossible)
        }
        @inline(__always) func hash(_ k: Int) -> (hash: UInt64, length: Int) {
            let token = tokens[Int(capitals[k])]
            let start = Int(token.normalizedStart), length = Int(token.normalizedEnd) - start
            let base = textBase + start
            let key = PackedKey(low: UnsafeRawPointer(base).loadUnaligned(as: UInt64.self),
                                high: UnsafeRawPointer(base + 8).loadUnaligned(as: UInt64.self)).prefix(length)
            return (NameWordFilter.hash(key.low, key.high), length)
        }
        for j in 0..<alone {
            let k = Int(mayBeAlone[j])
            let (h, length) = hash(k)
            capitalCodes[k] |= tables.firstNameFilter.mayContain(hash: h, count: length) << 1
        }
        // What the rules after mayStartName need besides: a word class of the name-start filter
        // (first name, role, cue) or a cue's ending.
        let cueLists = SuffixList.roles.bit | SuffixList.modelCues.bit | SuffixList.companyCues.bit
        for j in 0..<starts {
            let k = Int(mayStart[j])
            let (h, length) = hash(k)
            let word = UnsafeRawBufferPointer(start: textBase + Int(tokens[Int(capitals[k])].normalizedStart), count: length)
            let cueEnding: UInt8 = tables.wordEnds.mayEnd(word, inAnyOf: cueLists) ? 1 : 0
            capitalCodes[k] |= tables.nameStartFilter.mayContain(hash: h, count: length) | cueEnding
        }
    }

    /// The indices (into `capitals`) of the capitals whose code has bit `bit`, in order, found
    /// without a branch per capital. (Written into the memory of computeCapitalCodes' first list,
    /// free after it: valid until the next call.)
    func capitals(withCode bit: UInt8) -> UnsafeBufferPointer<Int32> {
        let out = mayStartList, shift = UInt8(bit.trailingZeroBitCount)
        var count = 0
        for k in 0..<capitals.count {
            out[count] = Int32(truncatingIfNeeded: k)
            count &+= Int((capitalCodes[k] >> shift) & 1)
        }
        return UnsafeBufferPointer(start: out, count: count)
    }

    /// The capital code of `t` by the tests themselves, where computeCapitalCodes' first pass
    /// would read beyond the tokens or the text: the first-name filter included, the rule bit
    /// without the name-start filter (more than needed, never less); passes 2 and 3 skip it.
    private func codeOneByOne(_ t: Int) -> UInt8 {
        (mayStartName(t) ? CapitalTests.rule : 0) | (mayBeFirstNameAlone(t) ? CapitalTests.firstNameAlone : 0)
            | (mayStartSentence(t) ? CapitalTests.sentenceStart : 0) | CapitalTests.cueBefore | CapitalTests.legalFormAfter
    }

    /// The shape of a word of ASCII letters (up to sixteen bytes) from its case masks
    /// (KeyFolder.foldPackedASCII: the high bit of each capital, of each lower-case letter), as
    /// `shape(_:)` tells it, without a branch; `.other` for a token that is no word.
    @inline(__always)
    static func shape(upper: PackedKey, lower: PackedKey, count: Int, kind: TokenKind) -> UInt8 {
        let word: UInt8 = kind == .word ? 1 : 0
        let lowerFirst = UInt8(truncatingIfNeeded: lower.low >> 7) & 1, upperFirst = UInt8(truncatingIfNeeded: upper.low >> 7) & 1
        let twoBytes = UInt8(truncatingIfNeeded: UInt64(bitPattern: Int64(1 &- count)) >> 63)
        // Capitals only, two or more: an acronym ("BMW"); a capital and anything else: capitalized.
        // (Masks and shifts: comparisons joined by && became branches, mispredicted often.) With a
        // capital first (the only case where it counts), a second capital is another bit in the
        // low half or any bit in the high half.
        @inline(__always) func nonZero(_ x: UInt64) -> UInt64 { (x | (0 &- x)) >> 63 }
        let severalUpper = nonZero(upper.low & (upper.low &- 1) | upper.high)
        let acronym = UInt8(truncatingIfNeeded: severalUpper & (nonZero(lower.low | lower.high) ^ 1))
        let capital = upperFirst & twoBytes
        return (0 &- word) & (lowerFirst | capital << 1 | capital & acronym)  // (0 - 1: every bit)
    }

    /// The shape of a word: most by their first two bytes, the rest by their letters' case.
    @inline(__always)
    static func shape(_ b: UnsafeBufferPointer<UInt8>) -> UInt8 {
        guard b.count >= 2 else { return b.first.map { $0 >= 0x61 && $0 <= 0x7A } == true ? Shape.lowercase : Shape.other }
        let b0 = b[0], b1 = b[1]
        if b0 >= 0x61 && b0 <= 0x7A { return Shape.lowercase }
        if b0 >= 0x41 && b0 <= 0x5A && b1 >= 0x61 && b1 <= 0x7A { return Shape.capitalized }
        if b0 < 0x80 && !(b0 >= 0x41 && b0 <= 0x5A) { return Shape.other }
        let (scalar, _) = UTF8Scalar.decode(b, at: 0)
        let first = scalar < 0x80 ? CharacterClass.upper : CharacterClass.of(scalar)
        if first.contains(.lower) { return Shape.lowercase }
        guard first.contains(.upper) else { return Shape.other }
        return KeyFolder.caseShape(b) == .capitals ? Shape.acronym : Shape.capitalized
    }

    static let particles = WordList.lines(PackageResources.name_particles_txt)
    static let particleSet = PackedWordSet(particles)
    static let laterParticleSet = PackedWordSet(laterParticles)
    static let speechVerbSet = PackedWordSet(DiscoveryLists.standard.speechVerbs.map { Array($0.utf8) })
    /// The last bytes of the verbs of saying: most lower-case words end in another.
    static let speechVerbEnds: [Bool] = {
        var ends = [Bool](repeating: false, count: 256)
        for verb in DiscoveryLists.standard.speechVerbs { if let e = verb.utf8.last { ends[Int(e)] = true } }
        return ends
    }()
    /// The first words of fictional-characters.txt ("James", "Miss"): only a name that starts with
    /// one, or follows one, is compared with the list.
    static let fictionalFirstWords = PackedWordSet(DiscoveryLists.standard.fictionalCharacters.map {
        Array($0.utf8.prefix { $0 != UInt8(ascii: " ") })
    })

    /// Token `t` is the first word of a fictional character's name (a few byte tests for most words).
    func mayStartFictionalName(_ t: Int) -> Bool {
        t >= 0 && shapes[t] >= Shape.capitalized && tables.fictionalFirstWordTable.contains(bytes(t), readableEnd: textEnd)
    }

    static let finiteVerbSet = PackedWordSet(DiscoveryLists.standard.finiteVerbs.map { Array($0.utf8) })
    static let familyNamesFirst = PackedWordSet(LexiconCompiler.familyNamesFirst.map { Array($0.utf8) })
    static let speechVerbInitials: [Bool] = {
        var initials = [Bool](repeating: false, count: 256)
        for verb in DiscoveryLists.standard.speechVerbs { if let f = verb.utf8.first { initials[Int(f)] = true } }
        return initials
    }()

    /// Whether a rule of `discoverAt` may start at capitalized word `t`, by its neighbours'
    /// shapes and a few bytes (no table): a capitalized word, a particle or a joined hyphen
    /// after it, a verb of saying before it, an initial, or a cue's lower-case end before it.
    @inline(__always)
    func mayStartName(_ t: Int) -> Bool {
        guard shapes[t] == Shape.capitalized else { return false }
        let n = tokens.count
        if t + 1 < n {
            let next = tokens[t + 1]
            if next.spaceBefore {
                let shape = shapes[t + 1]
                if shape == Shape.capitalized || shape == Shape.acronym { return true }  // (also "Elisabeth II.")
                if shape == Shape.lowercase, next.normalizedEnd - next.normalizedStart <= 5,
                   tables.particleInitialsTable[Int(text[Int(next.normalizedStart)])] { return true }
            } else if text[Int(next.normalizedStart)] == UInt8(ascii: "-") {
                return true
            }
        }
        if t > 0, shapes[t - 1] == Shape.lowercase {
            let previous = tokens[t - 1]
            let count = Int(previous.normalizedEnd - previous.normalizedStart)
            if count >= 4, tables.speechVerbInitialsTable[Int(text[Int(previous.normalizedStart)])],
               tables.speechVerbEndsTable[Int(text[Int(previous.normalizedEnd) - 1])] { return true }
            // A cue's lower-case end: "Start-up Frachtfink".
            if !previous.spaceBefore, t >= 3, text[Int(tokens[t - 2].normalizedStart)] == UInt8(ascii: "-") { return true }
        }
        return tokens[t].normalizedEnd - tokens[t].normalizedStart == 2 && text[Int(tokens[t].normalizedStart) + 1] == UInt8(ascii: ".")
    }
    static let particleInitials: [Bool] = {
        var initials = [Bool](repeating: false, count: 256)
        for p in particles { if let f = p.first { initials[Int(f)] = true } }
        return initials
    }()
    /// Particles that are also German articles or contractions: only after another particle ("von der").
    static let laterParticles: [[UInt8]] = ["der", "den", "des", "dem", "zum", "zur", "vom"].map { Array($0.utf8) }
    static let articles = WordList.lines(PackageResources.articles_txt)
        + ["ein", "eine", "einem", "einen", "eines", "einer", "beim", "vom", "zum", "im"].map { Array($0.utf8) }

    @inline(__always)
    func bytes(_ t: Int) -> UnsafeBufferPointer<UInt8> {
        // (Pointer arithmetic, not a rebased slice: asked at most capitals, a slice's checks cost more than the test.)
        let token = tokens[t]
        return UnsafeBufferPointer(start: text.baseAddress! + Int(token.normalizedStart), count: Int(token.normalizedEnd - token.normalizedStart))
    }

    /// The NameWordClass bits of the hyphenated compound that ends at token `t` ("Start-up"),
    /// or of `t` alone when it is no compound's last part.
    func compoundClass(_ t: Int) -> UInt16 {
        var first = t
        while first >= 2, !tokens[first].spaceBefore, isHyphen(first - 1), !tokens[first - 1].spaceBefore { first -= 2 }
        guard first < t else { return wordClass(t) }
        return lexicon.nameWordClass(UnsafeBufferPointer(rebasing: text[Int(tokens[first].normalizedStart)..<Int(tokens[t].normalizedEnd)]),
                                     readableEnd: textEnd)
    }

    /// The NameWordClass bits of token `t` as written (looked up once per token).
    func wordClass(_ t: Int) -> UInt16 {
        if classes[t] != Self.unknownClass { return classes[t] }
        let b = bytes(t)
        // The capitalized function words that start most sentences ("Die", "Im"): no table lookup.
        let cls = tables.functionWordTable.contains(b, readableEnd: textEnd) ? NameWordClass.functionWord : lexicon.nameWordClass(b, readableEnd: textEnd)
        classes[t] = cls
        return cls
    }

    /// The NameWordClass bits of token `t` where it has one of NameWordFilter.nameStartClasses, else
    /// 0: that no rule of `discoverRules` starts there is told by the filter for most words (no
    /// lookup in the name-word table).
    @inline(__always)
    func startClass(_ t: Int) -> UInt16 {
        if classes[t] != Self.unknownClass { return classes[t] & NameWordFilter.nameStartClasses != 0 ? classes[t] : 0 }
        guard tables.functionWordTable.contains(bytes(t), readableEnd: textEnd) || tables.nameStartFilter.mayContain(bytes(t), readableEnd: textEnd)
        else { return 0 }
        let cls = wordClass(t)
        return cls & NameWordFilter.nameStartClasses != 0 ? cls : 0
    }

    /// Which of the lists `wanted` (a bit per SuffixList) token `t` is a word of or ends in (0: none), as
    /// endsIn answers them one by one: for most words one look at the last two bytes says none.
    func suffixLists(_ t: Int, among wanted: UInt8) -> UInt8 {
        var flags = suffixFlags[t]
        if flags == 0 {
            let word = UnsafeRawBufferPointer(bytes(t))
            guard tables.wordEnds.mayEnd(word, inAnyOf: wanted) else { return 0 }
            flags = 0x100 | UInt16(tables.wordEnds.lists(of: word))
            suffixFlags[t] = flags
        }
        return UInt8(truncatingIfNeeded: flags) & wanted
    }

    /// Whether token `t` is a word of `list` or ends in one of its suffixes (every list found in
    /// one walk of the word-end trie, once per token).
    func endsIn(_ t: Int, _ list: SuffixList) -> Bool {
        var flags = suffixFlags[t]
        if flags == 0 {
            let word = UnsafeRawBufferPointer(bytes(t))
            guard tables.wordEnds.mayEnd(word, in: list) else { return false }
            flags = 0x100 | UInt16(tables.wordEnds.lists(of: word))
            suffixFlags[t] = flags
        }
        return flags & (UInt16(1) << UInt16(list.rawValue)) != 0
    }

    /// A word that starts with a capital and has a lower-case letter ("Lorenz", "Özdemir",
    /// "McCain"; not "BMW", not "ab").
    @inline(__always)
    func isCapitalizedWord(_ t: Int) -> Bool { shapes[t] == Shape.capitalized }

    /// Token `t` is the one byte `byte` ("&", ".", "-"): no array made per test.
    @inline(__always)
    func isByte(_ t: Int, _ byte: UInt8) -> Bool {
        tokens[t].normalizedEnd - tokens[t].normalizedStart == 1 && text[Int(tokens[t].normalizedStart)] == byte
    }

    func isHyphen(_ t: Int) -> Bool {
        let b = bytes(t)
        return b.count == 1 && b.first == UInt8(ascii: "-")
    }

    /// Token `t + 1` is a hyphen glued to `t` and to `t + 2` ("Hans-Jürgen").
    func gluedHyphen(after t: Int) -> Bool {
        t + 2 < tokens.count && !tokens[t + 1].spaceBefore && !tokens[t + 2].spaceBefore && isHyphen(t + 1)
    }

    /// A name particle (name-particles.txt), as written in lower case ("von", "van", "de"); an
    /// article ("der", "vom") only after another particle: "von der Leyen", not "Paris der Stadt".
    func isParticle(_ t: Int, first: Bool = false) -> Bool {
        guard shapes[t] == Shape.lowercase, tokens[t].normalizedEnd - tokens[t].normalizedStart <= 5 else { return false }
        let b = bytes(t)
        guard tables.particleInitialsTable[Int(b[0])], tables.particleSetTable.contains(b, readableEnd: textEnd) else { return false }
        return !first || !tables.laterParticleSetTable.contains(b, readableEnd: textEnd)
    }

    /// The particles from `t` on ("von der", "de"): the token after them (`t` when there are none).
    func afterParticles(_ t: Int) -> Int {
        var k = t
        while k < tokens.count, tokens[k].spaceBefore, isParticle(k, first: k == t) { k += 1 }
        return k
    }

    /// An article or indefinite article, in any case ("der", "Die", "einem").
    func isArticle(_ t: Int) -> Bool {
        let b = bytes(t)
        guard b.count >= 2 && b.count <= 5 else { return false }
        return Self.articles.contains { word in
            word.count == b.count && zip(word, b).allSatisfy { w, x in (x >= 0x41 && x <= 0x5A ? x | 0x20 : x) == w }
        }
    }

    /// An article before the cue word at `t`, maybe with adjectives between ("das Berliner
    /// Start-up", "beim Remscheider Werkzeugbauer"); a compound's first parts count with it
    /// ("der Elektroroller-Hersteller").
    func hasArticle(before t: Int) -> Bool {
        var k = t
        while k >= 2, !tokens[k].spaceBefore, isHyphen(k - 1), !tokens[k - 1].spaceBefore { k -= 2 }
        var adjectives = 0
        // A headline or a sentence that starts with the cue ("Elektroroller-Hersteller Surrwerk ist insolvent").
        if isSentenceStart(k) { return true }
        k -= 1
        while k >= 0 {
            if isArticle(k) { return true }
            guard adjectives < 2, tokens[k].kind == .word, isLetters(k) else { return false }
            let b = bytes(k)
            let lowercase = b.first.map { $0 >= 0x61 && $0 <= 0x7A } ?? false
            // A lower-case adjective ("größere") or a place's adjective ("Berliner", "Göttinger").
            let placeAdjective = isCapitalizedWord(k) && b.count > 4 && b[b.count - 2] == UInt8(ascii: "e") && b[b.count - 1] == UInt8(ascii: "r")
            guard lowercase || placeAdjective else { return false }
            adjectives += 1
            k -= 1
        }
        return false
    }

    /// Token `t` starts a sentence, as far as its neighbours tell (no sentence split: discovery
    /// must not make every document pay for one): the first token, or one after ". ", "! ", "? ",
    /// ": " or a line break.
    func isSentenceStart(_ t: Int) -> Bool {
        guard t > 0 else { return true }
        let token = tokens[t]
        let gapStart = Int(tokens[t - 1].normalizedEnd), gapEnd = Int(token.normalizedStart)
        // (Most gaps are one space: no slice walked for them.)
        if gapEnd - gapStart > 1 || gapEnd - gapStart == 1 && text[gapStart] != 0x20,
           text[gapStart..<gapEnd].contains(0x0A) { return true }
        guard token.spaceBefore, tokens[t - 1].kind == .punctuation else { return false }
        let p = bytes(t - 1)
        return p.count == 1 && (p[0] == UInt8(ascii: ".") || p[0] == UInt8(ascii: "!") || p[0] == UInt8(ascii: "?") || p[0] == UInt8(ascii: ":"))
    }

    /// An initial: one capital and a period ("W.", or "W" "." glued).
    @inline(__always)
    func isInitial(_ t: Int) -> Bool {
        guard shapes[t] == Shape.capitalized, tokens[t].normalizedEnd - tokens[t].normalizedStart == 2 else { return false }
        let b = bytes(t)
        return b[0] >= 0x41 && b[0] <= 0x5A && b[1] == UInt8(ascii: ".")
    }

    /// A Roman numeral with its period ("II.", "IV."): a regnal number after a first name.
    func romanNumeralEnd(_ t: Int) -> Int? {
        let all = bytes(t)
        var b = all[0..<all.count]
        var end = t
        if b.last == UInt8(ascii: ".") { b = b.dropLast() }
        else if t + 1 < tokens.count, !tokens[t + 1].spaceBefore, isByte(t + 1, UInt8(ascii: ".")) { end = t + 1 }
        else { return nil }
        guard !b.isEmpty, b.count <= 4, b.allSatisfy({ $0 == UInt8(ascii: "I") || $0 == UInt8(ascii: "V") || $0 == UInt8(ascii: "X") })
        else { return nil }
        return end
    }

    /// A title or role of person-roles.txt, as a word or a compound's end (by the bytes: no table lookup).
    func isRole(_ t: Int, _ cls: UInt16 = 0) -> Bool {
        cls & NameWordClass.role != 0 || (cls & NameWordClass.functionWord == 0 && endsIn(t, .roles))
    }

    func isCompanyCue(_ t: Int, _ cls: UInt16 = 0) -> Bool {
        cls & NameWordClass.companyCue != 0 || endsIn(t, .companyCues)
    }

    /// A capitalized word that can be (part of) a name: no function word, role, name head
    /// or place word ("…straße"), and no common noun unless `nounAllowed`.
    func isNameWord(_ t: Int, nounAllowed: Bool) -> Bool {
        // Roles and kinds of company only as whole words: many surnames end like them
        // ("Beckenbauer", "Baumeister").
        guard isCapitalizedWord(t), isLetters(t), !endsIn(t, .heads) else { return false }
        if !nounAllowed && endsIn(t, .nounEndings) { return false }
        let cls = wordClass(t)
        if cls & (NameWordClass.functionWord | NameWordClass.firstNameException | NameWordClass.place) != 0 { return false }
        // A role or kind of company as a whole word is no surname, but right after a first name
        // it is one ("Steffi Graf", "Roberto Kaiser").
        if !nounAllowed && cls & (NameWordClass.role | NameWordClass.companyCue) != 0 { return false }
        return nounAllowed || cls & NameWordClass.commonNoun == 0 && !isNounForm(t)
    }

    /// Letters only (and apostrophes or hyphens inside): no "Mr.", no "Q1".
    func isLetters(_ t: Int) -> Bool {
        !bytes(t).contains { $0 < 0x80 && !(($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A) && $0 != 0x27 && $0 != 0x2D }
    }

    /// A common noun (not one that is also a name), or an inflected form of one.
    func isCommonNoun(_ t: Int) -> Bool {
        wordClass(t) & NameWordClass.commonNoun != 0 || isNounForm(t)
    }

    /// An inflected form of a common noun: the noun and "s", "es", "e", "en", "n", "er", "ern"
    /// ("Vereins", "Spielen", "Tage", "Geschäftsfeldern"). The noun list has lemmas only.
    private func isNounForm(_ t: Int) -> Bool {
        let b = bytes(t)
        guard let last = b.last, last == UInt8(ascii: "s") || last == UInt8(ascii: "e") || last == UInt8(ascii: "n") else { return false }
        // Only real endings come off: "Lehmann" is no form of "Lehm" ("ann" is none).
        let e = UInt8(ascii: "e"), r = UInt8(ascii: "r")
        for cut in 1...3 where b.count - cut >= 3 {
            if cut == 2 && b[b.count - 2] != e { continue }  // "es", "en"
            if cut == 3 && !(last == UInt8(ascii: "n") && b[b.count - 2] == r && b[b.count - 3] == e) { continue }  // "ern"
            if lexicon.nameWordClass(UnsafeBufferPointer(rebasing: b[0..<(b.count - cut)]), readableEnd: textEnd) & NameWordClass.commonNoun != 0 { return true }
        }
        return false
    }

    /// Right before `t`, an acronym that is no role ("FC Carl Zeiss") or a word of
    /// first-name-exceptions.txt ("San Antonio", "Till Death"): the first name at `t` is part
    /// of another name.
    func afterOtherName(_ t: Int) -> Bool {
        // (The exceptions and the acronyms are capitalized: after a lower-case word, no lookup
        // in the name-word table.)
        guard t > 0, tokens[t].spaceBefore, tokens[t - 1].kind == .word, shapes[t - 1] != Shape.lowercase else { return false }
        let p = t - 1
        let cls = wordClass(p)
        if cls & NameWordClass.firstNameException != 0 { return true }
        let b = bytes(p)
        guard b.count >= 2, KeyFolder.caseShape(b) == .capitals else { return false }
        return cls & (NameWordClass.role | NameWordClass.functionWord) == 0
    }

    /// A compound whose last part is a common noun ("Fraktionsvize" no, "Landesvater" yes):
    /// the noun list has few compounds. Tried at each split with at least three letters before it.
    func endsInNoun(_ t: Int) -> Bool {
        let b = bytes(t)
        guard b.count >= 7 else { return false }
        var head = [UInt8]()
        for i in 3..<(b.count - 3) where b[b.startIndex + i] & 0xC0 != 0x80 {
            head.removeAll(keepingCapacity: true)
            head.append(contentsOf: b[(b.startIndex + i)...])
            // Capitalize the head (ASCII; "ä" → "Ä": C3 A4 → C3 84).
            if head[0] >= 0x61 && head[0] <= 0x7A { head[0] -= 0x20 }
            else if head[0] == 0xC3 && head.count > 1 && head[1] >= 0xA0 && head[1] <= 0xBE { head[1] -= 0x20 }
            else { continue }
            if head.withUnsafeBytes({ lexicon.nameWordClass($0) }) & NameWordClass.commonNoun != 0 { return true }
        }
        return false
    }

    func isFirstName(_ t: Int) -> Bool {
        isCapitalizedWord(t) && wordClass(t) & (NameWordClass.firstName | NameWordClass.weakFirstName) != 0
    }

    /// The first test of isFirstNameAlone, asked before it: most capitalized words are nouns,
    /// and the filter says so in a few instructions, without the rest of the test.
    @inline(__always)
    func mayBeFirstNameAlone(_ t: Int) -> Bool {
        shapes[t] == Shape.capitalized && tables.firstNameFilter.mayContain(bytes(t), readableEnd: textEnd)
    }

    /// Rule person-first-name: a common first name (world frequency ≥ 7) that is no noun, place or
    /// weak name, alone inside a sentence between lower-case words or punctuation: "mit Laura",
    /// "Nur Justin, Alex und Max erinnern sich".
    /// Not after an article ("die Europa", a ship), another capitalized word or a saint's "St."
    /// ("St. Moritz"), nor before an initial ("Robert R. Livingston": the name rule's) or a
    /// number ("sein Mercedes 208": a model).
    func isFirstNameAlone(_ t: Int) -> Bool {
        let n = tokens.count
        // The filter first: most capitalized words are nouns, and it says so in a few instructions.
        guard isCapitalizedWord(t), tables.firstNameFilter.mayContain(bytes(t), readableEnd: textEnd), isLetters(t),
              t + 1 >= n || shapes[t + 1] != Shape.capitalized && shapes[t + 1] != Shape.acronym && !isCapitalLetter(t + 1)
                && tokens[t + 1].kind != .number,  // "sein Mercedes 208": a model
              !gluedHyphen(after: t), t + 1 >= n || tokens[t + 1].spaceBefore || tokens[t + 1].kind == .punctuation,
              t == 0 || tokens[t].spaceBefore && shapes[t - 1] != Shape.acronym && !isArticle(t - 1)
                && (shapes[t - 1] != Shape.capitalized || wordClass(t - 1) & NameWordClass.functionWord != 0),  // "Nur Max"
              !afterSaint(t), !isSentenceStart(t)  // ("Anders ist es", "Ernst wird es": adverbs there)
        else { return false }
        let cls = wordClass(t)
        return cls & NameWordFilter.firstNameRequired == NameWordFilter.firstNameRequired && cls & NameWordFilter.firstNameExcluded == 0
            && !isCommonNoun(t)  // also its inflected forms ("Tore", goals)
    }

    /// Rule person-sentence-start: a capitalized word at a sentence start, right before a finite
    /// verb of finite-verbs.txt, that no word list knows is a person's surname: "Kolb war …",
    /// "Dreßler gilt als …". Not a common noun, its form or a compound ending in one
    /// ("Autowerte dürften"), no ordinary word ("Zuvor war", "Interessant ist"), place, role,
    /// name head or function word; a first name that is no ordinary word counts ("Judith hat").
    func isSentenceStartSurname(_ t: Int) -> Bool {
        mayStartSentence(t) && isSentenceStartSurnameAfterNoWord(t)
    }

    /// Not right after a word and one space (most capitalized words are inside a sentence).
    @inline(__always)
    func mayStartSentence(_ t: Int) -> Bool {
        t == 0 || tokens[t - 1].kind != .word || tokens[t].normalizedStart - tokens[t - 1].normalizedEnd != 1
            || text[Int(tokens[t - 1].normalizedEnd)] != 0x20
    }

    /// isSentenceStartSurname where `mayStartSentence` holds.
    func isSentenceStartSurnameAfterNoWord(_ t: Int) -> Bool {
        let n = tokens.count
        guard t + 1 < n, shapes[t + 1] == Shape.lowercase, tokens[t + 1].spaceBefore, isSentenceStart(t),
              tokens[t].normalizedEnd - tokens[t].normalizedStart >= 3,
              tables.finiteVerbSetTable.contains(bytes(t + 1), readableEnd: textEnd),
              isNameWord(t, nounAllowed: false) else { return false }
        let cls = wordClass(t)
        guard cls & NameWordClass.weakFirstName == 0, !isOrdinaryWord(t), !endsInNoun(t) else { return false }
        // An adjective the lists lack ("Einwilligungsfähig ist"); a first name is none ("Carlos").
        return cls & NameWordClass.firstName != 0 || !endsLikeAdjective(t, inflected: false)
    }

    /// Token `t` ends in a suffix of adjective-suffixes.txt ("Einwilligungsfähig"); with
    /// `inflected`, also before an adjective's ending ("Hessischen", "Kreideweißer").
    func endsLikeAdjective(_ t: Int, inflected: Bool) -> Bool {
        let b = bytes(t)
        for ending in inflected ? Self.adjectiveInflections : [[]] where b.count > ending.count {
            let stem = UnsafeBufferPointer(rebasing: b[0..<(b.count - ending.count)])
            guard ending.isEmpty || b.reversed().starts(with: ending.reversed()) else { continue }
            for suffix in tables.adjectiveSuffixes where stem.count > suffix.count && stem.reversed().starts(with: suffix.reversed()) { return true }
        }
        return false
    }
    private static let adjectiveInflections: [[UInt8]] = [[], Array("e".utf8), Array("en".utf8), Array("er".utf8), Array("em".utf8), Array("es".utf8)]

    /// A German word that is no noun, capitalized ("Zuvor", "Interessantere"): in ordinary-words.txt,
    /// or one of its words and an ending of ordinary-word-endings.txt (the file leaves those out).
    func isOrdinaryWord(_ t: Int) -> Bool {
        if wordClass(t) & NameWordClass.ordinaryWord != 0 { return true }
        let b = bytes(t)
        // Swiss spelling writes "ss" for "ß" ("Ausserdem", "Grösser"): the word with "ß" may be one.
        if let swiss = Self.withEszett(b), swiss.withUnsafeBytes({ lexicon.nameWordClass($0) }) & NameWordClass.ordinaryWord != 0 {
            return true
        }
        for ending in tables.ordinaryWordEndings where b.count - ending.count >= 3 && b.reversed().starts(with: ending.reversed()) {
            let base = UnsafeBufferPointer(rebasing: b[0..<(b.count - ending.count)])
            if lexicon.nameWordClass(base, readableEnd: textEnd) & NameWordClass.ordinaryWord != 0 { return true }
        }
        return false
    }

    /// `word` with its first "ss" after a letter written "ß" ("Ausserdem" → "Außerdem"); nil without one.
    static func withEszett(_ word: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        guard word.count >= 4 else { return nil }
        for i in 1..<(word.count - 1) where word[i] == UInt8(ascii: "s") && word[i + 1] == UInt8(ascii: "s") {
            return Array(word[0..<i]) + [0xC3, 0x9F] + Array(word[(i + 2)...])
        }
        return nil
    }

    /// One capital letter alone ("R" of "Robert R. Livingston" as some texts space it).
    private func isCapitalLetter(_ t: Int) -> Bool {
        let b = bytes(t)
        return b.count == 1 && b[0] >= 0x41 && b[0] <= 0x5A
    }

    /// Right after "St." or "Sankt": a saint's name, mostly a place's or a church's ("St. Georg").
    private func afterSaint(_ t: Int) -> Bool {
        var p = t - 1
        if p >= 0, isByte(p, UInt8(ascii: ".")) { p -= 1 }
        guard p >= 0 else { return false }
        let b = bytes(p)
        return b.elementsEqual("St".utf8) || b.elementsEqual("Sankt".utf8) || b.elementsEqual("Ste".utf8)
    }

    /// The next token is a name head ("Band", "School"): what came before names no person.
    func beforeNameHead(_ last: Int) -> Bool {
        last + 1 < tokens.count && tokens[last + 1].spaceBefore && isCapitalizedWord(last + 1) && endsIn(last + 1, .heads)
    }

    /// After a surname ending in s, x, z or ß, a glued apostrophe is its genitive ("Lorenz’").
    func genitiveApostropheEnd(_ last: Int) -> Int {
        guard last + 1 < tokens.count, !tokens[last + 1].spaceBefore else { return last }
        let a = bytes(last + 1)
        let isApostrophe = a.count == 1 && a[0] == 0x27 || a.count == 3 && a[0] == 0xE2 && a[1] == 0x80 && a[2] == 0x99
        guard isApostrophe, let end = bytes(last).last, end == UInt8(ascii: "s") || end == UInt8(ascii: "x")
                || end == UInt8(ascii: "z") || end == 0x9F else { return last }
        if last + 2 < tokens.count && !tokens[last + 2].spaceBefore && tokens[last + 2].kind == .word { return last }
        return last + 1
    }

    /// Rule person-name from first name `t`: the last token of the name, and the lexicon
    /// match it took in (a listed person's surname), or nil.
    func personName(from t: Int, _ cls: UInt16, _ owner: Owners) -> (last: Int, took: Int?)? {
        let n = tokens.count
        if afterOtherName(t) { return nil }
        // Right after an article, a rare first name begins a thing's or a place's name ("die Ruta
        // del Vino", "der Kurd Dagh"); a common one a person's ("der Sohn des Hugo Naphtali").
        if cls & NameWordClass.commonFirstName == 0, t > 0, tokens[t].spaceBefore, isArticle(t - 1) { return nil }
        // After a role ("Finanzminister Hans Eichel") the surname may be a common noun.
        // (A lower-case word has no class of a role or function word: no lookup for it.)
        let afterRole = t > 0 && tokens[t].spaceBefore && isRole(t - 1, shapes[t - 1] == Shape.lowercase ? 0 : wordClass(t - 1))
        var j = t
        // A first name that is also a noun's inflected form is as weak as one that is a noun ("Tage Erholung").
        var weak = cls & NameWordClass.firstName == 0 || isNounForm(t)
        while gluedHyphen(after: j), isFirstName(j + 2), owner[j + 2] == -1 { j += 2 }
        if j + 1 < n, tokens[j + 1].spaceBefore, !weak, let end = romanNumeralEnd(j + 1) { return (end, nil) }
        // More first names or initials, when a name goes on after them.
        while j + 2 < n, tokens[j + 1].spaceBefore, tokens[j + 2].spaceBefore, owner[j + 1] == -1, owner[j + 2] == -1,
              isFirstName(j + 1) || isInitial(j + 1),
              isNameWord(j + 2, nounAllowed: true) || isInitial(j + 2) || isFirstName(j + 2)
                || isParticle(j + 2, first: true) && afterParticles(j + 2) < n && isNameWord(afterParticles(j + 2), nounAllowed: false) {
            if isFirstName(j + 1) && wordClass(j + 1) & NameWordClass.firstName != 0 { weak = false }
            j += 1
        }
        // A particle joined to the surname by a hyphen is part of it ("Ali al-Nuaimi").
        if j + 3 < n, tokens[j + 1].spaceBefore, isParticle(j + 1), gluedHyphen(after: j + 1), owner[j + 1] == -1,
           owner[j + 3] == -1, isNameWord(j + 3, nounAllowed: true) {
            return (j + 3, nil)
        }
        let k = afterParticles(j + 1)
        // A first name that is also a noun takes no particles ("die Pille zu Robinho").
        guard k < n, tokens[k].spaceBefore, k == j + 1 || !weak else { return nil }
        if owner[k] >= 0 {
            // A listed person's surname right after the first name: the whole name.
            let m = Int(owner[k])
            // After particles, a listed company's one-word name is this family's ("Sophie van den Bosch").
            guard k == j + 1 || matches[m].first == k && matches[m].last == k && !lexicon.entry(matches[m].entry).roles.contains(.product),
                  let last = k == j + 1 ? personMatchEnding(m, at: k) : k else { return nil }
            // A listed person that is first names only ("Josef") goes on with the surname after it
            // ("Franz Josef Jung").
            if k == j + 1, isListedFirstNames(m, at: k), last + 1 < n, tokens[last + 1].spaceBefore, owner[last + 1] == -1,
               isNameWord(last + 1, nounAllowed: !weak || afterRole), let end = surnameEnd(last + 1, owner), !beforeNameHead(end) {
                return (genitiveApostropheEnd(end), m)
            }
            return (last, m)
        }
        // A company-name head is no surname: "France Telecom", "Jim Motors" name firms.
        guard owner[k] == -1, isNameWord(k, nounAllowed: k == j + 1 && (!weak || afterRole)), !endsIn(k, .companyHeads) else { return nil }
        // After a rare weak first name, no compound whose last part is a noun ("Art Beschützerinstinkt";
        // surnames are often such compounds, "Klaus Breitschopf": not after a common first name).
        if weak && !afterRole && cls & NameWordClass.commonFirstName == 0 && endsInNoun(k) { return nil }
        guard var last = surnameEnd(k, owner) else { return nil }
        // A second surname after particles ("Fernando Collor de Mello").
        let next = afterParticles(last + 1)
        // Not a compound noun or an adjective after "von der": "Klaus Onnasch von der Christusgemeinde",
        // "Ellen Waitzis von der Hessischen Verbraucherzentrale" name a place of work.
        if next > last + 1, next < n, tokens[next].spaceBefore, !(bytes(last + 1).count == 2 && bytes(last + 1)[0] == UInt8(ascii: "z") && bytes(last + 1)[1] == UInt8(ascii: "u")), owner[next] == -1, isNameWord(next, nounAllowed: false), !isFirstName(next),
           !endsInNoun(next), !endsLikeAdjective(next, inflected: true),
           let end = surnameEnd(next, owner) {
            last = end
        } else if last + 1 < n, tokens[last + 1].spaceBefore, owner[last + 1] == -1, bytes(last).last != UInt8(ascii: "s"),
                  isNameWord(last + 1, nounAllowed: false), !isFirstName(last + 1), !endsInNoun(last + 1),
                  !(last + 2 < n && tokens[last + 2].spaceBefore && isCapitalizedWord(last + 2)) {
            // A second surname, the last capitalized word ("Hagar Shmoulefeld Finer", "Constantin Boss
            // Eichinger"); not after a genitive ("Heidi Klums Modelsuche") or before more capitals.
            last += 1
        }
        if beforeNameHead(last) { return nil }
        return (genitiveApostropheEnd(last), nil)
    }

    /// A surname from `k`, with the parts joined by hyphens ("Müller-Lüdenscheidt"); nil when a
    /// lower-case word is joined to it (a compound: "Merkel-treu").
    private func surnameEnd(_ k: Int, _ owner: Owners) -> Int? {
        var last = k
        while gluedHyphen(after: last), owner[last + 2] == -1 {
            guard isNameWord(last + 2, nounAllowed: true) else {
                if tokens[last + 2].kind == .word, !isCapitalizedWord(last + 2) { return nil }
                break
            }
            last += 2
        }
        return last
    }

    /// The lexicon match `m` starts at `t`, is a person's, and is first names only ("Sven").
    func isListedFirstNames(_ m: Int, at t: Int) -> Bool {
        let match = matches[m]
        guard match.first == t, !match.isGenitive, lexicon.entry(match.entry).roles.contains(.person) else { return false }
        return (match.first...match.last).allSatisfy { isFirstName($0) }
    }

    /// The lexicon match `m` starts at token `k`: when it is a person's, its last token.
    private func personMatchEnding(_ m: Int, at k: Int) -> Int? {
        let match = matches[m]
        guard match.first == k, lexicon.entry(match.entry).roles.contains(.person) else { return nil }
        return match.last
    }

    /// Rules person-role and person-initial: a surname (no common noun) from `t`, with a
    /// second name word or particles and a surname after it.
    func surname(from t: Int, _ owner: Owners, alone: Bool) -> Int? {
        let n = tokens.count
        guard owner[t] == -1, isNameWord(t, nounAllowed: false) else { return nil }
        var last = t
        while gluedHyphen(after: last), owner[last + 2] == -1, isNameWord(last + 2, nounAllowed: true) { last += 2 }
        // The first part of a compound is no surname ("Rapper Ice-T", "Trainer Müller-Team").
        if last + 1 < n, !tokens[last + 1].spaceBefore, isHyphen(last + 1) { return nil }
        if last + 1 < n, tokens[last + 1].spaceBefore, owner[last + 1] == -1, isNameWord(last + 1, nounAllowed: false) {
            last += 1
        }
        if beforeNameHead(last) { return nil }
        // One word ending in s after a role is a genitive ("Präsident Frankreichs"), no name.
        if last == t, bytes(t).last == UInt8(ascii: "s") { return nil }
        return genitiveApostropheEnd(last)
    }

    /// After a role, a capitalized word no list knows as a first name and a surname that is
    /// no common noun: "Ferrari-Technikchef Ross Brawn".
    func unknownFirstName(from t: Int, _ owner: Owners) -> Int? {
        // (A second title is no first name: "Frau Doktor Luger".)
        guard t + 1 < tokens.count, owner[t] == -1, isCapitalizedWord(t), isLetters(t),
              wordClass(t) & NameWordClass.functionWord == 0, !isRole(t, wordClass(t)), tokens[t + 1].spaceBefore,
              let last = surname(from: t + 1, owner, alone: false) else { return nil }
        return last
    }


    /// A verb of saying (speech-verbs.txt), by a scan of the few: no hash for the many lower-case words.
    func isSpeechVerb(_ t: Int) -> Bool {
        let b = bytes(t)
        return b.count >= 4 && b.count <= 16 && tables.speechVerbEndsTable[Int(b[b.count - 1])] && tables.speechVerbSetTable.contains(b, readableEnd: textEnd)
    }

    /// Rule person-speech: after a verb of saying, one surname that is no common noun, no
    /// genitive, and not followed by a capitalized word ("sagte Lorenz ." but not "sagte Bremens Stürmer").
    func speaker(at t: Int, _ owner: Owners) -> Int? {
        guard owner[t] == -1, isNameWord(t, nounAllowed: false),
              bytes(t).last != UInt8(ascii: "s") else { return nil }
        var last = t
        while gluedHyphen(after: last), isNameWord(last + 2, nounAllowed: true) { last += 2 }
        if last + 1 < tokens.count, tokens[last + 1].kind == .word || tokens[last + 1].kind == .number,
           isCapitalizedWord(last + 1) || tokens[last + 1].kind == .number { return nil }
        return last
    }

    /// The key of a person's later mentions: the surname (the last word) without an apostrophe;
    /// the first of two words in a tradition that writes the family name first ("Xu Mingyuan": "Xu").
    func surnameKey(_ first: Int, _ last: Int) -> [UInt8] {
        if last == first + 1, isCapitalizedWord(first), bytes(first).count <= 8 {
            // The list is lower case: compare the word with its first letter lowered (on the stack).
            let b = bytes(first)
            let listed = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 8) { word -> Bool in
                _ = word.initialize(from: b)
                if word[0] >= 0x41 && word[0] <= 0x5A { word[0] |= 0x20 }
                return tables.familyNamesFirstTable.contains(UnsafeBufferPointer(rebasing: word[0..<b.count]))
            }
            if listed { return Array(b) }
        }
        return surnameKey(last)
    }

    func surnameKey(_ last: Int) -> [UInt8] {
        var t = last
        if t > 0, !isCapitalizedWord(t) { t -= 1 }  // the genitive apostrophe
        return Array(bytes(t))
    }

    /// Rule company-legal-form at token `t`: the company's first and last token.
    func companyBeforeLegalForm(at t: Int, _ owner: Owners) -> (Int, Int)? {
        guard isCapitalizedWord(t - 1) || isAcronym(t - 1), owner[t - 1] == -1 else { return nil }
        let start = Int(tokens[t].normalizedStart)
        guard let end = LegalForms.standard.end(at: start, in: text) else { return nil }
        // The token where the legal form ends ("GmbH & Co. KG" is several), and where a second one
        // right after it ends ("Wendel & Söhne KG").
        var last = t
        var formEnd = end
        while true {
            while last + 1 < tokens.count, Int(tokens[last].normalizedEnd) < formEnd { last += 1 }
            guard Int(tokens[last].normalizedEnd) == formEnd else { return nil }
            guard last + 1 < tokens.count, tokens[last + 1].spaceBefore, owner[last + 1] == -1,
                  let next = LegalForms.standard.end(at: Int(tokens[last + 1].normalizedStart), in: text) else { break }
            let before = last
            formEnd = next
            last += 1
            while last + 1 < tokens.count, Int(tokens[last].normalizedEnd) < formEnd { last += 1 }
            if Int(tokens[last].normalizedEnd) != formEnd { last = before; break }
        }
        var first = t
        var words = 0
        var j = t - 1
        while j >= 0, words < 4, owner[j] == -1 {
            if isCapitalizedWord(j) || isAcronym(j) {
                let cls = wordClass(j)
                if cls & NameWordClass.functionWord != 0 || isRole(j, cls) || isCompanyCue(j, cls) || isModelCue(j, cls) { break }
                first = j
                words += 1
                if j > 0, !tokens[j].spaceBefore, isHyphen(j - 1), j >= 2 { j -= 2; continue }
                if !tokens[j].spaceBefore { break }
                j -= 1
            } else if j > 0, (isByte(j, UInt8(ascii: "&")) || (bytes(j).count == 3 && bytes(j)[0] == UInt8(ascii: "u") && bytes(j)[1] == UInt8(ascii: "n") && bytes(j)[2] == UInt8(ascii: "d"))),
                      isCapitalizedWord(j - 1) {
                j -= 1
            } else {
                break
            }
        }
        guard first < t else { return nil }
        // A common noun before a word that is none is no part of the name ("Spediteur Vennholt
        // Logistik AG", "Aktionäre Hansen AG"); nouns together stay ("Nordwind Logistik AG").
        while first < t - 1, wordClass(first) & NameWordClass.commonNoun != 0,
              wordClass(first + 1) & (NameWordClass.commonNoun | NameWordClass.nameNoun) == 0 { first += 1 }
        return (first, last)
    }

    /// A legal form of legal-forms.txt may start at token `t` (by its first byte).
    func mayStartLegalForm(_ t: Int) -> Bool {
        tables.legalForms.mayStart(at: Int(tokens[t].normalizedStart), in: text)
    }

    /// Token `t` may be a company-name head (company-name-heads.txt) or "&", by its last two bytes:
    /// most capitalized words after another are none.
    @inline(__always)
    func mayBeHeadOrAmpersand(_ t: Int) -> Bool {
        isCapitalizedWord(t) ? tables.wordEnds.mayEnd(UnsafeRawBufferPointer(bytes(t)), in: .companyHeads) : isByte(t, UInt8(ascii: "&"))
    }

    /// Capitals, maybe with digits, as a firm writes its short name: "ABB", "3S", "TEVA"; no role
    /// ("CEO") or function word.
    func isFirmAcronym(_ t: Int) -> Bool {
        let b = bytes(t)
        guard b.count >= 2, b.count <= 6, b.contains(where: { $0 >= 0x41 && $0 <= 0x5A }),
              b.allSatisfy({ $0 >= 0x41 && $0 <= 0x5A || $0 >= 0x30 && $0 <= 0x39 }) else { return false }
        return wordClass(t) & (NameWordClass.role | NameWordClass.functionWord) == 0
    }

    /// Two or more capitals, a word ("BMW", "KG").
    func isAcronym(_ t: Int) -> Bool { shapes[t] == Shape.acronym }

    func isModelCue(_ t: Int, _ cls: UInt16 = 0) -> Bool {
        cls & NameWordClass.modelCue != 0 || endsIn(t, .modelCues)
    }

    /// Rule company-legal-form, other ends of a company's name: a name word of
    /// company-name-heads.txt ("Qiantang Motors") or two names joined by "&" ("Kortmann & Hessel").
    func companyBeforeHead(at t: Int, _ owner: Owners) -> (Int, Int)? {
        guard t >= 1, owner[t - 1] == -1, tokens[t].spaceBefore else { return nil }
        var last = t
        if isByte(t, UInt8(ascii: "&")) {
            guard t + 1 < tokens.count, tokens[t + 1].spaceBefore, owner[t + 1] == -1,
                  isNameWord(t + 1, nounAllowed: true), isNameWord(t - 1, nounAllowed: true),
                  // Two ordinary nouns are no firm ("Rock & Pop"); "Wendel & Söhne" is.
                  !(isCommonNoun(t - 1) && isCommonNoun(t + 1)) else { return nil }
            last = t + 1
        } else {
            guard isCapitalizedWord(t), endsIn(t, .companyHeads), isNameWord(t - 1, nounAllowed: true), !isNounForm(t - 1)
            else { return nil }
        }
        // A legal form after it ("Rothaar Kreditbank AG").
        if last + 1 < tokens.count, tokens[last + 1].spaceBefore,
           let end = LegalForms.standard.end(at: Int(tokens[last + 1].normalizedStart), in: text) {
            var e = last + 1
            while e + 1 < tokens.count, Int(tokens[e].normalizedEnd) < end { e += 1 }
            if Int(tokens[e].normalizedEnd) == end, (last + 1...e).allSatisfy({ owner[$0] == -1 }) { last = e }
        }
        var first = t - 1
        if first >= 1, tokens[first].spaceBefore, owner[first - 1] == -1, isNameWord(first - 1, nounAllowed: false),
           !isFirstName(first - 1), !isSentenceStart(first - 1) {
            first -= 1
        }
        // An acronym before the name is the firm's own ("3S Swiss Solar Systems", "TEVA Pharmaceutical Industries").
        if first >= 1, tokens[first].spaceBefore, owner[first - 1] == -1, isFirmAcronym(first - 1) { first -= 1 }
        return (first, last)
    }

    /// A discovered company's short form: its first word, if it can stand alone (as the
    /// lexicon compiler derives them: no function word, first name, adjective or noun).
    func companyShortForm(_ first: Int, _ last: Int) -> [UInt8] {
        guard first < last, isCapitalizedWord(first), tokens[first + 1].spaceBefore else { return [] }
        let word = String(decoding: bytes(first), as: UTF8.self)
        guard !LexiconCompiler.derivedCompanyShortForms(word + " x", firstNames: []).isEmpty,
              wordClass(first) & (NameWordClass.commonNoun | NameWordClass.firstName | NameWordClass.weakFirstName) == 0
        else { return [] }
        return Array(bytes(first))
    }

    /// Rule company-cue: the name after a kind of company, from `t`.
    func companyAfterCue(from t: Int, _ owner: Owners) -> Int? {
        let n = tokens.count
        guard owner[t] == -1, isNameWord(t, nounAllowed: false), !isFirstName(t) else { return nil }
        var last = t
        while true {
            if gluedHyphen(after: last), owner[last + 2] == -1, isCapitalizedWord(last + 2) { last += 2; continue }
            if last + 1 < n, last - t < 4, tokens[last + 1].spaceBefore, owner[last + 1] == -1,
               isNameWord(last + 1, nounAllowed: false) { last += 1; continue }
            break
        }
        // One word ending in s is a genitive ("die Autobauer Europas"), no name.
        if last == t, bytes(t).last == UInt8(ascii: "s") { return nil }
        if beforeNameHead(last) { return nil }
        return last
    }

    /// Rule model-designation after the maker ending at `makerLast`: the last token of the designation.
    /// Parts (tokens glued together) of these shapes, up to three: digits ("YU9", "ID.5", "07",
    /// "8900"), a few capitals or mixed capitals ("GTX", "eTGL") after digits, before a model cue or
    /// before a capitalized word ("FM Electric"), and one capitalized word that is no common noun
    /// before digits ("Seal 07", "Lexion 8900") or a model cue, or after digits ("1050 Vario").
    func designationEnd(after makerLast: Int, _ owner: Owners, afterModel: Bool = false) -> Int? {
        let n = tokens.count
        var t = makerLast + 1
        var end: Int? = nil
        var parts = 0
        var pendingWord = false  // a capitalized word waiting for digits
        var pendingCapitals = false
        while t < n, parts < 3, tokens[t].spaceBefore, owner[t] == -1 {
            guard tokens[t].kind == .word || tokens[t].kind == .number else { break }
            var last = t
            while last + 1 < n, !tokens[last + 1].spaceBefore, owner[last + 1] == -1 {
                let next = tokens[last + 1]
                if next.kind == .word || next.kind == .number { last += 1; continue }
                // A period or hyphen inside a designation ("ID.5", "F-150"), not before a word ("YU9-Modell").
                let joins = isByte(last + 1, UInt8(ascii: ".")) || isHyphen(last + 1)
                guard joins, last + 2 < n, !tokens[last + 2].spaceBefore, owner[last + 2] == -1,
                      tokens[last + 2].kind == .number || hasDigit(last + 2) else { break }
                last += 2
            }
            let digits = (t...last).contains { hasDigit($0) }
            let capitals = t == last && tokens[t].kind == .word && isDesignationLetters(t)
                && LegalForms.standard.end(at: Int(tokens[t].normalizedStart), in: text) == nil
                && wordClass(t) & (NameWordClass.role | NameWordClass.functionWord) == 0
            let word = t == last && isCapitalizedWord(t) && isLetters(t)
                && wordClass(t) & (NameWordClass.commonNoun | NameWordClass.functionWord | NameWordClass.role) == 0
                && !isFirstName(t)
            if digits {
                if t == last, tokens[t].kind == .number, !isDesignationNumber(t) { break }
                end = last
            } else if capitals && (end != nil || modelCueFollows(last)) {
                end = last
            } else if capitals && parts == 0 && isMixedCase(t) {
                end = last  // "eTGL", "iX": a lower-case letter before capitals is a designation's
            } else if capitals && parts == 0 {
                pendingCapitals = true
            } else if word && (end != nil && !afterModel || pendingCapitals) {
                // One capitalized word after digits or capitals ends it ("1050 Vario", "FM Electric").
                end = last
                break
            } else if word && parts == 0 && !afterModel {
                pendingWord = true
                if modelCueFollows(last) { end = last }
            } else {
                break
            }
            parts += 1
            t = last + 1
            if end == nil && !pendingWord && !pendingCapitals { break }
        }
        return end
    }

    /// A lower-case first letter and capitals after it ("eTGL", "iX").
    private func isMixedCase(_ t: Int) -> Bool {
        let b = bytes(t)
        guard let first = b.first, first >= 0x61 && first <= 0x7A else { return false }
        return b.dropFirst().contains { $0 >= 0x41 && $0 <= 0x5A }
    }

    /// A few letters with two or more capitals and no digit: "GTX", "eTGL", "FM".
    private func isDesignationLetters(_ t: Int) -> Bool {
        let b = bytes(t)
        guard b.count >= 2, b.count <= 5, isLetters(t) else { return false }
        return b.filter { $0 >= 0x41 && $0 <= 0x5A }.count >= (isMixedCase(t) ? 1 : 2)
    }

    /// Rule discover-model (by a cue): a kind of model after an article and before a capitalized
    /// name that is no common noun, with digits or capitals after it: "das größere Modell Lumi 7".
    func modelAfterCue(from t: Int, _ owner: Owners) -> Int? {
        // Models are often named by nouns ("der Roller Kolibri"): after the cue a noun may be one, not its inflected forms.
        guard owner[t] == -1, isNameWord(t, nounAllowed: true), !isFirstName(t), !isNounForm(t),
              !endsIn(t, .nounEndings) else { return nil }
        var last = t
        let n = tokens.count
        if last + 1 < n, tokens[last + 1].spaceBefore, owner[last + 1] == -1,
           tokens[last + 1].kind == .number && isDesignationNumber(last + 1) || isDesignationLetters(last + 1) {
            last += 1
        }
        if last == t, bytes(t).last == UInt8(ascii: "s") { return nil }
        return last
    }

    private func hasDigit(_ t: Int) -> Bool {
        bytes(t).contains { $0 >= 0x30 && $0 <= 0x39 }
    }

    /// A number that can be a designation: up to three digits, not before a counted noun
    /// ("BYD 300 Millionen") or a unit.
    private func isDesignationNumber(_ t: Int) -> Bool {
        let b = bytes(t)
        guard b.count <= 4, b.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return false }
        // A year is no designation ("BMW 2024", "Opel 1899").
        if b.count == 4, let year = Int(String(decoding: b, as: UTF8.self)), (1800...2099).contains(year) { return false }
        if t + 1 < tokens.count, tokens[t + 1].spaceBefore, isCapitalizedWord(t + 1), !modelCueFollows(t) {
            return isNameWord(t + 1, nounAllowed: false)  // not "BYD 300 Millionen"
        }
        if t + 1 < tokens.count, tokens[t + 1].kind == .symbol { return false }  // "300 %"
        return true
    }

    /// After token `t`: a model cue (type-cues.txt), spaced or hyphenated ("SUV", "-Modell").
    func modelCueFollows(_ t: Int) -> Bool {
        var k = t + 1
        guard k < tokens.count else { return false }
        if !tokens[k].spaceBefore {
            guard isHyphen(k) else { return false }
            k += 1
            guard k < tokens.count else { return false }
        }
        let id = anyCase[k]
        return id >= 0 && lexicon.vocabularyFlags[Int(id)] & VocabularyFlags.modelCue != 0
    }

    /// A later mention at token `t` of a person or company discovered before:
    /// its group and last token.
    func mention(at t: Int, state: EntityRecognizer.DocumentState, _ owner: Owners) -> (Int32, Int)? {
        let b = bytes(t)
        guard state.mentionInitials[Int(b[0])] else { return nil }
        // The groups whose key is the word, or the word without a genitive "s" (by hash: a long
        // document names thousands, and a scan of all at every capitalized word would be quadratic).
        var word = state.mentionIndex.newest(hashBytes(UnsafeRawBufferPointer(b)))
        var stem = b.count > 2 && b.last == UInt8(ascii: "s")
            ? state.mentionIndex.newest(hashBytes(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(b).dropLast()))) : -1
        // The most recently found first (the two chains merged, each newest first): of a firm and
        // a person of one name, the one in focus.
        while word >= 0 || stem >= 0 {
            let index: Int32
            if word >= stem { index = word; word = state.mentionsFrom[Int(word)].previous }
            else { index = stem; stem = state.mentionsFrom[Int(stem)].previous }
            let from = state.mentionsFrom[Int(index)]
            guard from.part < state.partNumber || t >= from.token else { continue }
            let isPerson = state.discoveryGroups[Int(from.group)].role == .person
            guard rules.contains(isPerson ? .discoverPersonMention : .discoverCompanyMention) else { continue }
            let key = state.discoveryGroups[Int(from.group)].mentionKey
            guard b.count >= key.count, b.count <= key.count + 1 else { continue }
            var last = t
            if b.elementsEqual(key) {
                if isPerson { last = genitiveApostropheEnd(t) }
            } else if b.count == key.count + 1, b.last == UInt8(ascii: "s"), b.starts(with: key) {
                // The genitive: "Bergers", "Qiantangs".
            } else {
                continue
            }
            // Not the first word of another name ("Lorenz Müller"), nor a company's before a capital.
            let genitive = b.count == key.count + 1 || last > t  // "Bergers", "Lorenz’"
            if last + 1 < tokens.count, tokens[last + 1].spaceBefore, isCapitalizedWord(last + 1), !genitive,
               !isPerson || wordClass(last + 1) & NameWordClass.commonNoun == 0 { continue }
            if t > 0, tokens[t].spaceBefore, isFirstName(t - 1) { continue }
            // Part of a company's name with "&" ("Wendel & Söhne").
            if t > 0, isByte(t - 1, UInt8(ascii: "&")) { continue }
            if last + 1 < tokens.count, isByte(last + 1, UInt8(ascii: "&")) { continue }
            return (from.group, last)
        }
        return nil
    }
}
