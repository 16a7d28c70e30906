// Recognition, step 3b: rules from German grammar that hold for every lexicon
// entry, flags or not (a user's plain TSV has none). Each rule says where a
// word the lexicon lists is not that name. Each is an entry of the table in
// RecognitionRules.swift (its name in brackets), which a run can switch off; a
// rule for some types asks for a role of type-roles.txt (person, maker, product),
// never a type's name; the words are data (.txt files beside this one):
//
//  - Dates [dates]: a month name after a day or "im", or before a year, is the month
//    ("am 30. März 1996", "im März": before-month.txt), whatever the lexicon lists as "März".
//  - Linking s [linking-s]: a genitive form never comes right before a hyphen; an "s"
//    there is the linking s of a compound ("Unions-Personal"), and a name
//    inside a compound is written bare (ANNOTATION.md rule 4: "Tesla-Konkurrent").
//  - A person's name takes no genitive "s" after an article (genitive-articles.txt)
//    [person-genitive-after-article]: "des Kaisers",
//    "eines Müllers" are the emperor's, a miller's ("das Leben des jungen
//    Goethe", Duden). Companies keep it ("des Hessischen Rundfunks").
//  - The last part of a hyphenated compound is its head, the thing it names [compound-head]:
//    "Osnatel-Arena" is an arena, "Bega-Kraftwerk" a power plant, so a
//    company or person name there is the common noun, unless the part before
//    it is a name too ("Renault-Nissan") or a prefix ("Ex-Siemens",
//    "Anti-Trump": compound-prefixes.txt). Products are not affected: a model is
//    often named with a modifier before it ("Verbrenner-Polo").
//  - A single letter and a hyphen make one word [single-letter-hyphen] with what follows ("S-Bahn",
//    "U-Boot", "E-Auto", "T-Shirt"): the word after them is no name there, and
//    the letter is none either ("A-Jugend", "F/A-18").
//  - A word in lower case after a hyphen [lowercase-after-hyphen] is the end of a compound ("Pick-up",
//    "Start-up"), not a name the lexicon writes in lower case ("up").
//  - A number and a hyphen [number-hyphen] make a measure with what follows ("22-Mann-Kader",
//    "3-Liter-Motor"): the word after them is the counted noun (not a product).
//  - A maker's name with a hyphen and a number after it [maker-number] is the maker's part
//    of a model designation ("Audi-100-Ära"; rule 6): not the company. Where
//    the number is a lexicon name ("Porsche-911-Fahrer", MODEL "911"), the
//    company stays, and step 4 makes both one MODEL "Porsche-911".
//  - A lower-case article (articles.txt) [lowercase-article] is the article, not the first word of a name the
//    lexicon lists with it ("der Standard" is the standard, "Der Standard" the
//    newspaper; rule 3: articles stay out). The match may still start after it.
//    A name the lexicon writes in lower case keeps it ("die puppen", a label).
//  - A person's name in the hyphenated name of a street, place, institution or
//    town [place-name] ("Henry-Ford-Straße", "Carl-Benz-Stadion", "Robert-Bosch-Krankenhaus",
//    "Brand-Erbisdorf") is part of that name, which is not annotated (places
//    and institutions are not types; rule 7: the longest name wins). The last
//    parts that make such a name are data: place-words.txt. Companies stay: a
//    sponsor's name in "Mercedes-Benz-Arena" is the company. (This rule is
//    `placeNameEnd`: it skips the whole name rather than refusing one entry.)
//  - A name right after a noun for a place [place-noun] is that place's name ("nach der
//    Stadt Tucson", "dem ligurischen Hafenort Portofino"), and one right after a
//    noun for a family [family-noun] a family's or a person's, no company ("der Familien Porsche
//    und Piëch", "Familie Jakob Becker"). The nouns are data: place-nouns.txt,
//    family-nouns.txt.
//
// They run only on a candidate match, so they cost nothing on other tokens.

/// The last parts of names of streets, places and institutions (place-words.txt).
struct PlaceWords: Sendable {
    /// Words that match whole ("weg", "preis").
    let words: Set<String>
    /// Words that also match as the end of a compound ("straße": "Hauptstraße").
    let endings: [String]

    static let standard: PlaceWords = {
        var words = Set<String>()
        var endings: [String] = []
        for line in SentenceSplitter.dataLines(PackageResources.place_words_txt) {
            let word = String(decoding: line, as: UTF8.self)
            if word.hasPrefix("*") {
                endings.append(String(word.dropFirst()))
                words.insert(String(word.dropFirst()))
            } else {
                words.insert(word)
            }
        }
        return PlaceWords(words: words, endings: endings)
    }()

    func matches(_ lowercased: String) -> Bool {
        words.contains(lowercased) || endings.contains { lowercased.hasSuffix($0) }
    }
}

extension EntityRecognizer {
    /// Whether the grammar rules above let entry `e` match tokens `first...last`.
    /// Each rule below is one bullet of the list above, in the same order
    /// (the place-name bullet is `placeNameEnd`).
    func grammarAllows(_ e: EntryRecord, isGenitive: Bool, first: Int, last: Int, _ c: Context) -> Bool {
        let tokens = c.tokens
        let isPerson = e.roles.contains(.person), isModel = e.roles.contains(.product)
        let isCompany = e.roles.contains(.maker)
        // Hyphens written without spaces around them join the match to its neighbours.
        let hyphenBefore = first >= 2 && !tokens[first].spaceBefore && !tokens[first - 1].spaceBefore && isHyphen(first - 1, c)
        let hyphenNext = last + 1 < tokens.count && !tokens[last + 1].spaceBefore && isHyphen(last + 1, c)  // also "Ford- und"
        let hyphenAfter = hyphenNext && last + 2 < tokens.count && !tokens[last + 2].spaceBefore

        // Dates.
        if first == last, isMonth(first, c), rules.contains(.dates) {
            if first > 0 && (tokens[first - 1].kind == .number
                             || Self.beforeMonth.contains(where: { tokenIs(first - 1, $0, c) })) { return false }
            if last + 1 < tokens.count && tokens[last + 1].kind == .number { return false }
        }
        // Linking s.
        if isGenitive && hyphenNext && rules.contains(.linkingS) { return false }
        // A person's genitive after an article.
        if isGenitive && first > 0 && tokens[first].spaceBefore
            && Self.articlesBeforeGenitive.contains(where: { tokenIs(first - 1, $0, c) }) && isPerson
            && rules.contains(.personGenitiveAfterArticle) {
            return false
        }
        // The head of a compound.
        if hyphenBefore && tokens[first - 2].kind == .word && !isName(first - 2, c) && !isPrefix(first - 2, c)
            && !hyphenNext && !isModel && rules.contains(.compoundHead) {
            return false
        }
        // A single letter and a hyphen: neither the word after them nor the letter.
        if hyphenBefore && isSingleLetter(first - 2, c)
            && (first == 2 || tokens[first - 2].spaceBefore || tokens[first - 3].kind != .word && !isHyphen(first - 3, c))
            && rules.contains(.singleLetterHyphen) {
            return false
        }
        if first == last && hyphenAfter && isSingleLetter(first, c) && rules.contains(.singleLetterHyphen) { return false }
        // A lower-case word after a hyphen ends the compound it is in.
        if hyphenBefore && first == last && tokens[first - 2].kind == .word, let initial = bytes(first, c).first,
           initial >= 0x61 && initial <= 0x7A, rules.contains(.lowercaseAfterHyphen) {
            return false
        }
        // A number and a hyphen.
        if hyphenBefore && tokens[first - 2].kind == .number && !isModel && rules.contains(.numberHyphen) { return false }
        // A company, a hyphen and a number that is no lexicon name.
        if hyphenAfter && tokens[last + 2].kind == .number && !isName(last + 2, c) && isCompany
            && rules.contains(.makerNumber) { return false }
        // A lower-case article before a name the lexicon writes with a capital one
        // (the compiler keeps the surface of names that start with an article).
        if first < last, Self.articles.contains(where: { bytes(first, c).elementsEqual($0) }),
           let initial = lexicon.surfaces[e.surface].first, initial >= 0x41 && initial <= 0x5A,
           rules.contains(.lowercaseArticle) {
            return false
        }
        // A noun for a place right before.
        if first > 0 && tokens[first].spaceBefore && isPlaceNoun(first - 1, c) && rules.contains(.placeNoun) { return false }
        // A noun for a family right before: a family's or a person's name, no company or model.
        if first > 0 && tokens[first].spaceBefore && isFamilyNoun(first - 1, c) && !isPerson
            && rules.contains(.familyNoun) { return false }
        return true
    }

    /// For a PERSON entry matched up to token `last`: if the hyphenated word goes on
    /// and ends in a word of place-words.txt ("-Straße" in "Henry-Ford-Straße",
    /// "-Gedächtnis-Kirche"), the token where that name ends; else nil.
    func placeNameEnd(_ entryID: Int32, last: Int, _ c: Context) -> Int? {
        let tokens = c.tokens
        guard last + 2 < tokens.count, !tokens[last + 1].spaceBefore, isHyphen(last + 1, c),
              !tokens[last + 2].spaceBefore, tokens[last + 2].kind == .word,
              lexicon.entry(entryID).roles.contains(.person), rules.contains(.placeName) else { return nil }
        var end = last + 2
        while end + 2 < tokens.count && !tokens[end + 1].spaceBefore && isHyphen(end + 1, c)
            && !tokens[end + 2].spaceBefore && tokens[end + 2].kind == .word {
            end += 2
        }
        var word = String(decoding: bytes(end, c), as: UTF8.self).lowercased()
        if word.hasSuffix(".") { word.removeLast() }  // "Henry-Ford-Str."
        return PlaceWords.standard.matches(word) ? end : nil
    }

    /// Token `t` is a noun of place-nouns.txt ("Stadt", "Hafenort"), capitalized as nouns are.
    private func isPlaceNoun(_ t: Int, _ c: Context) -> Bool {
        let b = bytes(t, c)
        guard c.tokens[t].kind == .word, b.count >= 3, b.count <= Self.longestPlaceNoun else { return false }
        return Self.placeNounSet.contains(capitalized: b)
    }

    static let placeNouns = SentenceSplitter.dataLines(PackageResources.place_nouns_txt)
    static let longestPlaceNoun = placeNouns.map(\.count).max() ?? 0
    static let placeNounSet = NounSet(placeNouns)

    /// Token `t` is a noun of family-nouns.txt ("Familie", "Familien"), capitalized as nouns are.
    private func isFamilyNoun(_ t: Int, _ c: Context) -> Bool {
        let b = bytes(t, c)
        guard c.tokens[t].kind == .word, b.count >= 4, b.count <= Self.longestFamilyNoun else { return false }
        return Self.familyNounSet.contains(capitalized: b)
    }

    static let familyNouns = SentenceSplitter.dataLines(PackageResources.family_nouns_txt)
    static let longestFamilyNoun = familyNouns.map(\.count).max() ?? 0
    static let familyNounSet = NounSet(familyNouns)

    /// Lower-case nouns, asked about as capitalized: a packed set for the words of up to sixteen
    /// bytes (no array made, no hash of an array, no reference count per test: the grammar rules
    /// ask at every match), the few longer ones in a set of their own.
    struct NounSet: Sendable {
        private let short: PackedWordSet
        private let long: Set<[UInt8]>

        init(_ nouns: Set<[UInt8]>) {
            short = PackedWordSet(Array(nouns.filter { $0.count <= 16 }))
            long = nouns.filter { $0.count > 16 }
        }

        /// Whether `word` ("Stadt") is a noun of the set ("stadt") with its first letter (A–Z) capitalized.
        func contains(capitalized word: ArraySlice<UInt8>) -> Bool {
            guard let initial = word.first, initial >= 0x41 && initial <= 0x5A else { return false }
            guard word.count <= 16 else { return long.contains([initial + 32] + word.dropFirst()) }
            var key = PackedKey(low: 0, high: 0)
            for (k, b) in word.enumerated() {
                if k < 8 { key.low |= UInt64(b) << UInt64(k * 8) } else { key.high |= UInt64(b) << UInt64(k * 8 - 64) }
            }
            key.low += 32  // the first byte, A–Z, to lower case
            return short.contains(packed: key)
        }
    }

    /// Token `t` starts a lexicon entry ("Renault" in "Renault-Nissan").
    private func isName(_ t: Int, _ c: Context) -> Bool {
        let id = c.anyCase[t]
        return id >= 0 && lexicon.vocabularyFlags[Int(id)] & VocabularyFlags.startsEntry != 0
    }

    /// Prefixes before a hyphen that leave the name the head ("Ex-Siemens", "Anti-Trump"): compound-prefixes.txt.
    static let prefixes = WordList.lines(PackageResources.compound_prefixes_txt)

    private func isPrefix(_ t: Int, _ c: Context) -> Bool {
        Self.prefixes.contains(where: { tokenIs(t, $0, c) })
    }

    /// Definite articles, lower case as written mid-sentence (compared case-sensitively): articles.txt.
    static let articles = WordList.lines(PackageResources.articles_txt)

    /// The genitive articles and determiners ("des Kaisers", "eines Müllers"): genitive-articles.txt.
    static let articlesBeforeGenitive = WordList.lines(PackageResources.genitive_articles_txt)

    /// Words after which a month name is the month ("im März"): before-month.txt.
    static let beforeMonth = WordList.lines(PackageResources.before_month_txt)

    private func bytes(_ t: Int, _ c: Context) -> ArraySlice<UInt8> {
        c.text.bytes[Int(c.tokens[t].normalizedStart)..<Int(c.tokens[t].normalizedEnd)]
    }

    /// Token `t` is `word` (ASCII, lowercase), in any case.
    /// (A loop, not `zip`: the zip's iterator type costs a run-time metadata lookup.)
    private func tokenIs(_ t: Int, _ word: [UInt8], _ c: Context) -> Bool {
        let b = bytes(t, c)
        guard b.count == word.count else { return false }
        var k = 0
        for byte in b {
            if (byte >= 0x41 && byte <= 0x5A ? byte + 32 : byte) != word[k] { return false }
            k += 1
        }
        return true
    }

    func isHyphen(_ t: Int, _ c: Context) -> Bool {
        let b = bytes(t, c)
        return b.count == 1 && b.first == UInt8(ascii: "-")
    }

    private func isSingleLetter(_ t: Int, _ c: Context) -> Bool {
        guard c.tokens[t].kind == .word else { return false }
        let word = String(decoding: bytes(t, c), as: UTF8.self)
        return word.count == 1 && word.first!.isLetter
    }

    private func isMonth(_ t: Int, _ c: Context) -> Bool {
        let b = bytes(t, c)
        return b.count >= 3 && b.count <= 10 && b.withUnsafeBufferPointer { Self.months.contains($0) }
    }

    /// The month names as written (all of at most sixteen bytes: PackedWordSet).
    private static let months = PackedWordSet(Array(SentenceSplitter.standard.months))
}
