#!/usr/bin/env python3
"""Builds a JSONL bench corpus of about N MB from the dev articles of ../shared/eval/dev.

Why: the generated corpus (gen_corpus.py) is regular text from templates; real news text
has longer sentences, more names, more quotation marks and markup residue, and costs the
pipeline about twice as much per byte. Speed claims are checked on both. The dev texts may
not be copied into the project, so this corpus is built at run time, into a scratch
directory, and never committed.

Usage: news_corpus.py --mb 60 --out news.jsonl [--dev ../shared/eval/dev]
Documents: the PolNeAR dev and GUM dev articles, in file order, repeated until the size is
reached; each copy gets the id `<id>#<copy>`; only id and text are kept.
"""

import argparse
import json
import os

SOURCES = ["polnear_dev.jsonl", "gum_dev.jsonl"]


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=float, default=60)
    parser.add_argument("--out", required=True)
    parser.add_argument("--dev", default=os.path.join(here, "..", "..", "shared", "eval", "dev"))
    args = parser.parse_args()
    texts = []
    for name in SOURCES:
        with open(os.path.join(args.dev, name), encoding="utf-8") as f:
            for line in f:
                doc = json.loads(line)
                texts.append((str(doc["id"]), doc["text"]))
    if not texts:
        raise SystemExit("no dev documents found under " + args.dev)
    target = int(args.mb * 1e6)
    written = 0
    copy = 0
    with open(args.out, "w", encoding="utf-8") as out:
        while written < target:
            for doc_id, text in texts:
                line = json.dumps({"id": f"{doc_id}#{copy}", "text": text}, ensure_ascii=False) + "\n"
                out.write(line)
                written += len(line.encode("utf-8"))
                if written >= target:
                    break
            copy += 1
    print(f"wrote {args.out}: {written / 1e6:.1f} MB, {copy} passes over {len(texts)} articles")


if __name__ == "__main__":
    main()
