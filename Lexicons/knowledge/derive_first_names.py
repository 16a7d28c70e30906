#!/usr/bin/env python3
"""Derives Lexicons/knowledge/first-names-world.txt from the `gender-guesser` package (PyPI).

`gender-guesser` (GPLv3, https://github.com/lead-ratings/gender-guesser) carries
`nam_dict.txt`, Jörg Michael's list of about 48,000 first names of 55 countries and
regions with their frequencies, (c) 2007-2008 Jörg Michael, under the GNU Free
Documentation License 1.2 or later. This script reads only that file. The derived list
is made on the user's machine by `make knowledge` and is never committed or
redistributed by this repository.

Usage: derive_first_names.py WHEEL_OR_NAM_DICT OUTPUT
nam_dict.txt is UTF-8 with fixed columns: a gender code in columns 1-2, the name in
columns 4-29, a '+' or '-' in column 30, then one column per country with a single
hexadecimal digit, the name's frequency there (1 rare ... D = 13 very common; blank:
not used there). Kept: every name line (not a `#` comment, not an `=` equivalence line,
not a line with '+' in column 30: the file's header says to ignore those, they repeat
names with umlauts sorted otherwise). The frequency written is the highest of any
country. A '+' inside a name (Arabic, Chinese, Korean names: "Jun+Wei") stands for '-',
' ' or nothing: the forms with '-' ("Jun-Wei") and joined ("Junwei") are written, the
one with a space is not (a line holds one word). Output: `Name<TAB>frequency` a line,
sorted, each name once (with its highest frequency)."""
import io
import sys
import zipfile

HEX = "0123456789ABCDEFabcdef"


def text(source):
    if source.endswith(".whl"):
        with zipfile.ZipFile(source) as z:
            name = next(n for n in z.namelist() if n.endswith("gender_guesser/data/nam_dict.txt"))
            return z.read(name).decode("utf-8")
    with open(source, encoding="utf-8", newline="") as f:
        return f.read()


def forms(name):
    """The name as written, or for "Jun+Wei" the forms "Jun-Wei" and "Junwei"."""
    if "+" not in name:
        return [name]
    parts = name.split("+")
    return ["-".join(parts), parts[0] + "".join(p[:1].lower() + p[1:] for p in parts[1:])]


def derive(source):
    names = {}
    # Lines end in CRLF, a few in LF alone: splitlines takes both.
    for line in text(source).splitlines():
        if not line or line[0] in "#=" or len(line) < 31 or line[29] == "+":
            continue
        name = line[3:29].strip()
        frequency = max((int(c, 16) for c in line[30:] if c in HEX), default=0)
        if not name or frequency == 0:
            continue
        for form in forms(name):
            if " " not in form and names.get(form, 0) < frequency:
                names[form] = frequency
    return names


def main():
    source, output = sys.argv[1], sys.argv[2]
    names = derive(source)
    with open(output, "w", encoding="utf-8", newline="\n") as out:
        out.write("# First names of the world with their highest frequency in any country (1 rare ... 13 very\n"
                  "# common), from nam_dict.txt (c) 2007-2008 Jörg Michael, GNU Free Documentation License 1.2\n"
                  "# or later, as shipped in the `gender-guesser` package (PyPI, GPLv3). Made on this machine by\n"
                  "# `make knowledge` (Lexicons/knowledge/derive_first_names.py); never committed or\n"
                  "# redistributed by Eigenname. Do not edit.\n"
                  "# One name a line: name<TAB>frequency.\n")
        for name in sorted(names):
            out.write(f"{name}\t{names[name]}\n")
    print(f"{output}: {len(names)} first names", file=sys.stderr)


if __name__ == "__main__":
    main()
