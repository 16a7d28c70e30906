#!/usr/bin/env python3
"""The test input of test_spark.sh: a few thousand German documents as JSONL.

usage: make_test_corpus.py OUTPUT.jsonl [SIZE_MB]

Real sentences (GermEval 2014 / UD German GSD from ../shared/data) via
Benchmarks/make_corpus.py, 3 per document; without the shared data that script makes
German-like text itself, and the paragraphs of Corpora/default are added either way, so
the documents mention the lexicons' companies, people and models. Then some lines that
a line-splitting pipeline gets wrong, each with an id:
  - raw U+2028 / U+2029 / U+0085 inside a JSON string (valid JSON; not a line end
    for Hadoop, but one for Python's str.splitlines),
  - escaped \\r, \\n, \\u0000 and other control characters, emoji, combining marks,
  - an empty text and a long (200 kB) document;
and two lines that are not documents: a blank line and a malformed one (the one
place where the Spark output has {"error": …}).
"""
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))


def main():
    out = sys.argv[1]
    size = sys.argv[2] if len(sys.argv) > 2 else "1.2"
    subprocess.run([sys.executable, os.path.join(ROOT, "Benchmarks", "make_corpus.py"), size, out, "3"],
                   check=True)
    docs = []
    corpus = os.path.join(ROOT, "Corpora", "default")
    if os.path.isdir(corpus):
        for name in sorted(os.listdir(corpus)):
            if not name.endswith(".txt"):
                continue
            text = open(os.path.join(corpus, name), encoding="utf-8").read()
            for i, para in enumerate(p for p in text.split("\n\n") if p.strip()):
                docs.append({"id": f"{name[:-4]}-p{i}", "text": para})
    edge = [
        "Ford-Chef Jim Farley fuhr monatelang Xiaomis SU7-Modell.\u2028Danach sprach er mit BMW.",
        "Volkswagen\u2029Tesla\u0085BYD und Mercedes-Benz.",
        "Zeile eins mit Ford\r\nZeile zwei mit Xiaomi\rZeile drei\nmit Jim Farley.",
        "Steuerzeichen \u0000\u0001\u001f bei BMW und \u007f bei Tesla.",
        "Emoji 🚗🔋 vor Xiaomi SU7 und 👩‍🔧 bei Ford. Combining: Mu\u0308ller, Stra\u00dfe.",
        "",
        "Ford " * 40000,
    ]
    docs += [{"id": f"edge-{i}", "text": t} for i, t in enumerate(edge)]
    with open(out, "a", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps(d, ensure_ascii=False) + "\n")
        f.write("\n")
        f.write('{"id": "broken", "text": "kein Ende\n')
        f.write(json.dumps({"id": "last", "text": "Zum Schluss: Jim Farley bei Ford."}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
