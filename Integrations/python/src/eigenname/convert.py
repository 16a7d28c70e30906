"""Converters: the interchange JSONL (what `eigenname annotate --format jsonl` writes) to
and from Documents, and Documents to a spaCy DocBin — training data for a spaCy NER
model from Eigenname's annotations (`python -m spacy train` reads .spacy files).
spaCy is imported only by `to_docbin`."""
from __future__ import annotations

import json
import os
import warnings

from .annotator import Document, Entity

TYPE_CHECKING = False  # typing is not imported at run time (see annotator.py)
if TYPE_CHECKING:  # pragma: no cover
    from typing import Any, Iterable, Iterator, TextIO, Union

    from spacy.language import Language
    from spacy.tokens import DocBin
    _Source = Union[str, "os.PathLike[str]", TextIO]


def read_jsonl(source: _Source) -> Iterator[Document]:
    """Documents from interchange JSONL: a path or an open text file, one
    {"id", "text", "entities": [...]} object per line (blank lines skipped; a line
    holding {"error": …}, as `eigenname stream` writes for a bad input line, raises
    ValueError with its line number). Extra fields (tokens, sentences) are ignored."""
    if isinstance(source, (str, os.PathLike)):
        with open(source, encoding="utf-8") as f:
            yield from _read(f, os.fspath(source))
    else:
        yield from _read(source, getattr(source, "name", "<stream>"))


def _read(f: Iterable[str], name: str) -> Iterator[Document]:
    for number, line in enumerate(f, 1):
        if not line.strip():
            continue
        try:
            obj: dict[str, Any] = json.loads(line)
        except ValueError as e:
            raise ValueError(f"{name}:{number}: not JSON: {e}") from None
        if "error" in obj and "text" not in obj:
            raise ValueError(f"{name}:{number}: an error line: {obj['error']}")
        try:
            yield Document(id=str(obj["id"]), text=obj["text"],
                           entities=tuple(Entity.from_json(e) for e in obj.get("entities", [])))
        except (KeyError, TypeError) as e:
            raise ValueError(f"{name}:{number}: not an annotated document (missing {e})") from None


def write_jsonl(documents: Iterable[Document], target: _Source) -> int:
    """Writes Documents as interchange JSONL (the field order of `eigenname annotate`;
    an entity's `id` only when known); returns the number of lines written."""
    if isinstance(target, (str, os.PathLike)):
        with open(target, "w", encoding="utf-8") as f:
            return write_jsonl(documents, f)
    count = 0
    for doc in documents:
        target.write(json.dumps({"id": doc.id, "text": doc.text, "entities": [e.to_json() for e in doc.entities]},
                                ensure_ascii=False, separators=(",", ":")) + "\n")
        count += 1
    return count


def to_docbin(results: Iterable[Document], nlp: Language, alignment_mode: str = "strict",
              spans_key: str | None = None) -> DocBin:
    """A spaCy DocBin of the documents, tokenized by `nlp`'s tokenizer, with Eigenname's
    entities as `doc.ents` (or in `doc.spans[spans_key]`), aligned as the spaCy component
    aligns them. Entities that fit no token boundaries are left out, and a warning says
    how many: a NER model can only learn token-aligned spans, and a partial span would
    teach it the wrong boundary. Every other token is "O" (outside), as training expects
    of a fully annotated document."""
    from spacy.tokens import DocBin
    from spacy.util import filter_spans

    from .spacy_component import align

    docbin = DocBin(store_user_data=False)
    left_out = total = 0
    for result in results:
        doc = nlp.make_doc(result.text)
        pairs, unaligned = align(doc, result.entities, alignment_mode)
        total += len(result.entities)
        left_out += len(unaligned)
        spans = [span for span, _ in pairs]
        if spans_key is not None:
            doc.spans[spans_key] = spans
        else:
            kept = filter_spans(spans)
            left_out += len(spans) - len(kept)
            doc.ents = kept
        docbin.add(doc)
    if left_out:
        warnings.warn(f"to_docbin: {left_out} of {total} entities fit no token boundaries of the tokenizer "
                      f"(alignment_mode={alignment_mode!r}) and were left out", stacklevel=2)
    return docbin

