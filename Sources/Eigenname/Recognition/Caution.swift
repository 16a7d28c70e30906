// Recognition, step 3c: rows that the language knowledge makes cautious
// (LanguageKnowledge: a row without flags whose surface is an ordinary German word,
// "Golf", "Welt", "Allianz"), and units after numbers. Each is a mechanism; the
// words come from data files (units.txt, number-words.txt, type-cues.txt, the
// common nouns), see Lexicons/README.md, "Language knowledge".
//
// Rules of the table in RecognitionRules.swift: cautious-evidence (all of what follows
// but units), bare-noun-model, maker-model-corroboration, unit-after-number. "COMPANY"
// and "MODEL" below stand for the roles maker and product (type-roles.txt).
//
// A cautious match counts only with evidence, the first of:
//  - its entity was named earlier in the document by a row that is not cautious
//    ("VW … Volkswagen", "Die Welt … Welt");
//  - a type cue of its type right before it (an opening quote may stand between),
//    right after it, or as the head of its hyphenated compound: "der Autobauer
//    Mini", "Allianz Versicherung", "Golf-Modell", "Spiegel-Verlag";
//  - for a MODEL, a model cue anywhere in its sentence ("Der Golf ist ein Kompaktwagen",
//    "kaum ein Auto");
//  - quotes of its own, as titles are written: der „Spiegel“ (opening-quotes.txt, closing-quotes.txt);
//  - a neighbouring name: the previous match ends right before it (a space, or
//    "und", "oder", "sowie", "bis", a comma, a slash or "&" between (connectors.txt); a hyphen when the
//    compound goes on: "Renault-Nissan-Allianz" gives Nissan, not the head Allianz), or
//    a lexicon name starts right after it ("Nissan Leaf", "Volkswagen und BMW");
//  - the same evidence once in the document: then all its mentions count;
//  - checked when the document is done (`finish`): its entity named anywhere in the
//    document by a row that is not cautious, or, for a MODEL with a maker (the maker
//    column, or inferred from the canonical), its maker, like `requires-maker`; for a
//    COMPANY, a model of its own in the document (maker and model are evidence for
//    each other: "Volkswagen baut den Golf").
//    A MODEL counts so only as a noun with a determiner before it (determiners.txt;
//    "der neue Golf", "vom Polo"): used bare ("Wer Golf spielt", "der Sport Golf") or
//    as the first part of a compound ("einem Polo-Turnier") it is the ordinary word.
// A unit row (no flags, surface in units.txt) does not count right after a number
// or a number word ("3 Tesla", "zehn Volt"), or right before "pro" or "je" (per-words.txt);
// its genitive does ("seit 2022 Teslas Fabrik").
//
// All of this runs only on a candidate match of such a row: other tokens pay nothing.

extension EntityRecognizer {
    /// The unit rule: entry `e` is a unit written right after a number or a number word,
    /// or right before "pro" or "je" ("Siemens pro Meter").
    func isMeasure(_ e: EntryRecord, isGenitive: Bool, first: Int, last: Int, _ c: Context) -> Bool {
        guard e.flags.contains(.unit), !isGenitive, rules.contains(.unitAfterNumber) else { return false }
        if first > 0 && c.tokens[first].spaceBefore
            && (c.tokens[first - 1].kind == .number || hasVocabularyFlag(first - 1, VocabularyFlags.numberWord, c)) {
            return true
        }
        return last + 1 < c.tokens.count && c.tokens[last + 1].spaceBefore
            && Self.perWords.contains { $0.elementsEqual(lowercased(last + 1, c)) }
    }

    private static let perWords = WordList.lines(PackageResources.per_words_txt)

    /// Whether the name over `first...last` stands without a determiner before it (up to
    /// two lower-case words, adjectives, may come between: "den neuen Golf"), or begins a
    /// compound ("Polo-Turnier", whose determiner is the compound's).
    func isBareNoun(first: Int, last: Int, _ c: Context) -> Bool {
        let tokens = c.tokens
        if last + 2 < tokens.count && !tokens[last + 1].spaceBefore && isHyphen(last + 1, c) && !tokens[last + 2].spaceBefore {
            return true
        }
        var t = first - 1
        var adjectives = 0
        while t >= 0 && tokens[t + 1].spaceBefore && tokens[t].kind == .word {
            let word = lowercased(t, c)
            if Self.determiners.contains(word) { return false }
            guard adjectives < 2, let initial = tokenBytes(t, c).first, initial >= 0x61 && initial <= 0x7A else { return true }
            adjectives += 1
            t -= 1
        }
        return true
    }

    private static let determiners = SentenceSplitter.dataLines(PackageResources.determiners_txt)

    /// Whether a cautious match of `e` over `first...last` has evidence of its own, here
    /// (the document-wide rules are the caller's and `finish`'s).
    func hasEvidence(_ e: EntryRecord, first: Int, last: Int, _ c: Context) -> Bool {
        let tokens = c.tokens
        let cue: UInt8 = e.roles.contains(.maker) ? VocabularyFlags.companyCue
            : e.roles.contains(.product) ? VocabularyFlags.modelCue : 0
        let hyphenAfter = last + 2 < tokens.count && !tokens[last + 1].spaceBefore && !tokens[last + 2].spaceBefore
            && isHyphen(last + 1, c)
        if cue != 0 {
            // Before: "der Autobauer Mini", "die Zeitung „Welt“", "der Sportwagenhersteller Lotus".
            var before = first - 1
            if before >= 0 && !tokens[first].spaceBefore && isOpeningQuote(before, c) { before -= 1 }
            if before >= 0 && tokens[before + 1].spaceBefore && isCue(before, cue, c) { return true }
            // After, with a space ("Spiegel Verlag", "Volkswagens Batterietochter") or as the
            // compound's head ("Golf-Modell").
            if last + 1 < tokens.count && tokens[last + 1].spaceBefore && isCue(last + 1, cue, c) { return true }
            if hyphenAfter && isCue(last + 2, cue, c) { return true }
        }
        // A model: a model cue anywhere in its sentence ("Der neue Golf ist ein Kompaktwagen").
        if cue == VocabularyFlags.modelCue {
            let sentence = c.sentences.sentence(holding: first) ?? 0..<tokens.count
            if sentence.contains(where: { ($0 < first || $0 > last) && hasVocabularyFlag($0, cue, c) }) { return true }
        }
        // In quotes of its own, as titles are written: der „Spiegel“ (also with spaces inside
        // the quotes, as tokenized corpora write them: „ Spiegel “).
        if first > 0 && last + 1 < tokens.count && tokens[first].spaceBefore == tokens[last + 1].spaceBefore
            && isOpeningQuote(first - 1, c) && isClosingQuote(last + 1, c) { return true }
        // A neighbouring name before: the previous match, after a space, a connector, or a
        // hyphen when the compound goes on ("Renault-Nissan-Allianz": Nissan, not the head Allianz).
        let previous = c.previousMatchLast
        if previous >= 0 && previous == first - 1 && tokens[first].spaceBefore { return true }
        if previous >= 0 && previous == first - 2 && isConnector(first - 1, c) { return true }
        if previous >= 0 && previous == first - 2 && !tokens[first].spaceBefore && !tokens[first - 1].spaceBefore
            && isHyphen(first - 1, c) && hyphenAfter { return true }
        // After: a lexicon name starts there.
        if last + 1 < tokens.count && tokens[last + 1].spaceBefore && startsName(last + 1, c) { return true }
        if last + 2 < tokens.count && isConnector(last + 1, c) && startsName(last + 2, c) { return true }
        return false
    }

    /// Token `t` is a type cue of this kind: one of type-cues.txt, or a compound that ends in
    /// one of its longer words ("Batterietochter", "Sportwagenhersteller").
    private func isCue(_ t: Int, _ cue: UInt8, _ c: Context) -> Bool {
        if hasVocabularyFlag(t, cue, c) { return true }
        guard c.tokens[t].kind == .word else { return false }
        let word = lowercased(t, c)
        let endings = cue == VocabularyFlags.companyCue ? Self.compoundCues.company : Self.compoundCues.model
        return endings.contains { word.count > $0.count + 2 && word.suffix($0.count).elementsEqual($0) }
    }

    /// The cues of five letters or more, lowercase, that also end compounds: a maker's and a product's
    /// (by the roles of the cue's type, as the compiler flags them).
    private static let compoundCues: (company: [[UInt8]], model: [[UInt8]]) = {
        func words(_ isOfKind: (TypeRoles) -> Bool) -> [[UInt8]] {
            LanguageKnowledge.builtIn.cues.filter {
                isOfKind(TypeRoleMap.standard.roles(of: $0.type)) && $0.word.count >= 5 && $0.word.allSatisfy(\.isLetter)
            }.map { Array($0.word.lowercased().utf8) }
        }
        return (words { $0.contains(.maker) }, words { !$0.contains(.maker) && $0.contains(.product) })
    }()

    /// Token `t`'s bytes with ASCII capitals lowered (umlauts stay: the cues are lowercase after the first letter).
    private func lowercased(_ t: Int, _ c: Context) -> [UInt8] {
        tokenBytes(t, c).map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 32 : $0 }
    }

    @inline(__always)
    func hasVocabularyFlag(_ t: Int, _ flag: UInt8, _ c: Context) -> Bool {
        let id = c.anyCase[t]
        return id >= 0 && lexicon.vocabularyFlags[Int(id)] & flag != 0
    }

    /// Token `t` starts some lexicon entry (written in any case).
    private func startsName(_ t: Int, _ c: Context) -> Bool {
        hasVocabularyFlag(t, VocabularyFlags.startsEntry, c)
    }

    private func tokenBytes(_ t: Int, _ c: Context) -> ArraySlice<UInt8> {
        c.text.bytes[Int(c.tokens[t].normalizedStart)..<Int(c.tokens[t].normalizedEnd)]
    }

    /// "und", "oder", "sowie", "bis", ",", "/", "&" between two names: connectors.txt.
    private func isConnector(_ t: Int, _ c: Context) -> Bool {
        let b = tokenBytes(t, c)
        return Self.connectors.contains { $0.elementsEqual(b) }
    }

    private static let connectors = WordList.lines(PackageResources.connectors_txt)

    /// “ " » « ‘ ' ’ as a token of its own after a name: closing-quotes.txt.
    private func isClosingQuote(_ t: Int, _ c: Context) -> Bool {
        let b = tokenBytes(t, c)
        return Self.closingQuotes.contains { $0.elementsEqual(b) }
    }

    /// „ " « » “ ‚ ' ‘ as a token of its own before a name: opening-quotes.txt.
    private func isOpeningQuote(_ t: Int, _ c: Context) -> Bool {
        let b = tokenBytes(t, c)
        return Self.openingQuotes.contains { $0.elementsEqual(b) }
    }

    private static let closingQuotes = WordList.lines(PackageResources.closing_quotes_txt)
    private static let openingQuotes = WordList.lines(PackageResources.opening_quotes_txt)
}
