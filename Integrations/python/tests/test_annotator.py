"""eigenname.Annotator against `eigenname annotate`, and its failure handling."""
import os
import signal
import sys
import textwrap
import threading
from pathlib import Path

import pytest

import eigenname
from conftest import as_dicts, cli_annotate

SAMPLE = "Ford-Chef Jim Farley fuhr monatelang Xiaomis SU7-Modell."


def test_installed_package_uses_its_own_binary_and_lexicons():
    """The tests exercise the wheel as installed, not the source tree or a developer's binary."""
    assert "site-packages" in eigenname.__file__
    with eigenname.Annotator() as ann:
        assert ann.binary == os.path.join(os.path.dirname(eigenname.__file__), "bin", "eigenname")
        assert ann._env["EIGENNAME_LEXICONS"] == eigenname.packaged_lexicons()


def test_annotate_many_equals_cli_on_gold(gold_docs, gold_cli):
    with eigenname.Annotator() as ann:
        for batch_size, items in ((1, gold_docs), (7, gold_docs), (64, gold_docs), (16, (d for d in gold_docs))):
            results = list(ann.annotate_many(items, batch_size=batch_size))
            assert [d.id for d in results] == [d["id"] for d in gold_docs]
            for doc in results:
                assert as_dicts(doc.entities) == gold_cli[doc.id], doc.id
        assert ann.restarts == 0
    assert sum(len(v) for v in gold_cli.values()) > 500  # the comparison is not vacuous


def test_annotate_one_text(gold_docs, gold_cli):
    with eigenname.Annotator() as ann:
        for doc in gold_docs[:5]:
            assert as_dicts(ann.annotate(doc["text"], id=doc["id"])) == gold_cli[doc["id"]]


def test_ids_default_to_running_numbers_and_strings_are_accepted():
    with eigenname.Annotator() as ann:
        docs = list(ann.annotate_many(["Jim Farley", {"text": "Ford"}, {"id": 17, "text": "VW"}, {"id": "x", "text": ""},
                                       {"id": 'Bär "1"/\t😀', "text": "Tesla"}]))
    assert [d.id for d in docs] == ["0", "1", "17", "x", 'Bär "1"/\t😀']  # ids the binary writes otherwise escaped
    assert [len(d.entities) for d in docs] == [1, 1, 1, 0, 1]


def test_an_input_that_waits_for_results_does_not_deadlock():
    """An iterable whose next item is only made after the previous result arrived (a
    conversation, a queue fed by the consumer): only a list or tuple is sent ahead in runs."""
    import queue
    inbox: "queue.Queue[str]" = queue.Queue()
    inbox.put("Jim Farley")
    outcome = []

    def items():
        for _ in range(3):
            yield inbox.get(timeout=60)

    def run():
        with eigenname.Annotator() as ann:
            for doc in ann.annotate_many(items(), batch_size=8):
                outcome.append(doc.entities[0].text)
                inbox.put({"Jim Farley": "Ford", "Ford": "VW"}.get(doc.entities[0].text, "x"))

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(timeout=120)
    assert outcome == ["Jim Farley", "Ford", "VW"]


def test_import_does_not_import_spacy():
    """spaCy is optional and slow to import: the factory comes through the entry point."""
    import subprocess
    code = "import sys, eigenname; print('spacy' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True).stdout.strip() == "False"


def test_import_stays_light():
    """`import eigenname` is part of every script's start: typing, logging, pathlib and
    shutil (and spaCy) are imported only when needed."""
    import subprocess
    code = ("import sys, eigenname; print(sorted(m for m in ('typing', 'logging', 'pathlib', 'shutil', 'spacy') "
            "if m in sys.modules))")
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True).stdout.strip() == "[]"


def test_texts_are_sent_as_json_that_reads_back_the_same():
    """The writer's own JSON strings (UTF-8 with escapes, ASCII JSON where it must): every
    escape and character class, checked against json.loads and through the binary."""
    import json
    from eigenname.annotator import _json_string
    texts = ['Ford "Mustang" \\ Tesla', "Zeile\nZeile\r\n\tTab", "Steuer\x01\x1f\x7f", "Ä 😀 \u2028\u2029 e\u0301",
             "", '"', "\\", "\\\"", "kaputt \ud800 Ford"]
    for text in texts:
        literal = _json_string(text)
        assert literal.startswith(b'"') and literal.endswith(b'"') and b"\n" not in literal, text
        if "\ud800" not in text:
            assert json.loads(literal) == text
    with eigenname.Annotator() as ann:
        docs = list(ann.annotate_many([t + " Volkswagen und Elon Musk" for t in texts]))
    for doc in docs:
        assert [e.text for e in doc.entities][-2:] == ["Volkswagen", "Elon Musk"], doc.text
        for e in doc.entities:
            assert doc.text[e.start:e.end] == e.text


def test_offsets_are_python_string_indices():
    """Astral characters, combining marks, ZWJ sequences, line and paragraph separators
    before and between names: code points on both sides, so slicing gives the name."""
    text = ("👩‍👩‍👧 Volkswagen e\u0301\u0301 und 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 Elon Musk\u2028Tesla\u2029🇩🇪 Jim Farley bei Ford; "
            "Ａ Xiaomis SU7 🚗🚗")
    with eigenname.Annotator() as ann:
        entities = ann.annotate(text)
    assert {e.text for e in entities} >= {"Volkswagen", "Elon Musk", "Tesla", "Jim Farley", "Ford", "Xiaomis", "SU7"}
    for e in entities:
        assert text[e.start:e.end] == e.text


def test_offsets_on_gold(gold_docs):
    with eigenname.Annotator() as ann:
        for doc in ann.annotate_many(gold_docs):
            for e in doc.entities:
                assert doc.text[e.start:e.end] == e.text


def test_qids_from_the_lexicon_rows(tmp_path):
    """The binary writes each row's id column; the package passes it on."""
    lexicon = tmp_path / "extra.tsv"
    lexicon.write_text("surface\ttype\tcanonical\tid\nFooBar AG\tCOMPANY\tFooBar\tQ42\nFooBar\tCOMPANY\tFooBar\tQ42\n"
                       "Quux\tCOMPANY\t\t\n", encoding="utf-8")
    with eigenname.Annotator(lexicons=[lexicon]) as ann:
        by_text = {e.text: e for e in ann.annotate("Die FooBar AG, Quux und Volkswagen.")}
    assert by_text["FooBar AG"] == eigenname.Entity(4, 13, "COMPANY", "FooBar AG", "FooBar", "lexicon", "Q42")
    assert len({*by_text.values(), *by_text.values()}) == 3  # hashable, equal by value
    with pytest.raises(AttributeError):
        by_text["Quux"].id = "Q1"  # frozen
    assert by_text["Quux"].id is None  # a row without id
    assert by_text["Volkswagen"].id == "Q156578"  # Lexicons/companies.tsv


def test_own_lexicon_without_defaults_and_discovery(tmp_path):
    lexicon = tmp_path / "extra.tsv"
    lexicon.write_text("surface\ttype\nFooBar\tCOMPANY\n", encoding="utf-8")
    text = "FooBar und Volkswagen. Die Krause Metallbau GmbH wächst."
    with eigenname.Annotator(lexicons=[lexicon], default_lexicons=False, discovery=False, jobs=1) as ann:
        assert [e.text for e in ann.annotate(text)] == ["FooBar"]
        assert ann.argv[-2:] == ["--jobs", "1"]
    with eigenname.Annotator(lexicons=[lexicon]) as ann:
        found = {e.text: e.source for e in ann.annotate(text)}
    assert found["FooBar"] == found["Volkswagen"] == "lexicon"
    assert "discovered" in found.values()  # the GmbH


def test_missing_binary(tmp_path, monkeypatch):
    with pytest.raises(eigenname.EigennameBinaryNotFound, match="nope"):
        eigenname.Annotator(binary=tmp_path / "nope")
    monkeypatch.setenv("EIGENNAME_BIN", str(tmp_path / "nope-env"))
    with pytest.raises(eigenname.EigennameBinaryNotFound, match="EIGENNAME_BIN"):
        eigenname.Annotator()


def test_broken_lexicon_names_file_and_line(tmp_path):
    lexicon = tmp_path / "broken.tsv"
    lexicon.write_text("surface\ttype\tcanonical\nGood\tCOMPANY\tGood\nBad\tCOMPANY\tBad\textra\tfields\n",
                       encoding="utf-8")
    with pytest.raises(eigenname.LexiconError) as info:
        eigenname.Annotator(lexicons=[lexicon])
    assert info.value.file == str(lexicon)
    assert info.value.line == 3
    assert "header" in info.value.reason
    missing = tmp_path / "missing.tsv"
    with pytest.raises(eigenname.LexiconError) as info:
        eigenname.Annotator(lexicons=[missing])
    assert info.value.file == str(missing) and info.value.line is None


def test_killed_process_is_restarted(gold_docs, gold_cli):
    with eigenname.Annotator() as ann:
        first_pid = ann.pid
        results = []
        for i, doc in enumerate(ann.annotate_many(gold_docs, batch_size=4)):
            results.append(doc)
            if i == 5:
                os.kill(ann.pid, signal.SIGKILL)
        assert ann.restarts == 1 and ann.pid != first_pid
        assert [d.id for d in results] == [d["id"] for d in gold_docs]
        for doc in results:
            assert as_dicts(doc.entities) == gold_cli[doc.id], doc.id
        # Killed between calls: the next call restarts too.
        os.kill(ann.pid, signal.SIGKILL)
        os.waitpid(ann.pid, 0)
        assert as_dicts(ann.annotate(gold_docs[0]["text"], id=gold_docs[0]["id"])) == gold_cli[gold_docs[0]["id"]]
        assert ann.restarts == 2


def _fake_binary(tmp_path: Path, knows_compact: bool = True) -> Path:
    """A stand-in for `eigenname stream` that answers lines (compactly when asked, unless it
    plays a binary from before `--compact`, which refuses the option as a usage error), finds
    the text's first character as an entity, answers {"error"} for a text with BROKEN and
    dies on any text with POISON."""
    fake = tmp_path / ("fake-eigenname" if knows_compact else "old-eigenname")
    fake.write_text(textwrap.dedent(f"""\
        #!{sys.executable}
        import json, os, sys
        compact = "--compact" in sys.argv
        if compact and not {knows_compact}:
            sys.stderr.write("Error: Unknown option '--compact'\\nUsage: eigenname stream [--lexicon <FILE> ...]\\n")
            sys.exit(2)
        for line in sys.stdin:
            doc = json.loads(line)
            if "POISON" in doc["text"]:
                os._exit(9)
            found = [[0, 1, "X", doc["text"][:1], "x", "lexicon"]] if doc["text"] else []
            if "BROKEN" in doc["text"]:
                answer = {{"error": "stdin: broken line"}}
            elif compact:
                answer = [doc["id"], found]
            else:
                answer = {{"id": doc["id"], "text": doc["text"],
                           "entities": [dict(zip(("start", "end", "type", "text", "canonical"), e)) for e in found]}}
            sys.stdout.write(json.dumps(answer) + "\\n")
            sys.stdout.flush()
        """))
    fake.chmod(0o755)
    return fake


def test_process_dying_twice_raises(tmp_path):
    ann = eigenname.Annotator(binary=_fake_binary(tmp_path), default_lexicons=False)
    seen = []
    with pytest.raises(eigenname.EigennameProcessError, match="died again") as info:
        for doc in ann.annotate_many(["a", "b", "POISON", "c"], batch_size=2):
            seen.append(doc.id)
    assert seen == ["0", "1"]
    assert info.value.returncode == 9
    assert ann.restarts == 1
    # The annotator is usable again afterwards: a new process for the next call.
    assert [d.id for d in ann.annotate_many(["x", "y"])] == ["0", "1"]
    ann.close()


def test_answers_are_compact_and_a_binary_without_compact_still_works(tmp_path, caplog):
    """The package asks `eigenname stream --compact` for the id and entities only; a binary
    from before that option refuses it (usage error) and is run without it, with the same
    Documents from its full answers."""
    texts = ["Ford", "", "Tesla", "ß"]
    with eigenname.Annotator(binary=_fake_binary(tmp_path), default_lexicons=False) as new:
        assert new.argv[:3] == [new.binary, "stream", "--compact"]
        compact = list(new.annotate_many(texts))
    with caplog.at_level("INFO", logger="eigenname"):
        old = eigenname.Annotator(binary=_fake_binary(tmp_path, knows_compact=False), default_lexicons=False)
    assert "--compact" not in old.argv and "does not know `stream --compact`" in caplog.text
    full = list(old.annotate_many(texts))
    old.close()
    assert compact == full
    assert compact[0].entities == (eigenname.Entity(0, 1, "X", "F", "x", "lexicon", None),) and compact[1].entities == ()
    assert old.restarts == 0


def test_an_error_answer_among_compact_ones_raises_for_its_document_and_keeps_step(tmp_path):
    """{"error"} lines come between compact answers in one read: the documents before it are
    yielded, the error is raised for its own document, and the next call is in step."""
    with eigenname.Annotator(binary=_fake_binary(tmp_path), default_lexicons=False) as ann:
        seen = []
        with pytest.raises(eigenname.DocumentError) as info:
            for doc in ann.annotate_many(["a", "b", "BROKEN", "c", "d"]):
                seen.append(doc.id)
        assert seen == ["0", "1"] and info.value.doc_id == "2" and "broken line" in info.value.message
        assert [(d.id, d.entities[0].text) for d in ann.annotate_many(["x", "y"])] == [("0", "x"), ("1", "y")]
        assert ann.restarts == 0


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="F_SETPIPE_SZ is Linux's")
def test_both_pipes_are_widened():
    """The writer sends runs of lines and the binary its answers without waiting for the
    other side: both pipes hold 1 MB (where /proc/sys/fs/pipe-max-size allows it)."""
    import fcntl
    with open("/proc/sys/fs/pipe-max-size") as f:
        expected = min(1 << 20, int(f.read()))
    with eigenname.Annotator() as ann:
        proc = ann._proc
        for stream in (proc.popen.stdin, proc.popen.stdout):
            assert fcntl.fcntl(stream.fileno(), getattr(fcntl, "F_GETPIPE_SZ", 1032)) >= expected


def test_early_stop_keeps_the_process_in_step(gold_docs, gold_cli):
    with eigenname.Annotator() as ann:
        for i, _ in enumerate(ann.annotate_many(gold_docs, batch_size=16)):
            if i == 2:
                break
        # Stopped in the middle of answers read together (the rest are dropped, still in step).
        for i, _ in enumerate(ann.annotate_many(gold_docs)):
            if i == 40:
                break
        results = list(ann.annotate_many(gold_docs[10:20]))
        assert [as_dicts(d.entities) for d in results] == [gold_cli[d["id"]] for d in gold_docs[10:20]]
        assert ann.restarts == 0


def test_nested_use_is_refused():
    with eigenname.Annotator() as ann:
        stream = ann.annotate_many(["Jim Farley", "Ford"])
        next(stream)
        with pytest.raises(RuntimeError, match="already annotating"):
            ann.annotate("VW")
        stream.close()
        assert len(ann.annotate("VW")) == 1


def test_big_texts_do_not_deadlock(gold_docs):
    """Texts far larger than a pipe buffer, few lines in flight: the writer thread and the
    reading loop must not wait for each other. Guarded so a deadlock fails instead of hanging."""
    big = "\n\n".join(d["text"] for d in gold_docs) * 20  # about 1.1 M characters
    items = [big, "Jim Farley", big + " Elon Musk", "VW"] * 2
    outcome = {}

    def run():
        with eigenname.Annotator() as ann:
            outcome["docs"] = list(ann.annotate_many(items, batch_size=2))

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(timeout=600)
    assert not thread.is_alive(), "annotate_many did not finish (deadlock?)"
    docs = outcome["docs"]
    assert len(big) > 1_000_000 and len(docs) == len(items)
    assert docs[0].entities == docs[4].entities and len(docs[0].entities) > 1000
    assert docs[2].entities[-1].text == "Elon Musk"
    for doc in docs:
        for e in doc.entities:
            assert doc.text[e.start:e.end] == e.text


def test_lone_surrogate_is_read_as_one_replacement_character():
    """A Python str may hold a lone surrogate, which has no UTF-8 form: it is sent escaped,
    the binary reads U+FFFD in its place, and the offsets after it still hold."""
    text = "kaputt \ud800 Ford"
    with eigenname.Annotator() as ann:
        [ford] = ann.annotate(text)
    assert text[ford.start:ford.end] == ford.text == "Ford"


def test_a_failing_input_iterable_raises_after_the_documents_before_it():
    def items():
        yield "Jim Farley"
        yield "Ford"
        raise OSError("disk gone")

    with eigenname.Annotator() as ann:
        seen = []
        with pytest.raises(OSError, match="disk gone"):
            for doc in ann.annotate_many(items()):
                seen.append(doc.id)
        assert seen == ["0", "1"]
        with pytest.raises(TypeError, match="strings or mappings"):
            list(ann.annotate_many(["Ford", 42]))
        assert len(ann.annotate("Ford")) == 1  # still in step


def test_close_ends_the_process():
    with eigenname.Annotator() as ann:
        pid = ann.pid
        assert os.path.exists(f"/proc/{pid}")
    assert ann.pid is None
    assert not os.path.exists(f"/proc/{pid}")
    assert len(ann.annotate("Ford")) == 1  # used again: a new process
    ann.close()


def test_cli_reference_accepts_a_txt_file(cli, tmp_path):
    """The helper the wheel test relies on: a .txt document gets its file name as id."""
    path = tmp_path / "beispiel.txt"
    path.write_text(SAMPLE, encoding="utf-8")
    assert [e["text"] for e in cli_annotate(cli, path)["beispiel"]] == ["Ford", "Jim Farley", "Xiaomis", "SU7"]
