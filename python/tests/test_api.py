"""The Python API: annotate_many's order and results, the GIL released around the Rust work,
the module's constants, and every documented bad input raising ClaimtagError with the
CLI's words."""

from __future__ import annotations

import json
import threading
import time

import pytest

import claimtag
from conftest import REPO, dev_files, run_cli


def texts(limit: int = 400) -> list:
    found = [p.read_text(encoding="utf-8") for p in sorted((REPO / "corpus" / "articles").glob("*.txt"))]
    for path in dev_files():
        for line in path.read_text(encoding="utf-8").splitlines():
            found.append(json.loads(line)["text"])
    return found[:limit]


def test_module_constants():
    assert claimtag.SCHEMA_VERSION == claimtag.annotate("Hi.")["schema_version"]
    assert claimtag.__version__.count(".") == 2
    assert issubclass(claimtag.ClaimtagError, ValueError)


def test_schema_1_1_cue_shape():
    # Schema 1.1.0: the cue is the verb group, with its lemma, and the class of report.
    assert claimtag.SCHEMA_VERSION == "1.1.0"
    [a] = claimtag.annotate("The ministry has also said that exports fell.")["attributions"]
    assert a["cue"]["text"] == "has also said" and a["cue"]["lemma"] == "say"
    assert a["cue_class"] == "speech"
    [a] = claimtag.annotate("The report found that rents rose.")["attributions"]
    assert (a["cue"]["lemma"], a["cue_class"]) == ("find", "evidence")


@pytest.mark.parametrize("threads,batch_size", [(None, 64), (1, 1), (2, 7), (3, 1000)])
def test_annotate_many_keeps_order_and_equals_annotate(threads, batch_size):
    annotator = claimtag.Annotator()
    docs = texts()
    # Ids follow the position; a generator shows any iterable works, not only lists.
    many = list(annotator.annotate_many((t for t in docs), threads=threads, batch_size=batch_size))
    assert [d["id"] for d in many] == [str(i) for i in range(len(docs))]
    assert [d["text"] for d in many] == docs
    for i in (0, 1, len(docs) // 2, len(docs) - 1):
        assert many[i] == annotator.annotate(docs[i], id=str(i))
    assert many == [annotator.annotate(t, id=str(i)) for i, t in enumerate(docs)]


def test_annotate_many_takes_dicts_with_fields_as_the_cli():
    rows = [
        {"id": "a", "text": "Officials said the port reopened.", "url": "u1"},
        {"doc_id": 7, "body": "Hi there.", "lang": "en"},
        {"text": "No id here."},
    ]
    out = list(claimtag.Annotator().annotate_many(rows[:1] + rows[2:], source="s.jsonl"))
    assert [d["id"] for d in out] == ["a", "1"]
    assert out[0]["meta"] == {"url": "u1"} and "meta" not in out[1]
    assert {d["source"] for d in out} == {"s.jsonl"}
    [other] = claimtag.Annotator().annotate_many(rows[1:2], id_field="doc_id", text_field="body")
    assert other["id"] == "7" and other["text"] == "Hi there." and other["meta"] == {"lang": "en"}


def test_annotate_many_yields_the_documents_before_a_bad_one_then_raises():
    stream = claimtag.Annotator().annotate_many(["One.", "Two.", 3, "Four."], batch_size=2)
    assert next(stream)["text"] == "One."
    assert next(stream)["text"] == "Two."
    with pytest.raises(claimtag.ClaimtagError, match=r"^item 2: not a string or a dict \(got int\)$"):
        next(stream)
    assert list(stream) == []


def test_layers_property_and_repr():
    a = claimtag.Annotator(layers=["entities", "sentences"])
    assert a.layers == ["sentences", "entities"]
    assert "sentences" in repr(a)
    assert claimtag.Annotator(layers="none").annotate("Hi.")["sentences"] == []


def big_text(mb: float) -> str:
    base = "\n\n".join(texts(60))
    return (base * (int(mb * 1e6) // len(base) + 1))[: int(mb * 1e6)]


def test_annotate_releases_the_gil():
    """A Python thread keeps running while another is inside annotate: with the GIL held
    for the Rust work, the ticker could not advance until the call returned."""
    text = big_text(4)
    annotator = claimtag.Annotator(layers="sentences,entities,attributions,hedges")
    annotator.annotate("warm up")
    ticks = 0
    stop = threading.Event()
    inside = threading.Event()

    def ticker():
        nonlocal ticks
        inside.wait()
        while not stop.is_set():
            ticks += 1
            time.sleep(0)

    thread = threading.Thread(target=ticker)
    thread.start()
    samples = []
    try:
        for _ in range(3):
            before = ticks
            inside.set()
            start = time.perf_counter()
            # Time only the Rust part of the call: the dict is built with the GIL held.
            stream = annotator.annotate_many([text], threads=1)
            next(stream)
            samples.append((ticks - before, time.perf_counter() - start))
    finally:
        stop.set()
        thread.join()
    print(f"ticks of another thread during annotate (ticks, seconds): {samples}")
    assert max(t for t, _ in samples) > 100, samples


def test_two_threads_annotate_concurrently():
    """While thread A is inside annotate on a long text, thread B completes calls of its own."""
    annotator = claimtag.Annotator()
    text = big_text(6)
    events = {}
    entered = threading.Event()

    def long_call():
        entered.set()
        events["a_start"] = time.perf_counter()
        annotator.annotate(text)
        events["a_end"] = time.perf_counter()

    def short_calls():
        for _ in range(20):
            annotator.annotate("Officials said the port reopened.")
        events["b_end"] = time.perf_counter()

    a = threading.Thread(target=long_call)
    a.start()
    entered.wait()
    time.sleep(0.3)  # A is past argument conversion and inside the Rust call
    b = threading.Thread(target=short_calls)
    b.start()
    b.join()
    a.join()
    print(f"A ran {events['a_end'] - events['a_start']:.2f} s; B finished {events['a_end'] - events['b_end']:.2f} s before A")
    assert events["b_end"] < events["a_end"]

    # And the throughput of two threads, for the record (not asserted: the machine is shared).
    docs = texts(200)
    start = time.perf_counter()
    for t in docs:
        annotator.annotate(t)
    serial = time.perf_counter() - start
    start = time.perf_counter()
    halves = [threading.Thread(target=lambda part=part: [annotator.annotate(t) for t in part]) for part in (docs[::2], docs[1::2])]
    for h in halves:
        h.start()
    for h in halves:
        h.join()
    print(f"200 documents: {serial:.2f} s in one thread, {time.perf_counter() - start:.2f} s in two")


# Bad input: the message is the CLI's, checked against the CLI itself where it has one.


def cli_message(cli, *args, stdin=b""):
    done = run_cli(cli, *args, stdin=stdin)
    out = done.stdout.decode()
    if out.strip():
        return json.loads(out.splitlines()[0])["error"]["message"]
    return done.stderr.decode().strip().removeprefix("claimtag: ")


def raises(kind, call):
    with pytest.raises(claimtag.ClaimtagError) as info:
        call()
    assert info.value.kind == kind
    assert isinstance(info.value, ValueError)
    return str(info.value)


@pytest.mark.parametrize("text", [5, None, b"bytes", ["a"]])
def test_non_string_text(cli, text):
    expected = cli_message(cli, "annotate", stdin=json.dumps({"id": "x", "text": 5}).encode() + b"\n")
    assert expected == "line 1: field `text` is not a string"
    assert raises("input", lambda: claimtag.Annotator().annotate(text)) == "field `text` is not a string"
    assert raises("input", lambda: claimtag.annotate(text)) == "field `text` is not a string"
    message = raises("input", lambda: list(claimtag.Annotator().annotate_many([{"id": "x", "text": text}])))
    assert message == "item 0: field `text` is not a string"


def test_missing_text_field(cli):
    expected = cli_message(cli, "annotate", stdin=b'{"id":"x"}\n')
    assert expected == "line 1: no `text` field"
    assert raises("input", lambda: list(claimtag.Annotator().annotate_many([{"id": "x"}]))) == "item 0: no `text` field"


@pytest.mark.parametrize("text,byte", [("a\ud800b", 1), ("é\udcff", 2), ("\udc80", 0)])
def test_lone_surrogates(cli, tmp_path, text, byte):
    # The bytes a lone surrogate stands for (surrogateescape, surrogatepass) are what the CLI
    # reads from a file, and it names the same byte.
    path = tmp_path / "doc.txt"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    expected = cli_message(cli, "annotate", str(path))
    assert expected.startswith(f"invalid UTF-8 at byte {byte} ")
    message = raises("encoding", lambda: claimtag.Annotator().annotate(text))
    assert message.startswith(f"invalid UTF-8 at byte {byte} ")
    assert "lone surrogate" in message
    message = raises("encoding", lambda: list(claimtag.Annotator().annotate_many(["fine", {"text": text}])))
    assert message.startswith(f"item 1: invalid UTF-8 at byte {byte} ")


def test_missing_lexicon_file(cli, tmp_path):
    missing = tmp_path / "missing.json"
    expected = cli_message(cli, "annotate", "--lexicon", str(missing), "-")
    assert expected.startswith("cannot read lexicon ")
    assert raises("config", lambda: claimtag.Annotator(lexicon=str(missing))) == expected
    assert raises("config", lambda: claimtag.Annotator(lexicon=[missing])) == expected


@pytest.mark.parametrize(
    "content",
    ["{", '{"add": {"no_such_list": ["x"]}}', '{"add": {"reporting_verbs": "grumble"}}', '{"extra": 1}'],
)
def test_malformed_lexicon(cli, tmp_path, content):
    path = tmp_path / "lex.json"
    path.write_text(content)
    expected = cli_message(cli, "annotate", "--lexicon", str(path), "-")
    assert expected, "the CLI refuses it too"
    assert raises("config", lambda: claimtag.Annotator(lexicon=path)) == expected


def test_unknown_layer(cli):
    expected = cli_message(cli, "annotate", "--layers", "bogus", "-")
    assert raises("config", lambda: claimtag.Annotator(layers="bogus")) == expected
    assert raises("config", lambda: claimtag.annotate("Hi.", layers=["sentences", "bogus"])) == expected


def test_other_configuration_errors():
    assert "offsets" in raises("config", lambda: claimtag.Annotator(offsets="bytes"))
    assert "threads" in raises("config", lambda: claimtag.Annotator().annotate_many(["x"], threads=0))
    assert "batch_size" in raises("config", lambda: claimtag.Annotator().annotate_many(["x"], batch_size=0))
    assert "meta" in raises("input", lambda: claimtag.Annotator().annotate("x", meta={"f": object()}))


def test_validate():
    doc = claimtag.annotate("Officials said the port reopened. Ana Lopez may resign.")
    assert claimtag.validate(doc) == []
    assert claimtag.validate(json.dumps(doc)) == []
    broken = json.loads(json.dumps(doc))
    broken["sentences"][0]["end"] = 10_000
    del broken["summary"]
    problems = claimtag.validate(broken)
    assert any(p.startswith("/sentences/0") for p in problems), problems
    assert any("summary" in p for p in problems), problems
    with pytest.raises(claimtag.ClaimtagError):
        claimtag.validate("{not json")


def test_a_panic_in_the_core_arrives_as_claimtag_error():
    from claimtag import _claimtag

    message = raises("internal", lambda: _claimtag._panic_through_guard("boom"))
    assert message == "internal error while annotating document `test`: boom"
