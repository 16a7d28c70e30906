"""The wheel alone: `pip install eigenname-*.whl` into a fresh venv (no spaCy, no network,
nothing of the repository reachable) is enough to annotate, with the entities of the CLI."""
import glob
import json
import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from conftest import GOLD, ROOT, SEED_DIR, cli_annotate

SCRIPT = """
import json, sys, eigenname
docs = [json.loads(line) for line in sys.stdin if line.strip()]
with eigenname.Annotator() as ann:
    print(json.dumps({"binary": ann.binary, "lexicons": eigenname.packaged_lexicons(),
                      "docs": {d.id: [e.to_json() for e in d.entities] for d in ann.annotate_many(docs)}}))
"""


def _wheel() -> str:
    wheel = os.environ.get("EIGENNAME_WHEEL") or next(iter(sorted(glob.glob(str(ROOT / "Integrations/python/dist/*.whl")))), "")
    if not wheel:
        pytest.fail("no wheel: run `make wheel` (or set EIGENNAME_WHEEL)")
    return wheel


@pytest.fixture(scope="module")
def fresh_venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    where = tmp_path_factory.mktemp("fresh")
    venv.create(where / "venv", with_pip=True)
    python = where / "venv" / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", "--no-index",
                    _wheel()], check=True)
    return python


def _inputs():
    """The seed article (when ../shared/seed is there) and the first gold documents."""
    docs = []
    seeds = sorted(SEED_DIR.glob("*.txt")) if SEED_DIR.is_dir() else []
    for seed in seeds:
        docs.append({"id": seed.stem, "text": seed.read_text(encoding="utf-8"), "path": seed})
    gold = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()[:3]]
    return docs, gold


def test_fresh_venv_annotates_like_the_cli(fresh_venv, cli, tmp_path):
    seeds, gold = _inputs()
    if not seeds:
        print("note: ../shared/seed absent: the seed article is not compared, only gold documents")
    stdin = "".join(json.dumps({"id": d["id"], "text": d["text"]}) + "\n" for d in seeds + gold)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("EIGENNAME_", "PYTHON"))}
    env["EIGENNAME_CACHE"] = str(tmp_path / "cache")
    out = subprocess.run([str(fresh_venv), "-c", SCRIPT], input=stdin, capture_output=True, text=True, env=env,
                         cwd=tmp_path, check=True).stdout
    result = json.loads(out)
    site = str(fresh_venv.parent.parent)
    assert result["binary"].startswith(site) and result["lexicons"].startswith(site)
    assert os.path.isfile(os.path.join(result["lexicons"], "knowledge", "common-nouns.txt")) == \
        (ROOT / "Lexicons/knowledge/common-nouns.txt").is_file()
    expected = {}
    for seed in seeds:
        expected.update(cli_annotate(cli, seed["path"]))
    gold_cli = cli_annotate(cli, GOLD)
    expected.update({d["id"]: gold_cli[d["id"]] for d in gold})
    got = {doc_id: [{k: e[k] for k in ("start", "end", "type", "text", "canonical", "source")} for e in entities]
           for doc_id, entities in result["docs"].items()}
    assert got == expected
    if seeds:
        assert sum(len(got[s["id"]]) for s in seeds) > 10


def test_spacy_is_not_needed(fresh_venv):
    out = subprocess.run([str(fresh_venv), "-c", "import importlib.util, eigenname; "
                          "print(importlib.util.find_spec('spacy') is None, hasattr(eigenname, 'Annotator'))"],
                         capture_output=True, text=True, check=True).stdout
    assert out.split() == ["True", "True"]
