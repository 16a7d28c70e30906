// Offsets are code points into the ORIGINAL text, whatever it holds.

import Testing
@testable import Eigenname

@Suite("Offsets")
struct OffsetTests {
    /// Every entity's and token's span, cut from the original, gives its text.
    private func expectRoundTrip(_ text: String, entities expected: [String]) {
        let doc = Fixtures.annotate(text)
        #expect(doc.entities.map(\.text) == expected)
        for e in doc.entities {
            #expect(Fixtures.slice(text, e.start, e.end) == e.text)
        }
        var previousEnd = 0
        for t in doc.tokens {
            #expect(Int(t.start) >= previousEnd && t.end > t.start)
            previousEnd = Int(t.end)
        }
        #expect(previousEnd <= text.unicodeScalars.count)
    }

    @Test func emojiBeforeEntities() {
        expectRoundTrip("🚗🔋 Ford und 👍🏽 Xiaomi", entities: ["Ford", "Xiaomi"])
    }

    @Test func combiningAccentsBeforeEntities() {
        expectRoundTrip("Citroe\u{308}n und Re\u{301}nault: Ford", entities: ["Ford"])
    }

    @Test func nonBreakingSpacesAndSoftHyphens() {
        expectRoundTrip("Die\u{A0}Ford\u{A0}Motor\u{A0}Company und Xia\u{AD}omi", entities: ["Ford\u{A0}Motor\u{A0}Company", "Xia\u{AD}omi"])
    }

    // More replacements than the normalizer reserves room for at first: its buffers grow,
    // and every piece of the map must still lead back to the original.
    @Test func manyQuotesAndDashesBeforeEntities() {
        let text = String(repeating: "„a“ – ‚b‘ » ", count: 300) + "Ford und\u{2009}Xiaomi"
        expectRoundTrip(text, entities: ["Ford", "Xiaomi"])
        let normalized = TextNormalizer().normalize(Array(text.utf8))
        #expect(String(decoding: normalized.bytes, as: UTF8.self)
                    == String(repeating: "\"a\" - 'b' \" ", count: 300) + "Ford und Xiaomi")
        // A match form longer than the original: NFC decomposes U+0958 (a composition exclusion).
        let longer = String(repeating: "\u{958}", count: 200) + " Ford"
        expectRoundTrip(longer, entities: ["Ford"])
        #expect(String(decoding: TextNormalizer().normalize(Array(longer.utf8)).bytes, as: UTF8.self)
                    == String(repeating: "\u{915}\u{93C}", count: 200) + " Ford")
    }

    // The cursor's one-step range inside a copy must say what its two look-ups say, everywhere.
    @Test func cursorRangeAgreesWithStartAndEndLookups() {
        let text = "„Ford“ – Xiao\u{AD}mi\u{200B}s Citroe\u{308}n\u{A0}AG ‚x‘ Elektro-\nfahrzeuge »Ю« \u{958}\u{958} Ende"
        let normalized = TextNormalizer().normalize(Array(text.utf8))
        let n = Int32(normalized.bytes.count)
        var generator = OutputFixture.Generator(state: 29)
        for _ in 0..<2000 {
            // Increasing spans, as the tokenizer asks: each starts at or after the last one's end.
            var spans: [(Int32, Int32)] = []
            var at: Int32 = 0
            while at < n {
                let start = at + Int32(generator.next() % 3)
                let end = start + 1 + Int32(generator.next() % 6)
                guard end <= n else { break }
                spans.append((start, end))
                at = end
            }
            let both = normalized.map.withCursor { cursor in spans.map { cursor.originalRange($0.0, $0.1) } }
            let apart = normalized.map.withCursor { cursor in
                spans.map { span -> (start: Int32, end: Int32) in
                    let start = cursor.originalStart(span.0)
                    return (start, cursor.originalEnd(span.1))
                }
            }
            #expect(both.map(\.start) == apart.map(\.start) && both.map(\.end) == apart.map(\.end), "\(spans)")
        }
    }

    @Test func crlfLineEnds() {
        expectRoundTrip("Ford erkundet\r\n\r\nXiaomi-Modelle\r\nJim Farley", entities: ["Ford", "Xiaomi", "Jim Farley"])
    }

    @Test func byteOrderMarkIsNotPartOfTheText() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("Ford kommt.".utf8)
        let text = try TextDecoding.decode(bytes, origin: DocumentOrigin(path: "bom.txt"), replaceInvalid: false)
        let doc = try Annotator(lexicon: Fixtures.lexicon).annotate(SourceDocument(id: "bom", utf8: text,
                                                                                  origin: DocumentOrigin(path: "bom.txt")))
        #expect(doc.entities.map { [$0.start, $0.end] } == [[0, 4]])
    }

    @Test func lineEndHyphenationKeepsOriginalOffsets() {
        expectRoundTrip("Xiao-\nmi baut Elektro-\nautos", entities: ["Xiao-\nmi"])
    }

    @Test func invalidUTF8IsReportedWithItsByteOffset() {
        let bytes: [UInt8] = Array("Ford ".utf8) + [0xC3, 0x28] + Array(" Xiaomi".utf8)
        #expect(throws: EigennameError.invalidUTF8(origin: DocumentOrigin(path: "bad.txt"), byteOffset: 5)) {
            try TextDecoding.decode(bytes, origin: DocumentOrigin(path: "bad.txt"), replaceInvalid: false)
        }
    }

    @Test func invalidUTF8CanBeReplaced() throws {
        let bytes: [UInt8] = Array("Ford ".utf8) + [0xFF] + Array(" Xiaomi".utf8)
        let text = try TextDecoding.decode(bytes, origin: DocumentOrigin(path: "bad.txt"), replaceInvalid: true)
        #expect(String(decoding: text, as: UTF8.self) == "Ford \u{FFFD} Xiaomi")
    }
}
