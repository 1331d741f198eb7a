"""The spaCy component on spacy.blank("en"): spans equal the JSON spans (widened to whole
tokens where an offset falls inside a spaCy token, never dropped), extensions, doc.ents,
nlp.pipe through annotate_many, and registration by entry point alone."""

from __future__ import annotations

import json
import subprocess
import sys
import warnings

import pytest

spacy = pytest.importorskip("spacy", reason="spaCy is not installed (pip install ./python[spacy])")

import claimtag  # noqa: E402
from conftest import REPO  # noqa: E402


def articles() -> list:
    return [p.read_text(encoding="utf-8") for p in sorted((REPO / "corpus" / "articles").glob("*.txt"))]


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("en")
    nlp.add_pipe("claimtag", config={"set_ents": True})
    return nlp


def test_registered_through_the_entry_point_without_an_import():
    from importlib.metadata import entry_points

    found = [ep.value for ep in entry_points().get("spacy_factories", []) if ep.name == "claimtag"] if sys.version_info < (3, 10) else [
        ep.value for ep in entry_points(group="spacy_factories") if ep.name == "claimtag"
    ]
    assert found == ["claimtag.spacy_component:make_claimtag"]
    # A fresh interpreter that never imports claimtag itself.
    code = (
        "import spacy\n"
        "nlp = spacy.blank('en')\n"
        "nlp.add_pipe('claimtag')\n"
        "doc = nlp('Officials said the port reopened.')\n"
        "print(doc.spans['claimtag_cues'][0].text)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "said"


def covers(span, item) -> bool:
    """The spaCy span is the JSON span, or the JSON span widened to whole tokens."""
    if span.start_char == item["start"] and span.end_char == item["end"]:
        return span.text == item["text"]
    doc = span.doc
    return (
        span.start_char <= item["start"]
        and span.end_char >= item["end"]
        and item["text"] in span.text
        and doc[span.start].idx <= item["start"] < doc[span.start].idx + len(doc[span.start])
        and doc[span.end - 1].idx < item["end"] <= doc[span.end - 1].idx + len(doc[span.end - 1])
    )


def test_spans_equal_the_json_spans(nlp):
    exact = widened = 0
    for text in articles():
        doc = nlp(text)
        raw = doc._.claimtag
        assert raw == claimtag.annotate(text)
        assert doc._.claimtag_unaligned == []
        attributions = raw["attributions"]
        assert len(doc.spans["claimtag_cues"]) == len(attributions) > 0
        assert len(doc.spans["claimtag_attributions"]) == len(attributions)
        for span, a in zip(doc.spans["claimtag_cues"], attributions):
            assert span.kb_id_ == a["id"] and span.label_ == "CUE"
            assert covers(span, a["cue"]), (span.text, a["cue"])
        for span, a in zip(doc.spans["claimtag_attributions"], attributions):
            assert span.label_ == a["type"] and span.kb_id_ == a["id"]
            assert span._.claimtag == a
            for role in ("source", "content", "cue"):
                got = getattr(span._, role)
                if a[role] is None:
                    assert got is None
                else:
                    assert covers(got, a[role]), (role, got.text, a[role])
                    exact += got.text == a[role]["text"]
                    widened += got.text != a[role]["text"]
        assert len(doc.spans["claimtag_hedges"]) == len(raw["hedges"])
        for span, h in zip(doc.spans["claimtag_hedges"], raw["hedges"]):
            assert span.label_ == h["kind"] and covers(span, h)
        ent_ids = {e.kb_id_ for e in doc.ents}
        for e in raw["entities"]:
            if e["id"] in ent_ids:
                [span] = [s for s in doc.ents if s.kb_id_ == e["id"]]
                assert span.label_ == e["label"] and covers(span, e)
        assert len(doc.ents) >= 0.9 * len(raw["entities"])
    print(f"role spans equal to the JSON text: {exact}, widened to whole tokens: {widened}")
    assert exact > 10 * widened


def test_offsets_inside_a_token_are_widened_not_dropped():
    from spacy.tokens import Doc

    nlp = spacy.blank("en")
    component = nlp.add_pipe("claimtag")
    text = 'Ana Lopez said "the port will reopen."'
    # Tokens cut across claimtag's spans, as another tokenizer's might.
    words = ["Ana Lo", "pez said", '"the port', "will reopen", '."']
    coarse = Doc(nlp.vocab, words=words, spaces=[False, True, True, False, False])
    assert coarse.text == text
    component(coarse)
    [a] = coarse._.claimtag["attributions"]
    [cue] = coarse.spans["claimtag_cues"]
    assert a["cue"]["text"] == "said" and cue.text == "pez said" and covers(cue, a["cue"])
    [whole] = coarse.spans["claimtag_attributions"]
    assert covers(whole._.source, a["source"]) and covers(whole._.content, a["content"])
    assert coarse._.claimtag_unaligned == []


def test_trained_ner_is_kept_unless_overwrite(nlp):
    from spacy.tokens import Span

    text = "Officials at Kestrel Labs said on Monday that Ana Lopez would resign."
    for overwrite in (False, True):
        blank = spacy.blank("en")
        blank.add_pipe("claimtag", config={"set_ents": True, "overwrite_ents": overwrite})
        doc = blank.make_doc(text)
        # What a trained NER would have set before the component runs.
        doc.ents = [Span(doc, 0, 1, label="NORP")]
        doc = blank.get_pipe("claimtag")(doc)
        labels = [(e.text, e.label_) for e in doc.ents]
        assert (("Officials", "NORP") in labels) != overwrite
        assert ("Ana Lopez", "PERSON") in labels


def test_pipe_uses_annotate_many_and_equals_call():
    nlp = spacy.blank("en")
    component = nlp.add_pipe("claimtag", config={"batch_size": 3})
    calls = []
    real = component.annotator

    class Spy:
        def annotate(self, *args, **kwargs):
            return real.annotate(*args, **kwargs)

        def annotate_many(self, *args, **kwargs):
            calls.append(kwargs)
            return real.annotate_many(*args, **kwargs)

    texts = articles()
    one_by_one = [nlp(t) for t in texts]
    component.annotator = Spy()
    piped = list(nlp.pipe(texts, batch_size=4))
    assert calls, "nlp.pipe went through annotate_many"
    assert [d.text for d in piped] == texts
    for a, b in zip(one_by_one, piped):
        assert a._.claimtag == b._.claimtag
        assert [(s.start, s.end, s.label_) for s in a.spans["claimtag_attributions"]] == [
            (s.start, s.end, s.label_) for s in b.spans["claimtag_attributions"]
        ]


def test_doc_still_serialises():
    nlp = spacy.blank("en")
    nlp.add_pipe("claimtag")
    doc = nlp("Officials said the port reopened.")
    from spacy.tokens import Doc

    again = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert again._.claimtag == doc._.claimtag
    [span] = again.spans["claimtag_attributions"]
    assert span._.source.text == "Officials" and span._.content.text == "the port reopened"


def test_config_round_trip_with_a_lexicon(tmp_path):
    lexicon = tmp_path / "lex.json"
    lexicon.write_text(json.dumps({"add": {"reporting_verbs": ["grumble grumbles grumbled grumbled grumbling"]}}))
    nlp = spacy.blank("en")
    nlp.add_pipe("claimtag", config={"lexicon": str(lexicon), "layers": "sentences,entities,attributions"})
    doc = nlp("The minister grumbled that the budget was late.")
    assert [s.text for s in doc.spans["claimtag_cues"]] == ["grumbled"]
    assert doc.spans["claimtag_hedges"] == [] or len(doc.spans["claimtag_hedges"]) == 0
    nlp.to_disk(tmp_path / "pipeline")
    reloaded = spacy.load(tmp_path / "pipeline")
    doc = reloaded("The minister grumbled that it rained.")
    assert [s.text for s in doc.spans["claimtag_cues"]] == ["grumbled"]


def test_unaligned_spans_are_reported(recwarn):
    nlp = spacy.blank("en")
    component = nlp.add_pipe("claimtag")
    doc = nlp.make_doc("Officials said the port reopened.")
    raw = claimtag.annotate(doc.text)
    raw["hedges"].append({"id": "hx", "start": 33, "end": 33, "text": "", "kind": "modal"})
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        component._apply(doc, raw)
    assert doc._.claimtag_unaligned == [{"layer": "hedges", "id": "hx", "start": 33, "end": 33, "text": ""}]
    assert any("cover no spaCy token" in str(w.message) for w in caught)
