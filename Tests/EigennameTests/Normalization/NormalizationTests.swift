// Normalization: what the matcher sees, while offsets stay in the original.

import CICUShim
import Testing
@testable import Eigenname

@Suite("Normalization")
struct NormalizationTests {
    private func matchForm(_ text: String) -> String {
        String(decoding: TextNormalizer().normalize(Array(text.utf8)).bytes, as: UTF8.self)
    }

    @Test func decomposedUmlautIsComposed() {
        #expect(matchForm("Mu\u{308}ller") == "Müller")
    }

    // Characters that need nothing are skipped in runs; a mark that combines with the
    // last of a run must still compose with it, whatever the script and the run before.
    @Test func combiningMarkAfterNonLatinLetterIsComposed() {
        #expect(matchForm("Андреи\u{306} Чаи\u{306}ковский") == "Андрей Чайковский")  // Cyrillic и + breve = й
        #expect(matchForm("Καλημε\u{301}ρα") == "Καλημέρα")            // Greek ε + acute = έ
        #expect(matchForm("현대 \u{1100}\u{1161}\u{11A8}") == "현대 각")  // Hangul jamo L V T = 각
        #expect(matchForm("Seoul 가\u{11A8}") == "Seoul 각")              // syllable 가 + final jamo
    }

    /// `en_nfc_is_inert_start` reads the NFC quick-check property; it must say what ICU's
    /// quick check of the one-character string says, for every code point.
    @Test func inertStartByPropertyAgreesWithTheQuickCheckOfEveryCodePoint() {
        var differing: [UInt32] = []
        for c in UInt32(0)...0x10FFFF {
            let reference = en_nfc_has_boundary_before(c) != 0 && en_nfc_quick_check_string_yes(c) != 0
            if (en_nfc_is_inert_start(c) != 0) != reference { differing.append(c) }
        }
        #expect(differing.isEmpty, "\(differing.prefix(10).map { String($0, radix: 16) })")
    }

    /// The blocks `needsNothing` answers without ICU must be what ICU says about each code point.
    @Test func blocksLeftAloneWithoutICUAreInertStartersWithoutPlainBytes() {
        let inBlocks = (UInt32(0)...0x10FFFF).filter(NormalizationTables.isInInertBlock)
        let differing = inBlocks.filter { en_nfc_is_inert_start($0) == 0 || NormalizationTables.plainByte(of: $0) != nil }
        #expect(inBlocks.count == 0x5200 + 0x2BA4)
        #expect(differing.isEmpty, "\(differing.prefix(10).map { String($0, radix: 16) })")
        #expect(TextNormalizer().normalize(Array("雷军 현대자동차 豊田章男".utf8)).bytes == Array("雷军 현대자동차 豊田章男".utf8))
    }

    @Test func combiningMarkAfterEightPlainBytesIsComposed() {
        #expect(matchForm("Ole Gunnar Solskjae\u{308}r") == "Ole Gunnar Solskjaër")
        #expect(matchForm("abcdefghe\u{301}") == "abcdefghé")
    }

    @Test func softHyphenIsIgnored() {
        #expect(matchForm("Xiao\u{AD}mi") == "Xiaomi")
    }

    @Test func wordBrokenAtLineEndIsJoined() {
        #expect(matchForm("Elektro-\nfahrzeuge") == "Elektrofahrzeuge")
    }

    @Test func wordBrokenAtCRLFLineEndIsJoined() {
        #expect(matchForm("Elektro-\r\n  fahrzeuge") == "Elektrofahrzeuge")
    }

    @Test func realHyphenAcrossLineBreakIsKept() {
        #expect(matchForm("Ford-\nChef") == "Ford-Chef")
    }

    @Test func coordinationHyphenAtLineEndIsKept() {
        #expect(matchForm("Ford-\nund Xiaomi-Modelle") == "Ford-\nund Xiaomi-Modelle")
    }

    @Test func typographicQuotesDashesAndSpacesBecomePlain() {
        #expect(matchForm("„Ford’s“ – Mercedes‑Benz\u{A0}AG\u{202F}x") == "\"Ford's\" - Mercedes-Benz AG x")
    }

    @Test func zeroWidthCharactersAreIgnored() {
        #expect(matchForm("Xi\u{200B}aomi") == "Xiaomi")
    }

    @Test func softHyphenInNameStillMatchesAndSpanCoversIt() {
        let doc = Fixtures.annotate("Die Ford Motor Com\u{AD}pany wächst.")
        #expect(doc.entities.map(\.text) == ["Ford Motor Com\u{AD}pany"])
    }

    @Test func decomposedNameMatchesAndSpanCoversTheOriginalCodePoints() {
        let text = "Matthias Mu\u{308}ller kam."
        let doc = Fixtures.annotate(text)
        #expect(doc.entities.count == 1)
        #expect(doc.entities.first.map { $0.end - $0.start } == 16)
        #expect(doc.entities.first.map { Fixtures.slice(text, $0.start, $0.end) } == "Matthias Mu\u{308}ller")
    }

    @Test func nameBrokenAtLineEndIsFound() {
        let doc = Fixtures.annotate("Die Mercedes-\nBenz-Gruppe")
        #expect(doc.entities.map(\.text) == ["Mercedes-\nBenz"])
    }

    @Test func nonBreakingSpaceInsideAName() {
        #expect(Fixtures.entities("Jim\u{A0}Farley kam.") == ["Jim\u{A0}Farley/PERSON"])
    }
}
