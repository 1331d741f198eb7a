"""Shared fixtures: the repository, the CLI binary the Python output is compared with, and
the dev data (``../shared/eval/dev`` beside the repository, when present)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DEV = REPO.parent / "shared" / "eval" / "dev"


def cli_binary() -> Path:
    """The CLI built from this checkout: $CLAIMTAG_BIN, else the newest of target/{release,debug}."""
    explicit = os.environ.get("CLAIMTAG_BIN")
    if explicit:
        return Path(explicit)
    built = [p for p in (REPO / "target" / "release" / "claimtag", REPO / "target" / "debug" / "claimtag") if p.exists()]
    if not built:
        pytest.skip("no claimtag binary: run `cargo build` first or set CLAIMTAG_BIN", allow_module_level=True)
    return max(built, key=lambda p: p.stat().st_mtime)


@pytest.fixture(scope="session")
def cli() -> Path:
    return cli_binary()


def run_cli(cli: Path, *args: str, stdin: bytes = b"", cwd: Path = REPO) -> subprocess.CompletedProcess:
    return subprocess.run([str(cli), *args], input=stdin, capture_output=True, cwd=cwd, check=False)


def dev_files() -> list:
    return sorted(DEV.glob("*.jsonl")) if DEV.is_dir() else []
