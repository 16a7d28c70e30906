// A user's own lexicon: three columns (surface, type, canonical), no id, maker
// or flags. What makes recognition accurate comes from general rules and language
// knowledge here, not from per-row flags. Each rule: a sentence where it must
// find, and one where it must not.

import Foundation
import Testing
@testable import Eigenname

@Suite("A user's own lexicon")
struct UserLexiconTests {
    /// A lexicon as users write it: surface, type, canonical; nothing else.
    static let tsv = """
        surface\ttype\tcanonical
        Volkswagen\tCOMPANY\tVolkswagen
        VW\tCOMPANY\tVolkswagen
        Porsche\tCOMPANY\tPorsche
        Bosch\tCOMPANY\tBosch
        Apple\tCOMPANY\tApple
        Stellantis\tCOMPANY\tStellantis
        Allianz SE\tCOMPANY\tAllianz
        Xiaomi\tCOMPANY\tXiaomi
        Tesla\tCOMPANY\tTesla
        Ford\tCOMPANY\tFord Motor Company
        Chevy\tCOMPANY\tChevrolet
        Bolt\tCOMPANY\tBolt
        Bolt\tMODEL\tChevrolet Bolt
        BYD\tCOMPANY\tBYD
        Hyundai\tCOMPANY\tHyundai
        SU7\tMODEL\tXiaomi SU7
        ID.3\tMODEL\tID.3
        Seal\tMODEL\tBYD Seal
        Ioniq 6\tMODEL\tHyundai Ioniq 6
        Model Y\tMODEL\tTesla Model Y
        Henry Ford\tPERSON\tHenry Ford
        Harrison Ford\tPERSON\tHarrison Ford
        Jim Farley\tPERSON\tJim Farley
        Lei Jun\tPERSON\tLei Jun
        Lee Iacocca\tPERSON\tLee Iacocca
        Ursula von der Leyen\tPERSON\tUrsula von der Leyen
        Luca de Meo\tPERSON\tLuca de Meo
        Stephan Weil\tPERSON\tStephan Weil
        Hansen Fahrzeugtechnik\tCOMPANY\tHansen Fahrzeugtechnik
        Deutsche Bank\tCOMPANY\tDeutsche Bank
        New York Stock Exchange\tCOMPANY\tNew York Stock Exchange
        Robert Bosch Stiftung\tCOMPANY\tRobert Bosch Stiftung
        """

    static let lexicon: CompiledLexicon = {
        let rows = try! LexiconFile.parse(Array(tsv.utf8), path: "eigenes.tsv")
        return try! LexiconCompiler().compile(rows, firstNames: ["Robert", "Anna"])
    }()

    private func found(_ text: String) -> [String] { Fixtures.entities(text, lexicon: Self.lexicon) }

    // MARK: Maker and model without a maker column (rule 6)

    @Test("a company right before a model is one MODEL span")
    func makerBeforeModelIsOneSpan() {
        #expect(found("Der Xiaomi SU7 ist gefragt.") == ["Xiaomi SU7/MODEL"])
        #expect(found("Den VW ID.3 gibt es seit 2020.") == ["VW ID.3/MODEL"])
        #expect(found("BYD Seal und Hyundai Ioniq 6 im Test.") == ["BYD Seal/MODEL", "Hyundai Ioniq 6/MODEL"])
    }

    @Test("a genitive maker stays a company of its own")
    func genitiveMakerBreaksTheSpan() {
        #expect(found("Xiaomis SU7-Modell ist gefragt.") == ["Xiaomis/COMPANY", "SU7/MODEL"])
    }

    @Test("a maker column that names another company keeps the two apart")
    func makerColumnOfAnotherCompanyKeepsThemApart() throws {
        let rows = try LexiconFile.parse(Array("surface\ttype\tcanonical\tmaker\nTesla\tCOMPANY\t\t\nSU7\tMODEL\tXiaomi SU7\tXiaomi\n".utf8), path: "m.tsv")
        let lexicon = try LexiconCompiler().compile(rows)
        #expect(Fixtures.entities("Ist Tesla SU7-Fahrern zu teuer?", lexicon: lexicon) == ["Tesla/COMPANY", "SU7/MODEL"])
    }

    @Test("after a company, a name that is a company and a model is the model")
    func modelWinsRightAfterItsMaker() {
        #expect(found("Der Chevy Bolt fährt elektrisch.") == ["Chevy Bolt/MODEL"])
        #expect(found("Der Fahrdienst Bolt wächst.") == ["Bolt/COMPANY"])
    }

    // MARK: Legal forms (rule 13)

    @Test("a legal form after a company belongs to its span")
    func legalFormJoinsTheCompany() {
        #expect(found("Die Volkswagen AG meldet Zahlen.") == ["Volkswagen AG/COMPANY"])
        #expect(found("Apple Inc. und Stellantis N.V. berichten.") == ["Apple Inc./COMPANY", "Stellantis N.V./COMPANY"])
        #expect(found("Die Porsche GmbH & Co. KG wächst.") == ["Porsche GmbH & Co. KG/COMPANY"])
    }

    @Test("the registered name around the listed core belongs to the span")
    func registeredNameAroundTheCore() {
        #expect(found("Größter Aktionär ist die Porsche Automobil Holding SE.") == ["Porsche Automobil Holding SE/COMPANY"])
        #expect(found("Heute gehört die Robert Bosch GmbH einer Stiftung.") == ["Robert Bosch GmbH/COMPANY"])
    }

    @Test("no legal form: lower-case words between, or only the start of a longer word")
    func noLegalFormAcrossWordsOrInsideOne() {
        #expect(found("Volkswagen hat mit der Allianz SE verhandelt.") == ["Volkswagen/COMPANY", "Allianz SE/COMPANY"])
        #expect(found("Volkswagen AGB gelten.") == ["Volkswagen/COMPANY"])
    }

    // MARK: How people are named alone (rule 8)

    @Test("a name with a particle is named alone from the particle on")
    func particleNameShortForm() {
        #expect(found("Ursula von der Leyen sprach. Von der Leyen sagte zu, von der Leyen auch.")
            == ["Ursula von der Leyen/PERSON", "Von der Leyen/PERSON", "von der Leyen/PERSON"])
        #expect(found("Luca de Meo kam; de Meo ging.") == ["Luca de Meo/PERSON", "de Meo/PERSON"])
        #expect(found("Luca de Meo kam; Meo ging.") == ["Luca de Meo/PERSON"])
    }

    @Test("a family name written first is how the person is named alone")
    func familyNameFirstShortForm() {
        #expect(found("Lei Jun gründete Xiaomi. Lei stammt aus Hubei.") == ["Lei Jun/PERSON", "Xiaomi/COMPANY", "Lei/PERSON"])
        #expect(found("Lei stammt aus Hubei.") == [])
        #expect(found("Lee Iacocca rettete Chrysler. Iacocca blieb.") == ["Lee Iacocca/PERSON", "Iacocca/PERSON"])
    }

    @Test("a function word is no short form")
    func functionWordIsNoShortForm() {
        #expect(found("Stephan Weil regierte. Weil das Land Anteile hält, stimmt es mit.") == ["Stephan Weil/PERSON"])
    }

    @Test("a genitive short form is the person's where the person was named last")
    func genitiveShortFormDecidesByThePersonNamedLast() {
        #expect(found("Henry Ford führte 1913 das Fließband ein. Fords Fließband senkte die Kosten.")
            == ["Henry Ford/PERSON", "Fords/PERSON"])
        #expect(found("Jim Farley sagte zu. Farleys Zusage gilt.") == ["Jim Farley/PERSON", "Farleys/PERSON"])
    }

    @Test("a genitive is the company's where the company was named after the person, or another person since")
    func genitiveIsTheCompanysOtherwise() {
        #expect(found("Henry Ford gründete Ford. Fords Gewinn stieg.")
            == ["Henry Ford/PERSON", "Ford/COMPANY", "Fords/COMPANY"])
        #expect(found("Mit Harrison Ford ist die Familie nicht verwandt. Chef ist Jim Farley. Ford's Europageschäft schrumpft.")
            == ["Harrison Ford/PERSON", "Jim Farley/PERSON", "Ford's/COMPANY"])
    }

    // MARK: How a company is named alone (point 4 of the user-lexicon issue)

    @Test("after the full name, the first word of a company's name is the company")
    func companyShortFormAfterTheFullName() {
        #expect(found("Die Hansen Fahrzeugtechnik GmbH liefert Sitze. Hansen wächst.")
            == ["Hansen Fahrzeugtechnik GmbH/COMPANY", "Hansen/COMPANY"])
        #expect(found("Hansen wächst.") == [])
    }

    @Test("no short form from an adjective, a first name, or where another name starts")
    func noCompanyShortFormFromAnAdjectiveOrAFirstName() {
        #expect(found("Die Deutsche Bank meldet Zahlen. Deutsche Unternehmen investieren.") == ["Deutsche Bank/COMPANY"])
        #expect(found("Die Robert Bosch Stiftung fördert Schulen. Robert kam später.") == ["Robert Bosch Stiftung/COMPANY"])
        #expect(found("Die New York Stock Exchange öffnet. In New York regnet es.") == ["New York Stock Exchange/COMPANY"])
    }

    // MARK: Ordinary words (the common nouns come from the installed word list, or are given here)

    /// A lexicon compiled with a few common nouns, as `make knowledge` installs them.
    static func withNouns(_ rows: String, nouns: Set<String>) throws -> CompiledLexicon {
        var knowledge = LanguageKnowledge.builtIn
        knowledge.commonNouns = nouns
        let parsed = try LexiconFile.parse(Array(("surface\ttype\tcanonical\n" + rows).utf8), path: "n.tsv")
        return try LexiconCompiler(knowledge: knowledge).compile(parsed)
    }

    @Test("a model that is an ordinary word counts as a noun with a determiner, not bare")
    func cautiousModelNeedsADeterminer() throws {
        let lexicon = try Self.withNouns("Volkswagen\tCOMPANY\tVolkswagen\nGolf\tMODEL\tVW Golf\nVW\tCOMPANY\tVolkswagen\n",
                                         nouns: ["Golf", "Volkswagen"])
        #expect(Fixtures.entities("VW baut den neuen Golf. Wer Golf spielt, fährt oft einen Golf.", lexicon: lexicon)
            == ["VW/COMPANY", "Golf/MODEL", "Golf/MODEL"])
        #expect(Fixtures.entities("VW lädt zum Golf-Turnier. Der Sport Golf ist alt.", lexicon: lexicon) == ["VW/COMPANY"])
    }

    @Test("a maker and its model that are both ordinary words are evidence for each other")
    func makerAndModelCorroborate() throws {
        let lexicon = try Self.withNouns("Volkswagen\tCOMPANY\tVolkswagen\nGolf\tMODEL\tVolkswagen Golf\n",
                                         nouns: ["Golf", "Volkswagen"])
        #expect(Fixtures.entities("Volkswagen baut den Golf in Wolfsburg.", lexicon: lexicon) == ["Volkswagen/COMPANY", "Golf/MODEL"])
        #expect(Fixtures.entities("Der Volkswagen steht vor der Tür.", lexicon: lexicon) == [])
    }

    @Test("a model whose name starts with a company's keeps that company out of its maker")
    func makerIsNotInferredFromTheModelsOwnFirstWord() throws {
        let rows = try LexiconFile.parse(Array("surface\ttype\tcanonical\nContinental\tCOMPANY\tContinental\nBentley\tCOMPANY\tBentley\nContinental GT\tMODEL\tContinental GT\n".utf8), path: "c.tsv")
        let lexicon = try LexiconCompiler().compile(rows)
        #expect(Fixtures.entities("Der Bentley Continental GT fährt.", lexicon: lexicon) == ["Bentley Continental GT/MODEL"])
    }

    @Test("a lower-case word after a hyphen ends its compound, also where a lexicon lists it")
    func lowerCaseWordAfterAHyphenIsNoName() throws {
        let rows = try LexiconFile.parse(Array("surface\ttype\tcanonical\nup\tMODEL\tVW up\n".utf8), path: "u.tsv")
        let lexicon = try LexiconCompiler().compile(rows)
        #expect(Fixtures.entities("Der meistverkaufte Pick-up der USA kommt von einem Start-up.", lexicon: lexicon) == [])
        #expect(Fixtures.entities("Der kleine up fährt elektrisch.", lexicon: lexicon) == ["up/MODEL"])
    }

    @Test("a name right after a noun for a family is the family's")
    func nameAfterAFamilyNounIsTheFamily() {
        #expect(found("Die Porsche SE ist die Holding der Familien Porsche und Piëch.") == ["Porsche SE/COMPANY"])
        #expect(found("Porsche baut den 911.") == ["Porsche/COMPANY"])
    }

    // MARK: A one-letter last word before a period

    @Test("a name ending in one letter before a period ends the sentence when a function word follows")
    func oneLetterNameEndsTheSentence() {
        let text = "Am häufigsten verkauft wurde das Model Y. Danach kam der ID.3."
        let doc = Fixtures.annotate(text, lexicon: Self.lexicon)
        #expect(doc.entities.map(\.text) == ["Model Y", "ID.3"])
        #expect(doc.sentences.map { Fixtures.slice(text, $0.span.start, $0.span.end) }
            == ["Am häufigsten verkauft wurde das Model Y.", "Danach kam der ID.3."])
    }

    @Test("an initial before a surname still does not end the sentence")
    func initialBeforeASurnameContinues() {
        let text = "Das sagte Jim F. Farley in Detroit."
        #expect(Fixtures.annotate(text, lexicon: Self.lexicon).sentences.count == 1)
    }

    // MARK: Formats people already have

    @Test("a two-column lexicon loads, the canonical being the surface")
    func twoColumnLexiconLoads() throws {
        let rows = try LexiconFile.parse(Array("surface\ttype\nHansen Fahrzeugtechnik\tCOMPANY\n".utf8), path: "zwei.tsv")
        #expect(rows.map(\.canonical) == ["Hansen Fahrzeugtechnik"])
        let lexicon = try LexiconCompiler().compile(rows)
        #expect(Fixtures.entities("Die Hansen Fahrzeugtechnik GmbH liefert.", lexicon: lexicon) == ["Hansen Fahrzeugtechnik GmbH/COMPANY"])
    }

    @Test("a malformed header names the header it expects and shows an example row")
    func malformedHeaderShowsTheExpectedOne() {
        #expect(throws: EigennameError.malformedLexicon(path: "k.tsv", line: 1, reason: LexiconFile.headerProblem(["Ford", "COMPANY"]))) {
            _ = try LexiconFile.parse(Array("Ford\tCOMPANY\n".utf8), path: "k.tsv")
        }
        let reason = LexiconFile.headerProblem(["surface type canonical"])
        #expect(reason.contains("separated by spaces"))
        #expect(reason.contains("surface\\ttype\\tcanonical") && reason.contains("Ford\\tCOMPANY\\tFord Motor Company"))
    }

    // MARK: The user-style corpus in Corpora/user-lexicon

    @Test("Corpora/user-lexicon with its three-column lexicon: exact F1 at least 0.95",
          .enabled(if: LanguageKnowledge.installed.commonNounsSource != nil,
                   "no German common nouns installed (`make knowledge`): the ordinary-word rules cannot apply"))
    func userLexiconCorpusScores() throws {
        let dir = Fixtures.repository.appendingPathComponent("Corpora/user-lexicon").path
        let lexicon = try LexiconLoader.load(extra: [dir + "/lexicon.tsv"], includeDefaults: false)
        let gold = try InterchangeReader.entityDocuments(at: dir + "/gold.jsonl").documents
        let annotator = try Annotator(lexicon: lexicon)
        let predicted = gold.map { g in
            EvaluationDocument(id: g.id, text: g.text, entities: annotator.annotate(text: g.text ?? "", id: g.id).entities,
                               origin: g.origin)
        }
        let micro = EntityScorer().score(gold: gold, predicted: predicted).exactMicro
        #expect(micro.f1 >= 0.95, "exact micro F1 \(micro.f1): TP \(micro.truePositives), FP \(micro.falsePositives), FN \(micro.falseNegatives)")
    }
}
