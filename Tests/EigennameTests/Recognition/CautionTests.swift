// Language knowledge that does not live in the rows (issue 14): a three-column
// lexicon (no flags) with surfaces that are also ordinary German words or units.
// Each rule has a sentence where the name must be found and one where it must not.
// The common nouns are given here (a few words of the list `make knowledge` derives),
// so these tests do not depend on what is installed.

import Testing
@testable import Eigenname

@Suite("Cautious rows and units (language knowledge)")
struct CautionTests {
    static let knowledge: LanguageKnowledge = {
        var k = LanguageKnowledge.builtIn
        k.commonNouns = ["Golf", "Polo", "Welt", "Allianz", "Spiegel", "Mini", "Post", "Bild", "Mustang", "Nissan"]
        k.commonNounsSource = "test"
        return k
    }()

    static let tsv = """
        surface\ttype\tcanonical
        VW\tCOMPANY\tVolkswagen
        Volkswagen\tCOMPANY\tVolkswagen
        Ford\tCOMPANY\tFord Motor Company
        Tesla\tCOMPANY\tTesla
        Volt\tMODEL\tChevrolet Volt
        Chevrolet\tCOMPANY\tChevrolet
        Xiaomi\tCOMPANY\tXiaomi
        SU7\tMODEL\tXiaomi SU7
        Allianz\tCOMPANY\tAllianz
        Welt\tCOMPANY\tDie Welt
        WELT\tCOMPANY\tDie Welt
        Spiegel\tCOMPANY\tDer Spiegel
        Golf\tMODEL\tVolkswagen Golf
        Mustang\tMODEL\tMustang
        Nikola Tesla\tPERSON\tNikola Tesla
        Siemens\tCOMPANY\tSiemens
        Renault\tCOMPANY\tRenault
        Nissan\tCOMPANY\tNissan
        """

    static func lexicon(_ tsv: String = tsv, knowledge: LanguageKnowledge = knowledge) throws -> CompiledLexicon {
        try LexiconCompiler(knowledge: knowledge).compile(LexiconFile.parse(Array(tsv.utf8), path: "user.tsv"))
    }

    /// What the lexicon finds (discovery off: these tests are about cautious rows).
    static func found(_ text: String, _ lexicon: CompiledLexicon) throws -> [String] {
        try Annotator(lexicon: lexicon, discovery: false).annotate(text: text).entities.map { "\($0.text)/\($0.type)" }
    }

    @Test func anOrdinaryWordNeedsEvidence() throws {
        let lexicon = try Self.lexicon()
        #expect(try Self.found("Der Golf ist ein Sport.", lexicon) == [])
        // The maker, inferred from the canonical "Volkswagen Golf", is named in the document.
        #expect(try Self.found("VW stellt den neuen Golf vor.", lexicon) == ["VW/COMPANY", "Golf/MODEL"])
        #expect(try Self.found("Die Welt ist groß.", lexicon) == [])
        #expect(try Self.found("WELTWEIT: DIE WELT WIRD WÄRMER.", lexicon) == [])
        // A type cue before, after, or as the head of the compound.
        #expect(try Self.found("Das berichtet die Zeitung Welt am Morgen.", lexicon) == ["Welt/COMPANY"])
        #expect(try Self.found("Der Versicherer Allianz meldet mehr Gewinn.", lexicon) == ["Allianz/COMPANY"])
        #expect(try Self.found("Die Allianz AG meldet mehr Gewinn.", lexicon) == ["Allianz AG/COMPANY"])  // the legal form is in the span (rule 13)
        #expect(try Self.found("Der Allianz-Konzern meldet mehr Gewinn.", lexicon) == ["Allianz/COMPANY"])
        #expect(try Self.found("Die Allianz der Staaten hält.", lexicon) == [])
        #expect(try Self.found("Das Modell Mustang ist alt.", lexicon) == ["Mustang/MODEL"])
        #expect(try Self.found("Der Mustang ist ein Pferd.", lexicon) == [])
        // A model cue anywhere in the sentence.
        #expect(try Self.found("Der Mustang ist ein Sportwagen.", lexicon) == ["Mustang/MODEL"])
        // A compound that ends in a cue.
        #expect(try Self.found("Die Allianz Lebensversicherung wächst.", lexicon) == ["Allianz/COMPANY"])
        // A neighbouring name; across a hyphen only where the compound goes on (not its head).
        #expect(try Self.found("Ford und Allianz kooperieren.", lexicon) == ["Ford/COMPANY", "Allianz/COMPANY"])
        #expect(try Self.found("Die Renault-Nissan-Allianz hält.", lexicon) == ["Renault/COMPANY", "Nissan/COMPANY"])
        #expect(try Self.found("Die Allianz hält.", lexicon) == [])
        // Evidence once in a document counts for the whole document.
        #expect(try Self.found("Der Spiegel schreibt viel. Das Magazin Spiegel erscheint am Samstag.", lexicon)
                == ["Spiegel/COMPANY", "Spiegel/COMPANY"])
        #expect(try Self.found("Er hält ihm den Spiegel vor.", lexicon) == [])
        // In quotes of its own, as titles are written.
        #expect(try Self.found("Das berichtet der „Spiegel“ aus Hamburg.", lexicon) == ["Spiegel/COMPANY"])
    }

    @Test func aUnitAfterANumberIsNoName() throws {
        let lexicon = try Self.lexicon()
        #expect(try Self.found("Das MRT arbeitet mit 3 Tesla.", lexicon) == [])
        #expect(try Self.found("Der Magnet erreicht fünf Tesla.", lexicon) == [])
        #expect(try Self.found("Die Batterie liefert zehn Volt.", lexicon) == [])
        #expect(try Self.found("Die Batterie liefert 400 Volt.", lexicon) == [])
        #expect(try Self.found("Tesla senkt die Preise.", lexicon) == ["Tesla/COMPANY"])
        #expect(try Self.found("Die Leitfähigkeit wird in Siemens pro Meter gemessen.", lexicon) == [])
        #expect(try Self.found("Siemens baut Züge.", lexicon) == ["Siemens/COMPANY"])
        #expect(try Self.found("Er besitzt 3 Teslas.", lexicon) == ["Teslas/COMPANY"])
        // A person's short form that is a unit: the same rule.
        #expect(try Self.found("Nikola Tesla forschte. Das Feld hat 3 Tesla.", lexicon) == ["Nikola Tesla/PERSON"])
    }

    @Test func aFlagDecides() throws {
        let tsv = """
            surface\ttype\tcanonical\tflags
            Golf\tMODEL\tGolf\tunambiguous
            Tesla\tCOMPANY\tTesla\tunambiguous
            Welt\tCOMPANY\tDie Welt\trequires-context=Tageszeitung
            """
        let lexicon = try Self.lexicon(tsv)
        #expect(try Self.found("Der Golf ist ein Sport.", lexicon) == ["Golf/MODEL"])
        #expect(try Self.found("Das MRT arbeitet mit 3 Tesla.", lexicon) == ["Tesla/COMPANY"])
        #expect(try Self.found("Die Tageszeitung Welt berichtet.", lexicon) == ["Welt/COMPANY"])
        #expect(try Self.found("Die Welt ist groß.", lexicon) == [])
    }

    @Test func withoutCommonNounsNoRowIsCautious() throws {
        let lexicon = try Self.lexicon(knowledge: .builtIn)
        #expect(try Self.found("Der Golf ist ein Sport.", lexicon) == ["Golf/MODEL"])
        #expect(try Self.found("Das MRT arbeitet mit 3 Tesla.", lexicon) == [])
    }

    @Test func theMakerOfAModelComesFromItsCanonical() throws {
        let lexicon = try Self.lexicon()
        #expect(try Self.found("Der Xiaomi SU7 fährt.", lexicon) == ["Xiaomi SU7/MODEL"])
        let rows = LexiconCompiler.inferringMakers(try LexiconFile.parse(Array(Self.tsv.utf8), path: "user.tsv"))
        #expect(rows.first { $0.surface == "SU7" }?.maker == "Xiaomi")
        #expect(rows.first { $0.surface == "Volt" }?.maker == "Chevrolet")
        #expect(rows.first { $0.surface == "Mustang" }?.maker == "")
    }

    @Test func checkReportsCautiousRowsWithTheFlagThatDecides() throws {
        let rows = try LexiconFile.parse(Array(Self.tsv.utf8), path: "user.tsv")
        let findings = try LexiconChecker(knowledge: Self.knowledge).checkEntries(rows)
        let golf = findings.first { $0.message.hasPrefix("'Golf'") }
        #expect(golf?.severity == .warning)
        #expect(golf?.message.contains("unambiguous") == true)
        #expect(golf?.message.contains("requires-maker") == true)
        #expect(findings.contains { $0.message.hasPrefix("'Tesla' is also a unit") })
        #expect(!findings.contains { $0.message.hasPrefix("'VW'") || $0.message.hasPrefix("'Ford'") })
    }
}

@Suite("Language knowledge stays loaded without the default lexicons")
struct KnowledgeLoadingTests {
    @Test func firstNamesStayWithNoDefaultLexicons() throws {
        guard let dir = LexiconLoader.defaultDirectory() else { return }  // no Lexicons/ found: nothing to check
        let sources = try LexiconLoader.sources(extra: ["user.tsv"], includeDefaults: false)
        #expect(sources.lexiconFiles == ["user.tsv"])
        #expect(sources.firstNameFiles == [dir + "/" + LexiconLoader.firstNamesFileName])
    }

    @Test func theBuiltInKnowledgeIsThere() {
        let k = LanguageKnowledge.builtIn
        #expect(k.units.isSuperset(of: ["Tesla", "Volt", "Hertz", "Ampere", "Watt", "Siemens", "Newton", "Kelvin"]))
        #expect(["fünf", "zehn", "zwölf", "hundert", "tausend", "dutzend"].allSatisfy(k.numberWords.contains))
        #expect(!k.numberWords.contains("einen"))
        #expect(k.cues.contains { $0 == ("COMPANY", "Konzern") } && k.cues.contains { $0 == ("COMPANY", "GmbH") })
        #expect(k.cues.contains { $0 == ("MODEL", "Modell") })
    }
}
