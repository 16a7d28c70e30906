#!/usr/bin/env python3
"""Issue 4 comparisons: Eigenname vs spaCy (blank German) vs SoMaJo on UD German GSD
test (tokens, sentences) and Eigenname vs spaCy EntityRuler vs FlashText on GermEval
2014 test (lexicon NER, lexicon harvested from dev and from test); Eigenname with
discovery of unlisted names on and off (issue 16) on GermEval and on Corpora/gold
with the shipped lexicons, and a check of `eigenname discover`. Run through
compare_accuracy.sh, which builds eigenname and makes the venv. Every system is
scored by the same scorer (`eigenname evaluate-tokens`, `eigenname evaluate`) on
interchange JSONL predictions over the same text.

usage: compare_accuracy.py [RUNS]   (timing: min of RUNS, default 3)
"""
import json
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import *  # noqa: E402,F401,F403

RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 3
CACHE = os.path.join(WORK, "cache-accuracy")
ENV = eigenname_env(CACHE)
W = os.path.join(WORK, "accuracy")
os.makedirs(W, exist_ok=True)


def eig(*args, stdout=None, check=True):
    return run([EIGENNAME] + list(args), stdout=stdout, env=ENV, check=check)


def write_preds(path, docs):
    with open(path, "w", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps(d, ensure_ascii=False) + "\n")


def timed(fn, runs=RUNS):
    best, out = None, None
    for _ in range(runs):
        t0 = time.perf_counter()
        out = fn()
        t = time.perf_counter() - t0
        best = t if best is None else min(best, t)
    return best, out


def trim(text, s, e):
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return [s, e]


# ---------------------------------------------------------------- tokens & sentences

def spacy_tokens(docs):
    import spacy
    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")

    def work():
        out = []
        for d in docs:
            doc = nlp(d["text"])
            toks = [[t.idx, t.idx + len(t.text)] for t in doc if not t.is_space]
            sents = [trim(d["text"], s.start_char, s.end_char) for s in doc.sents]
            out.append({"id": d["id"], "text": d["text"], "entities": [], "tokens": toks,
                        "sentences": [s for s in sents if s[0] < s[1]]})
        return out
    return work


def align(text, pos, surface):
    """Finds surface in text at or after pos, skipping white space before it and
    white space inside it (SoMaJo tokens such as ': )' carry their original
    spelling with spaces). Returns (start, end) or None."""
    n = len(text)
    while pos < n and text[pos].isspace():
        pos += 1
    start = pos
    for c in surface:
        if c.isspace():
            continue
        while pos < n and text[pos].isspace() and pos > start:
            pos += 1
        if pos < n and text[pos] == c:
            pos += 1
        else:
            return None
    return start, pos


def somajo_tokens(docs, stats):
    from somajo import SoMaJo
    tok = SoMaJo("de_CMC", split_sentences=True)

    def work():
        out = []
        stats.update(aligned=0, resynced=0, unaligned=0)
        for d in docs:
            text, pos, toks, sents = d["text"], 0, [], []
            for sent in tok.tokenize_text([text]):
                first = len(toks)
                for t in sent:
                    surface = t.original_spelling if t.original_spelling is not None else t.text
                    span = align(text, pos, surface)
                    if span is None:  # resynchronise: the surface within the next 200 characters
                        k = text.find(surface, pos, pos + 200)
                        if k < 0 and surface != t.text:
                            surface = t.text
                            k = text.find(surface, pos, pos + 200)
                        if k < 0:
                            stats["unaligned"] += 1
                            continue
                        span = (k, k + len(surface))
                        stats["resynced"] += 1
                    else:
                        stats["aligned"] += 1
                    toks.append(list(span))
                    pos = span[1]
                if len(toks) > first:
                    sents.append([toks[first][0], toks[-1][1]])
            out.append({"id": d["id"], "text": text, "entities": [], "tokens": toks, "sentences": sents})
        return out
    return work


def somajo_own_offsets(docs):
    """SoMaJo's own stand-off offsets (character_offsets=True), for a cross-check of
    the scanning alignment only; not timed, not scored."""
    from somajo import SoMaJo
    tok = SoMaJo("de_CMC", split_sentences=True, character_offsets=True)
    out = []
    for d in docs:
        for sent in tok.tokenize_text([d["text"]]):
            out.extend(list(t.character_offset) for t in sent)
    return out


def eval_tokens(pred):
    out = os.path.join(W, os.path.basename(pred) + ".eval.json")
    eig("evaluate-tokens", "--gold", GSD_TEST, "--pred", pred, "--json", stdout=out)
    return json.load(open(out))


def eval_all_types(gold, pred):
    out = pred + ".eval.json"
    eig("evaluate", "--gold", gold, "--pred", pred, "--json", stdout=out)
    return json.load(open(out))


def eval_entities(gold, pred):
    out = pred + ".eval.json"
    eig("evaluate", "--gold", gold, "--pred", pred, "--types", "COMPANY,PERSON", "--json", stdout=out)
    return json.load(open(out))


NO_DISCOVERY = "Eigenname, no discovery"


def listed_part(doc_id):
    """gold-01 … gold-59: the documents whose every name the shipped lexicons list
    (matching quality); gold-60 and later hold unlisted names (discovery, issue 16)."""
    import re
    m = re.fullmatch(r"gold-(\d+)", doc_id)
    return m is not None and int(m.group(1)) <= 59


def subset(path, keep, out):
    """The documents of a JSONL file whose id keep() accepts, in their order."""
    with open(path, encoding="utf-8") as f, open(out, "w", encoding="utf-8") as o:
        for line in f:
            if line.strip() and keep(json.loads(line)["id"]):
                o.write(line)
    return out


def verdict(ok):
    return "met" if ok else "NOT met"


def has_subcommand(name):
    """Whether the eigenname binary lists the subcommand `name` in its help."""
    proc = run([EIGENNAME, "--help"], stdout=subprocess.PIPE, env=ENV, check=False)[2]
    import re
    return any(re.match(rf"  {re.escape(name)}(\s|$)", line)
               for line in proc.stdout.decode(errors="replace").splitlines())


def discover_check(lexicon_tsv, corpus, gold_docs, top=100, target=80):
    """Issue 16: `eigenname discover` on GermEval test with the dev lexicon; of its
    `top` most frequent candidates (the first rows: the output is sorted by count),
    how many canonicals occur in the gold of the whole test corpus as an entity of
    the candidate's type (exact text of any gold entity of that type). Returns
    (lines to print, count or None when skipped, notes)."""
    if not has_subcommand("discover"):
        msg = (f"discover top {top}: SKIPPED: this eigenname has no `discover` command "
               f"(`eigenname --help` does not list it)")
        return [msg], None, []
    out = os.path.join(W, "discover-germeval-test-dev-lexicon.tsv")
    args = ["discover", "--no-default-lexicons", "--lexicon", lexicon_tsv, "--min-count", "1", corpus]
    proc = eig(*args, stdout=out, check=False)[2]
    if proc.returncode != 0:
        err = proc.stderr.decode(errors="replace").strip().splitlines()
        msg = (f"discover top {top}: SKIPPED: `eigenname {' '.join(args[:-1])} …` failed ({proc.returncode})"
               + (f": {err[-1]}" if err else ""))
        return [msg], None, []
    with open(out, encoding="utf-8") as f:
        lines = [l.rstrip("\n") for l in f if l.strip()]
    header = lines[0].split("\t") if lines else []
    if not {"type", "canonical", "count"} <= set(header):
        return [f"discover top {top}: SKIPPED: unexpected header {header!r} in {out}"], None, []
    col = {name: i for i, name in enumerate(header)}
    rows = [l.split("\t") for l in lines[1:]]
    gold = {(e["type"], e["text"]) for d in gold_docs for e in d["entities"]}
    first = rows[:top]
    hits = [r for r in first if (r[col["type"]], r[col["canonical"]]) in gold]
    misses = [r for r in first if (r[col["type"]], r[col["canonical"]]) not in gold]
    counts = [int(r[col["count"]]) for r in rows if r[col["count"]].isdigit()]
    notes = [f"discover on GermEval test with the dev lexicon: {len(rows)} candidates in {out} "
             f"(sorted by count: {'yes' if counts == sorted(counts, reverse=True) else 'NO'}); of the first "
             f"{len(first)}, not a gold name of that type: "
             + (", ".join(f"{r[col['canonical']]} ({r[col['type']]}, ×{r[col['count']]})" for r in misses[:30])
                + (", …" if len(misses) > 30 else "") if misses else "none") + "."]
    line = (f"discover top {top}: {len(hits)} of {len(first)} are gold names of that type (target ≥ {target}): "
            f"{verdict(len(hits) >= target)}")
    return [line], len(hits), notes


# ---------------------------------------------------------------- lexicon NER

def false_positive_reasons(gold_docs, pred_path, other_path, lexicon):
    """The judged false positives in pred_path that other_path does not make, by
    what Eigenname adds to a plain lexicon: a name inside a hyphenated word, a
    genitive, a case or accent variant, a short form of a multiword name; else
    "other". Returns [(reason, count, {surface: count})], largest first."""
    import collections
    import unicodedata

    def fold(x):
        return "".join(ch for ch in unicodedata.normalize("NFD", x.casefold()) if not unicodedata.combining(ch))

    folded = {fold(surface) for surface in lexicon}
    last_words = {surface.split(" ")[-1] for surface in lexicon if " " in surface}

    def spans(path):
        return {d["id"]: {(e["start"], e["end"], e["type"]) for e in d["entities"] if e["type"] in GE_TYPES.values()}
                for d in read_jsonl(path)}

    pred, other = spans(pred_path), spans(other_path)
    reasons = collections.OrderedDict((r, collections.Counter()) for r in (
        "inside a hyphenated word", "genitive", "case or accent variant", "short form", "other"))
    for d in gold_docs:
        text, gold = d["text"], {(e["start"], e["end"], e["type"]) for e in d["entities"]}
        for (s, e, t) in pred.get(d["id"], set()) - other.get(d["id"], set()) - gold:
            if any(a <= s and e <= b for a, b in d.get("ignore", [])):
                continue  # unjudged (part/deriv), as `eigenname evaluate` does
            surface = text[s:e]
            stem = surface[:-2] if surface[-2:] in ("'s", "’s") else surface[:-1] if surface.endswith("s") else None
            if (s > 0 and text[s - 1] == "-") or (e < len(text) and text[e] == "-"):
                reason = "inside a hyphenated word"
            elif surface in lexicon:
                reason = "other"
            elif stem is not None and fold(stem) in folded:
                reason = "genitive"
            elif fold(surface) in folded:
                reason = "case or accent variant"
            elif surface in last_words:
                reason = "short form"
            else:
                reason = "other"
            reasons[reason][surface] += 1
    return sorted(((r, sum(c.values()), c) for r, c in reasons.items() if c), key=lambda x: -x[1])


def spacy_ner(docs, lexicon):
    import spacy
    nlp = spacy.blank("de")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": t, "pattern": s} for s, t in lexicon.items()])
    texts = [d["text"] for d in docs]

    def work():
        out = []
        for d, doc in zip(docs, nlp.pipe(texts)):
            out.append({"id": d["id"], "text": d["text"],
                        "entities": [{"start": e.start_char, "end": e.end_char, "type": e.label_,
                                      "text": e.text, "canonical": e.text} for e in doc.ents]})
        return out
    return work


def flashtext_ner(docs, lexicon, stats):
    from flashtext import KeywordProcessor
    kp = KeywordProcessor(case_sensitive=True)
    # FlashText's default word characters are ASCII letters, digits and '_', so an
    # umlaut would count as a word boundary ("Fordä" would match "Ford"). Treat every
    # Unicode letter or digit as a word character (a general rule for German text).
    chars = set("".join(d["text"] for d in docs)) | set("".join(lexicon))
    kp.non_word_boundaries = set(kp.non_word_boundaries) | {c for c in chars if c.isalnum() or c == "_"}
    for s, t in lexicon.items():
        kp.add_keyword(s, (t, s))

    def work():
        out, bad = [], 0
        for d in docs:
            text, ents = d["text"], []
            for (t, s), a, b in kp.extract_keywords(text, span_info=True):
                if text[a:b] != s:  # offsets must be code points into this very text
                    bad += 1
                ents.append({"start": a, "end": b, "type": t, "text": text[a:b], "canonical": s})
            out.append({"id": d["id"], "text": text, "entities": ents})
        stats["offset_mismatches"] = bad
        return out
    return work


def main():
    global MACHINE
    MACHINE = machine()  # date, machine and load average at the start of the run
    rows, notes = [], []
    # ---- tokens & sentences
    gsd = os.path.join(W, "gsd.jsonl")
    eig("convert-gold", "--from", "conllu", GSD_TEST, stdout=gsd)
    docs = read_jsonl(gsd)
    gsd_bytes = sum(len(d["text"].encode("utf-8")) for d in docs)
    tok_res = {}

    log("tokens: eigenname")
    pred = os.path.join(W, "gsd-eigenname.jsonl")
    wall = min(eig("tokenize", "--jobs", "1", gsd, stdout=pred)[0] for _ in range(RUNS))
    tok_res["Eigenname"] = (eval_tokens(pred), wall)

    log("tokens: spaCy")
    wall, out = timed(spacy_tokens(docs))
    pred = os.path.join(W, "gsd-spacy.jsonl")
    write_preds(pred, out)
    tok_res["spaCy blank de + sentencizer"] = (eval_tokens(pred), wall)

    log("tokens: SoMaJo")
    stats = {}
    wall, out = timed(somajo_tokens(docs, stats))
    pred = os.path.join(W, "gsd-somajo.jsonl")
    write_preds(pred, out)
    tok_res["SoMaJo de_CMC"] = (eval_tokens(pred), wall)
    own = somajo_own_offsets(docs)
    scanned = [t for d in out for t in d["tokens"]]
    agree = sum(1 for a, b in zip(scanned, own) if a == b)
    notes.append(f"SoMaJo alignment (scan over the text, skipping white space, original_spelling where SoMaJo "
                 f"changed a token): {stats['aligned']} tokens aligned in place, {stats['resynced']} resynchronised, "
                 f"{stats['unaligned']} not found; {agree} of {len(scanned)} scanned spans equal SoMaJo's own "
                 f"character_offsets ({len(own)} tokens).")

    for name, (ev, wall) in tok_res.items():
        if ev["documents"]["text_differs"] or ev["documents"]["gold_only"] or ev["documents"]["predicted_only"]:
            notes.append(f"WARNING {name}: document/text mismatch {ev['documents']}")
        for task, key in (("UD GSD tokens", "tokens"), ("UD GSD sentences", "sentences")):
            s = ev[key]
            rows.append((name, task, f3(s["f1"]), f3(s["precision"]), f3(s["recall"]), f1d(gsd_bytes / wall / 1e6)))

    # ---- lexicon NER
    ge = os.path.join(W, "germeval-test.jsonl")
    eig("convert-gold", "--from", "conll", GE_TEST, stdout=ge)
    gdocs = read_jsonl(ge)
    ge_bytes = sum(len(d["text"].encode("utf-8")) for d in gdocs)
    ner = {}
    for lexname, paths in (("dev", [GE_DEV]), ("test (oracle)", [GE_TEST])):
        lex, conflicts = harvest(paths)
        tag = "dev" if lexname == "dev" else "test"
        tsv = os.path.join(W, f"harvested-{tag}.tsv")
        skipped = write_lexicon_tsv(lex, tsv)
        if skipped:
            for s in [s for s in lex if s.startswith("#") or "\t" in s]:
                del lex[s]
        ncomp = sum(1 for t in lex.values() if t == "COMPANY")
        notes.append(f"lexicon {lexname}: {len(lex)} surfaces ({ncomp} COMPANY, {len(lex) - ncomp} PERSON), "
                     f"{conflicts} seen with both types (majority type kept), {skipped} left out (start with '#').")
        log(f"NER {lexname}: eigenname, discovery on and off")
        # Discovery on (the default) and off (--no-discovery), their timed runs alternating.
        variants = (("Eigenname", "eigenname", []), (NO_DISCOVERY, "eigenname-nodisc", ["--no-discovery"]))
        eargs = ["annotate", "--jobs", "1", "--no-default-lexicons", "--lexicon", tsv]
        eig(*eargs, ge, stdout=os.path.join(W, f"ner-{tag}-eigenname.jsonl"))  # warms the cache
        walls = {name: [] for name, _, _ in variants}
        for _ in range(RUNS):
            for name, suffix, extra in variants:
                walls[name].append(eig(*eargs, *extra, ge, stdout=os.path.join(W, f"ner-{tag}-{suffix}.jsonl"))[0])
        for name, suffix, _ in variants:
            ner[(name, lexname)] = (eval_entities(ge, os.path.join(W, f"ner-{tag}-{suffix}.jsonl")), min(walls[name]))

        log(f"NER {lexname}: spaCy")
        t0 = time.perf_counter()
        work = spacy_ner(gdocs, lex)
        build = time.perf_counter() - t0
        wall, out = timed(work)
        pred = os.path.join(W, f"ner-{tag}-spacy.jsonl")
        write_preds(pred, out)
        ner[("spaCy blank de + EntityRuler", lexname)] = (eval_entities(ge, pred), wall)
        notes.append(f"spaCy EntityRuler build with the {lexname} lexicon: {build:.2f} s (not in MB/s).")

        log(f"NER {lexname}: FlashText")
        fstats = {}
        wall, out = timed(flashtext_ner(gdocs, lex, fstats))
        pred = os.path.join(W, f"ner-{tag}-flashtext.jsonl")
        write_preds(pred, out)
        ner[("FlashText", lexname)] = (eval_entities(ge, pred), wall)
        notes.append(f"FlashText ({lexname} lexicon): {fstats['offset_mismatches']} matches whose offsets do not "
                     f"select the keyword in the text (0 = offsets are code points).")

    # ---- Corpora/gold with a user's three-column lexicon (issue 14): every system gets the same rows
    import glob
    from user_lexicon import reduce_lexicon
    ugold = os.path.join(REPO, "Corpora", "gold", "gold.jsonl")
    udocs = read_jsonl(ugold)
    ubytes = sum(len(d["text"].encode("utf-8")) for d in udocs)
    udir = os.path.join(W, "user-lexicon")
    os.makedirs(udir, exist_ok=True)
    ufiles, ulex = [], {}
    for src in sorted(glob.glob(os.path.join(REPO, "Lexicons", "*.tsv"))):
        dst = os.path.join(udir, os.path.basename(src))
        reduce_lexicon(src, dst)
        ufiles.append(dst)
        with open(dst, encoding="utf-8") as f:
            next(f)
            for line in f:
                surface, typ = line.rstrip("\n").split("\t")[:2]
                ulex.setdefault(surface, typ)  # the first row of a surface, as Eigenname's first plain entry
    notes.append(f"Gold corpus, user lexicon: the shipped lexicons reduced to surface, type, canonical "
                 f"({len(ulex)} surfaces), given to every system; all three types scored.")
    user = {}
    log("gold, user lexicon: eigenname")
    pred = os.path.join(W, "gold-user-eigenname.jsonl")
    uargs = ["annotate", "--jobs", "1", "--no-default-lexicons"] + sum((["--lexicon", f] for f in ufiles), []) + [ugold]
    eig(*uargs, stdout=pred)  # warms the cache
    wall = min(eig(*uargs, stdout=pred)[0] for _ in range(RUNS))
    user["Eigenname"] = (eval_all_types(ugold, pred), wall)
    log("gold, user lexicon: spaCy")
    wall, out = timed(spacy_ner(udocs, ulex))
    pred = os.path.join(W, "gold-user-spacy.jsonl")
    write_preds(pred, out)
    user["spaCy blank de + EntityRuler"] = (eval_all_types(ugold, pred), wall)
    log("gold, user lexicon: FlashText")
    wall, out = timed(flashtext_ner(udocs, ulex, {}))
    pred = os.path.join(W, "gold-user-flashtext.jsonl")
    write_preds(pred, out)
    user["FlashText"] = (eval_all_types(ugold, pred), wall)
    for name, (ev, wall) in user.items():
        m = ev["exact"]["micro"]
        rows.append((name, "Gold corpus, user lexicon (3 columns)", f3(m["f1"]), f3(m["precision"]), f3(m["recall"]),
                     f1d(ubytes / wall / 1e6)))

    # ---- Corpora/gold with the shipped lexicons, discovery on and off (issue 16): the whole corpus
    # and gold-01 … gold-59 (every name listed), the documents filtered by id before scoring
    log("gold, shipped lexicons: eigenname, discovery on and off")
    gold_listed = subset(ugold, listed_part, os.path.join(W, "gold-01-59.jsonl"))
    shipped = {}
    variants = (("Eigenname", "eigenname", []), (NO_DISCOVERY, "eigenname-nodisc", ["--no-discovery"]))
    eig("annotate", "--jobs", "1", ugold, stdout=os.path.join(W, "gold-shipped-eigenname.jsonl"))  # warms the cache
    walls = {name: [] for name, _, _ in variants}
    for _ in range(RUNS):
        for name, suffix, extra in variants:
            walls[name].append(eig("annotate", "--jobs", "1", *extra, ugold,
                                   stdout=os.path.join(W, f"gold-shipped-{suffix}.jsonl"))[0])
    for name, suffix, _ in variants:
        pred = os.path.join(W, f"gold-shipped-{suffix}.jsonl")
        part = subset(pred, listed_part, os.path.join(W, f"gold-01-59-shipped-{suffix}.jsonl"))
        shipped[name] = (eval_all_types(ugold, pred), eval_all_types(gold_listed, part), min(walls[name]))
    nlisted = len(read_jsonl(gold_listed))
    for name, (ev, ev_listed, wall) in shipped.items():
        for task, e, speed in ((f"Gold corpus, shipped lexicons ({len(udocs)} documents)", ev, f1d(ubytes / wall / 1e6)),
                               (f"Gold corpus gold-01…59, shipped lexicons ({nlisted} documents)", ev_listed, "–")):
            m = e["exact"]["micro"]
            rows.append((name, task, f3(m["f1"]), f3(m["precision"]), f3(m["recall"]), speed))
    notes.append(f"Gold corpus, shipped lexicons: `annotate --jobs 1` with the default lexicons (and "
                 f"Lexicons/knowledge as installed), discovery on (the default) and `--no-discovery`; all three "
                 f"types scored. The gold-01…59 rows: the same predictions, gold and predicted documents filtered "
                 f"to ids gold-01 … gold-59 before scoring (MB/s only for the whole corpus).")

    reasons = false_positive_reasons(gdocs, os.path.join(W, "ner-test-eigenname.jsonl"),
                                     os.path.join(W, "ner-test-spacy.jsonl"), harvest([GE_TEST])[0])
    notes.append("test (oracle) lexicon: Eigenname's false positives that spaCy does not make, by what Eigenname "
                 "adds to a plain lexicon: " + "; ".join(
                     f"{n} {r} (" + ", ".join(f"{w} ×{k}" if k > 1 else w for w, k in c.most_common(6))
                     + (", …" if len(c) > 6 else "") + ")" for r, n, c in reasons) + ".")
    for (name, lexname), (ev, wall) in ner.items():
        if ev["documents"]["text_differs"] or ev["documents"]["gold_only"] or ev["documents"]["predicted_only"]:
            notes.append(f"WARNING {name}: document/text mismatch {ev['documents']}")
        m = ev["exact"]["micro"]
        rows.append((name, f"GermEval NER, {lexname} lexicon", f3(m["f1"]), f3(m["precision"]), f3(m["recall"]),
                     f1d(ge_bytes / wall / 1e6)))

    # ---- targets
    targets = []
    e = tok_res["Eigenname"][0]
    for key, label in (("tokens", "token F1"), ("sentences", "sentence F1")):
        for peer in ("spaCy blank de + sentencizer", "SoMaJo de_CMC"):
            p = tok_res[peer][0]
            targets.append(f"- Eigenname {label} {e[key]['f1']:.3f} ≥ {peer} {p[key]['f1']:.3f}: "
                           f"{met(e[key]['f1'] >= p[key]['f1'])}")
    for lexname in ("dev", "test (oracle)"):
        a = ner[("Eigenname", lexname)][0]["exact"]["micro"]["f1"]
        b = ner[("spaCy blank de + EntityRuler", lexname)][0]["exact"]["micro"]["f1"]
        targets.append(f"- GermEval F1, {lexname} lexicon: Eigenname {a:.3f} > spaCy {b:.3f}: {met(a > b)}")
    a = user["Eigenname"][0]["exact"]["micro"]["f1"]
    # Issue 14's target was set on gold-01 … gold-59 (every name listed): scored there too.
    ulisted = subset(ugold, listed_part, os.path.join(W, "gold-01-59.jsonl"))
    upart = subset(os.path.join(W, "gold-user-eigenname.jsonl"), listed_part, os.path.join(W, "gold-01-59-user-eigenname.jsonl"))
    a59 = eval_all_types(ulisted, upart)["exact"]["micro"]["f1"]
    targets.append(f"- Gold corpus gold-01…59 (where issue 14 set it), user lexicon: Eigenname {a59:.3f} ≥ 0.970 (issue 14): "
                   f"{met(a59 >= 0.970)}; whole corpus {a:.3f}")
    targets.append(f"- Gold corpus (whole), user lexicon: Eigenname {a:.3f}; "
                   f"spaCy {user['spaCy blank de + EntityRuler'][0]['exact']['micro']['f1']:.3f}, "
                   f"FlashText {user['FlashText'][0]['exact']['micro']['f1']:.3f}")

    # ---- issue 16 (discovery of unlisted names)
    disc_lines, disc_notes = [], []
    for lexname in ("dev", "test (oracle)"):
        for name in ("Eigenname", NO_DISCOVERY):
            ev = ner[(name, lexname)][0]
            pt, m = ev["exact"]["per_type"], ev["exact"]["micro"]
            src = ev.get("by_source", {}).get("discovered", {})
            n = src.get("tp", 0) + src.get("fp", 0)
            disc = f"{src['precision']:.3f} ({src['tp']} of {n})" if n else "– (0 discovered)"
            disc_lines.append(f"- GermEval test, {lexname} lexicon, {name}: PERSON F1 {pt['PERSON']['f1']:.3f} "
                              f"(P {pt['PERSON']['precision']:.3f}, R {pt['PERSON']['recall']:.3f}), COMPANY F1 "
                              f"{pt['COMPANY']['f1']:.3f} (P {pt['COMPANY']['precision']:.3f}, R "
                              f"{pt['COMPANY']['recall']:.3f}), micro F1 {m['f1']:.3f}; precision of the "
                              f"discovered entities {disc}")
    ev = ner[("Eigenname", "dev")][0]
    person, micro = ev["exact"]["per_type"]["PERSON"]["f1"], ev["exact"]["micro"]["f1"]
    src = ev.get("by_source", {}).get("discovered", {"precision": 0.0, "tp": 0, "fp": 0})
    ndisc = src["tp"] + src["fp"]
    targets16 = [
        f"- GermEval test, dev lexicon, discovery on: PERSON F1 {person:.3f} ≥ 0.65: {verdict(person >= 0.65)}",
        f"- GermEval test, dev lexicon, discovery on: micro F1 {micro:.3f} ≥ 0.45: {verdict(micro >= 0.45)}",
        f"- GermEval test, dev lexicon, discovery on: precision of the discovered entities "
        f"{src['precision']:.3f} ({src['tp']} of {ndisc}) ≥ 0.85: {verdict(ndisc > 0 and src['precision'] >= 0.85)}",
    ]
    whole = shipped["Eigenname"][0]["exact"]["micro"]["f1"]
    listed = shipped["Eigenname"][1]["exact"]["micro"]["f1"]
    listed_off = shipped[NO_DISCOVERY][1]["exact"]["micro"]["f1"]
    targets16.append(f"- gold corpus with discovery ≥ 0.986 (F1 of the shipped lexicons before issue 16, on "
                     f"gold-01…59): gold-01…59 {listed:.4f}: {verdict(listed >= 0.986)}; whole corpus "
                     f"({len(udocs)} documents) {whole:.4f}: {verdict(whole >= 0.986)} (no discovery: gold-01…59 "
                     f"{listed_off:.4f}, whole corpus {shipped[NO_DISCOVERY][0]['exact']['micro']['f1']:.4f})")
    log("discover on GermEval test, dev lexicon")
    lines, _, dnotes = discover_check(os.path.join(W, "harvested-dev.tsv"), ge, gdocs)
    targets16.extend("- " + l for l in lines)
    disc_notes.extend(dnotes)

    import spacy
    import somajo
    import flashtext  # noqa: F401
    try:
        from importlib.metadata import version
        versions = f"spaCy {version('spacy')}, SoMaJo {version('SoMaJo')}, FlashText {version('flashtext')}"
    except Exception:
        versions = f"spaCy {spacy.__version__}"

    print(f"### Accuracy comparison (issue 4)\n")
    print(f"Run: {MACHINE}. {versions}.\n")
    print(table(["system", "task", "F1", "P", "R", "MB/s"], rows))
    print()
    print(f"Tokens/sentences: UD German GSD test, text rebuilt by `eigenname convert-gold --from conllu` "
          f"({gsd_bytes:,} bytes), scored by `eigenname evaluate-tokens` for every system. "
          f"NER: GermEval 2014 test ({len(gdocs):,} sentences, {ge_bytes:,} bytes of text, ORG→COMPANY, PER→PERSON), "
          f"exact span+type micro scores from `eigenname evaluate --types COMPANY,PERSON`; the same harvested "
          f"lexicon for every system (Eigenname with `--no-default-lexicons --lexicon harvested-*.tsv`, "
          f"discovery of unlisted names on, the default, and off in the rows \"{NO_DISCOVERY}\": `--no-discovery`).")
    print(f"MB/s: bytes of document text / wall time, min of {RUNS}. Eigenname: the whole process "
          f"(`tokenize`/`annotate --jobs 1`, start-up, JSONL parsing, lexicon load from the warm compile cache, "
          f"output to a file). spaCy, SoMaJo, FlashText: their processing loop inside Python and building the "
          f"prediction objects (interpreter start-up, imports and pipeline/matcher construction excluded).\n")
    print("Targets (issue 4):")
    print("\n".join(targets))
    print()
    print("Discovery of unlisted names (issue 16), per type, exact span and type:")
    print("\n".join(disc_lines))
    print()
    print("Targets (issue 16):")
    print("\n".join(targets16))
    print()
    print("Notes:")
    print("\n".join("- " + n for n in notes + disc_notes))


if __name__ == "__main__":
    main()
