#!/usr/bin/env python3
"""Derives Lexicons/knowledge/ordinary-words.txt from the Debian word list `wngerman`.

`wngerman` (/usr/share/dict/ngerman, Björn Jacke's igerman98, GPL-2 or later,
https://www.j3e.de/ispell/igerman98/) lists about 356,000 German word forms in the new
orthography, inflected forms included. German writes nouns and names capitalized and
every other word in lower case, so its lower-case entries are the German words that are
no nouns: adjectives, adverbs, verbs, participles ("zuvor", "interessant", "gegründet").
A capitalized word that is one of them stands at a sentence start ("Zuvor war …"), and
is no surname: that is all discovery asks of this list.

The derived list is made on the user's machine by `make knowledge` and is never
committed or redistributed by this repository.

Usage: derive_ordinary_words.py [WORDLIST] OUTPUT   (WORDLIST: /usr/share/dict/ngerman)
Kept: lines that start with a lower-case letter, letters only (no hyphen, apostrophe or
digit), three letters or more; of those, only the words that are no shorter kept word plus
an ending of ordinary-word-endings.txt (beside this script): "interessant" stays,
"interessantere" goes (discovery asks for a word and for it without each ending). Written
capitalized, as at a sentence start ("Zuvor"), sorted by their UTF-8 bytes, each once."""
import os
import sys

ENDINGS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "ordinary-word-endings.txt")


def endings():
    with open(ENDINGS, encoding="utf-8") as f:
        return [l.strip() for l in f if l.strip() and not l.startswith("#")]


def main(argv):
    source = argv[1] if len(argv) > 2 else "/usr/share/dict/ngerman"
    output = argv[-1]
    words = set()
    with open(source, encoding="utf-8") as f:
        for line in f:
            w = line.strip()
            if len(w) < 3 or not w[0].islower() or not w.isalpha():
                continue
            words.add(w[0].upper() + w[1:])
    # Shortest first: a word's base is decided before the word.
    kept = set()
    ends = endings()
    for w in sorted(words, key=lambda s: (len(s), s.encode("utf-8"))):
        if not any(w.endswith(e) and len(w) - len(e) >= 3 and w[: -len(e)] in kept for e in ends):
            kept.add(w)
    words = kept
    with open(output, "w", encoding="utf-8") as out:
        out.write("# German words that are no nouns (adjectives, adverbs, verbs, participles), capitalized\n")
        out.write("# as at a sentence start: the lower-case entries of Debian's `wngerman` word list\n")
        out.write("# (igerman98, (c) 1999-2016 Björn Jacke, GPL-2 or later). Made on this machine by\n")
        out.write("# `make knowledge` (Lexicons/knowledge/derive_ordinary_words.py). Do not edit.\n")
        out.write("# Inflected forms are left out: a word plus an ending of ordinary-word-endings.txt is one too.\n")
        for w in sorted(words, key=lambda s: s.encode("utf-8")):
            out.write(w + "\n")
    print(f"{output}: {len(words)} words", file=sys.stderr)


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv)
