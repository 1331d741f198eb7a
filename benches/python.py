#!/usr/bin/env python3
"""Throughput of the Python package beside the CLI's, in the same run, on the same corpus.

The claim to hold: `Annotator.annotate_many` runs at 80% or more of `claimtag annotate`'s
MB/s at the same thread count. The CLI's figure includes reading and parsing the JSONL file
and writing its lines (to /dev/null); the Python figure starts from a list of texts already
in memory and ends with every result as a dict, which is what a Python caller has and
wants. Also measured: the spaCy component on `spacy.blank("en")` (`nlp.pipe`), next to the
blank tokenizer alone and to `en_core_web_sm` when that model is installed.

The corpus is the news-text corpus of benches/run.sh: the PolNeAR and GUM dev articles
repeated to --mb megabytes (benches/news_corpus.py, built at run time, never committed);
`--generated` uses the template corpus of benches/gen_corpus.py instead, and --corpus any
JSONL with a `text` field. Each figure is the best of --repeat runs, since the machine is
shared.

Usage: benches/python.py [--mb 20] [--threads 1 2] [--repeat 3] [--generated | --corpus FILE]
       [--binary target/release/claimtag] [--spacy-mb 2] [--no-spacy]
Needs `pip install ./python` (and `./python[spacy]` for the spaCy rows).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "eval" / "dev"


def cpu_seconds() -> float:
    """CPU time of this process and its finished children, user + system."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def best_of(repeat: int, run) -> float:
    return best_of_both(repeat, run)[0]


def best_of_both(repeat: int, run) -> tuple:
    """The best wall-clock seconds and the best CPU seconds over `repeat` runs."""
    walls, cpus = [], []
    for _ in range(repeat):
        gc.collect()
        cpu = cpu_seconds()
        start = time.perf_counter()
        run()
        walls.append(time.perf_counter() - start)
        cpus.append(cpu_seconds() - cpu)
    return min(walls), min(cpus)


def cli_seconds(binary: str, corpus: Path, threads: int, repeat: int) -> tuple:
    def run():
        with open(os.devnull, "wb") as sink:
            subprocess.run([binary, "annotate", "--quiet", "--threads", str(threads), str(corpus)], stdout=sink, check=False)

    return best_of_both(repeat, run)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=20)
    parser.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--corpus", type=Path)
    parser.add_argument("--generated", action="store_true", help="the template corpus of benches/gen_corpus.py")
    parser.add_argument("--binary", default=str(ROOT / "target" / "release" / "claimtag"))
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--spacy-mb", type=float, default=2)
    parser.add_argument("--no-spacy", action="store_true")
    args = parser.parse_args()

    import claimtag

    work = Path("/tmp/claimtag-bench")
    if args.corpus:
        corpus = args.corpus
    elif args.generated:
        corpus = work / f"news-{args.mb:g}mb-seed1.jsonl"
        if not corpus.exists():
            work.mkdir(parents=True, exist_ok=True)
            subprocess.run([sys.executable, str(ROOT / "benches" / "gen_corpus.py"), "--mb", f"{args.mb:g}", "--seed", "1", "--out", str(corpus)], check=True)
    else:
        corpus = work / f"devnews-{args.mb:g}mb.jsonl"
        if not corpus.exists():
            work.mkdir(parents=True, exist_ok=True)
            subprocess.run([sys.executable, str(ROOT / "benches" / "news_corpus.py"), "--mb", f"{args.mb:g}", "--dev", str(DEV), "--out", str(corpus)], check=True)
    texts = [json.loads(line)["text"] for line in corpus.open(encoding="utf-8")]
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    print(f"corpus: {corpus} ({mb:.1f} MB of text, {len(texts)} documents); claimtag {claimtag.__version__}, "
          f"CLI {args.binary}; {os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f}")
    print()
    # Wall-clock MB/s is the claim; MB per CPU-second moves much less with the load of a
    # shared machine, so both are printed.
    print("| threads | CLI MB/s | annotate_many MB/s | ratio | CLI MB per CPU-s | annotate_many MB per CPU-s | ratio |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    annotator = claimtag.Annotator()
    ratios = []
    for threads in args.threads:
        cli, cli_cpu = cli_seconds(args.binary, corpus, threads, args.repeat)

        def run_python():
            for _ in annotator.annotate_many(texts, threads=threads, batch_size=args.batch_size):
                pass

        py, py_cpu = best_of_both(args.repeat, run_python)
        ratio = cli / py
        ratios.append(ratio)
        print(f"| {threads} | {mb / cli:.1f} | {mb / py:.1f} | {ratio:.2f} | {mb / cli_cpu:.1f} | {mb / py_cpu:.1f} | {cli_cpu / py_cpu:.2f} |")
    print()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of this process: {peak:.0f} MB")

    if not args.no_spacy:
        spacy_rows(texts, args)
    if min(ratios) < 0.8:
        print(f"below the 80% target at some thread count: {min(ratios):.2f}")


def spacy_rows(texts: list, args) -> None:
    try:
        import spacy
    except ImportError:
        print("spaCy not installed: no spaCy rows (pip install ./python[spacy])")
        return
    subset, size = [], 0
    for t in texts:
        if size >= args.spacy_mb * 1e6:
            break
        subset.append(t)
        size += len(t.encode("utf-8"))
    mb = size / 1e6
    print()
    print(f"spaCy {spacy.__version__}, {mb:.1f} MB of the corpus through nlp.pipe:")
    print()
    print("| pipeline | MB/s |")
    print("|---|---:|")
    blank = spacy.blank("en")
    t = best_of(args.repeat, lambda: [None for _ in blank.pipe(subset)])
    print(f"| spacy.blank(\"en\") (tokenizer only) | {mb / t:.1f} |")
    with_claimtag = spacy.blank("en")
    with_claimtag.add_pipe("claimtag")
    t = best_of(args.repeat, lambda: [None for _ in with_claimtag.pipe(subset)])
    print(f"| spacy.blank(\"en\") + claimtag | {mb / t:.1f} |")
    try:
        sm = spacy.load("en_core_web_sm")
    except OSError:
        print("| en_core_web_sm | not installed |")
        return
    t = best_of(1, lambda: [None for _ in sm.pipe(subset)])
    print(f"| en_core_web_sm | {mb / t:.1f} |")


if __name__ == "__main__":
    main()
