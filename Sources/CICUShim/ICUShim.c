// Thin wrappers over system ICU (libicu 72): break iteration over UTF-8 via
// UText, NFC normalization, case folding and character classes.
#include "CICUShim.h"
#include <stdlib.h>
#include <unicode/ubrk.h>
#include <unicode/utext.h>
#include <unicode/unorm2.h>
#include <unicode/uchar.h>
#include <unicode/ustring.h>

struct EnWordBreaker {
    UBreakIterator *iterator;
    UText *text;
};

EnWordBreaker *en_word_breaker_open(const char *locale, const char **errorName) {
    UErrorCode status = U_ZERO_ERROR;
    UBreakIterator *it = ubrk_open(UBRK_WORD, locale, NULL, 0, &status);
    if (U_FAILURE(status)) {
        if (errorName) *errorName = u_errorName(status);
        return NULL;
    }
    EnWordBreaker *b = calloc(1, sizeof(EnWordBreaker));
    if (!b) { ubrk_close(it); return NULL; }
    b->iterator = it;
    return b;
}

void en_word_breaker_close(EnWordBreaker *b) {
    if (!b) return;
    ubrk_close(b->iterator);
    if (b->text) utext_close(b->text);
    free(b);
}

int32_t en_word_breaker_set_text(EnWordBreaker *b, const uint8_t *utf8, int64_t length) {
    UErrorCode status = U_ZERO_ERROR;
    // Reuses the UText struct across documents (no allocation per document).
    b->text = utext_openUTF8(b->text, (const char *)utf8, length, &status);
    if (U_FAILURE(status)) return (int32_t)status;
    ubrk_setUText(b->iterator, b->text, &status);
    return (int32_t)status;
}

int32_t en_word_breaker_next(EnWordBreaker *b, int32_t *boundaries, int32_t *statuses, int32_t capacity) {
    int32_t n = 0;
    while (n < capacity) {
        int32_t p = ubrk_next(b->iterator);
        if (p == UBRK_DONE) break;
        boundaries[n] = p;
        if (statuses) statuses[n] = ubrk_getRuleStatus(b->iterator);
        n++;
    }
    return n;
}

static const UNormalizer2 *nfc(void) {
    static const UNormalizer2 *instance = NULL;
    if (!instance) {
        UErrorCode status = U_ZERO_ERROR;
        instance = unorm2_getNFCInstance(&status);
    }
    return instance;
}

static const UNormalizer2 *nfd(void) {
    static const UNormalizer2 *instance = NULL;
    if (!instance) {
        UErrorCode status = U_ZERO_ERROR;
        instance = unorm2_getNFDInstance(&status);
    }
    return instance;
}

int32_t en_nfc_is_inert_start(uint32_t c) {
    if (!unorm2_hasBoundaryBefore(nfc(), (UChar32)c)) return 0;
    // The property, not a quick check of a one-character string: no string built, a
    // fraction of the instructions (the tests compare both for every code point).
    return u_getIntPropertyValue((UChar32)c, UCHAR_NFC_QUICK_CHECK) == UNORM_YES;
}

int32_t en_nfc_quick_check_string_yes(uint32_t c) {
    const UNormalizer2 *n = nfc();
    UChar buf[2];
    int32_t len = 0;
    U16_APPEND_UNSAFE(buf, len, (UChar32)c);
    UErrorCode status = U_ZERO_ERROR;
    return unorm2_quickCheck(n, buf, len, &status) == UNORM_YES && U_SUCCESS(status);
}

int32_t en_nfc_has_boundary_before(uint32_t c) {
    return unorm2_hasBoundaryBefore(nfc(), (UChar32)c) ? 1 : 0;
}

int32_t en_nfc_normalize(const uint32_t *src, int32_t length, uint32_t *dst, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    int32_t u16len = 0;
    u_strFromUTF32(NULL, 0, &u16len, (const UChar32 *)src, length, &status);
    if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(status)) return -1;
    status = U_ZERO_ERROR;
    UChar *in = malloc(sizeof(UChar) * (size_t)(u16len + 1));
    UChar *out = malloc(sizeof(UChar) * (size_t)(2 * u16len + 8));
    int32_t written = -1;
    if (in && out) {
        u_strFromUTF32(in, u16len + 1, NULL, (const UChar32 *)src, length, &status);
        int32_t outLen = unorm2_normalize(nfc(), in, u16len, out, 2 * u16len + 8, &status);
        if (U_SUCCESS(status)) {
            int32_t cps = 0;
            u_strToUTF32((UChar32 *)dst, capacity, &cps, out, outLen, &status);
            if (U_SUCCESS(status)) written = cps;
        }
    }
    free(in);
    free(out);
    return written;
}

uint32_t en_fold_case(uint32_t c) {
    return (uint32_t)u_foldCase((UChar32)c, U_FOLD_CASE_DEFAULT);
}

uint32_t en_strip_marks(uint32_t c) {
    UChar buf[8];
    UErrorCode status = U_ZERO_ERROR;
    int32_t len = unorm2_getDecomposition(nfd(), (UChar32)c, buf, 8, &status);
    if (len <= 0 || U_FAILURE(status)) return c;
    UChar32 base;
    int32_t i = 0;
    U16_NEXT(buf, i, len, base);
    // Keep the decomposition only if everything after the base is a mark.
    while (i < len) {
        UChar32 m;
        U16_NEXT(buf, i, len, m);
        if (!(U_GET_GC_MASK(m) & U_GC_M_MASK)) return c;
    }
    return (uint32_t)base;
}

int32_t en_char_class(uint32_t c) {
    UChar32 u = (UChar32)c;
    int32_t k = 0;
    uint32_t mask = U_GET_GC_MASK(u);
    if (u_isalpha(u)) k |= EN_CHAR_LETTER;
    if (u_isUUppercase(u) || (mask & U_GC_LT_MASK)) k |= EN_CHAR_UPPER;
    if (u_isULowercase(u)) k |= EN_CHAR_LOWER;
    if (mask & U_GC_ND_MASK) k |= EN_CHAR_DIGIT;
    if (u_isUWhiteSpace(u) || (mask & U_GC_Z_MASK)) k |= EN_CHAR_SPACE;
    if (mask & U_GC_P_MASK) k |= EN_CHAR_PUNCT;
    if (mask & U_GC_M_MASK) k |= EN_CHAR_MARK;
    return k;
}
