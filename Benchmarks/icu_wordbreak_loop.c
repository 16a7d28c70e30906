// The floor of what ICU tokenization costs: a bare loop over ICU's word-break
// iterator (locale "de") on UTF-8 text through UText, doing nothing with the
// boundaries but counting them. Reads the whole input file (JSONL documents
// or plain text: either way, all its bytes are iterated), prints
// "<bytes> bytes, <boundaries> boundaries, <seconds> s, <MB/s>" on stderr.
//
// build: cc -O2 icu_wordbreak_loop.c $(pkg-config --cflags --libs icu-uc icu-i18n) -o icu_wordbreak_loop
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unicode/ubrk.h>
#include <unicode/utext.h>

int main(int argc, char **argv) {
    if (argc != 2) { fprintf(stderr, "usage: %s FILE\n", argv[0]); return 2; }
    FILE *f = fopen(argv[1], "rb");
    if (!f) { perror(argv[1]); return 1; }
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *text = malloc(size);
    if (!text || fread(text, 1, size, f) != (size_t)size) { perror("read"); return 1; }
    fclose(f);

    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    UErrorCode status = U_ZERO_ERROR;
    UBreakIterator *it = ubrk_open(UBRK_WORD, "de", NULL, 0, &status);
    UText *ut = utext_openUTF8(NULL, text, size, &status);
    ubrk_setUText(it, ut, &status);
    if (U_FAILURE(status)) { fprintf(stderr, "ICU: %s\n", u_errorName(status)); return 1; }
    long boundaries = 0;
    while (ubrk_next(it) != UBRK_DONE) boundaries++;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double seconds = (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
    fprintf(stderr, "%ld bytes, %ld boundaries, %.3f s, %.1f MB/s\n", size, boundaries, seconds, size / seconds / 1e6);
    utext_close(ut);
    ubrk_close(it);
    free(text);
    return 0;
}
