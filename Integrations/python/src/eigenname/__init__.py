"""Eigenname for Python: German named-entity recognition (companies, people, product
models) by the Eigenname binary that this package carries, and a spaCy component.

    import eigenname
    with eigenname.Annotator() as ann:
        for e in ann.annotate("Ford-Chef Jim Farley fuhr Xiaomis SU7-Modell."):
            print(e.start, e.end, e.type, e.text, e.canonical, e.id)

See the README's "Python" section for the API, the spaCy component and the converters.
"""
from importlib.util import find_spec

from .annotator import (Annotator, Document, DocumentError, EigennameBinaryNotFound, EigennameError,
                        EigennameProcessError, Entity, LexiconError, find_binary, packaged_lexicons)
from .convert import read_jsonl, to_docbin, write_jsonl

__version__ = "0.1.0"
__all__ = ["Annotator", "Document", "Entity", "EigennameError", "EigennameBinaryNotFound", "LexiconError",
           "EigennameProcessError", "DocumentError", "find_binary", "packaged_lexicons", "read_jsonl",
           "write_jsonl", "to_docbin"]

# The spaCy factory is registered by the `spacy_factories` entry point when the package is
# installed; importing it here as well makes `import eigenname` + nlp.add_pipe("eigenname")
# work without relying on entry points (a source checkout on sys.path, frozen apps).
# Only when spaCy is installed: it stays an optional dependency.
if find_spec("spacy") is not None:
    from . import spacy_component  # noqa: F401  (registers the "eigenname" factory)
