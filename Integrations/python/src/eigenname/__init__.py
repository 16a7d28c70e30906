"""Eigenname for Python: German named-entity recognition (companies, people, product
models) by the Eigenname binary that this package carries, and a spaCy component.

    import eigenname
    with eigenname.Annotator() as ann:
        for e in ann.annotate("Ford-Chef Jim Farley fuhr Xiaomis SU7-Modell."):
            print(e.start, e.end, e.type, e.text, e.canonical, e.id)

See the README's "Python" section for the API, the spaCy component and the converters.
"""
import sys

from .annotator import (Annotator, Document, DocumentError, EigennameBinaryNotFound, EigennameError,
                        EigennameProcessError, Entity, LexiconError, find_binary, packaged_lexicons)
from .convert import read_jsonl, to_docbin, write_jsonl

__version__ = "0.1.0"
__all__ = ["Annotator", "Document", "Entity", "EigennameError", "EigennameBinaryNotFound", "LexiconError",
           "EigennameProcessError", "DocumentError", "find_binary", "packaged_lexicons", "read_jsonl",
           "write_jsonl", "to_docbin"]

# The spaCy factory is registered by the `spacy_factories` entry point of the installed wheel:
# spaCy imports eigenname.spacy_component when a pipeline asks for "eigenname". When spaCy is
# already imported, register it here too (no entry point needed, e.g. a source checkout on
# sys.path); otherwise leave spaCy unimported: it takes half a second, and is optional.
if "spacy" in sys.modules:
    from . import spacy_component  # noqa: F401  (registers the "eigenname" factory)
