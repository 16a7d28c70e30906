// Lexicon, part 9: the words that discovery (Recognition/NameDiscovery.swift) asks about.
//
// In:  language knowledge (LanguageKnowledge: world first names and common nouns of
//      `make knowledge`), the lexicon's first-names.txt, and the discovery lists of
//      Lexicons/knowledge/ (embedded): first-name-exceptions.txt, person-roles.txt,
//      name-heads.txt, company-cues.txt, speech-verbs.txt, company-name-heads.txt,
//      noun-endings.txt, model-cues.txt; the function words of the tokenizer.
// Out: one table in the lexicon image: word as written -> NameWordClass bits (16),
//      and the suffix patterns ("*chef") of those lists, for words the table cannot list.
//
// Why in the image: the table holds about 130,000 words (first names and nouns); built
// once per compile and cached with the lexicon, a process pays nothing for it at start.
// Words are looked up as written (NFC, as the tokenizer's match form has them):
// discovery asks only about capitalized words, which a name must be.

/// What discovery knows about a word (bits of a 16-bit class).
enum NameWordClass {
    /// A first name (world list or first-names.txt), no exception, no ordinary noun.
    static let firstName: UInt16 = 1
    /// A first name that is also a common noun marked as a name ("Wolf"): a first name only
    /// before a surname that is no common noun.
    static let weakFirstName: UInt16 = 2
    /// A German common noun (no name): no surname after a role, no company after a cue.
    static let commonNoun: UInt16 = 4
    /// A German function word, capitalized ("Im", "Die"): never part of a name.
    static let functionWord: UInt16 = 8
    /// A title or role before a person's name ("Dr.", "Geschäftsführerin").
    static let role: UInt16 = 16
    /// A word after a name that makes it a place's, a work's or an organisation's ("Band").
    static let nameHead: UInt16 = 32
    /// A kind of company before a company's name ("Zulieferer").
    static let companyCue: UInt16 = 64
    /// A common noun that is also a surname or first name ("Richter", "Wolf").
    static let nameNoun: UInt16 = 128
    /// A word of first-name-exceptions.txt ("San", "Till"): a first name after it is part of
    /// another name ("San Antonio").
    static let firstNameException: UInt16 = 256
    /// A verb of saying ("sagte"): the speaker's surname may follow it.
    static let speechVerb: UInt16 = 512
    /// A word that ends a company's name ("Motors", "Capital").
    static let companyHead: UInt16 = 1024
    /// A kind of model before a model's name ("Modell", "Roller"; model-cues.txt).
    static let modelCue: UInt16 = 2048
}

/// The discovery lists (embedded), parsed: exact words and "*suffix" patterns.
struct DiscoveryLists: Sendable {
    var firstNameExceptions: [String] = []
    var roles: [String] = []
    var roleSuffixes: [[UInt8]] = []
    var heads: [String] = []
    var headSuffixes: [[UInt8]] = []
    var companyCues: [String] = []
    var companyCueSuffixes: [[UInt8]] = []
    var functionWords: [String] = []
    var speechVerbs: [String] = []
    var companyHeads: [String] = []
    var companyHeadSuffixes: [[UInt8]] = []
    var nounEndings: [[UInt8]] = []
    var modelCues: [String] = []
    var modelCueSuffixes: [[UInt8]] = []

    static let standard: DiscoveryLists = {
        var lists = DiscoveryLists()
        func split(_ bytes: [UInt8]) -> (words: [String], suffixes: [[UInt8]]) {
            var words: [String] = [], suffixes: [[UInt8]] = []
            for line in WordList.lines(bytes) {
                if line.first == UInt8(ascii: "*") {
                    suffixes.append(Array(String(decoding: line.dropFirst(), as: UTF8.self).lowercased().utf8))
                } else {
                    words.append(String(decoding: line, as: UTF8.self))
                }
            }
            return (words, suffixes)
        }
        lists.firstNameExceptions = WordList.strings(PackageResources.first_name_exceptions_txt)
        (lists.roles, lists.roleSuffixes) = split(PackageResources.person_roles_txt)
        (lists.heads, lists.headSuffixes) = split(PackageResources.name_heads_txt)
        (lists.companyCues, lists.companyCueSuffixes) = split(PackageResources.company_cues_txt)
        lists.functionWords = WordList.strings(PackageResources.function_words_txt)
        lists.speechVerbs = WordList.strings(PackageResources.speech_verbs_txt)
        (lists.companyHeads, lists.companyHeadSuffixes) = split(PackageResources.company_name_heads_txt)
        lists.nounEndings = WordList.lines(PackageResources.noun_endings_txt)
        (lists.modelCues, lists.modelCueSuffixes) = split(PackageResources.model_cues_txt)
        return lists
    }()

    /// Whether the word `bytes` (capitalized) ends in one of `suffixes` and is longer than it:
    /// a compound ("Konzernchef" for "*chef"), compared in ASCII lower case.
    static func endsInSuffix(_ bytes: UnsafeRawBufferPointer, _ suffixes: [[UInt8]]) -> Bool {
        for s in suffixes where bytes.count > s.count {
            var k = 0
            let base = bytes.count - s.count
            while k < s.count {
                var b = bytes[base + k]
                if b >= 0x41 && b <= 0x5A { b |= 0x20 }
                if b != s[k] { break }
                k += 1
            }
            if k == s.count { return true }
        }
        return false
    }
}

/// Builds the name-word table of a lexicon image.
struct NameWordsBuilder {
    private(set) var table = ByteStringTableBuilder(capacity: 1 << 16)
    private(set) var classes: [UInt16] = []

    private mutating func add(_ word: String, _ bits: UInt16) {
        let id = Int(table.intern(Array(word.utf8)))
        if id == classes.count { classes.append(0) }
        classes[id] |= bits
    }

    /// The table for `knowledge` and the lexicon's own first names.
    init(knowledge: LanguageKnowledge, firstNames: [String], lists: DiscoveryLists = .standard) {
        let exceptions = Set(lists.firstNameExceptions)
        let function = Set(lists.functionWords)
        for word in lists.functionWords {
            add(word.prefix(1).uppercased() + word.dropFirst(), NameWordClass.functionWord)
        }
        // In byte order: a set's order changes from process to process, and the image must not.
        func sorted<S: Sequence<String>>(_ words: S) -> [String] { words.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) } }
        for noun in sorted(knowledge.commonNouns) {
            add(noun, knowledge.alsoPersonNames.contains(noun) ? NameWordClass.nameNoun : NameWordClass.commonNoun)
        }
        func addFirstName(_ name: String) {
            guard !exceptions.contains(name), !function.contains(name.lowercased()) else { return }
            if knowledge.commonNouns.contains(name) {
                // An ordinary noun ("Rose" the flower, "Bob") is no first name; one that is also a name ("Wolf") is a weak one.
                if knowledge.alsoPersonNames.contains(name) { add(name, NameWordClass.weakFirstName) }
            } else {
                add(name, NameWordClass.firstName)
            }
        }
        for name in sorted(knowledge.worldFirstNames.keys) { addFirstName(name) }
        for name in firstNames { addFirstName(name) }
        for word in lists.firstNameExceptions { add(word, NameWordClass.firstNameException) }
        for word in lists.roles { add(word, NameWordClass.role) }
        for word in lists.heads { add(word, NameWordClass.nameHead) }
        for word in lists.companyCues { add(word, NameWordClass.companyCue) }
        for word in lists.speechVerbs { add(word, NameWordClass.speechVerb) }
        for word in lists.companyHeads { add(word, NameWordClass.companyHead) }
        for word in lists.modelCues { add(word, NameWordClass.modelCue) }
    }
}
