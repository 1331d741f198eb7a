"""Types of the native module; see ``claimtag/__init__.py`` for the package API."""

import os
from typing import Any, Dict, Iterable, Iterator, List, Mapping, Optional, Tuple, Union

SCHEMA_VERSION: str
__version__: str

_Lexicon = Union[str, "os.PathLike[str]", Mapping[str, Any]]

class ClaimtagError(ValueError):
    """Bad input or configuration, worded as the claimtag CLI words it.

    ``kind`` is ``"input"`` (text not a string, no text field), ``"encoding"`` (a lone
    surrogate), ``"config"`` (unknown layer, unreadable or malformed lexicon) or
    ``"internal"`` (the core panicked: a bug to report).
    """

    kind: str

class AnnotationStream(Iterator[Dict[str, Any]]):
    """Results of :meth:`Annotator.annotate_many`, in input order."""

    def __iter__(self) -> "AnnotationStream": ...
    def __next__(self) -> Dict[str, Any]: ...

class Annotator:
    """Annotates news text: sentences, entities, attributions (who says what), hedges.

    Build one and reuse it (construction compiles every word list); it is safe to share
    between threads, and annotating releases the GIL.

    ``layers``: ``"all"`` (default), ``"none"``, or names among ``sentences``, ``entities``,
    ``attributions``, ``hedges`` as a comma-separated string or an iterable, as the CLI's
    ``--layers``. ``lexicon``: user lexicons added to the built-in word lists, as the CLI's
    ``--lexicon``: a path, a dict of the same JSON shape, or a list of them (applied in
    order). ``offsets``: ``"codepoint"`` (Python string indices, default) or ``"utf16"``.
    """

    def __init__(
        self,
        layers: Optional[Union[str, Iterable[str]]] = None,
        lexicon: Optional[Union[_Lexicon, Iterable[_Lexicon]]] = None,
        offsets: str = "codepoint",
    ) -> None: ...
    @property
    def layers(self) -> List[str]: ...
    @property
    def offsets(self) -> str: ...
    def annotate(
        self,
        text: str,
        id: Optional[Union[str, int]] = None,
        *,
        source: Optional[str] = None,
        meta: Optional[Mapping[str, Any]] = None,
    ) -> Dict[str, Any]:
        """The document object the CLI writes for ``text``.

        ``id`` defaults to ``"0"``; ``source`` (omitted when ``None``) and ``meta`` fill the
        fields the CLI fills with the input path and the other JSONL fields.
        """
    def annotate_many(
        self,
        docs: Iterable[Union[str, Mapping[str, Any]]],
        threads: Optional[int] = None,
        batch_size: int = 64,
        *,
        source: Optional[str] = None,
        id_field: str = "id",
        text_field: str = "text",
    ) -> AnnotationStream:
        """Annotates texts or dicts on the Rust thread pool; yields results in input order.

        A dict gives its ``id_field`` (a string or number; default: the input's position)
        and ``text_field``; its other fields go to ``meta``, as the CLI does with a JSONL
        line. ``threads=None`` uses every core. A bad input raises :class:`ClaimtagError`
        once every result before it has been yielded.
        """

def _validate_json(json: str) -> List[Tuple[str, str]]: ...
def _panic_through_guard(message: str) -> None: ...
