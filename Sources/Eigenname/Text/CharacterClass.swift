// Text, character classes: a code point in, its class out (letter, upper, lower,
// digit, space, punctuation, mark), from ICU, tabulated at start-up for the
// code points below `tabulatedCodePoints`.

import CICUShim

/// The per-code-point tables made from ICU at start-up (character classes, NFC
/// properties, key folding) cover the code points below this: Latin, Greek,
/// Cyrillic and the other alphabets, punctuation, currency and other symbols.
/// Above it (CJK, rarer in German text) ICU is asked each time. Tabulating the
/// whole BMP cost a process about 5 ms before its first document.
let tabulatedCodePoints: UInt32 = 0x3000

/// Character classes from ICU, tabulated below `tabulatedCodePoints`.
struct CharacterClass: OptionSet, Sendable {
    let rawValue: UInt8
    static let letter = CharacterClass(rawValue: UInt8(EN_CHAR_LETTER))
    static let upper = CharacterClass(rawValue: UInt8(EN_CHAR_UPPER))
    static let lower = CharacterClass(rawValue: UInt8(EN_CHAR_LOWER))
    static let digit = CharacterClass(rawValue: UInt8(EN_CHAR_DIGIT))
    static let space = CharacterClass(rawValue: UInt8(EN_CHAR_SPACE))
    static let punctuation = CharacterClass(rawValue: UInt8(EN_CHAR_PUNCT))
    static let mark = CharacterClass(rawValue: UInt8(EN_CHAR_MARK))

    private static let tabulated: [CharacterClass] = (0..<tabulatedCodePoints).map { CharacterClass(rawValue: UInt8(en_char_class($0))) }

    @inline(__always)
    static func of(_ c: UInt32) -> CharacterClass {
        c < tabulatedCodePoints ? tabulated[Int(c)] : CharacterClass(rawValue: UInt8(en_char_class(c)))
    }
}
