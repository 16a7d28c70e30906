// Tokenization and sentence splitting on German text.

import Testing
@testable import Eigenname

@Suite("Tokenization")
struct TokenizationTests {
    private func tokens(_ text: String) -> [String] {
        let doc = Fixtures.annotate(text)
        return doc.tokens.map { Fixtures.slice(text, Int($0.start), Int($0.end)) }
    }

    private func sentences(_ text: String) -> [String] {
        let doc = Fixtures.annotate(text)
        return doc.sentences.map { Fixtures.slice(text, $0.span.start, $0.span.end) }
    }

    @Test func numbersWithThousandsSeparatorAndDecimalCommaAreOneToken() {
        #expect(tokens("1.000 Autos für 3,5 Mrd. Euro") == ["1.000", "Autos", "für", "3,5", "Mrd.", "Euro"])
    }

    @Test func hyphenIsItsOwnToken() {
        #expect(tokens("SU7-Modell") == ["SU7", "-", "Modell"])
    }

    @Test func tokenKindsAreWordNumberPunctuationSymbol() {
        let doc = Fixtures.annotate("Ford: 42 € !")
        #expect(doc.tokens.map(\.kind) == [.word, .punctuation, .number, .symbol, .punctuation])
    }

    @Test func whitespaceSetsSpaceBefore() {
        let doc = Fixtures.annotate("Ford-Chef sagt")
        #expect(doc.tokens.map(\.spaceBefore) == [false, false, false, true])
    }

    @Test func sentenceEndsAtPeriodBeforeCapital() {
        #expect(sentences("Ford wächst. Xiaomi auch.") == ["Ford wächst.", "Xiaomi auch."])
    }

    @Test func noSentenceEndAfterZB() {
        #expect(sentences("Hersteller wie z. B. Ford wachsen. Andere nicht.")
            == ["Hersteller wie z. B. Ford wachsen.", "Andere nicht."])
    }

    @Test func noSentenceEndAfterDr() {
        #expect(sentences("Das sagte Dr. Herbert Diess. Er lachte.") == ["Das sagte Dr. Herbert Diess.", "Er lachte."])
    }

    @Test func noSentenceEndAfterNrMioMrdBzwCa() {
        #expect(sentences("Werk Nr. 3 kostet ca. 2 Mio. Euro bzw. 0,1 Mrd. Dollar. Fertig.").count == 2)
    }

    @Test func noSentenceEndAfterUA() {
        #expect(sentences("Es kamen u. a. Ford und BMW. Dann ging es los.").count == 2)
    }

    @Test func noSentenceEndInOrdinalDate() {
        #expect(sentences("Am 24. November beginnt die Messe. Ford ist dabei.")
            == ["Am 24. November beginnt die Messe.", "Ford ist dabei."])
    }

    @Test func noSentenceEndAfterOrdinalBeforeNoun() {
        #expect(sentences("Im 3. Quartal stieg der Absatz.").count == 1)
    }

    @Test func noSentenceEndAfterInitial() {
        #expect(sentences("Laut Jim F. Farley läuft es gut.").count == 1)
    }

    @Test func sentenceEndsAfterYear() {
        #expect(sentences("Das Werk öffnete 2024. Dann kam der Boom.").count == 2)
    }

    @Test func questionAndExclamationEndSentences() {
        #expect(sentences("Kommt der SU7? Ja! Sicher.").count == 3)
    }

    @Test func closingQuoteBelongsToTheSentence() {
        #expect(sentences("Er sagte: „Das ist falsch.“ Dann ging er.") == ["Er sagte: „Das ist falsch.“", "Dann ging er."])
    }

    @Test func blankLineEndsAHeadline() {
        #expect(sentences("Warum das wichtig ist\n\nDer Schritt signalisiert viel.")
            == ["Warum das wichtig ist", "Der Schritt signalisiert viel."])
    }

    @Test func singleLineBreakDoesNotEndASentence() {
        #expect(sentences("Der Schritt signalisiert\neine Wende.").count == 1)
    }

    @Test func abbreviationListIsData() {
        #expect(SentenceSplitter.standard.abbreviations.contains(Array("z.B.".utf8)))
        #expect(SentenceSplitter.standard.abbreviations.contains(Array("Nr.".utf8)))
    }
}

extension TokenizationTests {
    @Test func modelDesignationWithDigitsIsAWord() {
        let doc = Fixtures.annotate("Der SU7 und 2025")
        #expect(doc.tokens.map(\.kind) == [.word, .word, .word, .number])
    }
}

extension TokenizationTests {
    /// A word before a period is tested against the abbreviations only where one of its
    /// first byte and length exists: "Vgl." (a lowercase abbreviation capitalized), "u.a."
    /// (several parts) still are; "Regierung." and "Jahr." end sentences.
    @Test func abbreviationFilterKeepsAbbreviationsAndEndsSentences() {
        #expect(tokens("Vgl. u.a. Jahr.") == ["Vgl.", "u.a.", "Jahr", "."])
        #expect(sentences("Er kam aus der Regierung. Dann ging er. Vgl. dazu Nr. 5.")
            == ["Er kam aus der Regierung.", "Dann ging er.", "Vgl. dazu Nr. 5."])
    }

    @Test func abbreviationPeriodIsPartOfTheToken() {
        #expect(tokens("Dr. Müller, z. B. Nr. 5") == ["Dr.", "Müller", ",", "z.", "B.", "Nr.", "5"])
    }

    @Test func ordinalPeriodIsPartOfTheToken() {
        #expect(tokens("am 24. November") == ["am", "24.", "November"])
    }

    @Test func sentenceFinalSmallNumberKeepsItsPeriodApart() {
        #expect(tokens("Er fährt ein Model 3. Dann") == ["Er", "fährt", "ein", "Model", "3", ".", "Dann"])
    }

    @Test func smallNumberStartingASentenceIsAListLabel() {
        let text = "Das Gericht entschied. 2. Soziale Bewegungen leiten daraus ihre Legitimation ab."
        #expect(sentences(text) == ["Das Gericht entschied.", "2. Soziale Bewegungen leiten daraus ihre Legitimation ab."])
        #expect(tokens("4. Die Auffassung gilt.") == ["4.", "Die", "Auffassung", "gilt", "."])
    }

    @Test func smallNumberAfterAnAbbreviationIsNoListLabel() {
        // The period of "Nr." ends no sentence, so "3" does not start one: "3." ends it.
        #expect(sentences("Er wohnt in Haus Nr. 3. Dann kam der Winter.") == ["Er wohnt in Haus Nr. 3.", "Dann kam der Winter."])
    }

    @Test func emoticonsAreOneToken() {
        #expect(tokens("Nur zu empfehlen ;-) Danke :), bis bald ^^") ==
            ["Nur", "zu", "empfehlen", ";-)", "Danke", ":)", ",", "bis", "bald", "^^"])
    }

    @Test func emoticonGluedToAWordStaysApart() {
        #expect(tokens("Das war toll:) und a:D") == ["Das", "war", "toll", ":", ")", "und", "a", ":", "D"])
    }

    @Test func runsOfOnePunctuationMarkAreOneToken() {
        #expect(tokens("Nun ... ``so'' -- ja") == ["Nun", "...", "``", "so", "''", "--", "ja"])
    }
}

extension TokenizationTests {
    @Test func sentenceNeverEndsInsideAName() throws {
        let lexicon = try LexiconCompiler().compile([LexiconEntry(surface: "ID. Buzz", type: "MODEL")])
        let text = "Der ID. Buzz kommt. Er ist elektrisch."
        let doc = Fixtures.annotate(text, lexicon: lexicon)
        #expect(doc.entities.map(\.text) == ["ID. Buzz"])
        #expect(doc.sentences.map { Fixtures.slice(text, $0.span.start, $0.span.end) } == ["Der ID. Buzz kommt.", "Er ist elektrisch."])
    }
}
