// The fast path for plain Latin text must give exactly ICU's word boundaries.
// Compared token by token on real German text (the shared treebank and NER
// data when present, the repository's corpora always) and on random strings
// built from the characters where the rules are subtle.

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
