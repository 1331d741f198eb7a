"""Every Python example of docs/python.md runs and its assertions hold; so do the doctests
of the package. An example whose first line is `# needs: MODULE` skips when MODULE is not
installed (spaCy examples need spaCy)."""

from __future__ import annotations

import doctest
import importlib.util
import re

import pytest

import claimtag
from conftest import REPO

DOC = REPO / "docs" / "python.md"
PAGE = DOC.read_text(encoding="utf-8")
# Each block padded with the lines before it, so a failure names its line in the page.
BLOCKS = [
    "\n" * PAGE[: m.start(1)].count("\n") + m.group(1)
    for m in re.finditer(r"```python\n(.*?)```", PAGE, flags=re.S)
]


def needs(code: str) -> list:
    found = re.findall(r"^# needs: (\w+)", code, flags=re.M)
    if re.search(r"^import spacy", code, flags=re.M):
        found.append("spacy")
    return found


def test_the_page_has_its_examples():
    assert len(BLOCKS) >= 5
    text = "\n".join(BLOCKS)
    for marker in ("annotate_many", "add_pipe", "pd.DataFrame", "batched=True"):
        assert marker in text


@pytest.mark.parametrize("code", BLOCKS, ids=[f"block{i}" for i in range(len(BLOCKS))])
def test_example_runs(code):
    for module in needs(code):
        if importlib.util.find_spec(module) is None:
            pytest.skip(f"{module} is not installed")
    exec(compile(code, str(DOC), "exec"), {"__name__": "docs_example"})


def test_doctests_of_the_package():
    failures, tried = doctest.testmod(claimtag, verbose=False)
    assert tried >= 5 and failures == 0
