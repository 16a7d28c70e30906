"""Shared fixtures. The suite tests the *installed* package (the wheel, installed into the
test venv by test_python.sh), never src/ directly, so the binary and lexicons the wheel
carries are what is tested. The reference is the CLI: `eigenname annotate` run from the
repository ($EIGENNAME_CLI, with the repository's Lexicons/ and knowledge files)."""
import json
import os
import subprocess
from pathlib import Path
from typing import Dict, List

import pytest

ROOT = Path(__file__).resolve().parents[3]
GOLD = ROOT / "Corpora" / "gold" / "gold.jsonl"
SEED_DIR = ROOT.parent / "shared" / "seed"
FIELDS = ("start", "end", "type", "text", "canonical", "source")

# The package must find its own binary and lexicons: nothing of the developer's
# environment may point it elsewhere. The CLI reference gets its paths explicitly.
CLI = os.environ.pop("EIGENNAME_CLI", "")
for _var in ("EIGENNAME_BIN", "EIGENNAME_LEXICONS", "EIGENNAME_COMMON_NOUNS", "EIGENNAME_FIRST_NAMES"):
    os.environ.pop(_var, None)


@pytest.fixture(scope="session", autouse=True)
def _cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """A compile cache of the session's own, so ~/.cache is left alone."""
    os.environ["EIGENNAME_CACHE"] = str(tmp_path_factory.mktemp("cache"))


@pytest.fixture(scope="session")
def cli() -> str:
    if not CLI or not os.access(CLI, os.X_OK):
        pytest.fail("set EIGENNAME_CLI to the eigenname binary built from this repository (test_python.sh does)")
    return CLI


def cli_env() -> Dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("EIGENNAME_")}
    env["EIGENNAME_LEXICONS"] = str(ROOT / "Lexicons")
    env["EIGENNAME_CACHE"] = os.environ["EIGENNAME_CACHE"]
    return env


def cli_annotate(cli: str, path: Path, *extra: str) -> Dict[str, List[dict]]:
    """`eigenname annotate PATH --format jsonl`: document id → its entities (dicts)."""
    out = subprocess.run([cli, "annotate", str(path), "--format", "jsonl", "--quiet", *extra], env=cli_env(),
                         check=True, capture_output=True).stdout
    docs = [json.loads(line) for line in out.decode("utf-8").splitlines() if line.strip()]
    return {d["id"]: [{k: e[k] for k in FIELDS} for e in d["entities"]] for d in docs}


@pytest.fixture(scope="session")
def gold_docs() -> List[dict]:
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="session")
def gold_cli(cli: str) -> Dict[str, List[dict]]:
    return cli_annotate(cli, GOLD)


def as_dicts(entities) -> List[dict]:
    """Entities (dataclasses) in the CLI's fields, for comparison (the Python side adds `id`)."""
    return [{k: getattr(e, k) for k in FIELDS} for e in entities]
