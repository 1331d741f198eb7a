#!/usr/bin/env python3
"""Annotates JSONL shards with the claimtag Python package inside Spark, via mapInPandas.

Why: Python NLP on Spark runs as `mapInPandas` / `pandas_udf` over DataFrames, next to the
other columns of a job, rather than piping through an external binary. Each executor's
Python worker builds one `claimtag.Annotator` (a module global: workers are reused across
tasks) and annotates the rows of each Arrow batch with it, the GIL released, on one
thread since Spark already runs one task per core.

The rows are the raw JSONL lines (`spark.read.text`), parsed in the worker, so that every
field other than id and text reaches `meta` exactly as the CLI carries it, and each row's
`source` is its shard's path, as the CLI writes it for a file argument. The output has one
row per input row: `id`, `annotation` (the CLI's line, byte for byte) and, for the test,
the worker's pid and how many annotators that process built.

Usage: claimtag_pandas.py INPUT_GLOB OUTPUT_DIR [--master local[2]] [--partitions N]
(the package must be installed in the executors' Python: `pip install ./python`).
"""

import argparse
import json
import os
from typing import Iterator
from urllib.parse import unquote, urlparse

import pandas as pd
from pyspark.sql import SparkSession
from pyspark.sql.functions import input_file_name

_ANNOTATOR = None
_BUILT = 0


def annotator():
    """One Annotator per Python worker process: building it compiles every word list."""
    global _ANNOTATOR, _BUILT
    if _ANNOTATOR is None:
        import claimtag

        _ANNOTATOR = claimtag.Annotator()
        _BUILT += 1
    return _ANNOTATOR


def line_of(doc: dict) -> str:
    # Python's compact dump of the dict is the CLI's line (tested in python/tests).
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":"))


def annotate_batches(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    import claimtag

    a = annotator()
    for batch in batches:
        ids, lines = [], []
        for value, uri in zip(batch["value"], batch["file"]):
            source = unquote(urlparse(uri).path)
            # One row at a time on one thread: Spark already runs one task per core, so a
            # bigger pool per task would only compete with the other tasks. The row goes in
            # whole so that its other fields reach `meta` as the CLI writes them.
            try:
                row = json.loads(value)
                [doc] = a.annotate_many([row], threads=1, source=source)
                ids.append(doc["id"])
                lines.append(line_of(doc))
            except (ValueError, claimtag.ClaimtagError) as e:
                # A bad row keeps its place, as the CLI's error record does.
                kind = getattr(e, "kind", "input")
                ids.append(None)
                lines.append(json.dumps({"source": source, "error": {"kind": kind, "message": str(e)}}))
        yield pd.DataFrame({"id": ids, "annotation": lines, "pid": os.getpid(), "built": _BUILT})


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", help="JSONL shards (.jsonl or .jsonl.gz), a path or glob")
    parser.add_argument("output", help="directory for the output (JSON lines, one per document)")
    parser.add_argument("--master", default="local[2]")
    parser.add_argument("--partitions", type=int, default=0)
    args = parser.parse_args()
    spark = SparkSession.builder.master(args.master).appName("claimtag-pandas").getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    try:
        lines = spark.read.text(args.inputs).withColumn("file", input_file_name())
        if args.partitions:
            lines = lines.repartition(args.partitions)
        out = lines.mapInPandas(annotate_batches, schema="id string, annotation string, pid long, built long")
        out.write.mode("overwrite").json(args.output)
    finally:
        spark.stop()


if __name__ == "__main__":
    main()
