// Plain C view of the few ICU services Eigenname needs. Swift imports this
// header only; the ICU headers stay inside ICUShim.c (see Package.swift).
#ifndef EIGENNAME_CICUSHIM_H
#define EIGENNAME_CICUSHIM_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// An ICU word-break iterator (locale-specific) over UTF-8 text via UText.
typedef struct EnWordBreaker EnWordBreaker;

/// Opens a word-break iterator for `locale` ("de"). Returns NULL on failure and
/// stores ICU's error name in `errorName` (may be NULL).
EnWordBreaker *en_word_breaker_open(const char *locale, const char **errorName);
void en_word_breaker_close(EnWordBreaker *breaker);

/// Points the iterator at `length` bytes of UTF-8 (not copied; the bytes must
/// stay alive while iterating). Returns 0, or an ICU error code.
int32_t en_word_breaker_set_text(EnWordBreaker *breaker, const uint8_t *utf8, int64_t length);

/// Writes up to `capacity` further boundaries (byte offsets, increasing) and the
/// rule status of the segment that ends at each (UBRK_WORD_NONE 0..99,
/// NUMBER 100..199, LETTER 200..299, KANA 300..399, IDEO 400..499); pass NULL
/// for `statuses` to skip them. Returns how many were written; 0 when the text
/// is exhausted.
int32_t en_word_breaker_next(EnWordBreaker *breaker, int32_t *boundaries, int32_t *statuses, int32_t capacity);

/// NFC: 1 if the NFC normalizer has a boundary before `c` (text can be split
/// there and each part normalized alone) and `c` itself is NFC quick-check Yes.
int32_t en_nfc_is_inert_start(uint32_t c);

/// NFC: 1 if unorm2_quickCheck says Yes for the one-character string `c`: the
/// reference the property look-up of `en_nfc_is_inert_start` is tested against.
int32_t en_nfc_quick_check_string_yes(uint32_t c);

/// NFC: 1 if the normalizer has a boundary before `c` (nothing before `c`
/// can combine with it), even if `c` itself changes (U+F901 -> U+66F4).
int32_t en_nfc_has_boundary_before(uint32_t c);

/// NFC-normalizes `length` code points from `src` into `dst` (capacity code
/// points). Returns the number of code points written, or -1 on error.
int32_t en_nfc_normalize(const uint32_t *src, int32_t length, uint32_t *dst, int32_t capacity);

/// Full Unicode simple case folding of one code point (u_foldCase).
uint32_t en_fold_case(uint32_t c);

/// The base letter of `c` with its combining marks removed, using the canonical
/// decomposition ("é" -> "e"); `c` itself when it has none.
uint32_t en_strip_marks(uint32_t c);

/// Character classes used by tokenization and matching.
enum {
    EN_CHAR_LETTER = 1,
    EN_CHAR_UPPER = 2,
    EN_CHAR_LOWER = 4,
    EN_CHAR_DIGIT = 8,
    EN_CHAR_SPACE = 16,
    EN_CHAR_PUNCT = 32,
    EN_CHAR_MARK = 64,
};
/// A bit set of EN_CHAR_* for `c`.
int32_t en_char_class(uint32_t c);

#ifdef __cplusplus
}
#endif
#endif
