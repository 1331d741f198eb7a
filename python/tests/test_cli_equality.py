"""The Python output is the CLI's output: same documents, byte for byte after
``json.dumps(sort_keys=True)``, on every document of the dev sets and of ``corpus/``.

The CLI fills ``source`` with the input path and ``meta`` with a JSONL line's other fields;
the Python calls here are given the same ``source`` (the path as the CLI was given it) and
the same rows, so every field is compared, ``source`` and ``meta`` included.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import claimtag
from conftest import REPO, dev_files, run_cli


def canonical(obj) -> str:
    return json.dumps(obj, sort_keys=True, ensure_ascii=False)


def cli_raw_lines(cli: Path, path: str) -> list:
    done = run_cli(cli, "annotate", "--quiet", "--threads", "2", path)
    assert done.returncode in (0, 1), done.stderr.decode()
    return done.stdout.decode("utf-8").splitlines()


def cli_lines(cli: Path, path: str) -> list:
    return [json.loads(line) for line in cli_raw_lines(cli, path)]


def compact(obj) -> str:
    """The CLI's line, as docs/python.md and the Spark example write it from the dict."""
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


@pytest.fixture(scope="module")
def annotator() -> claimtag.Annotator:
    return claimtag.Annotator()


def relative(path: Path) -> str:
    return str(path.relative_to(REPO)) if REPO in path.parents else str(path)


JSONL_INPUTS = dev_files() + sorted((REPO / "corpus").rglob("*.jsonl"))


def test_there_are_inputs_to_compare():
    assert (REPO / "corpus" / "articles").is_dir()
    assert len(list((REPO / "corpus").rglob("*.txt"))) >= 10


@pytest.mark.parametrize("path", JSONL_INPUTS, ids=lambda p: p.name)
def test_jsonl_file_equals_cli(cli, annotator, path):
    source = relative(path)
    raw = cli_raw_lines(cli, source)
    expected = [json.loads(line) for line in raw]
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(rows) == len(expected) > 0
    # Rows without an id get `<file>:<line>` from the CLI; give the same so ids compare.
    for n, row in enumerate(rows, start=1):
        row.setdefault("id", f"{source}:{n}")
    got = list(annotator.annotate_many(rows, source=source))
    assert len(got) == len(expected)
    for g, e, line in zip(got, expected, raw):
        assert "error" not in e, e
        assert canonical(g) == canonical(e), f"document {e['id']} differs"
        assert compact(g) == line, f"document {e['id']}: the compact dump is not the CLI's line"


@pytest.mark.parametrize("path", sorted((REPO / "corpus").rglob("*.txt")), ids=lambda p: p.name)
def test_text_file_equals_cli(cli, annotator, path):
    source = relative(path)
    [expected] = cli_lines(cli, source)
    got = annotator.annotate(path.read_text(encoding="utf-8"), id=path.stem, source=source)
    assert canonical(got) == canonical(expected)


def test_source_and_meta_are_left_out_unless_given(annotator):
    doc = annotator.annotate("Officials said the port reopened.", id="ex")
    assert "source" not in doc and "meta" not in doc
    doc = annotator.annotate("Officials said the port reopened.", id="ex", source="wire", meta={"url": "u"})
    assert doc["source"] == "wire" and doc["meta"] == {"url": "u"}


def test_stdin_example_of_the_readme(cli, annotator):
    line = b'{"id":"ex","text":"Officials said the port reopened."}\n'
    expected = json.loads(run_cli(cli, "annotate", stdin=line).stdout)
    got = annotator.annotate("Officials said the port reopened.", id="ex", source="<stdin>")
    assert canonical(got) == canonical(expected)
    assert got["schema_version"] == claimtag.SCHEMA_VERSION


@pytest.mark.parametrize("layers", ["sentences", "entities,hedges", "none"])
def test_layers_and_utf16_offsets_equal_cli(cli, layers):
    text = "😀 Ana Lopez said the 𝒳 port may reopen.\n\nThe ministry denied it."
    line = json.dumps({"id": "u", "text": text}).encode() + b"\n"
    for offsets in ("codepoint", "utf16"):
        done = run_cli(cli, "annotate", "--layers", layers, "--offsets", offsets, stdin=line)
        expected = json.loads(done.stdout)
        got = claimtag.Annotator(layers=layers, offsets=offsets).annotate(text, "u", source="<stdin>")
        assert canonical(got) == canonical(expected)


def test_user_lexicon_equals_cli(cli, tmp_path):
    lexicon = tmp_path / "lex.json"
    lexicon.write_text(json.dumps({"add": {"reporting_verbs": ["grumble grumbles grumbled grumbled grumbling"]}}))
    text = "The minister grumbled that the budget was late."
    line = json.dumps({"id": "g", "text": text}).encode() + b"\n"
    expected = json.loads(run_cli(cli, "annotate", "--lexicon", str(lexicon), stdin=line).stdout)
    assert expected["attributions"], "the lexicon adds a cue the CLI finds"
    for given in (str(lexicon), lexicon, [lexicon], json.loads(lexicon.read_text())):
        got = claimtag.Annotator(lexicon=given).annotate(text, "g", source="<stdin>")
        assert canonical(got) == canonical(expected)
    assert not claimtag.Annotator().annotate(text)["attributions"]
