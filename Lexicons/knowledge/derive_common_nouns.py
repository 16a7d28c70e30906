#!/usr/bin/env python3
"""Derives Lexicons/knowledge/common-nouns.txt from the `german-nouns` package (PyPI).

`german-nouns` (Gregor Weichbrodt, https://github.com/gambolputty/german-nouns) lists
~100,000 German nouns compiled from the German Wiktionary, licensed CC BY-SA 4.0; so
is the file derived here, which is why it is made by `make knowledge`, not committed.

Usage: derive_common_nouns.py WHEEL_OR_CSV OUTPUT
Keeps every lemma with an entry whose part of speech is `Substantiv`, not also a
name (Eigenname, Toponym, Vorname, Nachname, Straßenname), an abbreviation or a word
part, that has a plural (a count noun: "Golf"/"Golfe", not "Facebook"), written as one
word of letters. One word per line; "<TAB>name" after a noun that another entry of the
same lemma marks as a surname or first name ("Richter", "Wolf")."""
import csv
import io
import sys
import zipfile

NOT_COMMON = {"Eigenname", "Toponym", "Vorname", "Nachname", "Straßenname", "Abkürzung",
              "Affix", "Suffix", "Gebundenes Lexem", "Buchstabe", "Symbol"}


def rows(source):
    if source.endswith(".whl"):
        with zipfile.ZipFile(source) as z:
            name = next(n for n in z.namelist() if n.endswith("german_nouns/nouns.csv"))
            text = io.TextIOWrapper(z.open(name), encoding="utf-8")
            yield from csv.reader(text)
    else:
        with open(source, encoding="utf-8") as f:
            yield from csv.reader(f)


def main():
    source, output = sys.argv[1], sys.argv[2]
    person_names, common = set(), set()
    it = rows(source)
    header = next(it)
    plural_columns = [i for i, name in enumerate(header) if name.startswith("nominativ plural")]
    for row in it:
        lemma, pos = row[0], set(row[1].split(","))
        if " " in lemma or not lemma.isalpha():
            continue
        if pos & {"Nachname", "Vorname"}:
            person_names.add(lemma)
        # A count noun (with a plural): brand and company names that Wiktionary lists as
        # nouns have none ("Facebook", "Microsoft", "Twitter"), ordinary words do ("Golfe").
        if "Substantiv" in pos and not pos & NOT_COMMON and any(i < len(row) and row[i] for i in plural_columns):
            common.add(lemma)
    with open(output, "w", encoding="utf-8") as out:
        out.write("# German common nouns from the German Wiktionary via the `german-nouns` package\n"
                  "# (CC BY-SA 4.0, https://github.com/gambolputty/german-nouns); made by\n"
                  "# `make knowledge` (Lexicons/knowledge/derive_common_nouns.py). Do not edit.\n"
                  "# One noun a line; \"<TAB>name\" marks a noun that is also a surname or first name.\n")
        for w in sorted(common):
            out.write(w + ("\tname" if w in person_names else "") + "\n")
    print(f"{output}: {len(common)} common nouns ({len(common & person_names)} also names)", file=sys.stderr)


if __name__ == "__main__":
    main()
