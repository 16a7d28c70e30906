// Recognition: the table of rules, one named entry per rule, and the set of rules a run uses.
//
// In:  a rule specification ("-compound-head,-dates"; `--rules`, $EIGENNAME_RULES).
// Out: a RuleSet, a 64-bit mask the recognizer tests where each rule runs
//      (`rules.contains(.compoundHead)`: one AND on the hot path, no string or set lookup).
//
// Every rule of GrammarRules.swift, EntityRecognizer.swift, LegalForms.swift and
// Caution.swift that decides whether a lexicon name counts is an entry here, with a
// stable kebab-case name and a line saying what it does. All are on by default; a
// test or an accuracy run switches one off to see what it does:
//
//   eigenname annotate --rules -compound-head,-dates docs.jsonl
//   EIGENNAME_RULES=-compound-head eigenname annotate docs.jsonl
//   eigenname rules                 (the table, and which rules are on)
//
// A rule added later (user lexicons, discovering unlisted names) gets a new entry
// here: a new bit, a name, a description, and a `rules.contains(.itsName)` test
// where it runs. Which types a rule applies to is not code but data: type-roles.txt.

/// A set of recognition rules (one bit each): which rules a run uses.
package struct RuleSet: OptionSet, Sendable, Hashable {
    package let rawValue: UInt64
    package init(rawValue: UInt64) { self.rawValue = rawValue }

    // GrammarRules.swift: German grammar, for every entry.
    static let dates = RuleSet(rawValue: 1 << 0)
    static let linkingS = RuleSet(rawValue: 1 << 1)
    static let personGenitiveAfterArticle = RuleSet(rawValue: 1 << 2)
    static let compoundHead = RuleSet(rawValue: 1 << 3)
    static let singleLetterHyphen = RuleSet(rawValue: 1 << 4)
    static let lowercaseAfterHyphen = RuleSet(rawValue: 1 << 5)
    static let numberHyphen = RuleSet(rawValue: 1 << 6)
    static let makerNumber = RuleSet(rawValue: 1 << 7)
    static let lowercaseArticle = RuleSet(rawValue: 1 << 8)
    static let placeName = RuleSet(rawValue: 1 << 9)
    static let placeNoun = RuleSet(rawValue: 1 << 10)
    static let familyNoun = RuleSet(rawValue: 1 << 11)
    // EntityRecognizer.swift and LegalForms.swift: makers, models, short forms, legal forms.
    static let modelAfterMaker = RuleSet(rawValue: 1 << 12)
    static let personGenitiveShortForm = RuleSet(rawValue: 1 << 13)
    static let companyShortFormBeforeCapital = RuleSet(rawValue: 1 << 14)
    static let makerModelMerge = RuleSet(rawValue: 1 << 15)
    static let legalForms = RuleSet(rawValue: 1 << 16)
    // Caution.swift: cautious rows (ordinary German words) and units.
    static let cautiousEvidence = RuleSet(rawValue: 1 << 17)
    static let bareNounModel = RuleSet(rawValue: 1 << 18)
    static let makerModelCorroboration = RuleSet(rawValue: 1 << 19)
    static let unitAfterNumber = RuleSet(rawValue: 1 << 20)
    // NameDiscovery.swift: names no lexicon row lists (`--no-discovery` switches all off).
    static let discoverCompanyLegalForm = RuleSet(rawValue: 1 << 21)
    static let discoverModel = RuleSet(rawValue: 1 << 22)
    static let discoverPersonName = RuleSet(rawValue: 1 << 23)
    static let discoverPersonRole = RuleSet(rawValue: 1 << 24)
    static let discoverPersonInitial = RuleSet(rawValue: 1 << 25)
    static let discoverCompanyCue = RuleSet(rawValue: 1 << 26)
    static let discoverPersonMention = RuleSet(rawValue: 1 << 27)
    static let discoverCompanyMention = RuleSet(rawValue: 1 << 28)
    static let discoverPersonSpeech = RuleSet(rawValue: 1 << 29)
    static let discoverPersonFirstName = RuleSet(rawValue: 1 << 30)
    static let discoverPersonSentenceStart = RuleSet(rawValue: 1 << 31)
    /// Every discovery rule (`--no-discovery`, and `discovery` in a specification).
    package static let discovery: RuleSet = [.discoverCompanyLegalForm, .discoverModel, .discoverPersonName, .discoverPersonRole,
                                     .discoverPersonInitial, .discoverCompanyCue, .discoverPersonMention, .discoverCompanyMention, .discoverPersonSpeech,
                                     .discoverPersonFirstName, .discoverPersonSentenceStart]

    /// One entry of the table: the rule's bit, its stable name, what it does.
    package struct Entry: Sendable {
        package let rule: RuleSet
        package let name: String
        package let summary: String
    }

    /// The table: every rule, in the order the recognizer runs them (by file).
    package static let table: [Entry] = [
        Entry(rule: .dates, name: "dates",
              summary: "a month name after a day or a word of before-month.txt (\"im\"), or before a year, is the month (\"am 30. März\")"),
        Entry(rule: .linkingS, name: "linking-s",
              summary: "a genitive before a hyphen is a linking s, no name (\"Unions-Personal\")"),
        Entry(rule: .personGenitiveAfterArticle, name: "person-genitive-after-article",
              summary: "a person's name with a genitive s after an article of genitive-articles.txt is a noun (\"des Müllers\")"),
        Entry(rule: .compoundHead, name: "compound-head",
              summary: "a name (no product) as the head of a hyphenated compound whose first part is no name or prefix is the common noun (\"Osnatel-Arena\")"),
        Entry(rule: .singleLetterHyphen, name: "single-letter-hyphen",
              summary: "a single letter and a hyphen make one word: neither the letter nor the word after it is a name (\"S-Bahn\", \"A-Jugend\")"),
        Entry(rule: .lowercaseAfterHyphen, name: "lowercase-after-hyphen",
              summary: "a lower-case word after a hyphen ends a compound, no name (\"Start-up\")"),
        Entry(rule: .numberHyphen, name: "number-hyphen",
              summary: "a word (no product) after a number and a hyphen is the counted noun (\"22-Mann-Kader\")"),
        Entry(rule: .makerNumber, name: "maker-number",
              summary: "a maker before a hyphen and a number that is no lexicon name is part of a model designation (\"Audi-100-Ära\")"),
        Entry(rule: .lowercaseArticle, name: "lowercase-article",
              summary: "a lower-case article (articles.txt) does not start a name the lexicon writes with a capital one (\"der Standard\")"),
        Entry(rule: .placeName, name: "place-name",
              summary: "a person's name inside a hyphenated place name ending in a word of place-words.txt is no entity (\"Henry-Ford-Straße\")"),
        Entry(rule: .placeNoun, name: "place-noun",
              summary: "a name right after a noun of place-nouns.txt is that place (\"der Stadt Tucson\")"),
        Entry(rule: .familyNoun, name: "family-noun",
              summary: "a name (no person) right after a noun of family-nouns.txt is a family's, no company or model (\"Familie Porsche\")"),
        Entry(rule: .modelAfterMaker, name: "model-after-maker",
              summary: "right after a maker, a model of that maker wins over other entries of the same words (\"Chevy Bolt\")"),
        Entry(rule: .personGenitiveShortForm, name: "person-genitive-short-form",
              summary: "a genitive short form is the person's when the person was named after the other names of that form (\"Henry Ford … Fords\")"),
        Entry(rule: .companyShortFormBeforeCapital, name: "company-short-form-before-capital",
              summary: "a maker's short form is no match right before a capitalized word (\"Hansen Werke\")"),
        Entry(rule: .makerModelMerge, name: "maker-model-merge",
              summary: "a maker directly before one of its products, or joined by a hyphen, is one product span (\"Xiaomi SU7\", \"Porsche-911\")"),
        Entry(rule: .legalForms, name: "legal-forms",
              summary: "a maker's span takes a legal form of legal-forms.txt after it and a founder's first name before it (\"Robert Bosch GmbH\")"),
        Entry(rule: .cautiousEvidence, name: "cautious-evidence",
              summary: "a cautious row (an ordinary German word) counts only with evidence; off, it counts like any row"),
        Entry(rule: .bareNounModel, name: "bare-noun-model",
              summary: "a cautious product used as a bare noun (no determiner of determiners.txt, or first part of a compound) is the word (\"Wer Golf spielt\")"),
        Entry(rule: .makerModelCorroboration, name: "maker-model-corroboration",
              summary: "a cautious maker and its product in one document are evidence for each other (\"Volkswagen baut den Golf\")"),
        Entry(rule: .unitAfterNumber, name: "unit-after-number",
              summary: "a unit row right after a number or number word, or before a word of per-words.txt, is the unit (\"3 Tesla\", \"Siemens pro Meter\")"),
        Entry(rule: .discoverCompanyLegalForm, name: "discover-company-legal-form",
              summary: "discovery: up to four capitalized words before a legal form are a company (\"Hansen Fahrzeugtechnik GmbH\")"),
        Entry(rule: .discoverModel, name: "discover-model",
              summary: "discovery: a listed maker and a designation no row lists are a model (\"Xiaomi YU9\", \"BYD Seal 07\")"),
        Entry(rule: .discoverPersonName, name: "discover-person-name",
              summary: "discovery: a first name and a capitalized surname are a person (\"Petra Lorenz\", \"Ursula von der Leyen\")"),
        Entry(rule: .discoverPersonRole, name: "discover-person-role",
              summary: "discovery: a title or role of person-roles.txt before a surname that is no common noun (\"Kanzlerin Merkel\")"),
        Entry(rule: .discoverPersonInitial, name: "discover-person-initial",
              summary: "discovery: an initial before a surname that is no common noun (\"A. Wiegemann\")"),
        Entry(rule: .discoverPersonSpeech, name: "discover-person-speech",
              summary: "discovery: a surname that is no common noun right after a verb of saying of speech-verbs.txt (\"sagte Lorenz.\")"),
        Entry(rule: .discoverPersonFirstName, name: "discover-person-first-name",
              summary: "discovery: a common first name alone, between lower-case words, is a person (\"mit Laura\", \"Max erinnert sich\")"),
        Entry(rule: .discoverPersonSentenceStart, name: "discover-person-sentence-start",
              summary: "discovery: at a sentence start, a capitalized word no word list knows (no noun, no ordinary word) before a finite verb of finite-verbs.txt is a person (\"Kolb war\")"),
        Entry(rule: .discoverCompanyCue, name: "discover-company-cue",
              summary: "discovery: an article and a kind of company of company-cues.txt before a name (\"der Zulieferer Kessler\")"),
        Entry(rule: .discoverPersonMention, name: "discover-person-mention",
              summary: "discovery: later in the document, a discovered person's surname alone or in the genitive (\"Lorenz’\")"),
        Entry(rule: .discoverCompanyMention, name: "discover-company-mention",
              summary: "discovery: later in the document, a discovered company's first word (\"Hansen\")"),
    ]

    /// Every rule of the table: the default.
    static let all: RuleSet = table.reduce(into: []) { $0.insert($1.rule) }

    /// The table entry named `name`, if any.
    static func entry(named name: String) -> Entry? {
        table.first { $0.name == name }
    }

    /// The names of the rules in this set, in table order.
    var names: [String] { Self.table.filter { contains($0.rule) }.map(\.name) }

    /// `self` changed by a specification: comma-separated items, each `-name` (off),
    /// `+name` or `name` (on), `all` or `none` (every rule on or off), `discovery` (every
    /// discover-… rule), applied left to
    /// right. Spaces around items are ignored; an empty specification changes nothing.
    /// An unknown name is a usage error that lists the known ones.
    func applying(_ specification: String) throws(EigennameError) -> RuleSet {
        var rules = self
        for item in specification.split(separator: ",") {
            var item = Substring(item)
            while item.first == " " { item.removeFirst() }
            while item.last == " " { item.removeLast() }
            if item.isEmpty { continue }
            if item == "all" { rules = .all; continue }
            if item == "none" { rules = []; continue }
            let on = !item.hasPrefix("-")
            let name = item.hasPrefix("-") || item.hasPrefix("+") ? String(item.dropFirst()) : String(item)
            if name == "discovery" {
                if on { rules.formUnion(.discovery) } else { rules.subtract(.discovery) }
                continue
            }
            guard let entry = Self.entry(named: name) else {
                throw .usage("unknown rule '\(name)' in '\(specification)'; known rules: "
                             + Self.table.map(\.name).joined(separator: ", ") + " (and all, none, discovery)")
            }
            if on { rules.insert(entry.rule) } else { rules.remove(entry.rule) }
        }
        return rules
    }

    /// The rules a run uses: all, changed by $EIGENNAME_RULES (`environment`), then by
    /// `--rules` (`option`), both in the syntax of `applying`.
    package static func resolve(environment: String?, option: String?) throws(EigennameError) -> RuleSet {
        var rules = RuleSet.all
        if let environment { rules = try rules.applying(environment) }
        if let option { rules = try rules.applying(option) }
        return rules
    }
}

/// The word lists of Recognition/ and Lexicon/ (.txt, embedded): one word per line, in
/// file order; `#` starts a comment line; blank lines and spaces around a word are ignored.
enum WordList {
    static func lines(_ bytes: [UInt8]) -> [[UInt8]] {
        var lines: [[UInt8]] = []
        for line in bytes.split(separator: UInt8(ascii: "\n")) {
            var word = ArraySlice(line.filter { $0 != UInt8(ascii: "\r") })
            while word.first == UInt8(ascii: " ") || word.first == UInt8(ascii: "\t") { word.removeFirst() }
            while word.last == UInt8(ascii: " ") || word.last == UInt8(ascii: "\t") { word.removeLast() }
            if word.isEmpty || word.first == UInt8(ascii: "#") { continue }
            lines.append(Array(word))
        }
        return lines
    }

    static func strings(_ bytes: [UInt8]) -> [String] {
        lines(bytes).map { String(decoding: $0, as: UTF8.self) }
    }
}
