// The name-word table of a compiled lexicon (Sources/Eigenname/Lexicon/NameWords.swift): words of
// one to fourteen bytes are looked up packed (PackedNameWords), longer ones in a byte-string
// table, and every word has the class NameWordsBuilder gave it.

import Foundation
import Testing
@testable import Eigenname

@Suite("Name-word table")
struct NameWordsTests: UsesTemporaryFiles {
    /// A lexicon whose name-word table holds these first names (and the embedded discovery lists).
    private static func lexicon(firstNames: [String]) throws -> CompiledLexicon {
        let rows = try LexiconFile.parse(Array("surface\ttype\tcanonical\tid\tmaker\tflags\nFord\tCOMPANY\t\t\t\t\n".utf8), path: "inline.tsv")
        return try LexiconCompiler(knowledge: .builtIn).compile(rows, firstNames: firstNames)
    }

    private static let names = try! lexicon(firstNames: ["Annemarie-Luis", "Annemarie-Luise", "Jörg-Günther", "Jörg"])

    /// The class of `word` looked up from its bytes alone.
    private static func alone(_ word: [UInt8], _ lexicon: CompiledLexicon = names) -> UInt16 {
        word.withUnsafeBytes { lexicon.nameWordClass($0) }
    }

    /// The class of `word` read from a text that goes on after it with `following` (two loads).
    private static func inText(_ word: [UInt8], followedBy following: [UInt8] = Array("xyzXYZäöü-Straße".utf8),
                               _ lexicon: CompiledLexicon = names) -> UInt16 {
        let text = word + following
        return text.withUnsafeBufferPointer { t in
            lexicon.nameWordClass(UnsafeBufferPointer(rebasing: t[0..<word.count]), readableEnd: t.baseAddress! + t.count)
        }
    }

    @Test("every word of the shipped knowledge has the class the byte-string table of all words gives it, looked up alone and in a text")
    func everyShippedWordHasItsClass() throws {
        let sources = try LexiconLoader.sources(inDirectory: Fixtures.repository.appendingPathComponent("Lexicons").path)
        let all = NameWordsBuilder(knowledge: .installed, firstNames: try LexiconLoader.readRows(sources).firstNames)
        let lexicon = DefaultLexicon.compiled
        var short = 0, long = 0, wrong: [String] = []
        for id in 0..<Int32(all.table.count) {
            let word = Array(all.table.key(id))
            if PackedNameWords.holds(word.count) { short += 1 } else { long += 1 }
            let expected = all.classes[Int(id)]
            if Self.alone(word, lexicon) != expected || Self.inText(word, lexicon) != expected {
                wrong.append(String(decoding: word, as: UTF8.self))
            }
        }
        #expect(wrong.isEmpty)
        #expect(short > 0 && long > 0)
    }

    @Test("a word of exactly 14 bytes (packed) and one of 15 (byte-string table) both have their class")
    func wordsOfFourteenAndFifteenBytes() {
        let fourteen = Array("Annemarie-Luis".utf8), fifteen = Array("Annemarie-Luise".utf8)
        #expect(fourteen.count == 14 && fifteen.count == 15)
        for word in [fourteen, fifteen] {
            #expect(Self.alone(word) & NameWordClass.firstName != 0)
            #expect(Self.inText(word) & NameWordClass.firstName != 0)
        }
    }

    @Test("a word with umlauts is looked up by its UTF-8 bytes as written")
    func umlautsAsWritten() {
        let jörgGünther = Array("Jörg-Günther".utf8)
        #expect(jörgGünther.count == 14)
        for word in [jörgGünther, Array("Jörg".utf8)] {
            #expect(Self.alone(word) & NameWordClass.firstName != 0)
            #expect(Self.inText(word) & NameWordClass.firstName != 0)
        }
        // Decomposed ("o" and a combining diaeresis) or without the umlaut, it is another word.
        for other in ["Jo\u{308}rg", "Jorg", "JÖRG"] {
            #expect(Self.alone(Array(other.utf8)) == 0)
            #expect(Self.inText(Array(other.utf8)) == 0)
        }
    }

    @Test("a word not in the table has class 0, also a prefix or a longer form of one")
    func absentWords() {
        for absent in ["X", "Annemarie", "Annemarie-Lui", "Annemarie-Luisa", "Annemarie-Luisen", "Jörg-Günthe", "Jörg-Günthers", "Jör"] {
            #expect(Self.alone(Array(absent.utf8)) == 0, "\(absent)")
            #expect(Self.inText(Array(absent.utf8)) == 0, "\(absent)")
        }
    }

    @Test("the empty word has class 0")
    func emptyWord() {
        #expect(Self.alone([]) == 0)
        #expect(Self.inText([]) == 0)
    }

    @Test("a word and a zero byte after it is not the word")
    func trailingZeroByte() {
        let word = Array("Jörg".utf8) + [0]
        #expect(Self.alone(word) == 0)
        #expect(Self.inText(word) == 0)
    }

    @Test("a word at the very end of its text (no sixteen bytes to load) has its class")
    func wordAtTextEnd() {
        #expect(Self.inText(Array("Jörg".utf8), followedBy: []) & NameWordClass.firstName != 0)
        #expect(Self.inText(Array("Jörg-Günther".utf8), followedBy: [0x20]) & NameWordClass.firstName != 0)
    }

    @Test("the packed name words start on a cache line, in an image built in memory and in one mapped from a file")
    func packedWordsAreCacheLineAligned() throws {
        let rows = try LexiconFile.parse(Array(CacheKey.probeTSV.utf8), path: "probe.tsv")
        let sections = try LexiconCompiler(knowledge: CacheKey.probeKnowledge).compileSections(rows, firstNames: CacheKey.probeFirstNames)
        let path = directory() + "/probe.enlx"
        let sink = try OutputSink.file(at: path)
        LexiconImage.write(sections: sections, sourceKey: 1, to: sink)
        try sink.commit()
        for image in [LexiconImage.build(sections: sections, sourceKey: 1), try LexiconImage(mapping: path)] {
            let packed = image.raw(.packedNameWords)
            #expect(packed.count >= 64)
            #expect(Int(bitPattern: packed.baseAddress) % 64 == 0)
        }
    }

    @Test("lexicon info lists discovery's name words and filters, and its rows add up to the image's size")
    func statisticsCoverTheWholeImage() throws {
        let stats = Self.names.statistics
        let total = try #require(stats.last)
        #expect(total.name == "total" && total.bytes == Self.names.image.bytes.count)
        #expect(stats.dropLast().reduce(0) { $0 + $1.bytes } == total.bytes)
        let words = try #require(stats.first { $0.name.hasPrefix("name words") })
        // The four first names above and the embedded discovery lists, some of them longer than 14 bytes.
        #expect((words.count ?? 0) > 4)
        #expect(words.bytes >= Self.names.image.raw(.packedNameWords).count)
        #expect(stats.contains { $0.name == "name-word filters" && $0.bytes > 0 })
    }
}
