"""The spaCy component: `nlp.add_pipe("eigenname", config={...})`.

Eigenname tokenizes on its own, so its entities are character spans; they are laid on
spaCy's tokens with `Doc.char_span(..., alignment_mode=...)`. "strict" (the default)
keeps only entities whose both ends fall on token boundaries: a name that sits inside
one spaCy token (spaCy's German tokenizer keeps "SU7-Modell" one token, Eigenname
finds "SU7" in it) is not set, and is listed in `doc._.eigenname_unaligned` instead, so
nothing is lost silently. "contract" shrinks such a span to the tokens wholly inside it
(often nothing), "expand" grows it to the tokens it touches ("SU7-Modell" as MODEL).

Where the entities go: with `spans_key` set, into `doc.spans[spans_key]` (every aligned
entity, overlaps allowed; `doc.ents` untouched) — the mode for a pipeline that already
has entities. Without it, into `doc.ents`, keeping the entities already there: an
Eigenname span that overlaps one of them is dropped (and listed in
`doc._.eigenname_overlapping`), and Eigenname's own spans that overlap each other after
"expand" are resolved as spaCy's `filter_spans` does (longest first).

`kb_id_` is the entity's Wikidata QID when known, else its canonical name; `label_` its
type (COMPANY, PERSON, MODEL, …). `doc._.eigenname_entities` holds all of Eigenname's
entities (the dataclasses) whatever happened to them.
"""
from typing import Any, Callable, Iterable, Iterator, List, Optional, Tuple

import srsly
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans, minibatch

from .annotator import Annotator, Entity

ALIGNMENT_MODES = ("strict", "contract", "expand")

for _name in ("eigenname_entities", "eigenname_unaligned", "eigenname_overlapping"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)

_ENTITY_KEY = "__eigenname_entity__"


# The extensions hold Entity dataclasses; spaCy serializes a Doc's extensions with msgpack
# (nlp.pipe(n_process=2) sends Docs between processes, DocBin(store_user_data=True) and
# Doc.to_bytes store them), so msgpack is taught the Entity here, as srsly teaches it numpy.
def _encode_entity(obj: Any, chain: Optional[Callable[[Any], Any]] = None) -> Any:
    if isinstance(obj, Entity):
        return {_ENTITY_KEY: obj.to_json()}
    return obj if chain is None else chain(obj)


def _decode_entity(obj: Any, chain: Optional[Callable[[Any], Any]] = None) -> Any:
    if isinstance(obj, dict) and _ENTITY_KEY in obj:
        return Entity.from_json(obj[_ENTITY_KEY])
    return obj if chain is None else chain(obj)


srsly.msgpack_encoders.register("eigenname_entity", func=_encode_entity)
srsly.msgpack_decoders.register("eigenname_entity", func=_decode_entity)


@Language.factory(
    "eigenname",
    default_config={"lexicons": [], "default_lexicons": True, "discovery": True, "spans_key": None,
                    "alignment_mode": "strict", "batch_size": 256, "jobs": None, "binary": None},
)
def make_eigenname(nlp: Language, name: str, lexicons: List[str], default_lexicons: bool, discovery: bool,
                   spans_key: Optional[str], alignment_mode: str, batch_size: int, jobs: Optional[int],
                   binary: Optional[str]) -> "EigennameComponent":
    """The factory behind nlp.add_pipe("eigenname"); the config keys are its arguments."""
    return EigennameComponent(nlp, name, lexicons=lexicons, default_lexicons=default_lexicons,
                              discovery=discovery, spans_key=spans_key, alignment_mode=alignment_mode,
                              batch_size=batch_size, jobs=jobs, binary=binary)


class EigennameComponent:
    """Sets Eigenname's entities on spaCy Docs; one `eigenname stream` process for the
    component's life, fed in batches by `nlp.pipe`."""

    def __init__(self, nlp: Language, name: str = "eigenname", *, lexicons: Iterable[str] = (),
                 default_lexicons: bool = True, discovery: bool = True, spans_key: Optional[str] = None,
                 alignment_mode: str = "strict", batch_size: int = 256, jobs: Optional[int] = None,
                 binary: Optional[str] = None):
        if alignment_mode not in ALIGNMENT_MODES:
            raise ValueError(f"alignment_mode must be one of {ALIGNMENT_MODES}, not {alignment_mode!r}")
        self.name, self.spans_key, self.alignment_mode, self.batch_size = name, spans_key, alignment_mode, batch_size
        self.annotator = Annotator(lexicons=list(lexicons), default_lexicons=default_lexicons, discovery=discovery,
                                   jobs=jobs, binary=binary)

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.annotator.annotate(doc.text))
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: Optional[int] = None) -> Iterator[Doc]:
        """Batches through the one process. The Docs stay on the calling thread (spaCy
        objects are not shared with the writer thread): each batch's texts are sent
        together, and the batch is yielded once all its answers are in."""
        for batch in minibatch(docs, size=batch_size or self.batch_size):
            results = self.annotator.annotate_many([doc.text for doc in batch], batch_size=len(batch))
            for doc, result in zip(batch, results):
                self.set_annotations(doc, result.entities)
                yield doc

    def set_annotations(self, doc: Doc, entities: Iterable[Entity]) -> None:
        """Aligns `entities` to doc's tokens and writes them (see the module docstring)."""
        entities = list(entities)
        pairs, unaligned = align(doc, entities, self.alignment_mode)
        doc._.eigenname_entities = entities
        doc._.eigenname_unaligned = unaligned
        if self.spans_key is not None:
            doc.spans[self.spans_key] = [span for span, _ in pairs]
            doc._.eigenname_overlapping = []
            return
        existing = list(doc.ents)
        taken = set()
        for ent in existing:
            taken.update(range(ent.start, ent.end))
        added: List[Span] = []
        overlapping: List[Entity] = []
        kept = filter_spans([span for span, _ in pairs])  # the same Span objects, longest first
        kept_ids = {id(span) for span in kept}
        for span, entity in pairs:
            if id(span) not in kept_ids or taken.intersection(range(span.start, span.end)):
                overlapping.append(entity)
            else:
                added.append(span)
        doc.ents = sorted(existing + added, key=lambda s: s.start)
        doc._.eigenname_overlapping = overlapping

    # A component without model data: nlp.to_disk/from_disk keep only its config.
    def to_disk(self, path, *, exclude: Tuple[str, ...] = ()) -> None:  # noqa: ANN001
        pass

    def from_disk(self, path, *, exclude: Tuple[str, ...] = ()) -> "EigennameComponent":  # noqa: ANN001
        return self


def _kb_id(entity: Entity) -> str:
    return entity.id or entity.canonical


def align(doc: Doc, entities: Iterable[Entity],
          alignment_mode: str = "strict") -> Tuple[List[Tuple[Span, Entity]], List[Entity]]:
    """(span, entity) for the entities that fit doc's tokens (label = type, kb_id = QID or
    canonical), and the entities that do not (char_span gives None, or an empty span
    after "contract")."""
    pairs: List[Tuple[Span, Entity]] = []
    unaligned: List[Entity] = []
    for e in entities:
        span = doc.char_span(e.start, e.end, label=e.type, kb_id=_kb_id(e), alignment_mode=alignment_mode)
        if span is None or len(span) == 0:
            unaligned.append(e)
        else:
            pairs.append((span, e))
    return pairs, unaligned
