// Recognition: one behaviour per test, on German sentences.

import Testing
@testable import Eigenname

@Suite("Recognition")
struct RecognitionTests {
    // MARK: Genitive and apostrophe forms

    @Test func genitiveSIsPartOfTheSpan() {
        #expect(Fixtures.entities("Er sei monatelang Xiaomis SU7-Modell gefahren.") == ["Xiaomis/COMPANY", "SU7/MODEL"])
    }

    /// The genitive "s" is read from the text, on both sides of eight bytes: "Fords"
    /// (its key in one word), "Volkswagens" (in two).
    @Test func genitiveOfNamesShortAndLongerThanEightBytes() {
        #expect(Fixtures.entities("Fords und Volkswagens Pläne.") == ["Fords/COMPANY", "Volkswagens/COMPANY"])
    }

    @Test func genitiveOfAllCapsAcronym() {
        #expect(Fixtures.entities("BMWs neue Klasse kommt 2025.") == ["BMWs/COMPANY"])
    }

    @Test func genitiveAtSentenceStart() {
        #expect(Fixtures.entities("Fords umfassendere Strategie") == ["Fords/COMPANY"])
    }

    @Test func apostropheGenitiveWithTypographicApostrophe() {
        #expect(Fixtures.entities("Ford’s Pläne in Europa") == ["Ford’s/COMPANY"])
    }

    @Test func apostropheGenitiveWithAsciiApostrophe() {
        #expect(Fixtures.entities("Ford's Pläne in Europa") == ["Ford's/COMPANY"])
    }

    @Test func genitiveOfPersonName() {
        #expect(Fixtures.entities("Jim Farleys Aussagen überraschten.") == ["Jim Farleys/PERSON"])
    }

    // MARK: Hyphenated compounds

    @Test func compoundGivesOnlyTheModelName() {
        #expect(Fixtures.entities("Das SU7-Modell verkauft sich gut.") == ["SU7/MODEL"])
    }

    @Test func compoundGivesOnlyTheCompanyName() {
        #expect(Fixtures.entities("Der Ford-Chef äußerte sich.") == ["Ford/COMPANY"])
    }

    @Test func coordinatedCompoundGivesBothNamesWithoutTheHyphen() {
        let doc = Fixtures.annotate("Ford- und Xiaomi-Modelle")
        #expect(doc.entities.map(\.text) == ["Ford", "Xiaomi"])
        #expect(doc.entities.map(\.end) == [4, 16])
    }

    @Test func compoundWithMultiwordPersonName() {
        #expect(Fixtures.entities("Die Elon-Musk-Biografie erschien 2023.") == ["Elon-Musk/PERSON"])
    }

    @Test func titleBeforeNameInCompoundStaysOut() {
        #expect(Fixtures.entities("Ford-CEO Jim Farley sprach in Detroit.") == ["Ford/COMPANY", "Jim Farley/PERSON"])
    }

    // MARK: Names with hyphens, spaces, digits, dots

    @Test func multiwordCompanyNameIsOneSpan() {
        #expect(Fixtures.entities("Die Ford Motor Company hat Gespräche geführt.") == ["Ford Motor Company/COMPANY"])
    }

    @Test func nameWithHyphenStaysWhole() {
        #expect(Fixtures.entities("Mercedes-Benz und Rolls-Royce melden Zahlen.")
            == ["Mercedes-Benz/COMPANY", "Rolls-Royce/COMPANY"])
    }

    @Test func hyphenatedNameInsideACompound() {
        #expect(Fixtures.entities("Der Mercedes-Benz-Chef kündigte an") == ["Mercedes-Benz/COMPANY"])
    }

    @Test func modelWithSpaceAndHyphen() {
        #expect(Fixtures.entities("Der Mustang Mach-E ist elektrisch.") == ["Mustang Mach-E/MODEL"])
    }

    @Test func modelWithDot() {
        #expect(Fixtures.entities("Der ID.3 war ein Start.") == ["ID.3/MODEL"])
    }

    @Test func modelWithDotDoesNotMatchAcrossASpace() {
        #expect(Fixtures.entities("Die ID. 3 Kunden warten.") == [])
    }

    @Test func modelWithHyphenDigitsAndSpace() {
        #expect(Fixtures.entities("Der F-150 Lightning ist ein Pick-up.") == ["F-150 Lightning/MODEL"])
    }

    @Test func modelWithDigitAfterSpace() {
        #expect(Fixtures.entities("Das Model 3 bleibt gefragt.") == ["Model 3/MODEL"])
    }

    @Test func lowercaseModelName() {
        #expect(Fixtures.entities("Der e-tron GT fährt vor.") == ["e-tron GT/MODEL"])
    }

    @Test func personNameWithHyphen() {
        #expect(Fixtures.entities("Laut Hans-Jürgen Meyer steigt der Absatz.") == ["Hans-Jürgen Meyer/PERSON"])
    }

    // MARK: Case, umlauts and ß

    @Test func allCapsHeadline() {
        #expect(Fixtures.entities("FORD ERKUNDET PARTNERSCHAFT MIT XIAOMI") == ["FORD/COMPANY", "XIAOMI/COMPANY"])
    }

    @Test func lowercaseWordDoesNotMatchCapitalizedName() {
        #expect(Fixtures.entities("die ford-Werke") == [])
    }

    @Test func umlautSpelledOutFindsUmlautEntry() {
        #expect(Fixtures.entities("Matthias Mueller trat zurück.") == ["Matthias Mueller/PERSON"])
    }

    @Test func umlautEntryFoundInAllCaps() {
        #expect(Fixtures.entities("MATTHIAS MÜLLER TRITT ZURÜCK") == ["MATTHIAS MÜLLER/PERSON"])
    }

    @Test func sharpSFindsDoubleSEntry() {
        #expect(Fixtures.entities("Franz Josef Strauß war Politiker.") == ["Franz Josef Strauß/PERSON"])
    }

    @Test func doubleSFindsSharpSEntry() {
        let lexicon = try! LexiconCompiler().compile([LexiconEntry(surface: "Franz Josef Strauß", type: "PERSON")])
        #expect(Fixtures.entities("Franz Josef Strauss war Politiker.", lexicon: lexicon) == ["Franz Josef Strauss/PERSON"])
    }

    // MARK: Short forms after the full name

    @Test func surnameAfterFullNameIsAPerson() {
        #expect(Fixtures.entities("Jim Farley ist CEO. Farley sagte, er sei zufrieden.")
            == ["Jim Farley/PERSON", "Farley/PERSON"])
    }

    @Test func surnameBeforeAnyFullNameIsNothing() {
        #expect(Fixtures.entities("Farley sagte, er sei zufrieden.") == [])
    }

    @Test func explicitShortFormForFamilyNameFirst() {
        #expect(Fixtures.entities("Lei Jun gründete Xiaomi. Lei sagte, das Auto sei fertig.")
            == ["Lei Jun/PERSON", "Xiaomi/COMPANY", "Lei/PERSON"])
    }

    @Test func surnameInGenitiveAfterFullName() {
        #expect(Fixtures.entities("Jim Farley kam. Farleys Rede war kurz.") == ["Jim Farley/PERSON", "Farleys/PERSON"])
    }

    // MARK: Spans per ANNOTATION.md

    @Test func titleStaysOutOfPersonSpan() {
        #expect(Fixtures.entities("Dr. Herbert Diess leitete VW.") == ["Herbert Diess/PERSON", "VW/COMPANY"])
    }

    @Test func quotesStayOutOfTheSpan() {
        #expect(Fixtures.entities("Laut „Financial Times“ gab es Gespräche.") == ["Financial Times/COMPANY"])
    }

    @Test func longestMatchWinsOverContainedName() {
        #expect(Fixtures.entities("Harrison Ford fährt keinen Ford.") == ["Harrison Ford/PERSON", "Ford/COMPANY"])
    }

    @Test func makerAndModelAreOneModelSpan() {
        let doc = Fixtures.annotate("Der Xiaomi SU7 kostet weniger als das Tesla Model 3.")
        #expect(doc.entities.map { "\($0.text)/\($0.type)/\($0.canonical)" }
            == ["Xiaomi SU7/MODEL/Xiaomi SU7", "Tesla Model 3/MODEL/Tesla Model 3"])
    }

    @Test func makerShortFormAndModelAreOneModelSpan() {
        #expect(Fixtures.entities("Der VW ID.3 war ein Start.") == ["VW ID.3/MODEL"])
    }

    @Test func makerAndModelJoinedByAHyphenAreOneModelSpan() {
        // As "Fiat-500" matches the entry "Fiat 500" whole (ANNOTATION.md rules 4 and 6).
        #expect(Fixtures.entities("Die Xiaomi-SU7-Käufer und die VW-ID.3-Fahrer trafen sich.")
            == ["Xiaomi-SU7/MODEL", "VW-ID.3/MODEL"])
    }

    @Test func genitiveMakerIsNotMergedWithTheModel() {
        #expect(Fixtures.entities("Xiaomis SU7 verkauft sich.") == ["Xiaomis/COMPANY", "SU7/MODEL"])
    }

    @Test func canonicalNameComesFromTheLexicon() {
        let doc = Fixtures.annotate("VW meldet Zahlen.")
        #expect(doc.entities.first?.canonical == "Volkswagen")
    }

    @Test func modelThatIsAlsoAWordNeedsItsMaker() {
        #expect(Fixtures.entities("Er spielt gern Golf.") == [])
        #expect(Fixtures.entities("VW baut den Golf seit 1974.") == ["VW/COMPANY", "Golf/MODEL"])
    }

    @Test func typesComeFromTheLexicon() {
        let lexicon = try! LexiconCompiler().compile([LexiconEntry(surface: "Bundeskartellamt", type: "AUTHORITY")])
        #expect(Fixtures.entities("Das Bundeskartellamt prüft.", lexicon: lexicon) == ["Bundeskartellamt/AUTHORITY"])
    }

    @Test func derivedWordWithoutHyphenIsNoSpan() {
        #expect(Fixtures.entities("Die fordsche Strategie und teslaähnliche Autos") == [])
    }
}

extension RecognitionTests {
    @Test func compoundWithModelNameEndingInANumber() {
        #expect(Fixtures.entities("Viele Model-3-Fahrer laden zu Hause.") == ["Model-3/MODEL"])
    }

    @Test func inflectedAdjectiveInACompanyNameStaysInTheSpan() throws {
        let lexicon = try LexiconCompiler().compile([LexiconEntry(surface: "Deutsche Bank", type: "COMPANY"),
                                                     LexiconEntry(surface: "Süddeutsche Zeitung", type: "COMPANY")])
        #expect(Fixtures.entities("Bei der Deutschen Bank und laut der Süddeutschen Zeitung", lexicon: lexicon)
            == ["Deutschen Bank/COMPANY", "Süddeutschen Zeitung/COMPANY"])
    }
}

extension RecognitionTests {
    @Test func punctuationIsNeverAShortForm() throws {
        let lexicon = try LexiconCompiler().compile([LexiconEntry(surface: "Andreas R .", type: "PERSON")])
        #expect(Fixtures.entities("Andreas R . kam. Dann ging er .", lexicon: lexicon) == ["Andreas R ./PERSON"])
    }
}

extension RecognitionTests {
    @Test func capitalizedWordDoesNotMatchAnAcronym() throws {
        let lexicon = try LexiconCompiler().compile([LexiconEntry(surface: "ABS", type: "COMPANY"),
                                                     LexiconEntry(surface: "BMW", type: "COMPANY")])
        #expect(Fixtures.entities("Nach § 133 Abs. 2 baut ABS Bremsen, BMWs Werk auch.", lexicon: lexicon)
            == ["ABS/COMPANY", "BMWs/COMPANY"])
    }
}

// MARK: Grammar rules for every entry (GrammarRules.swift)

extension RecognitionTests {
    static func plainLexicon(_ rows: [(String, String)]) throws -> CompiledLexicon {
        try LexiconCompiler().compile(rows.map { LexiconEntry(surface: $0.0, type: $0.1) })
    }

    @Test func monthNameThatIsAlsoANameMatchesOutsideADate() throws {
        let lexicon = try Self.plainLexicon([("März", "COMPANY")])
        #expect(Fixtures.entities("Der Verlag März druckt das Buch.", lexicon: lexicon) == ["März/COMPANY"])
    }

    @Test func monthNameInADateIsTheMonth() throws {
        let lexicon = try Self.plainLexicon([("März", "COMPANY")])
        #expect(Fixtures.entities("Am 30. März wurde gebaut, im März gefeiert, und seit März 1996 gefahren.", lexicon: lexicon) == [])
    }

    @Test func genitiveSBeforeAHyphenIsALinkingS() throws {
        let lexicon = try Self.plainLexicon([("Union", "COMPANY")])
        #expect(Fixtures.entities("Das Unions-Personal steht fest, die Union-Spitze auch.", lexicon: lexicon) == ["Union/COMPANY"])
    }

    @Test func personNameAfterAGenitiveArticleIsACommonNoun() throws {
        let lexicon = try Self.plainLexicon([("Müller", "PERSON")])
        #expect(Fixtures.entities("Die Mühle des Müllers steht still, Müllers Plan nicht.", lexicon: lexicon) == ["Müllers/PERSON"])
    }

    @Test func companyNameAfterAGenitiveArticleKeepsItsS() throws {
        let lexicon = try Self.plainLexicon([("Spiegel", "COMPANY")])
        #expect(Fixtures.entities("Die Redaktion des Spiegels berichtet.", lexicon: lexicon) == ["Spiegels/COMPANY"])
    }

    @Test func wordAfterASingleLetterAndAHyphenIsNoName() throws {
        let lexicon = try Self.plainLexicon([("Bahn", "COMPANY")])
        #expect(Fixtures.entities("Die S-Bahn und der U-Bahn-Tunnel sind fertig, sagt die Bahn-Chefin.", lexicon: lexicon)
            == ["Bahn/COMPANY"])
    }

    @Test func nameAfterANounForAPlaceIsThatPlace() throws {
        let lexicon = try Self.plainLexicon([("Tucson", "MODEL"), ("Portofino", "MODEL")])
        #expect(Fixtures.entities("Der Tucson ist nach der Stadt Tucson benannt, der Portofino nach dem Hafenort Portofino.",
                                  lexicon: lexicon) == ["Tucson/MODEL", "Portofino/MODEL"])
    }

    @Test func singleLetterBeforeAHyphenIsNoName() throws {
        let lexicon = try Self.plainLexicon([("A", "PERSON")])
        #expect(Fixtures.entities("Die A-Jugend gewann, die F/A-18 flog vorbei, und Frau A kaufte ein Kostüm.", lexicon: lexicon)
            == ["A/PERSON"])
    }

    @Test func wordAfterANumberAndAHyphenIsTheCountedNoun() throws {
        let lexicon = try Self.plainLexicon([("Mann", "PERSON")])
        #expect(Fixtures.entities("Der Trainer hat einen 22-Mann-Kader. Den Roman schrieb Mann in Lübeck.", lexicon: lexicon)
            == ["Mann/PERSON"])
    }

    @Test func companyBeforeAHyphenAndANumberIsPartOfAModelDesignation() throws {
        let lexicon = try Self.plainLexicon([("Audi", "COMPANY"), ("Porsche", "COMPANY")])
        #expect(Fixtures.entities("Der A6 beendete die Audi-100-Ära, Porsche-718-Fahrer jubeln, und Audi baut weiter.",
                                  lexicon: lexicon) == ["Audi/COMPANY"])
    }

    @Test func companyBeforeAHyphenAndAModelNumberTheLexiconListsJoinsIt() throws {
        // The maker before its model is part of the designation (rule 6), also without a maker column.
        let lexicon = try Self.plainLexicon([("Porsche", "COMPANY"), ("911", "MODEL")])
        #expect(Fixtures.entities("Die Porsche-911-Fahrer treffen sich.", lexicon: lexicon) == ["Porsche-911/MODEL"])
    }

    @Test func lowerCaseArticleIsNotTheStartOfAName() throws {
        // "von der Leyen" puts a lower-case "der" into the vocabulary, as in the default lexicons.
        let lexicon = try Self.plainLexicon([("Der Standard", "COMPANY"), ("Standard", "COMPANY"),
                                             ("Ursula von der Leyen", "PERSON")])
        #expect(Fixtures.entities("Das ist der Standard der Branche, schreibt Der Standard.", lexicon: lexicon)
            == ["Standard/COMPANY", "Der Standard/COMPANY"])
    }

    @Test func nameWrittenInLowerCaseKeepsItsArticle() throws {
        let lexicon = try Self.plainLexicon([("die puppen", "COMPANY")])
        #expect(Fixtures.entities("Das Ehepaar firmiert unter die puppen und tourt mit dem Stück.", lexicon: lexicon)
            == ["die puppen/COMPANY"])
    }

    @Test func personInTheNameOfATownIsNoEntity() throws {
        let lexicon = try Self.plainLexicon([("Brand", "PERSON")])
        #expect(Fixtures.entities("Die Bahn fährt von Brand-Erbisdorf nach Freiberg, sagt Brand.", lexicon: lexicon)
            == ["Brand/PERSON"])
    }

    @Test func companyNameAsTheHeadOfACompoundIsTheCommonNoun() throws {
        let lexicon = try Self.plainLexicon([("Arena", "COMPANY")])
        #expect(Fixtures.entities("Die Osnatel-Arena ist voll, die Arena-Betreiber freuen sich.", lexicon: lexicon)
            == ["Arena/COMPANY"])
    }

    @Test func nameAfterAPrefixAndAHyphenStaysAName() throws {
        let lexicon = try Self.plainLexicon([("Siemens", "COMPANY")])
        #expect(Fixtures.entities("Der Ex-Siemens wechselt, sagt die Osnatel-Siemens nicht.", lexicon: lexicon)
            == ["Siemens/COMPANY"])
    }

    @Test func nameAfterAnotherNameInACompoundStaysAName() throws {
        let lexicon = try Self.plainLexicon([("Renault", "COMPANY"), ("Nissan", "COMPANY")])
        #expect(Fixtures.entities("Die Renault-Nissan-Allianz und die Renault-Nissan wachsen.", lexicon: lexicon)
            == ["Renault/COMPANY", "Nissan/COMPANY", "Renault/COMPANY", "Nissan/COMPANY"])
    }

    @Test func longestOfManyNestedEntriesWins() throws {
        // Twenty entries, each the one before plus a word: more candidate ends than fit on the stack.
        let words = ["Gesellschaft", "für", "Elektromobilität", "und", "Batterietechnik", "in", "Nord", "Süd", "Ost", "West",
                     "Europa", "Asien", "Amerika", "Afrika", "Holding", "Beteiligungen", "Verwaltung", "Service", "Logistik", "AG"]
        let names = (1...words.count).map { words.prefix($0).joined(separator: " ") }
        let lexicon = try Self.plainLexicon(names.map { ($0, "COMPANY") })
        #expect(Fixtures.entities("Die " + names[19] + " und die " + names[16] + " melden Zahlen.", lexicon: lexicon)
            == [names[19] + "/COMPANY", names[16] + "/COMPANY"])
    }

    @Test func namesInScriptsAboveTheTabulatedCodePointsMatch() throws {
        // CJK and Hangul are classified and folded by asking ICU each time, not from the start-up tables.
        let lexicon = try Self.plainLexicon([("小米", "COMPANY"), ("현대", "COMPANY"), ("Ｆｏｒｄ", "COMPANY")])
        #expect(Fixtures.entities("Xiaomi (小米) und Hyundai (현대) zeigen Autos, daneben ＦＯＲＤ.", lexicon: lexicon)
            == ["小米/COMPANY", "현대/COMPANY", "ＦＯＲＤ/COMPANY"])
    }

    @Test func personInTheNameOfAStreetOrPlaceIsNoEntity() throws {
        let lexicon = try Self.plainLexicon([("Henry Ford", "PERSON"), ("Ford", "COMPANY"), ("Carl Benz", "PERSON")])
        // Nor is the company name inside it: the street's name covers both words.
        #expect(Fixtures.entities("Die Ford-Werke liegen an der Henry-Ford-Straße in Köln.", lexicon: lexicon)
            == ["Ford/COMPANY"])
        #expect(Fixtures.entities("Im Carl-Benz-Stadion in Mannheim, Henry-Ford-Str. 1, sprach niemand über Carl Benz.",
                                  lexicon: lexicon) == ["Carl Benz/PERSON"])
    }

    @Test func surnameAfterTheFullNameInTheNameOfAPlaceIsNoEntity() throws {
        let lexicon = try Self.plainLexicon([("Carl Benz", "PERSON")])
        #expect(Fixtures.entities("Carl Benz baute den Motorwagen. Heute spielt man im Benz-Stadion, Benz wäre erstaunt.",
                                  lexicon: lexicon) == ["Carl Benz/PERSON", "Benz/PERSON"])
    }

    @Test func placeWordAsTheEndOfACompoundMakesAPlaceName() throws {
        let lexicon = try Self.plainLexicon([("Robert Bosch", "PERSON")])
        #expect(Fixtures.entities("Das Robert-Bosch-Krankenhaus und die Robert-Bosch-Grundschule.", lexicon: lexicon) == [])
    }

    @Test func personInACompoundThatIsNoPlaceStaysAPerson() throws {
        let lexicon = try Self.plainLexicon([("Elon Musk", "PERSON")])
        #expect(Fixtures.entities("Die Elon-Musk-Biografie und der Elon-Musk-Weggefährte.", lexicon: lexicon)
            == ["Elon-Musk/PERSON", "Elon-Musk/PERSON"])
    }

    @Test func companyInTheNameOfAPlaceStaysACompany() throws {
        // A sponsor's name: the company is meant.
        let lexicon = try Self.plainLexicon([("Mercedes-Benz", "COMPANY")])
        #expect(Fixtures.entities("Das Spiel in der Mercedes-Benz-Arena ist ausverkauft.", lexicon: lexicon)
            == ["Mercedes-Benz/COMPANY"])
    }

    @Test func modelAsTheHeadOfACompoundStaysAModel() throws {
        let lexicon = try Self.plainLexicon([("Polo", "MODEL")])
        #expect(Fixtures.entities("Den Verbrenner-Polo gibt es weiter.", lexicon: lexicon) == ["Polo/MODEL"])
    }

    @Test func nameStartingWithAnOrdinalMatchesWithAndWithoutACueWordBefore() throws {
        let lexicon = try Self.plainLexicon([("1. FC Köln", "COMPANY")])
        #expect(Fixtures.entities("Gegen den 1. FC Köln verlor der Verein, Gastgeber 1. FC Köln gewann.", lexicon: lexicon)
            == ["1. FC Köln/COMPANY", "1. FC Köln/COMPANY"])
    }

    // MARK: One annotator, many documents

    /// An annotator keeps step 1's arrays from one document to the next (EntityRecognizer.KeyBuffers):
    /// a short document after a long one, and the long one again, find what fresh annotators find.
    @Test func documentsInTurnFindWhatFreshAnnotatorsFind() throws {
        // (A word left over from "Die Ford Motor Company" at the same place would make "Ford sagte Company" one name.)
        let long = String(repeating: "Die Ford Motor Company, VW, Lei Jun und Jim Farley sprachen über das SU7-Modell. ", count: 40)
        // (A discovered person's surname counts alone only in the document that named the person:
        // "Lorenz" after the first text is no person.)
        // (A model that needs its maker counts only in a document that names the maker, and a short
        // form only after its full name: "Golf" and "Lei" after the long text are no names.)
        let texts = [long, "Die Ford sagte Company ab.", long, "Der Golf fährt.", long, "Lei sagte nichts.",
                     "BMWs neue Klasse kommt.", long, "Fords Pläne.",
                     "Geschäftsführerin Petra Lorenz bestätigte das. Lorenz sagte, Ford liefere.", "Lorenz sagte nichts.",
                     "Ein Satz ohne Namen."]
        let annotator = try Annotator(lexicon: Fixtures.lexicon)
        for text in texts {
            let reused = annotator.annotate(text: text).entities
            #expect(reused == Fixtures.annotate(text).entities)
            #expect(!reused.isEmpty || ["Ein Satz", "Lorenz sagte", "Der Golf", "Lei sagte"].contains { text.hasPrefix($0) })
        }
    }

    // MARK: Word lists of the grammar rules

    /// The place and family nouns are asked about as capitalized words: short ones through the
    /// packed set, those of more than sixteen bytes ("Universitätsstadt") through the set of long ones.
    @Test func nounSetsFindCapitalizedNounsOfEveryLength() {
        func has(_ set: EntityRecognizer.NounSet, _ word: String) -> Bool { set.contains(capitalized: ArraySlice(Array(word.utf8))) }
        let places = EntityRecognizer.placeNounSet, families = EntityRecognizer.familyNounSet
        #expect(has(places, "Stadt") && has(places, "Hafenort") && has(places, "Universitätsstadt"))
        #expect(has(families, "Familie") && has(families, "Industriellenfamilie") && has(families, "Eigentümerfamilien"))
        #expect(!has(places, "stadt") && !has(places, "STADT") && !has(places, "Städte") && !has(places, "Stad"))
        #expect(!has(families, "Familienunternehmen") && !has(families, "Ämter"))
    }
}
