"""The spaCy component and the converters, on the gold corpus, against `eigenname annotate`."""
import json
import subprocess
import sys
import warnings

import pytest

spacy = pytest.importorskip("spacy")
from spacy.tokens import DocBin  # noqa: E402

import eigenname  # noqa: E402  (registers the factory as well)
from conftest import FIELDS, GOLD, as_dicts, cli_env  # noqa: E402


def key(e):
    return (e["start"], e["end"], e["type"]) if isinstance(e, dict) else (e.start, e.end, e.type)


def test_gold_corpus_same_spans_where_tokens_allow(gold_docs, gold_cli):
    """Every entity of the CLI is either a span of doc.ents with the same characters, type
    and kb_id, or listed in doc._.eigenname_unaligned because spaCy's tokens cut through it;
    doc.ents holds nothing else. nlp.pipe goes through one process."""
    nlp = spacy.blank("de")
    component = nlp.add_pipe("eigenname")
    pid = component.annotator.pid
    aligned = unaligned = 0
    texts = [d["text"] for d in gold_docs]
    for gold, doc in zip(gold_docs, nlp.pipe(texts, batch_size=16)):
        expected = gold_cli[gold["id"]]
        ents = {(s.start_char, s.end_char, s.label_): s for s in doc.ents}
        lost = {key(e) for e in doc._.eigenname_unaligned}
        assert set(ents) | lost == {key(e) for e in expected}, gold["id"]
        assert not set(ents) & lost
        for e in doc._.eigenname_unaligned:
            assert doc.char_span(e.start, e.end) is None  # really no token boundaries there
        for e in doc._.eigenname_entities:
            if key(e) in ents:
                assert ents[key(e)].kb_id_ == (e.id or e.canonical)
                assert ents[key(e)].text == e.text
        assert as_dicts(doc._.eigenname_entities) == expected
        aligned += len(ents)
        unaligned += len(lost)
    assert component.annotator.pid == pid and component.annotator.restarts == 0
    # spaCy's German tokenizer keeps hyphenated compounds whole ("SU7-Modell", "Tesla-Chef"),
    # so a share of the names inside them cannot be spans in strict mode; most can.
    assert aligned > 4 * unaligned > 0
    print(f"gold corpus: {aligned} entities aligned to spaCy tokens, {unaligned} unaligned (strict)")


def test_name_inside_one_token_follows_alignment_mode():
    text = "Xiaomis SU7-Modell überzeugt, sagt Tesla-Chef Elon Musk."
    results = {}
    for mode in ("strict", "contract", "expand"):
        nlp = spacy.blank("de")
        nlp.add_pipe("eigenname", config={"alignment_mode": mode})
        doc = nlp(text)
        results[mode] = ([(s.text, s.label_) for s in doc.ents], [e.text for e in doc._.eigenname_unaligned])
    assert [t.text for t in nlp.make_doc(text)][:2] == ["Xiaomis", "SU7-Modell"]  # one token
    assert results["strict"] == ([("Xiaomis", "COMPANY"), ("Elon Musk", "PERSON")], ["SU7", "Tesla"])
    assert results["contract"] == results["strict"]  # no whole token inside "SU7" of "SU7-Modell"
    assert results["expand"] == ([("Xiaomis", "COMPANY"), ("SU7-Modell", "MODEL"), ("Tesla-Chef", "COMPANY"),
                                  ("Elon Musk", "PERSON")], [])
    with pytest.raises(ValueError, match="alignment_mode"):
        spacy.blank("de").add_pipe("eigenname", config={"alignment_mode": "fuzzy"})


def test_kb_id_is_qid_or_canonical():
    nlp = spacy.blank("de")
    nlp.add_pipe("eigenname")
    doc = nlp("VW und Xiaomis neues Modell SU7 fahren.")  # "SU7." would be one spaCy token
    assert [(s.text, s.kb_id_) for s in doc.ents] == [("VW", "Q156578"), ("Xiaomis", "Q1636958"), ("SU7", "SU7")]


def _pipeline_with_entities(**config):
    """A German pipeline that already sets entities (as a trained one would): an
    entity_ruler before Eigenname."""
    nlp = spacy.blank("de")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "PER", "pattern": [{"ORTH": "Elon"}]},
                        {"label": "LOC", "pattern": "China"}])
    nlp.add_pipe("eigenname", config=config)
    return nlp


TEXT = "Elon Musk verkauft in China mehr Teslas als Xiaomi."


def test_existing_entities_are_kept_and_overlaps_reported():
    doc = _pipeline_with_entities()(TEXT)
    assert [(s.text, s.label_) for s in doc.ents] == [("Elon", "PER"), ("China", "LOC"), ("Teslas", "COMPANY"),
                                                      ("Xiaomi", "COMPANY")]
    assert [e.text for e in doc._.eigenname_overlapping] == ["Elon Musk"]


def test_spans_key_leaves_ents_alone():
    doc = _pipeline_with_entities(spans_key="eigenname")(TEXT)
    assert [(s.text, s.label_) for s in doc.ents] == [("Elon", "PER"), ("China", "LOC")]
    assert [(s.text, s.label_, s.kb_id_) for s in doc.spans["eigenname"]] == [
        ("Elon Musk", "PERSON", "Q317521"), ("Teslas", "COMPANY", "Q478214"), ("Xiaomi", "COMPANY", "Q1636958")]


def test_multiprocess_pipe_and_doc_bytes_keep_the_extensions(gold_docs):
    """nlp.pipe(n_process=2) ships Docs between processes as msgpack, extensions included:
    each worker process starts its own eigenname stream, and the Entity dataclasses survive."""
    nlp = spacy.blank("de")
    nlp.add_pipe("eigenname")
    texts = [d["text"] for d in gold_docs[:12]]
    single = list(nlp.pipe(texts))
    multi = list(nlp.pipe(texts, n_process=2, batch_size=4))
    assert [[(s.start_char, s.end_char, s.label_, s.kb_id_) for s in d.ents] for d in multi] == \
           [[(s.start_char, s.end_char, s.label_, s.kb_id_) for s in d.ents] for d in single]
    assert [d._.eigenname_unaligned for d in multi] == [d._.eigenname_unaligned for d in single]
    copy = spacy.tokens.Doc(nlp.vocab).from_bytes(single[0].to_bytes())
    assert copy._.eigenname_entities == single[0]._.eigenname_entities
    assert isinstance(copy._.eigenname_entities[0], eigenname.Entity)


def test_factory_found_through_the_entry_point_alone():
    """Without `import eigenname`: spaCy finds the factory through the installed wheel's
    spacy_factories entry point."""
    code = ("import spacy; nlp = spacy.blank('de'); "
            "nlp.add_pipe('eigenname'); print([(s.text, s.label_) for s in nlp('Jim Farley bei Ford').ents])")
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    assert out.strip() == "[('Jim Farley', 'PERSON'), ('Ford', 'COMPANY')]"


def test_saved_pipeline_loads_again(tmp_path):
    nlp = spacy.blank("de")
    nlp.add_pipe("eigenname", config={"spans_key": "names", "discovery": False})
    nlp.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    assert loaded.get_pipe("eigenname").spans_key == "names"
    assert "--no-discovery" in loaded.get_pipe("eigenname").annotator.argv
    doc = loaded("Jim Farley bei Ford")
    assert [s.text for s in doc.spans["names"]] == ["Jim Farley", "Ford"]


def test_to_docbin_gives_training_docs(gold_docs, gold_cli):
    nlp = spacy.blank("de")
    with eigenname.Annotator() as ann:
        results = list(ann.annotate_many(gold_docs))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        docbin = eigenname.to_docbin(results, nlp)
    assert any("fit no token boundaries" in str(w.message) for w in caught)
    docs = list(DocBin().from_bytes(docbin.to_bytes()).get_docs(nlp.vocab))
    assert len(docs) == len(gold_docs)
    total = 0
    for result, doc in zip(results, docs):
        assert doc.text == result.text
        expected = {key(e) for e in result.entities if doc.char_span(e.start, e.end) is not None}
        assert {(s.start_char, s.end_char, s.label_) for s in doc.ents} == expected
        assert all(t.ent_iob_ in ("B", "I", "O") for t in doc)  # fully annotated: every other token is O
        total += len(doc.ents)
    assert total > 500


def test_read_and_write_interchange_jsonl(cli, gold_docs, tmp_path):
    out = tmp_path / "gold-annotated.jsonl"
    out.write_bytes(subprocess.run([cli, "annotate", str(GOLD), "--format", "jsonl", "--quiet"], env=cli_env(),
                                   check=True, capture_output=True).stdout)
    read = list(eigenname.read_jsonl(out))
    with eigenname.Annotator() as ann:
        streamed = list(ann.annotate_many(gold_docs))
    assert [(d.id, d.text, as_dicts(d.entities)) for d in read] == \
           [(d.id, d.text, as_dicts(d.entities)) for d in streamed]
    copy = tmp_path / "copy.jsonl"
    assert eigenname.write_jsonl(streamed, copy) == len(gold_docs)
    assert list(eigenname.read_jsonl(copy)) == streamed  # QIDs included
    # The interchange field order of the CLI, `id` after the six when known.
    first = json.loads(copy.read_text(encoding="utf-8").splitlines()[0])
    assert list(first) == ["id", "text", "entities"] and list(first["entities"][0])[:6] == list(FIELDS)
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "text": "x", "entities": []}\n{"error": "stdin:2: malformed"}\n', encoding="utf-8")
    with pytest.raises(ValueError, match="bad.jsonl:2"):
        list(eigenname.read_jsonl(bad))
