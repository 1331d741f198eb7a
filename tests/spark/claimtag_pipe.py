#!/usr/bin/env python3
"""Annotates JSONL shards with claimtag inside Spark, through RDD.pipe.

Why: data teams run corpus jobs on the Spark clusters they already have. claimtag reads
JSONL on stdin and writes one annotation line per input line, in order, so it drops into
`RDD.pipe` with no wrapper: each partition's lines go to one claimtag process.

Usage: claimtag_pipe.py INPUT_GLOB OUTPUT_DIR [--binary PATH] [--master local[2]]
(the binary must exist at PATH on every executor; pass it with --files on a cluster).
"""

import argparse
import shlex

from pyspark import SparkConf, SparkContext


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", help="JSONL shards (.jsonl or .jsonl.gz), a path or glob")
    parser.add_argument("output", help="directory for part-NNNNN files of annotations")
    parser.add_argument("--binary", default="claimtag")
    parser.add_argument("--master", default="local[2]")
    parser.add_argument("--partitions", type=int, default=0,
                        help="minimum partitions (0: Spark's default split)")
    args = parser.parse_args()
    conf = SparkConf().setMaster(args.master).setAppName("claimtag")
    sc = SparkContext(conf=conf)
    sc.setLogLevel("ERROR")
    try:
        lines = (sc.textFile(args.inputs, args.partitions)
                 if args.partitions else sc.textFile(args.inputs))
        # One claimtag per partition; one worker thread each, since Spark already runs
        # one task per core. --quiet keeps stderr clean; exit status 1 (some documents
        # failed, each with its error record in the output) must not fail the task, so
        # checkCode stays off and error records are counted downstream instead.
        command = f"{shlex.quote(args.binary)} annotate --quiet --threads 1"
        lines.pipe(command, checkCode=False).saveAsTextFile(args.output)
    finally:
        sc.stop()


if __name__ == "__main__":
    main()
