#!/usr/bin/env python3
"""Builds the second benchmark text (issue 17): about SIZE MB of German that is NOT mostly
plain Latin: many names, typographic quotes and dashes, numbers with units, non-Latin names.

Sources: the gold corpus of the repository (Corpora/gold/gold.jsonl: news text dense with
companies, people and models) and GermEval 2014 dev sentences from ../shared/data (without
them, the gold corpus alone). Every sentence is rewritten by a seeded random generator:
  - quotes "…" become „…“ or »…«, a hyphen between spaces an en dash –, " - " a "—";
  - numbers get units from a list ("340 kW", "12,5 kWh/100 km", "−18 °C", "2.999 €", "75 %");
  - more than half the sentences get an inserted clause with a non-Latin name or word
    (Cyrillic, Greek, Chinese, Japanese, Arabic, Hebrew, Korean, Devanagari) in its own
    script, with its Latin transliteration beside it, as German news writes them;
  - names keep their accents ("Škoda", "Citroën", "Łódź", "Ørsted").
The output is deterministic (seed 17) so runs compare. Documents of 8 sentences.

usage: make_mixed_corpus.py SIZE_MB OUTPUT.jsonl
"""
import json
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, HERE)
from make_corpus import write_documents  # noqa: E402
DATA = os.path.join(REPO, "..", "shared", "data")

UNITS = ["kW", "PS", "kWh", "km", "km/h", "kg", "t", "€", "Mio. €", "Mrd. Euro", "%", "°C", "mm", "Nm",
         "l/100 km", "kWh/100 km", "g/km", "MWh", "GW", "m²", "US-Dollar", "Yuan", "¥", "£"]
NON_LATIN = [
    ("Лэй Цзюнь", "Lei Jun"), ("雷军", "Lei Jun"), ("小米汽车", "Xiaomi Auto"), ("比亚迪", "BYD"),
    ("Владимир Потанин", "Wladimir Potanin"), ("Газпром", "Gazprom"), ("Ростех", "Rostec"),
    ("Κυριάκος Μητσοτάκης", "Kyriakos Mitsotakis"), ("トヨタ自動車", "Toyota"), ("豊田章男", "Akio Toyoda"),
    ("현대자동차", "Hyundai Motor"), ("정의선", "Chung Eui-sun"), ("أرامكو", "Aramco"),
    ("محمد بن سلمان", "Mohammed bin Salman"), ("טבע", "Teva"), ("टाटा मोटर्स", "Tata Motors"),
    ("Škoda Auto", "Škoda"), ("Citroën", "Citroën"), ("Ørsted", "Ørsted"), ("Łódź", "Łódź"),
]
CLAUSES = [
    "– auf Chinesisch {nl} ({lat}) –",
    "(im Original: „{nl}“, {lat})",
    ", wie {lat} ({nl}) mitteilte,",
    "— so die Schreibweise {nl} —",
]


def gold_sentences():
    out = []
    path = os.path.join(REPO, "Corpora", "gold", "gold.jsonl")
    for line in open(path, encoding="utf-8"):
        text = json.loads(line)["text"]
        for para in text.split("\n"):
            out.extend(s for s in re.split(r"(?<=[.!?])\s+", para) if s.strip())
    return out


def germeval_dev_sentences():
    path = os.path.join(DATA, "germeval2014", "NER-de-dev.tsv")
    if not os.path.exists(path):
        return []
    out, tokens = [], []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("#"):
            continue
        if not line.strip():
            if tokens:
                text = " ".join(tokens)
                # GermEval is tokenized: glue punctuation back as text has it.
                text = re.sub(r" ([.,;:!?)])", r"\1", text).replace("( ", "(")
                out.append(text)
            tokens = []
            continue
        tokens.append(line.split("\t")[1])
    return out


def rewrite(sentence, rnd):
    s = sentence
    # Typographic quotes: straight pairs become German or French quotes.
    opening, closing = rnd.choice([("„", "“"), ("»", "«"), ("‚", "‘")])
    parts = s.split('"')
    if len(parts) >= 3:
        s = "".join(p + (opening if i % 2 == 0 else closing) for i, p in enumerate(parts[:-1])) + parts[-1]
    s = s.replace(" - ", rnd.choice([" – ", " — "]))
    words = s.split(" ")
    if len(parts) < 3 and len(words) > 6 and rnd.random() < 0.5:  # a quoted phrase of two to four words
        a = rnd.randint(1, len(words) - 5)
        b = a + rnd.randint(2, 4)
        s = " ".join(words[:a] + [opening + " ".join(words[a:b]) + closing] + words[b:])
    if rnd.random() < 0.3:
        s = s.replace(", ", rnd.choice([" – ", " — ", " … "]), 1)
    # Numbers with units, and signed numbers.
    def unit(m):
        if rnd.random() < 0.6:
            return m.group(0) + rnd.choice(["\u202f", "\u00a0", " ", " ", " "]) + rnd.choice(UNITS)
        return ("−" if rnd.random() < 0.1 else "") + m.group(0)
    s = re.sub(r"(?<![\w.,])\d+(?:[.,]\d+)?(?![\w.,]*\w)", unit, s, count=2)
    if rnd.random() < 0.3:  # a measured value of its own
        s = s.rstrip(".") + f", bei {rnd.randint(2, 999)},{rnd.randint(0, 9)}\u00a0{rnd.choice(UNITS)}."
    clauses = []
    for _ in range(2 if rnd.random() < 0.3 else 1):
        if rnd.random() < 0.6:
            nl, lat = rnd.choice(NON_LATIN)
            clauses.append(rnd.choice(CLAUSES).format(nl=nl, lat=lat))
    words = s.split(" ")
    cuts = sorted(rnd.sample(range(1, len(words)), min(len(clauses), len(words) - 1)), reverse=True)
    for cut, clause in zip(cuts, clauses):  # from the end, so earlier cuts stay where they were
        words[cut:cut] = [clause]
    s = " ".join(words)
    return s


def main():
    size = float(sys.argv[1]) * 1e6
    path = sys.argv[2]
    sents = gold_sentences() + germeval_dev_sentences()
    if len(sents) < 2000:
        print("make_mixed_corpus: ../shared/data not found, the gold corpus alone", file=sys.stderr)
    rnd = random.Random(17)

    def texts():  # (lazily: the random draws stay in the order they always had)
        while True:
            order = list(range(len(sents)))
            rnd.shuffle(order)
            for i in range(0, len(order), 8):
                yield " ".join(rewrite(sents[k], rnd) for k in order[i:i + 8])
    write_documents(path, size, "m", texts())


if __name__ == "__main__":
    main()
