// The fast path for plain Latin text must give exactly ICU's word boundaries.
// Compared token by token on real German text (the shared treebank and NER
// data when present, the repository's corpora always), on real Arabic, Hebrew
// and Korean words with the marks, digits and punctuation around them, on every
// added non-Latin character in the contexts where the rules differ, and on random
// strings built from the characters where the rules are subtle.

import Foundation
import Testing
@testable import Eigenname

@Suite("Latin fast path")
struct LatinWordBreakerTests {
    /// Token spans of `text` from the fast path and from ICU.
    private func bothWays(_ text: String) throws -> (fast: [Range<Int32>], icu: [Range<Int32>], eligible: Bool) {
        let original = Array(text.utf8)
        let normalized = TextNormalizer().normalize(original)
        let tokenizer = try Tokenizer()
        let eligible = normalized.bytes.withUnsafeBufferPointer { LatinWordBreaker.isEligible($0) }
        tokenizer.usesLatinFastPath = true
        let fast = original.withUnsafeBufferPointer { tokenizer.tokenize(normalized, original: $0) }
        tokenizer.usesLatinFastPath = false
        let icu = original.withUnsafeBufferPointer { tokenizer.tokenize(normalized, original: $0) }
        // Whether white space comes before each token must agree too.
        #expect(fast.count != icu.count || fast.map(\.spaceBefore) == icu.map(\.spaceBefore), "space before differs")
        return (fast.map { $0.normalizedStart..<$0.normalizedEnd }, icu.map { $0.normalizedStart..<$0.normalizedEnd }, eligible)
    }

    private func firstDifference(_ text: String) throws -> String? {
        let (fast, icu, _) = try bothWays(text)
        guard fast != icu else { return nil }
        let bytes = Array(TextNormalizer().normalize(Array(text.utf8)).bytes)
        let k = zip(fast, icu).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(fast.count, icu.count)
        func show(_ r: [Range<Int32>]) -> String {
            r[max(0, k - 2)..<min(r.count, k + 3)].map { String(decoding: bytes[Int($0.lowerBound)..<Int($0.upperBound)], as: UTF8.self) }
                .joined(separator: "|")
        }
        return "fast: \(show(fast))  icu: \(show(icu))"
    }

    @Test func germanNewsSentenceTakesTheFastPath() throws {
        let (_, _, eligible) = try bothWays("Die Ford Motor Company prüft 1.000 Optionen für 3,5 Mrd. € – laut „FT“.")
        #expect(eligible)
    }

    /// One space before a token is left out of the fast path's boundaries (LatinWordBreaker.afterSingleSpace):
    /// tokens and the space before them stay ICU's whatever the spaces around them.
    @Test func singleAndRepeatedSpacesGiveICUsTokens() throws {
        for text in ["Ford baut", "Ford  baut", " Ford", "Ford ", "Ford \nbaut", "Ford \tbaut", "a b  c   d , e .",
                     "Der  Chef , sagte   er . ", "x \r\ny", "Ende.  ", " "] {
            try expectICUsBoundaries(text, eligible: true)
        }
    }

    @Test func greekAndCyrillicWordsTakeTheFastPathWithICUsBoundaries() throws {
        for text in ["Laut Κυριάκος Μητσοτάκης (Kyriakos Mitsotakis) und «Газпром» stieg der Kurs um 3,5 %.",
                     "Владимир Потанин's Ростех-Anteil: 1.000 Aktien; Ёлка Ъ ѣ Ѳ ΐ ΰ ϊ ϋ ώ ϗ ϼ.",
                     "Ein Wort: ΑΒΓ123 абв_где и Пётр's «Новая газета»."] {
            let (fast, icu, eligible) = try bothWays(text)
            #expect(eligible, "\(text)")
            let difference = fast == icu ? "" : (try firstDifference(text) ?? "")
            #expect(fast == icu, "\(difference)")
        }
        // Their signs and marks stay ICU's: the Greek question mark, ano teleia, Cyrillic thousands sign.
        #expect(try bothWays("Τι; Ναι·όχι ҂а").eligible == false)
    }

    @Test func otherScriptsGoToICU() throws {
        #expect(try bothWays("小米汽车 SU7").eligible == false)
        #expect(try bothWays("Ford 🚗").eligible == false)
        #expect(try bothWays("टाटा मोटर्स").eligible == false)  // Devanagari: its vowel signs are marks
    }

    /// Words of `text` must segment alike both ways; `eligible` says whether all of it takes the fast path.
    private func expectICUsBoundaries(_ text: String, eligible: Bool) throws {
        let (fast, icu, isEligible) = try bothWays(text)
        #expect(isEligible == eligible, "\(text)")
        let difference = fast == icu ? "" : (try firstDifference(text) ?? "")
        #expect(fast == icu, "\(text): \(difference)")
    }

    @Test func arabicWordsTakeTheFastPathWithICUsBoundaries() throws {
        try expectICUsBoundaries("Laut أرامكو (Aramco) und „محمد بن سلمان“ stieg der Kurs um 3,5 %.", eligible: true)
        try expectICUsBoundaries("محمد.بن أرامكو's أرامكو1 1أرامكو ABCأرامكو أرامكو_2 پاکستان گوگل", eligible: true)
        // Marks (fatha, shadda, superscript alef), tatweel, Arabic-Indic digits and punctuation: ICU's.
        try expectICUsBoundaries("مُحَمَّد رَحْمٰن عـــلي ١٢٣٫٥ سلمان، أرامكو؟ ٢٠٢٤", eligible: false)
    }

    @Test func hebrewWordsTakeTheFastPathWithICUsBoundaries() throws {
        try expectICUsBoundaries("Wie טבע (Teva) mitteilte, stieg תל אביב um 2 %; טבע.a a.טבע טבע1 Aטבע.", eligible: true)
        // Before a quote Hebrew letters have rules of their own (WB7a–c): ICU's.
        try expectICUsBoundaries("צה\"ל ר' יוחנן טבע' \"טבע\" א\"ב", eligible: false)
        // Points (qamats, dagesh), geresh and maqaf: ICU's.
        try expectICUsBoundaries("שָׁלוֹם בּ ג׳ בית־חולים", eligible: false)
    }

    @Test func hangulWordsTakeTheFastPathWithICUsBoundaries() throws {
        try expectICUsBoundaries("Wie 현대자동차 (Hyundai Motor) und 정의선 mitteilten: 현대.A A.현대 현대1 1현대 A현대 현대'A 현대-기아 현대_x.",
                                 eligible: true)
        // Conjoining jamo (a syllable with a final consonant in two parts), compatibility jamo, Han after Hangul: ICU's.
        try expectICUsBoundaries("가\u{11A8}다 현대ㄱ 현대車 トヨタ", eligible: false)
    }

    @Test func unitSymbolsTakeTheFastPathWithICUsBoundaries() throws {
        try expectICUsBoundaries("120 m² und 5 m³ für 2.999 ¥, also 10¥ oder m²a 2²", eligible: true)
    }

    /// Every character the fast path adds beyond Latin, Greek and Cyrillic, in the places where
    /// the rules differ: between letters, digits, the joiners and spaces, and next to itself.
    @Test func everyAddedCharacterGivesICUsBoundariesInEveryContext() throws {
        let added = Array(0x0620...0x063F) + Array(0x0641...0x064A) + Array(0x0671...0x06D3)
            + Array(0x05D0...0x05EA) + Array(0x05EF...0x05F2) + Array(stride(from: 0xAC00, through: 0xD7A3, by: 7))
            + [0xA5, 0xB2, 0xB3]
        var texts: [String] = []
        for code in added {
            let c = String(Unicode.Scalar(code)!)
            texts.append(["a\(c)b", "\(c)1", "1\(c)", "\(c).\(c)", "a.\(c)", "\(c).a", "1.\(c)", "\(c),1", "\(c)'a", "a'\(c)",
                          "\(c):a", "\(c)_", "_\(c)", "\(c)\(c)\(c)", "(\(c))", "-\(c)-", "\(c)@a", "Ж\(c)", "\(c)é", "\(c)\u{1100}"]
                .joined(separator: " "))
        }
        // In chunks: one text per character would open ICU over and over.
        for start in stride(from: 0, to: texts.count, by: 64) {
            let chunk = texts[start..<min(texts.count, start + 64)].joined(separator: "\n")
            #expect(try firstDifference(chunk) == nil, "\(chunk.prefix(80))")
        }
    }

    @Test func repositoryCorporaGiveIdenticalBoundaries() throws {
        let dir = Fixtures.repository.appendingPathComponent("Corpora")
        let files = FileManager.default.enumerator(atPath: dir.path)?.compactMap { $0 as? String } ?? []
        for file in files where file.hasSuffix(".txt") || file.hasSuffix(".jsonl") {
            let text = try String(contentsOfFile: dir.appendingPathComponent(file).path, encoding: .utf8)
            #expect(try firstDifference(text) == nil, "\(file)")
        }
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: Fixtures.shared.appendingPathComponent("data").path),
                   "needs ../shared/data"))
    func sharedGermanDataGivesIdenticalBoundaries() throws {
        let data = Fixtures.shared.appendingPathComponent("data")
        for file in ["germeval2014/NER-de-test.tsv", "germeval2014/NER-de-dev.tsv",
                     "ud-german-gsd/de_gsd-ud-test.conllu", "ud-german-gsd/de_gsd-ud-dev.conllu"] {
            let raw = try String(contentsOfFile: data.appendingPathComponent(file).path, encoding: .utf8)
            // Sentences as running text: the token column (GermEval) or the `# text =` lines (UD).
            let text = file.hasSuffix(".tsv")
                ? raw.components(separatedBy: "\n\n").map { sentence in
                    sentence.split(separator: "\n").compactMap { $0.hasPrefix("#") ? nil : $0.split(separator: "\t").dropFirst().first }
                        .joined(separator: " ")
                }.joined(separator: "\n")
                : raw.split(separator: "\n").filter { $0.hasPrefix("# text = ") }.map { $0.dropFirst(9) }.joined(separator: "\n")
            // In chunks, so that a chunk with a character outside the fast path's set does not hide the rest.
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            var eligibleChunks = 0
            for start in stride(from: 0, to: lines.count, by: 200) {
                let chunk = lines[start..<min(lines.count, start + 200)].joined(separator: "\n")
                let (fast, icu, eligible) = try bothWays(chunk)
                if eligible { eligibleChunks += 1 }
                let difference = fast == icu ? "" : (try firstDifference(chunk) ?? "")
                #expect(fast == icu, "\(file) chunk \(start): \(difference)")
            }
            #expect(eligibleChunks > 0)
        }
    }

    @Test func randomStringsOfTrickyCharactersGiveIdenticalBoundaries() throws {
        // Every printable ASCII character, twice the letters and digits, and the extra fast-path characters.
        let alphabet = (0x20..<0x7F).map { Character(Unicode.Scalar($0)!) } + Array("aZ09aZ09äÖßéÈŁ€§° \r\n\tΑωάЖжё")
            + Array("مدأرپטבעא현대정¥²") + ["\u{64E}", "\u{5B8}", "\u{11A8}", "\u{1161}", "車"]  // with marks, jamo, Han
        var seedState: UInt64 = 0x5EED
        func next() -> Int {  // deterministic: a linear congruential generator
            seedState = seedState &* 6364136223846793005 &+ 1442695040888963407
            return Int(seedState >> 33)
        }
        for _ in 0..<20000 {
            let length = 1 + next() % 24
            let text = String((0..<length).map { _ in alphabet[next() % alphabet.count] })
            #expect(try firstDifference(text) == nil, "\(text.debugDescription)")
        }
    }
}

extension LatinWordBreakerTests {
    /// The word-character mask must mark exactly the bytes the byte classes call letter, digit or "_".
    @Test func wordCharacterMaskMarksExactlyTheWordBytes() {
        var generator = SystemRandomNumberGenerator()
        let word = Array("aAzZ09_mQ".utf8)
        for round in 0..<50_000 {
            let bytes: [UInt8] = (0..<8).map { _ in
                round % 3 == 0 || Int.random(in: 0..<4, using: &generator) == 0
                    ? UInt8.random(in: 0...255, using: &generator) : word.randomElement(using: &generator)! }
            let x = bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
            let mask = LatinWordBreaker.wordCharacterMask(x)
            for (k, b) in bytes.enumerated() {
                let isWord = b < 0x80 && [.letter, .digit, .extendNumLet].contains(LatinWordBreaker.asciiClass(b))
                #expect((mask >> UInt64(k * 8 + 7)) & 1 == (isWord ? 1 : 0), "\(bytes) at \(k)")
            }
        }
    }
}
