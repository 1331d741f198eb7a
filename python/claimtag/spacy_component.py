"""The ``claimtag`` spaCy component.

spaCy finds it through the ``spacy_factories`` entry point, so ``nlp.add_pipe("claimtag")``
works without importing claimtag. It annotates ``doc.text`` with the Rust core and lays the
result over spaCy's tokens:

- ``doc.spans["claimtag_attributions"]``: one span per attribution, from the first to the
  last of its roles, labelled with its type (``direct``, ``indirect``, ``mixed``), its id
  (``a3``) as ``kb_id_``; ``span._.source``, ``span._.content`` and ``span._.cue`` give the
  role spans (``None`` for a missing source or content), ``span._.claimtag`` the raw item;
- ``doc.spans["claimtag_cues"]``: the cue of every attribution (label ``CUE``, same id);
- ``doc.spans["claimtag_hedges"]``: hedges, labelled with their kind, hedge id as ``kb_id_``;
- ``doc._.claimtag``: the document object the CLI writes for the text;
- ``doc.ents``, with ``set_ents=True``: claimtag's entities, added to the entities a trained
  NER already set where they do not overlap, or replacing them with ``overwrite_ents=True``.

claimtag counts offsets in code points, as spaCy's character offsets do. A span whose ends
fall inside a spaCy token is widened to whole tokens (``alignment_mode="expand"``); one
that covers no token at all (only white space) is reported with a warning and listed in
``doc._.claimtag_unaligned``, never dropped silently.
"""

from __future__ import annotations

import warnings
from collections import deque
from typing import Any, Deque, Dict, Iterable, Iterator, List, Optional, Union

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ._claimtag import Annotator

ATTRIBUTIONS = "claimtag_attributions"
CUES = "claimtag_cues"
HEDGES = "claimtag_hedges"


def _attribution_of(span: Span) -> Optional[Dict[str, Any]]:
    raw = span.doc._.claimtag
    if raw is None or not span.kb_id_:
        return None
    for attribution in raw.get("attributions", ()):
        if attribution["id"] == span.kb_id_:
            return attribution
    return None


def _role_getter(role: str, label: str):
    def get(span: Span) -> Optional[Span]:
        attribution = _attribution_of(span)
        if attribution is None or attribution.get(role) is None:
            return None
        part = attribution[role]
        return span.doc.char_span(
            part["start"], part["end"], label=label, kb_id=span.kb_id_, alignment_mode="expand"
        )

    return get


# Getters rather than stored values: the roles are derived from `doc._.claimtag` and the
# span's id, so nothing but plain data sits in `doc.user_data` and the Doc still
# serialises (`to_bytes`, `DocBin`) as any other.
if not Doc.has_extension("claimtag"):
    Doc.set_extension("claimtag", default=None)
if not Doc.has_extension("claimtag_unaligned"):
    Doc.set_extension("claimtag_unaligned", default=None)
for _name, _getter in (
    ("source", _role_getter("source", "SOURCE")),
    ("content", _role_getter("content", "CONTENT")),
    ("cue", _role_getter("cue", "CUE")),
    ("claimtag", _attribution_of),
):
    if not Span.has_extension(_name):
        Span.set_extension(_name, getter=_getter)


class ClaimtagComponent:
    """Annotates each Doc's text with claimtag and sets span groups, extensions and ents."""

    def __init__(
        self,
        nlp: Language,
        name: str = "claimtag",
        *,
        layers: Union[str, List[str]] = "all",
        lexicon: Optional[Union[str, List[str]]] = None,
        set_ents: bool = False,
        overwrite_ents: bool = False,
        threads: Optional[int] = None,
        batch_size: int = 64,
    ) -> None:
        self.name = name
        self.annotator = Annotator(layers=layers, lexicon=lexicon, offsets="codepoint")
        self.set_ents = set_ents
        self.overwrite_ents = overwrite_ents
        self.threads = threads
        self.batch_size = batch_size

    def __call__(self, doc: Doc) -> Doc:
        return self._apply(doc, self.annotator.annotate(doc.text))

    def pipe(self, stream: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        """Annotates the texts on claimtag's thread pool while the Docs wait in order."""
        waiting: Deque[Doc] = deque()

        # The id `__call__` gives too, so that a Doc's `doc._.claimtag` does not depend on
        # how it went through the pipeline.
        def texts() -> Iterator[Dict[str, str]]:
            for doc in stream:
                waiting.append(doc)
                yield {"id": "0", "text": doc.text}

        results = self.annotator.annotate_many(
            texts(), threads=self.threads, batch_size=batch_size or self.batch_size
        )
        for result in results:
            yield self._apply(waiting.popleft(), result)

    def _apply(self, doc: Doc, raw: Dict[str, Any]) -> Doc:
        doc._.claimtag = raw
        unaligned: List[Dict[str, Any]] = []

        def span(layer: str, item: Dict[str, Any], part: Dict[str, Any], label: str, kb_id: str = "") -> Optional[Span]:
            found = doc.char_span(part["start"], part["end"], label=label, kb_id=kb_id, alignment_mode="expand")
            if found is None:
                unaligned.append({"layer": layer, "id": item.get("id"), "start": part["start"], "end": part["end"], "text": part["text"]})
            return found

        attributions: List[Span] = []
        cues: List[Span] = []
        for a in raw.get("attributions", ()):
            roles = [a[r] for r in ("source", "cue", "content") if a.get(r) is not None]
            whole = {
                "start": min(r["start"] for r in roles),
                "end": max(r["end"] for r in roles),
                "text": "",
            }
            # raw["text"] is doc.text, which spaCy rebuilds from the tokens on every read.
            whole["text"] = raw["text"][whole["start"] : whole["end"]]
            s = span("attributions", a, whole, a["type"], a["id"])
            if s is not None:
                attributions.append(s)
            c = span("cues", a, a["cue"], "CUE", a["id"])
            if c is not None:
                cues.append(c)
        hedges = [h for h in (span("hedges", x, x, x["kind"], x["id"]) for x in raw.get("hedges", ())) if h is not None]
        doc.spans[ATTRIBUTIONS] = attributions
        doc.spans[CUES] = cues
        doc.spans[HEDGES] = hedges
        if self.set_ents:
            ents = [e for e in (span("entities", x, x, x["label"], x["id"]) for x in raw.get("entities", ())) if e is not None]
            self._set_ents(doc, ents)
        doc._.claimtag_unaligned = unaligned
        if unaligned:
            warnings.warn(
                f"claimtag: {len(unaligned)} span(s) of document {raw.get('id')!r} cover no spaCy token "
                f"and are not in the span groups; see doc._.claimtag_unaligned",
                stacklevel=2,
            )
        return doc

    def _set_ents(self, doc: Doc, ents: List[Span]) -> None:
        # Widened spans may now overlap; doc.ents cannot hold overlaps: keep the longest.
        ours = filter_spans(ents)
        if self.overwrite_ents or not doc.ents:
            doc.ents = ours
            return
        kept = list(doc.ents)
        taken = set()
        for e in kept:
            taken.update(range(e.start, e.end))
        added = [e for e in ours if not taken.intersection(range(e.start, e.end))]
        doc.ents = sorted(kept + added, key=lambda e: e.start)


@Language.factory(
    "claimtag",
    default_config={
        "layers": "all",
        "lexicon": None,
        "set_ents": False,
        "overwrite_ents": False,
        "threads": None,
        "batch_size": 64,
    },
)
def make_claimtag(
    nlp: Language,
    name: str,
    layers: Union[str, List[str]],
    lexicon: Optional[Union[str, List[str]]],
    set_ents: bool,
    overwrite_ents: bool,
    threads: Optional[int],
    batch_size: int,
) -> ClaimtagComponent:
    """spaCy's factory for the ``claimtag`` component (see the module docs)."""
    return ClaimtagComponent(
        nlp,
        name,
        layers=layers,
        lexicon=lexicon,
        set_ents=set_ents,
        overwrite_ents=overwrite_ents,
        threads=threads,
        batch_size=batch_size,
    )
