// Lexicons: reading, checking, compiling, caching, and the rules that make
// ambiguous entries safe. Each rule has a sentence where it must fire and one
// where it must not.

import Foundation
import Testing
@testable import Eigenname

@Suite("Lexicon")
struct LexiconTests {
    private func lexicon(_ rows: String, firstNames: [String] = []) throws -> CompiledLexicon {
        let tsv = "surface\ttype\tcanonical\tid\tmaker\tflags\n" + rows.replacingOccurrences(of: "|TAB|", with: "\t")
        return try LexiconCompiler().compile(try LexiconFile.parse(Array(tsv.utf8), path: "test.tsv"), firstNames: firstNames)
    }

    /// What the lexicon finds (discovery of unlisted names off: these tests are about rows and flags).
    private func found(_ text: String, _ lexicon: CompiledLexicon) -> [String] {
        Fixtures.entities(text, lexicon: lexicon, discovery: false)
    }

    private func temporaryFile(_ text: String, name: String = "lexicon.tsv") -> String {
        let dir = NSTemporaryDirectory() + "eigenname-lexicon-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let path = dir + "/" + name
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        return path
    }

    // MARK: Reading

    @Test func malformedRowNamesFileAndLine() {
        let tsv = "surface\ttype\tcanonical\n# Kommentar\nFord\tCOMPANY\t\n\tCOMPANY\tLeer\n"
        #expect(throws: EigennameError.malformedLexicon(path: "x.tsv", line: 4, reason: "empty surface")) {
            try LexiconFile.parse(Array(tsv.utf8), path: "x.tsv")
        }
    }

    @Test func unknownFlagIsAnError() {
        let tsv = "surface\ttype\tcanonical\tid\tmaker\tflags\nFord\tCOMPANY\t\t\t\tgrossschreibung\n"
        #expect(throws: (any Error).self) { try LexiconFile.parse(Array(tsv.utf8), path: "x.tsv") }
    }

    @Test func extraColumnsAreAllowedAndEmptyCanonicalMeansSurface() throws {
        let tsv = "surface\ttype\tcanonical\tnote\nBYD\tCOMPANY\t\tBuild Your Dreams\n"
        let rows = try LexiconFile.parse(Array(tsv.utf8), path: "x.tsv")
        #expect(rows.first?.canonical == "BYD")
    }

    @Test("named columns after the six are read past: the loader and lexicon check say nothing of them")
    func namedTrailingColumnsAreIgnoredWithoutAWord() throws {
        let tsv = "surface\ttype\tcanonical\tid\tmaker\tflags\tcount\tdocuments\texample\tvariants\n"
            + "Nordwind Logistik AG\tCOMPANY\tNordwind Logistik AG\t\t\t\t3\t2\tDie Nordwind Logistik AG stellt um.\tNordwind Logistik AG|Nordwinds\n"
        let rows = try LexiconFile.parse(Array(tsv.utf8), path: "neu.tsv")
        #expect(rows.map(\.surface) == ["Nordwind Logistik AG"] && rows[0].flags.isEmpty && rows[0].maker.isEmpty)
        #expect(try LexiconChecker().check(LexiconSources(lexiconFiles: [temporaryFile(tsv)])).isEmpty)
    }

    @Test("lexicon check warns about a header column without a name or named twice; the loader ignores its fields")
    func unnamedOrRepeatedColumnIsAWarning() throws {
        let tsv = "surface\ttype\tcanonical\t\tcanonical\nHansen\tCOMPANY\tHansen GmbH\tx\tFalsch\n"
        let rows = try LexiconFile.parse(Array(tsv.utf8), path: "x.tsv")
        #expect(rows.map(\.canonical) == ["Hansen GmbH"])
        let findings = try LexiconChecker().check(LexiconSources(lexiconFiles: [temporaryFile(tsv)]))
        #expect(findings.map(\.severity) == [.warning, .warning] && findings.allSatisfy { $0.line == 1 })
        #expect(Set(findings.map(\.message)) == ["column 4 has no name in the header: its fields are ignored",
                                                 "column 5 repeats the name 'canonical' of column 3: its fields are ignored"])
    }

    @Test("a row with more fields than the header has columns is an error")
    func rowLongerThanTheHeaderIsAnError() {
        let tsv = "surface\ttype\tcanonical\tnote\nHansen\tCOMPANY\t\tFirma\tzu viel\n"
        #expect(throws: EigennameError.malformedLexicon(path: "x.tsv", line: 2, reason: "5 fields but the header has 4 columns")) {
            try LexiconFile.parse(Array(tsv.utf8), path: "x.tsv")
        }
    }

    // MARK: Rules for ambiguous entries

    @Test func requiresMakerFiresWithMakerInDocument() throws {
        let l = try lexicon("VW|TAB|COMPANY|TAB|Volkswagen|TAB||TAB||TAB|\nPolo|TAB|MODEL|TAB||TAB||TAB|Volkswagen|TAB|requires-maker\n")
        #expect(found("Der neue Polo kommt. VW nennt noch keinen Preis.", l) == ["Polo/MODEL", "VW/COMPANY"])
        #expect(found("Beim Polo-Turnier in Hamburg siegte das Team aus Berlin.", l) == [])
    }

    @Test func notAfterNumberKeepsTheUnitOut() throws {
        let l = try lexicon("Tesla|TAB|COMPANY|TAB||TAB||TAB||TAB|not-after=#number\n")
        #expect(found("Tesla senkt die Preise.", l) == ["Tesla/COMPANY"])
        #expect(found("Der Magnet erzeugt 3 Tesla.", l) == [])
    }

    @Test func formWithAnSAfterANumberIsNoUnit() throws {
        // Units take no "s": a year before a genitive, or a plural of cars, leaves the company.
        let l = try lexicon("Tesla|TAB|COMPANY|TAB||TAB||TAB||TAB|not-after=#number\n")
        #expect(found("In Grünheide steht seit 2022 Teslas erste europäische Fabrik.", l) == ["Teslas/COMPANY"])
    }

    @Test func notAfterFirstNameKeepsNamesakesOut() throws {
        let l = try lexicon("Ford|TAB|COMPANY|TAB|Ford Motor Company|TAB||TAB||TAB|not-after=#first-name\n",
                            firstNames: ["Tom", "Gerald"])
        #expect(found("Ford baut ein Werk in Köln.", l) == ["Ford/COMPANY"])
        #expect(found("Der Designer Tom Ford zeigte seine Kollektion.", l) == [])
        // The row does not count there; discovery finds the person instead.
        #expect(Fixtures.entities("Der Designer Tom Ford zeigte seine Kollektion.", lexicon: l) == ["Tom Ford/PERSON"])
    }

    @Test func notBeforeKeepsPhrasesOut() throws {
        let l = try lexicon("Continental|TAB|COMPANY|TAB|Continental AG|TAB||TAB||TAB|not-before=Breakfast\n")
        #expect(found("Continental senkt die Prognose.", l) == ["Continental/COMPANY"])
        #expect(found("Das Hotel bietet ein Continental Breakfast an.", l) == [])
    }

    @Test func midSentenceEntryDoesNotCountAtSentenceStart() throws {
        let l = try lexicon("Smart|TAB|COMPANY|TAB||TAB||TAB||TAB|exact-case,mid-sentence\n")
        #expect(found("Der Vertrieb von Smart wird neu organisiert.", l) == ["Smart/COMPANY"])
        #expect(found("Smart ist, wer früh bucht.", l) == [])
    }

    @Test func exactCaseEntryNeedsItsCapitalization() throws {
        let l = try lexicon("MAN|TAB|COMPANY|TAB|MAN Truck & Bus|TAB||TAB||TAB|exact-case\n")
        #expect(found("Der Lkw-Bauer MAN streicht Stellen.", l) == ["MAN/COMPANY"])
        #expect(found("Man weiß es nicht.", l) == [])
    }

    @Test func requiresContextNeedsAWordInTheSameSentence() throws {
        let l = try lexicon("Zeit|TAB|COMPANY|TAB|Die Zeit|TAB||TAB||TAB|requires-context=berichtet|Wochenzeitung\n")
        #expect(found("Wie die Zeit berichtet, plant der Konzern Einschnitte.", l) == ["Zeit/COMPANY"])
        #expect(found("Es wird Zeit für neue Modelle.", l) == [])
    }

    @Test func afterFullEntryNeedsTheFullNameEarlier() throws {
        let l = try lexicon("Süddeutsche Zeitung|TAB|COMPANY|TAB||TAB||TAB||TAB|\nSZ|TAB|COMPANY|TAB|Süddeutsche Zeitung|TAB||TAB||TAB|after-full\n")
        #expect(found("Die Süddeutsche Zeitung berichtet. Laut SZ stimmt das.", l)
            == ["Süddeutsche Zeitung/COMPANY", "SZ/COMPANY"])
        #expect(found("Laut SZ stimmt das.", l) == [])
    }

    // MARK: Checking

    @Test func checkReportsConflictingTypesAsError() throws {
        let path = temporaryFile("surface\ttype\tcanonical\nJaguar\tCOMPANY\t\nJaguar\tMODEL\t\n")
        let findings = try LexiconChecker().check(LexiconSources(lexiconFiles: [path]))
        #expect(findings.map(\.severity) == [.error])
        #expect(findings.first?.line == 3)
    }

    @Test func checkReportsDuplicateAsWarning() throws {
        let path = temporaryFile("surface\ttype\tcanonical\nBMW\tCOMPANY\t\nBMW\tCOMPANY\t\n")
        let findings = try LexiconChecker().check(LexiconSources(lexiconFiles: [path]))
        #expect(findings.map(\.severity) == [.warning])
    }

    @Test func checkWarnsOfATypeThatLooksLikeATypoOfAFrequentOne() throws {
        let people = (1...12).map { "Person \($0) Berger\tPERSON\t" }.joined(separator: "\n")
        let path = temporaryFile("surface\ttype\tcanonical\n" + people + "\nAnna Kessler\tPERSN\t\nBMW\tCOMPANY\t\n")
        let findings = try LexiconChecker().check(LexiconSources(lexiconFiles: [path]))
        #expect(findings.map(\.severity) == [.warning])
        #expect(findings.first?.line == 14)
        #expect(findings.first?.message.contains("'PERSON'") == true)
        // A rare type no frequent one resembles ("COMPANY" once) is a type of its own: no word.
        #expect(LexiconChecker.editDistance("PERSN", "PERSON", atMost: 2) == 1)
        #expect(LexiconChecker.editDistance("COMPANY", "PERSON", atMost: 2) == 3)
    }

    @Test func checkReportsMalformedRowsAndGoesOn() throws {
        let path = temporaryFile("surface\ttype\tcanonical\tid\tmaker\tflags\nBMW\t\t\t\t\t\nAudi\tCOMPANY\t\tX1\t\t\nID.3\tMODEL\t\t\tNiemand\t\n")
        let findings = try LexiconChecker().check(LexiconSources(lexiconFiles: [path]))
        #expect(findings.map(\.line) == [2, 3, 4])
        #expect(findings.allSatisfy { $0.severity == .error })
    }

    @Test func flagsSeparateOtherwiseConflictingEntries() throws {
        let path = temporaryFile("surface\ttype\tcanonical\tid\tmaker\tflags\nMini\tCOMPANY\t\t\t\texact-case\nMINI\tCOMPANY\tMini\t\t\texact-case\n")
        #expect(try LexiconChecker().check(LexiconSources(lexiconFiles: [path])).isEmpty)
    }

    @Test func shippedLexiconsPassTheCheck() throws {
        let dir = Fixtures.repository.appendingPathComponent("Lexicons").path
        let findings = try LexiconChecker().check(try LexiconLoader.sources(inDirectory: dir))
        #expect(findings.filter { $0.severity == .error }.map(\.description) == [])
    }

    // MARK: Compiled form and cache

    @Test func compiledFileGivesTheSameEntitiesAsTheSources() throws {
        let source = temporaryFile(Fixtures.lexiconTSV.replacingOccurrences(of: "\\t", with: "\t"))
        let compiled = try LexiconLoader.compile(LexiconSources(lexiconFiles: [source]))
        let file = (source as NSString).deletingLastPathComponent + "/lexicon.enlx"
        try compiled.write(to: file)
        let mapped = try CompiledLexicon.load(contentsOf: file)
        let text = "Jim Farley, CEO von Ford, fuhr Xiaomis SU7-Modell. Farley kennt den VW ID.3."
        #expect(found(text, mapped) == found(text, Fixtures.lexicon))
        #expect(mapped.rowCount == compiled.rowCount)
    }

    @Test func damagedCompiledFileIsAClearError() {
        let file = temporaryFile("not a lexicon at all, just text", name: "broken.enlx")
        #expect(throws: (any Error).self) { try CompiledLexicon.load(contentsOf: file) }
    }

    @Test func cacheIsRebuiltWhenASourceChanges() throws {
        let source = temporaryFile("surface\ttype\tcanonical\nFord\tCOMPANY\t\n")
        let sources = LexiconSources(lexiconFiles: [source])
        let before = try LexiconLoader.sourceKey(sources)
        // Same size, newer modification time: a new key, so the next run recompiles.
        try "surface\ttype\tcanonical\nOpel\tCOMPANY\t\n".write(toFile: source, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 60)], ofItemAtPath: source)
        #expect(try LexiconLoader.sourceKey(sources) != before)
    }
}

extension LexiconTests {
    /// The filter may only say "no" for tokens that are really in no key (nor a genitive of one).
    @Test func asciiFilterNeverRulesOutAKey() throws {
        let lexicon = DefaultLexicon.compiled
        let dir = Fixtures.repository.appendingPathComponent("Corpora")
        var text = ""
        for file in FileManager.default.enumerator(atPath: dir.path)?.compactMap({ $0 as? String }) ?? []
        where file.hasSuffix(".txt") || file.hasSuffix(".jsonl") {
            text += try String(contentsOfFile: dir.appendingPathComponent(file).path, encoding: .utf8) + "\n"
        }
        text += " Fords Ford's BMWs VW ID.3 Xiaomis SU7 Lei Jun im zum der "
        let doc = Fixtures.annotate(text, lexicon: lexicon)
        var ruledOut = 0
        let original = Array(text.utf8)
        for t in doc.tokens {
            let bytes = Array(original[Int(t.utf8Start)..<Int(t.utf8End)])
            let verdict = bytes.withUnsafeBufferPointer { lexicon.asciiFilter.mayContain($0) }
            guard !verdict else { continue }
            ruledOut += 1
            var key = String(decoding: bytes, as: UTF8.self).lowercased()
            func inVocabulary(_ k: String) -> Bool { Array(k.utf8).withUnsafeBytes { lexicon.vocabulary.id(of: $0) != nil } }
            #expect(!inVocabulary(key), "\(key)")
            for cut in ["'s", "s"] where key.hasSuffix(cut) {
                key.removeLast(cut.count)
                #expect(!inVocabulary(key), "\(key) + \(cut)")
            }
        }
        #expect(ruledOut > 1000)
    }
}

extension LexiconTests {
    /// ASCII tokens of up to sixteen bytes are folded eight bytes at once; it must be the byte-by-byte folding exactly.
    @Test func packedFoldingEqualsByteFolding() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("aAzZbMsS09'.-_@[`{~ \u{7F}\u{01}".utf8)
        for _ in 0..<20_000 {
            let count = Int.random(in: 1...16, using: &generator)
            let token = (0..<count).map { _ in alphabet.randomElement(using: &generator)! }
            // Also at the very end of a buffer, where the packing cannot read eight bytes at once.
            let padded = [UInt8](repeating: 0x41, count: Int.random(in: 0...17, using: &generator)) + token
            padded.withUnsafeBufferPointer { buffer in
                let start = buffer.count - count
                guard let packed = KeyFolder.packASCII(buffer, start: start, count: count) else {
                    #expect(token.contains(0) || token.contains(where: { $0 >= 0x80 }))
                    return
                }
                let (key, upper, lower) = KeyFolder.foldPackedASCII(packed)
                var scratch = [UInt8](repeating: 0, count: KeyFolder.capacity(for: count))
                let (n, shape) = scratch.withUnsafeMutableBufferPointer {
                    KeyFolder.foldWithShape(UnsafeBufferPointer(rebasing: buffer[start...]), into: $0.baseAddress!)
                }
                let keyBytes = (0..<count).map { key.byte($0) }
                #expect(n == count && keyBytes == Array(scratch[..<n]), "\(token)")
                #expect(KeyFolder.shape(upper: upper, lower: lower) == shape, "\(token)")
            }
        }
    }

    /// Every vocabulary key of one to sixteen ASCII bytes is found by its packed form.
    @Test func shortKeysFindEveryShortKey() {
        let lexicon = DefaultLexicon.compiled
        var short = 0
        lexicon.shortKeys.withLookup { lookup in
            for id in 0..<Int32(lexicon.vocabulary.count) {
                let key = lexicon.vocabulary.key(id).bindMemory(to: UInt8.self)
                guard let packed = KeyFolder.packASCII(key, start: 0, count: key.count) else { continue }
                short += 1
                #expect(lookup(packed) == id)
            }
            let unknown = Array("qqxq".utf8).withUnsafeBufferPointer { KeyFolder.packASCII($0, start: 0, count: 4)! }
            #expect(lookup(unknown) == -1)
        }
        #expect(short > 1000)
    }

    /// Packing reads a short token with one load and a long one with two: a NUL or a
    /// non-ASCII byte at any place of any length refuses it, and nothing past the token counts.
    @Test func packingRefusesNulAndNonASCIIAtEveryPlace() {
        let word = Array("Bundesregierungs".utf8)  // sixteen bytes
        for count in 1...16 {
            for place in -1..<count {
                for bad: UInt8 in [0, 0xC3] {
                    var token = Array(word[..<count])
                    if place >= 0 { token[place] = bad }
                    // After the token: bytes that would spoil the key if they were read into it.
                    let buffer = token + [0xC3, 0, 0x41] + [UInt8](repeating: 0xFF, count: 16)
                    let packed = buffer.withUnsafeBufferPointer { KeyFolder.packASCII($0, start: 0, count: count) }
                    if place >= 0 {
                        #expect(packed == nil, "\(count) \(place) \(bad)")
                    } else {
                        #expect(packed.map { p in (0..<16).map { p.byte($0) } } == token + [UInt8](repeating: 0, count: 16 - count))
                    }
                }
            }
        }
    }

    /// Folding takes runs of ASCII eight bytes at once (the last eight shifted where
    /// fewer are left): long compounds with umlauts fold as their letters one by one.
    @Test func foldingLongCompoundsEqualsScalarByScalar() {
        func fold(_ text: String) -> (String, KeyFolder.CaseShape) {
            let bytes = Array(text.utf8)
            var scratch = [UInt8](repeating: 0xAA, count: KeyFolder.capacity(for: bytes.count))
            let (n, shape) = bytes.withUnsafeBufferPointer { token in
                scratch.withUnsafeMutableBufferPointer { KeyFolder.foldWithShape(token, into: $0.baseAddress!) }
            }
            return (String(decoding: scratch[..<n], as: UTF8.self), shape)
        }
        #expect(fold("Donaudampfschifffahrtsgesellschaftskapitän") == ("donaudampfschifffahrtsgesellschaftskapitaen", .other))
        #expect(fold("Straßenbahnhaltestelle") == ("strassenbahnhaltestelle", .other))
        #expect(fold("MÜLLER-LÜDENSCHEIDT") == ("mueller-luedenscheidt", .capitals))
        #expect(fold("bundesverkehrsministerium") == ("bundesverkehrsministerium", .lowercase))
        #expect(fold("Bundesverkehrsministeriums") == ("bundesverkehrsministeriums", .other))
        var generator = SystemRandomNumberGenerator()
        let pieces = ["a", "B", "s", "S", "-", "'", "0", "ä", "Ö", "ß", "é", "É", "ẞ", "\u{301}", "Ж", "中"]
        for _ in 0..<5_000 {
            let parts = (0..<Int.random(in: 1...40, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }
            let text = parts.joined()
            // The reference: each scalar alone (under eight bytes: no run is taken at once).
            let reference = text.unicodeScalars.map { fold(String($0)).0 }.joined()
            let bytes = Array(text.utf8)
            let shape = bytes.withUnsafeBufferPointer { KeyFolder.caseShape($0) }
            #expect(fold(text) == (reference, shape), "\(text)")
        }
    }
}

