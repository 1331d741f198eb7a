"""claimtag: who says what in news text, from the same Rust core as the ``claimtag`` CLI.

``annotate`` returns exactly the document object the CLI writes for a text (same schema,
same ``schema_version``); ``Annotator.annotate_many`` annotates an iterable of texts or
``{"id", "text"}`` dicts on the Rust thread pool, with the GIL released, in input order.
``nlp.add_pipe("claimtag")`` adds the spaCy component (``pip install claimtag[spacy]``).
"""

from __future__ import annotations

import functools
import json
from typing import Any, Dict, Iterable, List, Optional, Union

from ._claimtag import (
    SCHEMA_VERSION,
    AnnotationStream,
    Annotator,
    ClaimtagError,
    __version__,
    _validate_json,
)

__all__ = [
    "SCHEMA_VERSION",
    "AnnotationStream",
    "Annotator",
    "ClaimtagError",
    "__version__",
    "annotate",
    "validate",
]


@functools.lru_cache(maxsize=8)
def _shared_annotator(layers: str) -> Annotator:
    # Building an annotator compiles every word list; one-off calls share one per layer set.
    return Annotator(layers=layers)


def annotate(
    text: str,
    id: Optional[Union[str, int]] = None,
    *,
    layers: Union[str, Iterable[str]] = "all",
    source: Optional[str] = None,
) -> Dict[str, Any]:
    """Annotates one text with a shared default :class:`Annotator`.

    >>> doc = annotate("Officials said the port reopened.", id="ex")
    >>> doc["schema_version"] == SCHEMA_VERSION
    True
    >>> a = doc["attributions"][0]
    >>> a["source"]["text"], a["cue"]["text"], a["content"]["text"]
    ('Officials', 'said', 'the port reopened')
    """
    key = layers if isinstance(layers, str) else ",".join(layers)
    return _shared_annotator(key).annotate(text, id, source=source)


def validate(obj: Union[Dict[str, Any], str, bytes]) -> List[str]:
    """The problems ``claimtag validate`` finds in one document: ``[]`` when it is valid.

    ``obj`` is a document object (a dict, as :func:`annotate` returns) or its JSON text. It
    is checked against ``schemas/annotation.schema.json`` and the output contract's
    invariants (span texts equal their slices, order, ids, references). Each problem is
    ``"JSON-POINTER: message"``, as the CLI prints it after the file and id.

    >>> doc = annotate("Officials said the port reopened.")
    >>> validate(doc)
    []
    >>> doc["attributions"][0]["cue"]["text"] = "told"
    >>> validate(doc)
    ['/attributions/0/cue/text: text "told" differs from the slice "said"']
    """
    if isinstance(obj, bytes):
        text = obj.decode("utf-8")
    elif isinstance(obj, str):
        text = obj
    else:
        try:
            text = json.dumps(obj)
        except (TypeError, ValueError) as e:
            err = ClaimtagError(f"not JSON: {e}")
            err.kind = "input"
            raise err from None
    return [f"{pointer}: {message}" if pointer else message for pointer, message in _validate_json(text)]
