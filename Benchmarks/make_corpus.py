#!/usr/bin/env python3
"""Builds the benchmark text: about SIZE MB of real German sentences as JSONL.

Sentences come from ../shared/data (GermEval 2014 test, UD German GSD test),
rebuilt as text (GermEval: tokens joined by spaces; UD: the `# text =` lines),
grouped 20 per document and repeated until the size is reached. Without
../shared/data it generates German-like text from a small vocabulary, and says so.

usage: make_corpus.py SIZE_MB OUTPUT.jsonl [DOC_SENTENCES]
"""
import json
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "..", "shared", "data")

def sentences():
    out = []
    ge = os.path.join(DATA, "germeval2014", "NER-de-test.tsv")
    ud = os.path.join(DATA, "ud-german-gsd", "de_gsd-ud-test.conllu")
    if os.path.exists(ge):
        tokens = []
        for line in open(ge, encoding="utf-8"):
            line = line.rstrip("\n")
            if line.startswith("#"):
                continue
            if not line.strip():
                if tokens:
                    out.append(" ".join(tokens))
                tokens = []
                continue
            tokens.append(line.split("\t")[1])
    if os.path.exists(ud):
        for line in open(ud, encoding="utf-8"):
            if line.startswith("# text = "):
                out.append(line[len("# text = "):].rstrip("\n"))
    return out

def generated():
    rnd = random.Random(5)
    words = ("der die das und mit von für auf den dem im Unternehmen Konzern Hersteller Autos Elektroautos "
             "Batterien Werk Markt Umsatz Gewinn Prozent Millionen Euro China Europa stieg fiel meldete "
             "plant baut verkauft Ford Volkswagen BMW Tesla BYD Xiaomi Mercedes-Benz Jim Farley Oliver Blume").split()
    return [" ".join(rnd.choice(words) for _ in range(rnd.randint(8, 25))).capitalize() + "." for _ in range(5000)]

def main():
    size = float(sys.argv[1]) * 1e6
    path = sys.argv[2]
    per_doc = int(sys.argv[3]) if len(sys.argv) > 3 else 20
    sents = sentences()
    if not sents:
        print("make_corpus: ../shared/data not found, generating German-like text", file=sys.stderr)
        sents = generated()
    def texts():
        while True:
            for i in range(0, len(sents), per_doc):
                yield " ".join(sents[i:i + per_doc])
    write_documents(path, size, "d", texts())


def write_documents(path, size, prefix, texts):
    """JSONL documents {"id": prefix + number, "text"} from the iterator `texts` until the
    file holds `size` bytes (the last document whole). Shared with make_mixed_corpus.py."""
    written, doc = 0, 0
    with open(path, "w", encoding="utf-8") as f:
        for text in texts:
            line = json.dumps({"id": f"{prefix}{doc}", "text": text}, ensure_ascii=False) + "\n"
            f.write(line)
            written += len(line.encode("utf-8"))
            doc += 1
            if written >= size:
                break

if __name__ == "__main__":
    main()
