#!/usr/bin/env bash
# Runs claimtag inside Spark (local mode, RDD.pipe over JSONL shards) on a generated sample
# and checks that every input document comes back exactly once and that the output equals
# a local run, byte for byte, in the same order.
#
# Not part of `cargo test`: pyspark is about 450 MB. Setup once:
#   python3 -m venv /tmp/spark-venv && /tmp/spark-venv/bin/pip install pyspark
#   PYTHON=/tmp/spark-venv/bin/python tests/spark/smoke.sh
# Needs Java 17 (or 11/21) on PATH. Exit 0 when the checks pass.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
PYTHON="${PYTHON:-python3}"
BIN="${BIN:-$ROOT/target/release/claimtag}"
WORK="$(mktemp -d /tmp/claimtag-spark.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT

if ! "$PYTHON" -c "import pyspark" 2>/dev/null; then
  echo "pyspark is not importable by $PYTHON; see the setup lines at the top of $0" >&2
  exit 2
fi
if [[ ! -x "$BIN" ]]; then
  (cd "$ROOT" && cargo build --release --quiet)
fi

python3 "$ROOT/benches/gen_corpus.py" --mb "${MB:-3}" --seed 7 --shards 4 --out-dir "$WORK/in" >&2
# One shard compressed: Spark decompresses .gz itself, as it would on a real corpus.
gzip "$WORK/in/shard-0003.jsonl"

# The local reference: the same lines, in the same order, through stdin.
for shard in "$WORK"/in/shard-000{0,1,2}.jsonl; do cat "$shard"; done > "$WORK/all.jsonl"
gzip -dc "$WORK/in/shard-0003.jsonl.gz" >> "$WORK/all.jsonl"
"$BIN" annotate --quiet --threads 2 < "$WORK/all.jsonl" > "$WORK/local.jsonl"

"$PYTHON" "$ROOT/tests/spark/claimtag_pipe.py" "$WORK/in/shard-*" "$WORK/spark" \
  --binary "$BIN" --master "local[2]" --partitions 6 2> "$WORK/spark.log" || {
  tail -30 "$WORK/spark.log" >&2
  exit 1
}
# Part files are named in partition order; glob order follows.
cat "$WORK"/spark/part-* > "$WORK/spark.jsonl"

"$PYTHON" - "$WORK/all.jsonl" "$WORK/spark.jsonl" "$WORK/local.jsonl" <<'PY'
import collections, json, sys
inputs, spark, local = sys.argv[1:4]
want = [json.loads(line)["id"] for line in open(inputs, encoding="utf-8")]
got = [json.loads(line)["id"] for line in open(spark, encoding="utf-8")]
counts = collections.Counter(got)
missing = [i for i in want if counts[i] == 0]
repeated = [i for i, n in counts.items() if n > 1]
extra = set(got) - set(want)
print(f"input documents: {len(want)}, Spark output records: {len(got)}")
assert not missing, f"missing: {missing[:5]}"
assert not repeated, f"repeated: {repeated[:5]}"
assert not extra, f"unexpected: {sorted(extra)[:5]}"
assert got == want, "Spark output is not in input order"
same = open(spark, "rb").read() == open(local, "rb").read()
assert same, "Spark output differs from the local run"
print("every document once, in order; Spark output identical to the local run")
PY
