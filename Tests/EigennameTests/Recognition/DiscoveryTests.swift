// Discovery: names that no lexicon row lists (Recognition/NameDiscovery.swift).
// Each rule: a sentence where it must find, and one where it must not. The lexicon
// and the language knowledge are given here (a few first names and nouns), so that
// the tests hold on a fresh clone without `make knowledge`. Firms and people are invented.

import Foundation
import Testing
@testable import Eigenname

@Suite("Discovery of unlisted names")
struct DiscoveryTests {
    static let tsv = """
        surface\ttype\tcanonical
        Xiaomi\tCOMPANY\tXiaomi
        BYD\tCOMPANY\tBYD
        Bosch\tCOMPANY\tBosch
        Seal\tMODEL\tBYD Seal
        Merkel\tPERSON\tMerkel

        """

    /// First names as the world list has them, and German nouns (with "Wolf" also a name).
    static var knowledge: LanguageKnowledge {
        var k = LanguageKnowledge.builtIn
        k.worldFirstNames = ["Petra": 6, "Anna": 9, "Hans": 8, "Jürgen": 7, "Clara": 6, "Sophie": 8, "Paul": 9,
                             "Angela": 8, "George": 9, "Wolf": 4, "Rose": 5, "Im": 1, "Ludwig": 6, "Xu": 3,
                             "Franz": 10, "Steffi": 5, "Elisabeth": 9, "Ali": 9, "Ice": 2, "Pille": 2, "Mark": 9,
                             "James": 10, "Tage": 3, "Jim": 8, "De": 4, "Maria-Elisabeth": 9]
        k.commonNouns = ["Hilfe", "Jahr", "Zukunft", "Wolf", "Rose", "Ende", "Spiel", "Verein", "Werk", "Roller", "Konzern",
                         "Graf", "Pille", "Mark", "Lehm", "Tag", "Erholung", "Gemeinde"]
        k.alsoPersonNames = ["Wolf", "Graf", "Pille"]
        return k
    }

    static let lexicon: CompiledLexicon = {
        try! LexiconCompiler(knowledge: knowledge).compile(LexiconFile.parse(Array(tsv.utf8), path: "user.tsv"))
    }()

    /// text/TYPE/source of every entity.
    static func found(_ text: String, discovery: Bool = true) -> [String] {
        try! Annotator(lexicon: lexicon, discovery: discovery).annotate(text: text).entities
            .map { "\($0.text)/\($0.type)/\($0.source.rawValue)" }
    }

    /// The same, with the ordinary words of `make knowledge` (here a few): rule
    /// discover-person-sentence-start needs them.
    static let lexiconWithOrdinaryWords: CompiledLexicon = {
        var k = knowledge
        k.ordinaryWords = ["Anders", "Interessant", "Zuvor", "Außerdem"]
        return try! LexiconCompiler(knowledge: k).compile(LexiconFile.parse(Array(tsv.utf8), path: "user.tsv"))
    }()

    static func foundWithOrdinaryWords(_ text: String) -> [String] {
        try! Annotator(lexicon: lexiconWithOrdinaryWords).annotate(text: text).entities
            .map { "\($0.text)/\($0.type)/\($0.source.rawValue)" }
    }

    static func canonicals(_ text: String) -> [String] {
        try! Annotator(lexicon: lexicon).annotate(text: text).entities.map { "\($0.text)=\($0.canonical)" }
    }

    // MARK: people

    @Test func aFirstNameAndASurnameAreAPerson() {
        #expect(Self.found("Gestern sprach Petra Lorenz vor dem Ausschuss.") == ["Petra Lorenz/PERSON/discovered"])
    }

    @Test func aSecondTitleIsNoFirstName() {
        // "Doktor" after "Frau" is a title too: the person is the surname alone.
        #expect(Self.found("Bei Frau Doktor Berger war ich in der Praxis.") == ["Berger/PERSON/discovered"])
    }

    @Test func aCompoundNounOrAnAdjectiveAfterVonDerIsNoSecondSurname() {
        // The place of work after "von der" is no part of the name.
        #expect(Self.found("Das sagte Sophie Brandauer von der Stadtgemeinde gestern.") == ["Sophie Brandauer/PERSON/discovered"])
        #expect(Self.found("Das meint Anna Kessler von der Hessischen Verbraucherzentrale.") == ["Anna Kessler/PERSON/discovered"])
    }

    @Test func aFirstNameThatIsANounsInflectedFormNeedsASurnameThatIsNoNoun() {
        // "Tage" is a Swedish first name and the plural of "Tag".
        #expect(Self.found("Wir hatten sieben Tage Erholung im Ferienhaus.") == [])
    }

    @Test func aCompanyNameHeadIsNoSurname() {
        // "Telecom" (company-name-heads.txt) after a first name names a firm, not a person.
        #expect(Self.found("Der Vertrag mit Jim Telecom läuft aus.") == ["Jim Telecom/COMPANY/discovered"])
    }

    @Test func anArticleOfAnotherLanguageIsNoFirstName() {
        // "De" (first-name-exceptions.txt) begins a Dutch paper's name.
        #expect(Self.found("Das berichtet die Zeitung De Volkskrant heute.") == [])
    }

    @Test func aRoleOrTitleStaysOutOfThePersonsSpan() {
        #expect(Self.found("Die Geschäftsführerin Petra Lorenz und Dr. Anna Berger unterschrieben.")
                == ["Petra Lorenz/PERSON/discovered", "Anna Berger/PERSON/discovered"])
    }

    @Test func hyphenatedFirstNamesAndParticlesBelongToTheName() {
        #expect(Self.found("Hans-Jürgen Meyer traf Clara van der Velde in Bremen.")
                == ["Hans-Jürgen Meyer/PERSON/discovered", "Clara van der Velde/PERSON/discovered"])
    }

    @Test func anInitialBetweenFirstNameAndSurnameBelongsToTheName() {
        #expect(Self.found("Damals regierte George W. Bush in Washington.") == ["George W. Bush/PERSON/discovered"])
    }

    @Test func aRoleBeforeASurnameAloneMakesItAPerson() {
        #expect(Self.found("Finanzvorständin Kessler verweist auf die Zahlen.") == ["Kessler/PERSON/discovered"])
        // Titles of other languages as German news keeps them.
        #expect(Self.found("Im Roman ermittelt Miss Brandauer allein.") == ["Brandauer/PERSON/discovered"])
        // A genitive after a role is a place's, no person.
        #expect(Self.found("Der Präsident Frankreichs reiste ab.") == [])
    }

    @Test func aCommonFirstNameAloneInsideASentenceIsAPerson() {
        #expect(Self.found("Danach fuhr sie mit Anna nach Hause.") == ["Anna/PERSON/discovered"])
        #expect(Self.found("Nur Paul und Sophie blieben.") == ["Paul/PERSON/discovered", "Sophie/PERSON/discovered"])
    }

    @Test func aSurnameThatIsAlsoAFirstNameIsAMentionOfTheFullName() {
        #expect(Self.canonicals("Gestern sprach Anna Paul. Danach kam Paul zurück.")
                == ["Anna Paul=Anna Paul", "Paul=Anna Paul"])
    }

    @Test func aFirstNameAloneIsNoPersonWhereItIsAWordOrAPlace() {
        // At a sentence start a capital tells nothing ("Anders ist es"); a rare name ("Petra": world
        // frequency 6 here), a noun ("Mark"), one after an article or a saint's "St." is none.
        #expect(Self.found("Anna kam spät.") == [])
        #expect(Self.found("Danach kam Petra spät.") == [])
        #expect(Self.found("Das kostet eine Mark mehr.") == [])
        #expect(Self.found("Die Kirche St. Paul brannte.") == [])
        #expect(Self.found("Sie taufte die Sophie im Hafen.") == [])
        // Before a number, a name is a model's ("sein Mercedes 208").
        #expect(Self.found("Danach kam Anna 2 auf den Markt.") == [])
    }

    @Test func theBareNounOfACompoundRoleIsARoleToo() {
        // "*präsident" ends "Bundespräsident"; "Präsident" alone is the same role.
        #expect(Self.found("Nachdem Präsident Kessler kam, sprach auch Bundespräsident Brandauer.")
                == ["Kessler/PERSON/discovered", "Brandauer/PERSON/discovered"])
    }

    @Test func theSpeakerAfterAVerbOfSayingIsAPerson() {
        #expect(Self.found("„Wir bauen aus“, sagte Brandauer.") == ["Brandauer/PERSON/discovered"])
        #expect(Self.found("„Wir bauen aus“, sagte Bremens Trainer.") == [])
    }

    @Test func aSurnameIsNoInflectedFormOfTheNounItStartsWith() {
        // "Lehmann" is no form of "Lehm": only real endings come off ("Werken" is one of "Werk").
        #expect(Self.found("„Wir bauen aus“, kritisierte Lehmann.") == ["Lehmann/PERSON/discovered"])
        #expect(Self.found("„Wir bauen aus“, kritisierte Werken.") == [])
    }

    @Test func anUnknownWordAtASentenceStartBeforeAFiniteVerbIsAPerson() {
        #expect(Self.foundWithOrdinaryWords("Kessler war lange im Vorstand. Danach wechselte er.")
                == ["Kessler/PERSON/discovered"])
        // Later the same surname is the same person.
        #expect(Self.foundWithOrdinaryWords("Brandauer gilt als streng. Nur Brandauer blieb.").count == 2)
        // An ordinary word, a noun or a word before no finite verb is none.
        #expect(Self.foundWithOrdinaryWords("Zuvor war er Trainer. Interessant ist das.") == [])
        // An inflected form of an ordinary word ("Interessant" + "eres": the list leaves those out).
        #expect(Self.foundWithOrdinaryWords("Interessanteres gibt es nicht.") == [])
        // An adjective the word lists lack, by its ending (adjective-suffixes.txt).
        #expect(Self.foundWithOrdinaryWords("Einwilligungsfähig ist, wer zustimmen kann.") == [])
    }

    @Test func swissSpellingOfAnOrdinaryWordIsNoPerson() {
        // "Ausserdem" is "Außerdem" as Swiss German writes it (ss for ß).
        #expect(Self.foundWithOrdinaryWords("Ausserdem ist das Personal sehr freundlich.") == [])
        #expect(Self.foundWithOrdinaryWords("Hilfe kam spät. Kessler und Berger kamen.") == [])
        // Without the ordinary words of `make knowledge` the rule cannot tell "Zuvor war" from "Kessler war".
        #expect(Self.found("Kessler war lange im Vorstand.") == [])
    }

    @Test func aFictionalCharacterIsNoPerson() {
        // ANNOTATION.md: real people only (fictional-characters.txt).
        #expect(Self.found("Der Wagen fuhr im Film an der Seite von James Bond.") == [])
        #expect(Self.found("Das war James Bonds Wagen.") == [])
        #expect(Self.found("Im Roman ermittelt Miss Marple allein.") == [])
        #expect(Self.found("Den Wagen fuhr James Berger.") == ["James Berger/PERSON/discovered"])
    }

    @Test func theSurnameAloneAndItsGenitiveLaterAreTheSamePerson() {
        let text = "Petra Lorenz leitet das Werk. Lorenz sagte, Lorenz’ Plan stehe. Bergers Plan nicht."
        #expect(Self.canonicals(text) == ["Petra Lorenz=Petra Lorenz", "Lorenz=Petra Lorenz", "Lorenz’=Petra Lorenz"])
    }

    @Test func theSurnameBeforeTheFullNameIsNoMention() {
        #expect(Self.found("Lorenz kommt. Dann sprach Petra Lorenz.") == ["Petra Lorenz/PERSON/discovered"])
    }

    @Test func ordinaryWordsAndPlacesAreNoFirstNames() {
        // "Im" is in the world list; function words are left out by rule.
        #expect(Self.found("Im Jahr 2020 wuchs der Umsatz.") == [])
        // "Rose" the flower is an ordinary noun; a noun that is also a name ("Wolf") needs a surname that is no noun.
        #expect(Self.found("Die Rose Hilfe blühte.") == [])
        #expect(Self.found("Der Wolf Hilfe kam.") == [])
        #expect(Self.found("Wolf Brandauer kam.") == ["Wolf Brandauer/PERSON/discovered"])
    }

    @Test func surnamesThatEndLikeARoleOrAreOneAreNamesAfterAFirstName() {
        // "-bauer" ends kinds of company ("Autobauer"), "Graf" is a title: after a first name both are surnames.
        #expect(Self.found("Die Übergabe durch Franz Beckenbauer gelang.") == ["Franz Beckenbauer/PERSON/discovered"])
        #expect(Self.found("Der Vergleich mit Steffi Graf schmeichelt ihr.") == ["Steffi Graf/PERSON/discovered"])
    }

    @Test func aSecondSurnameThatEndsTheNameBelongsToIt() {
        #expect(Self.found("Sie besiegte Clara Shmoulefeld Finer in drei Sätzen.") == ["Clara Shmoulefeld Finer/PERSON/discovered"])
        // Not after a genitive: "Heidi Klums Modelsuche".
        #expect(Self.found("Die Sendung folgt Clara Brandauers Modelsuche.") == ["Clara Brandauers/PERSON/discovered"])
    }

    @Test func aRegnalNumberBelongsToTheName() {
        #expect(Self.found("Damals besuchte Elisabeth II. die Stadt.") == ["Elisabeth II./PERSON/discovered"])
    }

    @Test func aParticleJoinedByAHyphenBelongsToTheSurname() {
        #expect(Self.found("Am Montag sagte Ölminister Ali al-Nuaimi nichts.") == ["Ali al-Nuaimi/PERSON/discovered"])
    }

    @Test func aWordInACompoundIsNoSurname() {
        // "Ice-T" is one name that no rule knows: not "Ice" after the role.
        #expect(Self.found("Sie sang mit dem Rapper Ice-T ein Lied.") == [])
    }

    @Test func aFirstNameThatIsANounTakesNoParticles() {
        // "Pille" (also a name) before "zu": the noun, no "Pille zu Robinho".
        #expect(Self.found("Er spielte die Pille zu Robinho weiter.") == [])
        // A common first name that is also a noun is a first name before a surname that is none.
        #expect(Self.found("Gestern sprach Mark Brandauer.") == ["Mark Brandauer/PERSON/discovered"])
    }

    @Test func aNameBeforeANameHeadIsNoPerson() {
        #expect(Self.found("Die Paul Brandauer Stiftung lädt ein.") == [])
        #expect(Self.found("Sie wohnt in der Ludwig-Brandauer-Straße.") == [])
    }

    @Test func aRareFirstNameRightAfterAnArticleBeginsNoPersonsName() {
        // "Clara" is a rare first name here (world frequency 6): after an article, a thing's name.
        #expect(Self.found("Er fuhr mit dem Clara Sprinter davon.") == [])
        // A common one ("Anna", 9) still begins a person's: "der Sohn der Anna Berger".
        #expect(Self.found("Er war der Sohn der Anna Berger.") == ["Anna Berger/PERSON/discovered"])
    }

    @Test func aListedSurnameAfterAFirstNameIsOneName() {
        // The row "Merkel" is a person's: the first name before it joins the name.
        #expect(Self.found("Damals sagte Angela Merkel nichts.") == ["Angela Merkel/PERSON/discovered"])
    }

    @Test func aListedFirstNameInsideANameTakesTheSurnameAfterIt() throws {
        // The row "Jürgen" is a person's, first names only: "Hans Jürgen Kessler" is one name.
        let tsv = "surface\ttype\tcanonical\nJürgen\tPERSON\tJürgen\n"
        let lexicon = try LexiconCompiler(knowledge: Self.knowledge).compile(LexiconFile.parse(Array(tsv.utf8), path: "user.tsv"))
        let entities = try Annotator(lexicon: lexicon).annotate(text: "Gestern sprach Hans Jürgen Kessler.").entities
        #expect(entities.map { "\($0.text)/\($0.source.rawValue)" } == ["Hans Jürgen Kessler/discovered"])
    }

    @Test func aListedCompanyAfterParticlesIsAFamilysName() {
        #expect(Self.found("Die Beraterin Sophie van den Bosch empfiehlt Geduld.") == ["Sophie van den Bosch/PERSON/discovered"])
        #expect(Self.found("Bosch baut Stellen ab.") == ["Bosch/COMPANY/lexicon"])
    }

    @Test func familyNameFirstIsTheMention() {
        let text = "Gegründet hat die Firma Xu Mingyuan. Xu hält noch Anteile."
        #expect(Self.canonicals(text) == ["Xu Mingyuan=Xu Mingyuan", "Xu=Xu Mingyuan"])
    }

    // MARK: companies

    @Test func capitalizedWordsBeforeALegalFormAreACompany() {
        #expect(Self.found("Die Nordwind Logistik AG wächst.") == ["Nordwind Logistik AG/COMPANY/discovered"])
        #expect(Self.found("Beim Werkzeugbauer Wendel & Söhne KG geht eine Ära zu Ende.")
                == ["Wendel & Söhne KG/COMPANY/discovered"])
        // "und Co." is no legal form's company.
        #expect(Self.found("Was Spurhalter und Co. leisten.") == [])
    }

    /// A lexicon row inside a legal form is part of the company's name: the model "Partner"
    /// (a van, valid only with its maker) in "Lindqvist & Partner" — found by a fuzzing
    /// corpus, where the two overlapped and stopped the run.
    @Test func aLexiconMatchInsideALegalFormBelongsToTheCompany() throws {
        let tsv = """
            surface\ttype\tcanonical\tid\tmaker\tflags
            Peugeot\tCOMPANY\tPeugeot\t\t\t
            Partner\tMODEL\tPartner\t\tPeugeot\trequires-maker,requires-context=Auto
            Škoda Auto\tCOMPANY\tŠkoda\t\t\t

            """
        let lexicon = try LexiconCompiler(knowledge: Self.knowledge).compile(LexiconFile.parse(Array(tsv.utf8), path: "user.tsv"))
        let text = "Škoda Auto beriet die Kanzlei Lindqvist & Partner."
        // Both ways: with tokens, and entities only (as a batch run: offsets counted as entities come).
        for needs in [AnnotationNeeds(), AnnotationNeeds(tokens: false)] {
            let found = try Annotator(lexicon: lexicon).annotate(SourceDocument(id: "d", text: text), needs: needs)
                .entities.map { "\($0.text)/\($0.type)/\($0.source.rawValue)" }
            #expect(found == ["Škoda Auto/COMPANY/lexicon", "Lindqvist & Partner/COMPANY/discovered"])
        }
    }

    @Test func aKindOfCompanyAfterAnArticleMakesTheNameACompany() {
        #expect(Self.found("Der Auftrag ging an den Zulieferer Brandauer.") == ["Brandauer/COMPANY/discovered"])
        #expect(Self.found("Das Berliner Start-up Frachtfink sammelt Geld.") == ["Frachtfink/COMPANY/discovered"])
        // An ordinary noun after the cue is none ("dem Unternehmen Zukunft", "die Firma Planungssicherheit").
        #expect(Self.found("Das gibt dem Unternehmen Zukunft.") == [])
        #expect(Self.found("So verschafft sich die Firma Planungssicherheit.") == [])
    }

    @Test func aCompanyNameHeadEndsACompanysName() {
        #expect(Self.found("Das Geld kommt von Kranich Capital.") == ["Kranich Capital/COMPANY/discovered"])
        // An acronym before it is the firm's own; a role is not.
        #expect(Self.found("Ferner baut 3S Swiss Solar Systems Anlagen.") == ["3S Swiss Solar Systems/COMPANY/discovered"])
        #expect(Self.found("Das sagte der CEO Kranich Capital.") == ["Kranich Capital/COMPANY/discovered"])
    }

    @Test func theCompanysFirstWordLaterIsTheSameCompany() {
        #expect(Self.canonicals("Die Nordwind Logistik AG wächst. Nordwind stellt ein.")
                == ["Nordwind Logistik AG=Nordwind Logistik AG", "Nordwind=Nordwind Logistik AG"])
    }

    // MARK: models

    @Test func aListedMakerAndAnUnlistedDesignationAreAModel() {
        #expect(Self.found("Xiaomi YU9 und BYD Seal 07 kommen.") == ["Xiaomi YU9/MODEL/discovered", "BYD Seal 07/MODEL/discovered"])
        #expect(Self.found("Das Xiaomi YU9-Modell kommt.") == ["Xiaomi YU9/MODEL/discovered"])
    }

    @Test func aYearOrACountedNounAfterAMakerIsNoDesignation() {
        #expect(Self.found("BYD 2024 wuchs.") == ["BYD/COMPANY/lexicon"])
        #expect(Self.found("BYD verkaufte 300 Autos.") == ["BYD/COMPANY/lexicon"])
    }

    @Test func aKindOfModelAfterAnArticleMakesTheNameAModel() {
        #expect(Self.found("Damals startete der Roller Kolibri.") == ["Kolibri/MODEL/discovered"])
    }

    // MARK: the lexicon and the switch

    @Test func aLexiconRowWinsOverADiscoveredSpan() {
        // "BYD Seal" is listed: a designation after it is added, the listed model is not replaced by a discovered company.
        #expect(Self.found("Der BYD Seal kommt.") == ["BYD Seal/MODEL/lexicon"])
    }

    @Test func withoutDiscoveryOnlyListedNamesAreFound() {
        #expect(Self.found("Petra Lorenz fährt einen Xiaomi YU9.", discovery: false) == ["Xiaomi/COMPANY/lexicon"])
    }

    @Test func theDiscoveredTypeIsTheLexiconsTypeOfThatRole() throws {
        // A lexicon whose people are "PER" (type-roles.txt maps it) gives discovered people that type;
        // one without people gives the first type of type-roles.txt with that role.
        #expect(Self.lexicon.discoveredType(.person) == "PERSON")
        let noPeople = try LexiconCompiler(knowledge: Self.knowledge).compile(
            LexiconFile.parse(Array("surface\ttype\tcanonical\nXiaomi\tCOMPANY\tXiaomi\n".utf8), path: "c.tsv"))
        #expect(noPeople.discoveredType(.person) == TypeRoleMap.standardTypeName(of: .person))
    }

    @Test func everyDiscoveryRuleCanBeSwitchedOff() throws {
        let rules = try RuleSet.all.applying("-discover-person-name")
        let annotator = try Annotator(lexicon: Self.lexicon, rules: rules)
        #expect(annotator.annotate(text: "Gestern sprach Petra Lorenz.").entities.isEmpty)
        #expect(try RuleSet.all.applying("-discovery").isDisjoint(with: .discovery))
    }
}

@Suite("The mention index of discovery")
struct MentionIndexTests {
    @Test func theNewestEntryOfAHashComesFirstAndPointsToTheOneBefore() {
        var index = EntityRecognizer.MentionIndex()
        #expect(index.newest(42) == -1)
        #expect(index.insert(42, entry: 0) == -1)
        #expect(index.insert(7, entry: 1) == -1)
        #expect(index.insert(42, entry: 2) == 0)  // the caller chains 2 → 0
        #expect(index.newest(42) == 2)
        #expect(index.newest(7) == 1)
    }

    @Test func thousandsOfKeysSurviveGrowingAndCollidingSlots() {
        // A long document names thousands; hashes that share their low bits land in one slot run.
        var index = EntityRecognizer.MentionIndex()
        for k in 0..<5000 { #expect(index.insert(k << 20, entry: Int32(k)) == -1) }
        #expect((0..<5000).allSatisfy { index.newest($0 << 20) == Int32($0) })
        #expect(index.newest(1) == -1)
    }
}

@Suite("The first-name filter of discovery")
struct NameWordFilterTests {
    static func mayContain(_ word: String) -> Bool {
        let bytes = Array(word.utf8)
        return bytes.withUnsafeBufferPointer { b in
            DiscoveryTests.lexicon.firstNameFilter.mayContain(b, readableEnd: b.baseAddress! + b.count)
        }
    }

    @Test func aCommonFirstNameMayBeOne() {
        #expect(Self.mayContain("Elisabeth"))
        #expect(Self.mayContain("Anna"))
    }

    @Test func aCommonFirstNameOfFifteenBytesOrMoreMayBeOne() {
        #expect(Array("Maria-Elisabeth".utf8).count == 15)
        #expect(Self.mayContain("Maria-Elisabeth"))
    }

    @Test func aWordLongerThanEveryNameIsSurelyNone() {
        // German compounds are often longer than sixteen bytes, where the filter hashes no more.
        #expect(!Self.mayContain("Bundesverfassungsgericht"))
    }

    @Test func theNameStartFilterHoldsFirstNamesRolesAndCues() {
        for word in ["Petra", "Jürgen", "Geschäftsführerin", "Zulieferer", "Roller", "Wolf"] {
            let bytes = Array(word.utf8)
            #expect(bytes.withUnsafeBufferPointer { DiscoveryTests.lexicon.nameStartFilter.mayContain($0, readableEnd: $0.baseAddress! + $0.count) },
                    "\(word)")
        }
    }

    @Test func thePackedTestAnswersAsTheByteTest() {
        let lexicon = DiscoveryTests.lexicon
        for word in ["Anna", "Elisabeth", "Jahr", "Hilfe", "Zukunft", "Petra", "Bundesverfassungsgericht", "Xu", "Österreich", "A"] {
            var bytes = Array(word.utf8)
            let n = bytes.count
            bytes += [UInt8](repeating: 0, count: 16)  // sixteen readable bytes after the word's start
            let key = bytes.withUnsafeBytes { PackedKey(low: $0.loadUnaligned(as: UInt64.self), high: $0.loadUnaligned(fromByteOffset: 8, as: UInt64.self)) }.prefix(n)
            for filter in [lexicon.firstNameFilter, lexicon.nameStartFilter] {
                let byBytes = bytes.withUnsafeBufferPointer { filter.mayContain(UnsafeBufferPointer(rebasing: $0[0..<n]), readableEnd: $0.baseAddress! + $0.count) }
                #expect(filter.mayContain(key, count: n) == (byBytes ? 1 : 0), "\(word)")
            }
        }
    }
}

@Suite("The capital codes of discovery: every test it skips would have failed")
struct CapitalCodeTests {
    /// A scan over `text` with the discovery tests' lexicon (no lexicon matches).
    static func withScan(_ text: String, _ body: (DiscoveryScan) -> Void) {
        let (normalized, tokens) = try! TextTokenizer().tokenize(Array(text.utf8), codePoints: false)
        let anyCase = [Int32](repeating: -1, count: tokens.count)
        normalized.bytes.withUnsafeBufferPointer { bytes in
            let shapes = tokens.map { t in
                t.kind == .word ? DiscoveryScan.shape(UnsafeBufferPointer(rebasing: bytes[Int(t.normalizedStart)..<Int(t.normalizedEnd)])) : 0
            }
            tokens.withUnsafeBufferPointer { tokens in
                anyCase.withUnsafeBufferPointer { anyCase in
                    shapes.withUnsafeBufferPointer { shapes in
                        let scan = DiscoveryScan(recognizer: EntityRecognizer(lexicon: DiscoveryTests.lexicon), tokens: tokens,
                                                 anyCase: anyCase, shapes: shapes, matches: [], text: bytes)
                        scan.computeCapitalCodes()
                        body(scan)
                    }
                }
            }
        }
    }

    static let text = """
        Die Geschäftsführerin Petra Lorenz sagte Kessler am Montag in Berlin, dass Anna und Hans-Jürgen Meyer \
        mit Clara von der Leyen das Start-up Frachtfink gründen. A. Wiegemann und Elisabeth II. kamen. \
        BMW baut Autos. Österreichs Über-Ich erklärte Paul. Kolb war da. „Sophie“ – Xu Li (Tage Erholung) Ende. \
        Die Kortmann & Hessel GmbH & Co. KG beliefert Qiantang Motors und die Nordwind Logistik AG.
        Mark
        """

    @Test func eachCodeBitHoldsWhereItsTestPasses() {
        Self.withScan(Self.text) { scan in
            #expect(scan.capitals.count > 30)
            // (Each test passes somewhere in the text: the expectations below are not empty.)
            #expect(scan.capitals.contains { scan.isFirstNameAlone(Int($0)) })
            #expect(scan.capitals.contains { scan.mayStartName(Int($0)) && scan.startClass(Int($0)) != 0 })
            #expect(scan.capitals.contains { scan.isSentenceStartSurname(Int($0)) })
            for (k, capital) in scan.capitals.enumerated() {
                let t = Int(capital), code = scan.capitalCodes[k]
                // A rule of discoverAt needs mayStartName and one of: a word class of the name-start
                // filter other than a function word's (a function word starts no name: discoverRules),
                // a cue's ending, a verb of saying or a cue's lower-case end before, an initial.
                let cueEnd = t >= 3 && scan.shapes[t - 1] == DiscoveryScan.Shape.lowercase && !scan.tokens[t - 1].spaceBefore && scan.isHyphen(t - 2)
                let speech = t > 0 && scan.shapes[t - 1] == DiscoveryScan.Shape.lowercase && scan.isSpeechVerb(t - 1)
                let cue = scan.suffixLists(t, among: SuffixList.roles.bit | SuffixList.modelCues.bit | SuffixList.companyCues.bit) != 0
                let startClass = scan.startClass(t) & NameWordFilter.nameStartClasses & ~NameWordClass.functionWord
                if scan.mayStartName(t) && (startClass != 0 || cue || speech || scan.isInitial(t) || cueEnd) {
                    #expect(code & DiscoveryScan.CapitalTests.rule != 0, "rule at \(t)")
                }
                if scan.isFirstNameAlone(t) { #expect(code & DiscoveryScan.CapitalTests.firstNameAlone != 0, "first name at \(t)") }
                if scan.isSentenceStartSurname(t) { #expect(code & DiscoveryScan.CapitalTests.sentenceStart != 0, "sentence at \(t)") }
                // discoverAt's company cue needs a cue's lower-case end before the word.
                if cueEnd { #expect(code & DiscoveryScan.CapitalTests.cueBefore != 0, "cue before \(t)") }
                // The legal-form loop looks after the word for a legal form, a head or "&" after a space.
                if t + 1 < scan.tokens.count, scan.tokens[t + 1].spaceBefore,
                   scan.mayStartLegalForm(t + 1) || scan.mayBeHeadOrAmpersand(t + 1) {
                    #expect(code & DiscoveryScan.CapitalTests.legalFormAfter != 0, "legal form after \(t)")
                }
            }
            // (Both pass somewhere in the text: "Start-up Frachtfink", "Hessel GmbH".)
            #expect(scan.capitals.contains { c in
                let t = Int(c)
                return t >= 3 && scan.shapes[t - 1] == DiscoveryScan.Shape.lowercase && !scan.tokens[t - 1].spaceBefore && scan.isHyphen(t - 2)
            })
            #expect(scan.capitals.contains { c in
                let t = Int(c) + 1
                return t < scan.tokens.count && scan.tokens[t].spaceBefore && scan.mayStartLegalForm(t)
            })
        }
    }

    @Test func theCapitalsWithACodeBitAreListedInOrder() {
        Self.withScan(Self.text) { scan in
            for bit in [DiscoveryScan.CapitalTests.legalFormAfter, DiscoveryScan.CapitalTests.rule, DiscoveryScan.CapitalTests.sentenceStart] {
                let expected = (0..<scan.capitals.count).filter { scan.capitalCodes[$0] & bit != 0 }
                #expect(!expected.isEmpty)
                #expect(Array(scan.capitals(withCode: bit)).map(Int.init) == expected)
            }
        }
    }

    @Test func aSentencesFirstArticleBeforeANounStartsNoRule() {
        Self.withScan("und es regnete. Der Umsatz stieg. Die Firma meldete Gewinne, im Jahr davor nicht. Im Werk ruht die Arbeit.") { scan in
            for (k, capital) in scan.capitals.enumerated() where scan.tables.functionWordTable.contains(scan.bytes(Int(capital))) {
                #expect(scan.capitalCodes[k] & DiscoveryScan.CapitalTests.rule == 0, "\(capital)")
            }
            #expect(scan.capitals.filter { scan.tables.functionWordTable.contains(scan.bytes(Int($0))) }.count == 3)
        }
    }

    @Test func theNameStartFilterLeavesOutFunctionWords() {
        for word in ["Die", "Der", "Das", "Im", "Auch", "Nach"] {
            let bytes = Array(word.utf8) + [UInt8](repeating: 0, count: 16)
            #expect(!bytes.withUnsafeBufferPointer {
                DiscoveryTests.lexicon.nameStartFilter.mayContain(UnsafeBufferPointer(rebasing: $0[0..<word.utf8.count]), readableEnd: $0.baseAddress! + $0.count)
            }, "\(word)")
        }
    }

    @Test func nounsBetweenShortLowerCaseWordsGetNoCode() {
        // (A longer lower-case word before a noun may be a verb of saying, a short one after it a
        // name particle, "der", "von": there the rule bit is set and the rules decide.)
        Self.withScan("wir haben im Jahr mit Hilfe im Werk oft im Spiel nie gesehen") { scan in
            #expect(scan.capitals.count == 4)
            for k in 0..<scan.capitals.count { #expect(scan.capitalCodes[k] == 0) }
        }
    }
}

@Suite("Word shapes for discovery")
struct WordShapeTests {
    /// The shape from the case masks of an ASCII word is the shape from its bytes.
    @Test func theShapeFromCaseMasksIsTheShapeFromTheBytes() {
        for word in ["Lorenz", "lorenz", "BMW", "W.", "A", "a", "McCain", "ID.5", "3S", "Q1", "ABc", "KG", "x", "-", "Mr.", "GmbH", "e.V.", "ABCDEFGHIJK", "AbcdefghiJK", "A1234567890B", "Deutschlandfunk",
                     "BMWs", "Z", "Za", "aZ", "@a", "[a", "A-", "O'Neill", "iPhone", "eBay", "SAP-Chef", "Ab"] {
            let bytes = Array(word.utf8) + [UInt8](repeating: 0, count: 16)
            let fromBytes = bytes.withUnsafeBufferPointer { DiscoveryScan.shape(UnsafeBufferPointer(rebasing: $0[0..<word.utf8.count])) }
            let packed = bytes.withUnsafeBufferPointer { KeyFolder.packASCII($0, start: 0, count: word.utf8.count) }!
            let (_, upper, lower) = KeyFolder.foldPackedASCII(packed)
            #expect(DiscoveryScan.shape(upper: upper, lower: lower, count: word.utf8.count, kind: .word) == fromBytes, "\(word)")
            #expect(DiscoveryScan.shape(upper: upper, lower: lower, count: word.utf8.count, kind: .number) == DiscoveryScan.Shape.other)
        }
    }
}

@Suite("PackedKey")
struct PackedKeyTests {
    @Test func aPrefixKeepsTheFirstBytesAndZeroesTheRest() {
        let bytes: [UInt8] = Array("Geschäftsführung".utf8)  // 18 bytes
        let full = bytes.withUnsafeBytes { PackedKey(low: $0.loadUnaligned(as: UInt64.self), high: $0.loadUnaligned(fromByteOffset: 8, as: UInt64.self)) }
        for n in 0...20 {
            let p = full.prefix(n)
            for i in 0..<16 { #expect(p.byte(i) == (i < n ? bytes[i] : 0), "byte \(i) of prefix \(n)") }
        }
    }
}

@Suite("The word-end lists' first test")
struct WordEndTests {
    /// Every word of a list and every compound that ends in one of its suffixes passes the
    /// quick test of its last bytes: the test only says "surely not".
    @Test func everyWordAndCompoundOfAListPassesTheQuickTest() {
        let trie = DiscoveryLists.standardWordEnds
        for (k, set) in DiscoveryLists.standard.suffixSets.enumerated() {
            let list = SuffixList(rawValue: UInt8(k))!
            for (entry, isWord) in set.allEntries {
                let word = isWord ? entry : Array("Vorstands".utf8) + entry
                let passes = word.withUnsafeBytes { $0.count < 2 || trie.mayEnd($0, in: list) }
                #expect(passes, "\(String(decoding: word, as: UTF8.self)) in list \(k)")
                #expect(word.withUnsafeBytes { trie.lists(of: $0) } & list.bit != 0, "\(String(decoding: word, as: UTF8.self))")
                // In capitals ("VORSTANDSCHEF"): where the walk finds the list, the quick test lets it through.
                let capitals = word.map { $0 >= 0x61 && $0 <= 0x7A ? $0 - 0x20 : $0 }
                if capitals.withUnsafeBytes({ trie.lists(of: $0) }) & list.bit != 0 {
                    #expect(capitals.withUnsafeBytes { $0.count < 2 || trie.mayEnd($0, in: list) }, "\(String(decoding: capitals, as: UTF8.self))")
                }
            }
        }
    }

    @Test func mostNounsFailTheQuickTest() {
        let trie = DiscoveryLists.standardWordEnds
        let nouns = ["Regierung", "Zukunft", "Jahr", "Hilfe", "Ende", "Spiel", "Woche", "Stadt", "Bahnhof", "Haus"]
        let passing = nouns.filter { Array($0.utf8).withUnsafeBytes { trie.mayEnd($0, inAnyOf: SuffixList.roles.bit | SuffixList.companyCues.bit) } }
        #expect(passing.count <= 2, "\(passing)")
    }
}
