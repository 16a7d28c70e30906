#!/usr/bin/env python3
"""The spaCy peer of throughput.sh: spaCy blank German + EntityRuler with the lexicon
TSV (surface, type, ...; phrase patterns, case-sensitive ORTH), nlp.pipe over the
documents of a JSONL file, counting tokens and entities (nothing heavy written).
Prints one JSON object: pipe_seconds (the nlp.pipe loop only), setup_seconds
(imports + ruler), docs, bytes (UTF-8 bytes of the texts), tokens, entities.

usage: spacy_ruler_run.py CORPUS.jsonl LEXICON.tsv
"""
import json
import sys
import time

t0 = time.perf_counter()
import spacy  # noqa: E402

corpus, lexicon = sys.argv[1], sys.argv[2]
patterns = []
for i, line in enumerate(open(lexicon, encoding="utf-8")):
    if i == 0 or line.startswith("#") or not line.strip():
        continue
    cols = line.rstrip("\n").split("\t")
    patterns.append({"label": cols[1], "pattern": cols[0]})
nlp = spacy.blank("de")
ruler = nlp.add_pipe("entity_ruler")
ruler.add_patterns(patterns)
texts = [json.loads(l)["text"] for l in open(corpus, encoding="utf-8") if l.strip()]
setup = time.perf_counter() - t0

t1 = time.perf_counter()
tokens = entities = 0
for doc in nlp.pipe(texts, batch_size=64):
    tokens += len(doc)
    entities += len(doc.ents)
pipe = time.perf_counter() - t1
print(json.dumps({"pipe_seconds": pipe, "setup_seconds": setup, "docs": len(texts),
                  "bytes": sum(len(t.encode("utf-8")) for t in texts), "tokens": tokens,
                  "entities": entities, "patterns": len(patterns)}))
