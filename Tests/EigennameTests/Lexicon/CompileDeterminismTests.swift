// The compiled image does not depend on the compiler's threads: a large lexicon (parsed,
// derived and tokenized in two halves at once) compiles to the same bytes as with one thread.

import Foundation
import Testing
@testable import Eigenname

@Suite("Compile determinism")
struct CompileDeterminismTests {
    /// Rows of many shapes, so that the halves meet among periods, ordinals, marks and
    /// abbreviations: each pattern comes round every few rows, also at the middle.
    private static func largeTSV(rows: Int) -> String {
        let patterns: [(String, String)] = [
            ("Albrecht Maschinenbau Ltd. %", "COMPANY"), ("Carmen Sommer%", "PERSON"), ("1. FC Köln %", "COMPANY"),
            ("Neo Volt Touring %", "MODEL"), ("Soft Chemie S.A.", "COMPANY"), ("Model Y.", "MODEL"),
            ("Dr. Jürgen Groß %", "PERSON"), ("Ursula von der Leyen %", "PERSON"), ("Citroe\u{0308}n %", "COMPANY"),
            ("z. B. Werke %", "COMPANY"), ("u.a. Kabel", "COMPANY"), ("Deutsche Bank %", "COMPANY"), ("3.", "MODEL"),
            (".NET Labs %", "COMPANY"), ("„Zeit“ Verlag %", "COMPANY"), ("Lei Jun%", "PERSON"), ("ID.3", "MODEL"),
            (":-) Studio %", "COMPANY"), ("März", "PERSON"), ("Der Standard %", "COMPANY"), ("A.", "PERSON"),
        ]
        var tsv = "surface\ttype\tcanonical\tid\tmaker\tflags\n"
        for r in 0..<rows {
            let (pattern, type) = patterns[r % patterns.count]
            let surface = pattern.replacingOccurrences(of: "%", with: String(r % 997))
            let flags = r % 13 == 0 ? "not-after=#number|Herr" : r % 17 == 0 ? "exact-case" : ""
            tsv += "\(surface)\t\(type)\t\(surface) (Kanon)\tQ\(r)\t\t\(flags)\n"
        }
        return tsv
    }

    @Test("a large lexicon compiles to the same image with two threads as with one")
    func parallelAndSerialImagesAreEqual() throws {
        let tsv = Array(Self.largeTSV(rows: 24_000).utf8)
        #expect(tsv.count >= 1 << 20)  // large enough that parsing, deriving and tokenizing go in halves
        let compiler = LexiconCompiler(knowledge: .builtIn)
        let firstNames = ["Carmen", "Jürgen", "Ursula"]
        func compile(parallel: Bool) throws -> ([LexiconEntry], [UInt8]) {
            let before = CompileThreads.enabled
            CompileThreads.enabled = parallel
            defer { CompileThreads.enabled = before }
            let rows = try LexiconFile.parse(tsv, path: "large.tsv")
            return (rows, try compiler.compileImage(rows, firstNames: firstNames))
        }
        let (serialRows, serial) = try compile(parallel: false)
        let (parallelRows, parallel) = try compile(parallel: true)
        #expect(serialRows == parallelRows)
        #expect(serial == parallel)
        // The tokenization did split: the strings are many, and a safe place exists.
        #expect(LexiconCompiler.safeSplit(serialRows.map(\.surface)) != nil)
    }

    @Test("a large file parsed in two halves gives the rows and errors (with their lines) of one pass")
    func parallelParsingKeepsRowsErrorsAndLines() throws {
        var lines = Self.largeTSV(rows: 24_000).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines.removeLast()  // the empty one after the last line break
        // A malformed row, a comment and a blank line in each half, and a row without its line break at the end.
        for k in [100, 12_000, 23_900] {
            lines[k] = "kein Tab hier"
            lines[k + 1] = "# Kommentar"
            lines[k + 2] = ""
        }
        let tsv = Array(lines.joined(separator: "\n").utf8)
        #expect(tsv.last != 0x0A)
        func parse(parallel: Bool) -> ([LexiconEntry], [EigennameError]) {
            let before = CompileThreads.enabled
            CompileThreads.enabled = parallel
            defer { CompileThreads.enabled = before }
            return LexiconFile.parseLeniently(tsv, path: "large.tsv")
        }
        let (serialRows, serialErrors) = parse(parallel: false)
        let (parallelRows, parallelErrors) = parse(parallel: true)
        #expect(parallelRows == serialRows)
        #expect(parallelErrors == serialErrors)
        #expect(serialErrors.count == 3)
        #expect(serialRows.count == 24_000 - 9)
        #expect(serialRows.last?.line == lines.count)
        #expect(zip(serialRows, serialRows.dropFirst()).allSatisfy { $0.line < $1.line })
        if case .malformedLexicon(_, let line, _) = serialErrors[1] { #expect(line == 12_001) } else { Issue.record("no line") }
    }
}

@Suite("Hash tables")
struct HashTableTests {
    @Test("the edge hash spreads the nodes of one token over the table (every bit of the node counts)")
    func edgeHashUsesTheWholeNode() {
        // 50,000 edges over one token, as a frequent surname has, in a table of 2^17 slots:
        // about 41,900 distinct slots if the hash spreads them at random; the hash of image
        // version 10 took ten bits of the node and gave at most 2,048.
        let mask = (1 << 17) - 1
        let slots = Set((1...50_000).map { hashInteger(CompiledLexicon.edgeKey(node: Int32($0), token: 7, spaceBefore: true)) & mask })
        #expect(slots.count > 38_000)
    }

    @Test("the integer map finds what it stored, across a rehash")
    func integerMapKeepsItsValues() {
        var map = IntegerMapBuilder(capacity: 16)
        for k in 1...5_000 { map.set(UInt64(k) << 33 | 6, Int32(k)) }
        #expect(map.value(for: 77 << 33 | 6, insertingIfAbsent: -1) == 77)
        #expect(map.value(for: 9_999 << 33 | 6, insertingIfAbsent: -1) == -1)
        let view = map.keys.withUnsafeBufferPointer { keys in
            map.values.withUnsafeBufferPointer { values in
                (1...5_000).allSatisfy { IntegerMapView(keys: keys, values: values).get(UInt64($0) << 33 | 6) == Int32($0) }
            }
        }
        #expect(view)
        #expect(map.get(9_999 << 33 | 6) == -1)
        #expect(map.count == 5_001)
    }
}

@Suite("Image writing")
struct ImageWritingTests: UsesTemporaryFiles {
    @Test("an image written to a file from its sections has the bytes of the image laid out in memory")
    func writtenImageEqualsBuiltImage() throws {
        let rows = try LexiconFile.parse(Array(CacheKey.probeTSV.utf8), path: "probe.tsv")
        let sections = try LexiconCompiler(knowledge: CacheKey.probeKnowledge).compileSections(rows, firstNames: CacheKey.probeFirstNames)
        let built = LexiconImage.build(sections: sections, sourceKey: 0x1234)
        let path = directory() + "/probe.enlx"
        let sink = try OutputSink.file(at: path)
        LexiconImage.write(sections: sections, sourceKey: 0x1234, to: sink)
        try sink.commit()
        let written = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(written == Data(built.bytes))
        // The file passes the checksum test of loading, and a changed byte in a section's padding does not.
        let mapped = try LexiconImage(mapping: path)
        #expect(mapped.sourceKey == 0x1234)
        let padding = (0..<(LexiconSection.allCases.count - 1)).lazy.compactMap { k -> Int? in
            let end = LexiconImage.sectionLength(built.bytes, LexiconSection(rawValue: k)!)
                + Int(built.bytes.loadUnaligned(fromByteOffset: 32 + k * 16, as: UInt64.self))
            return end % 8 != 0 ? end : nil
        }.first
        if let padding {
            var damaged = written
            damaged[padding] ^= 1
            try damaged.write(to: URL(fileURLWithPath: path))
            #expect(throws: EigennameError.io(path: path, reason: "compiled lexicon is truncated or damaged (checksum)")) {
                try LexiconImage(mapping: path)
            }
        } else {
            Issue.record("no section of the probe ends off an 8-byte boundary")
        }
    }
}

@Suite("Compiler byte paths")
struct CompilerBytePathTests {
    /// Surfaces where bytes and Characters could part: marks after a space, a CR, a prepended
    /// character, non-ASCII letters, empty words, generations, particles, family names first.
    static let surfaces = [
        "Der Standard", "Die Grünen", "Das Erste", "Der", "Der\u{301} Standard", "Der \u{301}Standard", "De r Standard",
        "Dem  Volk", " Der Spiegel", "Der\r\nStandard", "\u{600}Der Standard", "Jürgen Groß", "Elon Musk", "Lei Jun",
        "Henry Ford II", "Martin Luther King Jr.", "Ursula von der Leyen", "Stephan Weil", "Andreas R .", "Ö Ü",
        "Carmen  Sommer ", "Model 3 Fahrer", "Wang Xiaoming Li", "Citroe\u{308}n Werke", "José Núñez", "A\r B",
        "Weil", "-Strich Name", "Ab", "ÆØ Å",
    ]

    @Test("words, word forms, capital articles and person short forms say by bytes what the Characters say")
    func bytePathsAgreeWithCharacters() {
        for s in Self.surfaces {
            #expect(LexiconCompiler.words(s) == s.split(separator: " ").map(String.init), "\(s)")
            #expect(LexiconCompiler.words(s, omittingEmpty: false)
                    == s.split(separator: " ", omittingEmptySubsequences: false).map(String.init), "\(s)")
            // The article test as it was: the first " " Character, and the prefix before it.
            let article = s.firstIndex(of: " ").map { LexiconCompiler.capitalArticles.contains(String(s[..<$0])) } ?? false
            #expect(LexiconCompiler.startsWithCapitalArticle(s) == article, "\(s)")
            // The last word and hyphenated form as they were: from an array of the bytes.
            let bytes = Array(s.utf8)
            if let lastSpace = bytes.lastIndex(of: 0x20), lastSpace + 1 < bytes.count {
                let forms = LexiconCompiler.wordForms(s)
                #expect(forms.lastWord == String(decoding: bytes[(lastSpace + 1)...], as: UTF8.self), "\(s)")
                let startsWithLetters = bytes.indices.filter { $0 == 0 || bytes[$0 - 1] == 0x20 }.allSatisfy {
                    let b = bytes[$0]
                    return (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A || b >= 0xC0 || (b >= 0x30 && b <= 0x39)
                }
                #expect(forms.hyphenated == (startsWithLetters ? String(decoding: bytes.map { $0 == 0x20 ? 0x2D : $0 }, as: UTF8.self) : nil), "\(s)")
            }
            // The short forms' filter as it was, by Characters.
            let lastWord = LexiconCompiler.wordForms(s).lastWord
            let functionWords = SentenceSplitter.standard.functionWords
            for form in LexiconCompiler.derivedShortForms(s, lastWord: lastWord) {
                #expect(form.count >= 2 && form.contains(where: \.isLetter) && !functionWords.contains(Array(form.lowercased().utf8)), "\(s)")
            }
        }
        #expect(LexiconCompiler.derivedShortForms("Lei Jun", lastWord: "Jun") == ["Lei", "Jun"])
        #expect(LexiconCompiler.derivedShortForms("Stephan Weil", lastWord: "Weil") == [])
        #expect(LexiconCompiler.derivedShortForms("Andreas R .", lastWord: ".") == [])
        #expect(LexiconCompiler.derivedShortForms("Henry Ford II", lastWord: "II") == ["Ford"])
        #expect(LexiconCompiler.asciiLowercased("McLaren") == Array("mclaren".utf8))
        #expect(LexiconCompiler.asciiLowercased("Jürgen") == nil)
        #expect(LexiconCompiler.asciiLowercased("A\r\nB") == nil)
    }
}

@Suite("TSV fields by range")
struct TSVFieldTests {
    @Test("fields are trimmed, a canonical like the surface or empty is the surface, short rows and CRLF lines parse")
    func fieldsParse() throws {
        let tsv = "surface\ttype\tcanonical\tid\tmaker\tflags\r\n"
            + " Ford Motor \tCOMPANY\tFord Motor\t\t\t\r\n"
            + "Musk\tPERSON\t Elon Musk \tQ317521\r\n"
            + "SU7\tMODEL\t\t\tXiaomi\texact-case\n"
            + "Golf\tMODEL"
        let rows = try LexiconFile.parse(Array(tsv.utf8), path: "t.tsv")
        #expect(rows.map(\.surface) == ["Ford Motor", "Musk", "SU7", "Golf"])
        #expect(rows.map(\.canonical) == ["Ford Motor", "Elon Musk", "SU7", "Golf"])
        #expect(rows.map(\.id) == ["", "Q317521", "", ""])
        #expect(rows.map(\.maker) == ["", "", "Xiaomi", ""])
        #expect(rows[2].flags == .exactCase)
        #expect(rows.map(\.line) == [2, 3, 4, 5])
        #expect(throws: EigennameError.malformedLexicon(path: "t.tsv", line: 2, reason: "empty surface")) {
            try LexiconFile.parse(Array("surface\ttype\n \tCOMPANY\n".utf8), path: "t.tsv")
        }
    }
}
