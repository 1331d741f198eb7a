#!/usr/bin/env bash
# Runs the claimtag Python package inside Spark (local mode, mapInPandas over JSONL shards)
# on a generated sample and checks that every input document comes back exactly once, that
# each Python worker process built one Annotator, and that every output line equals the
# CLI's line for the same document of the same shard, byte for byte.
#
# Not part of `cargo test` or CI: pyspark is about 450 MB. Setup once:
#   python3 -m venv /tmp/spark-venv && /tmp/spark-venv/bin/pip install pyspark pandas pyarrow ./python
#   PYTHON=/tmp/spark-venv/bin/python tests/spark/pandas_smoke.sh
# Needs Java 17 (or 11/21) on PATH. Exit 0 when the checks pass.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
PYTHON="${PYTHON:-python3}"
BIN="${BIN:-$ROOT/target/release/claimtag}"
WORK="$(mktemp -d /tmp/claimtag-spark-pandas.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT

for module in pyspark pandas pyarrow claimtag; do
  if ! "$PYTHON" -c "import $module" 2>/dev/null; then
    echo "$module is not importable by $PYTHON; see the setup lines at the top of $0" >&2
    exit 2
  fi
done
if [[ ! -x "$BIN" ]]; then
  (cd "$ROOT" && cargo build --release --quiet)
fi

python3 "$ROOT/benches/gen_corpus.py" --mb "${MB:-3}" --seed 7 --shards 4 --out-dir "$WORK/in" >&2
# The CLI's lines for the same shards, each named by its path as Spark reports it.
"$BIN" annotate --quiet --threads 2 "$WORK"/in/shard-*.jsonl > "$WORK/local.jsonl"

PYSPARK_PYTHON="$PYTHON" "$PYTHON" "$ROOT/tests/spark/claimtag_pandas.py" "$WORK/in/shard-*.jsonl" "$WORK/spark" \
  --master "local[2]" --partitions 6 2> "$WORK/spark.log" || {
  tail -30 "$WORK/spark.log" >&2
  exit 1
}

"$PYTHON" - "$WORK/local.jsonl" "$WORK/spark" <<'PY'
import collections, glob, json, sys
local, spark = sys.argv[1:3]
want = {}
for line in open(local, encoding="utf-8"):
    want[json.loads(line)["id"]] = line.rstrip("\n")
rows = [json.loads(line) for path in sorted(glob.glob(f"{spark}/part-*")) for line in open(path, encoding="utf-8")]
counts = collections.Counter(r["id"] for r in rows)
print(f"input documents: {len(want)}, Spark output rows: {len(rows)}, worker processes: {len({r['pid'] for r in rows})}")
missing = [i for i in want if counts[i] == 0]
repeated = [i for i, n in counts.items() if n > 1]
assert not missing, f"missing: {missing[:5]}"
assert not repeated, f"repeated: {repeated[:5]}"
assert set(counts) == set(want), f"unexpected: {sorted(set(counts) - set(want))[:5]}"
built = collections.defaultdict(set)
for r in rows:
    built[r["pid"]].add(r["built"])
assert all(b == {1} for b in built.values()), f"annotators built per worker process: {dict(built)}"
differ = [r["id"] for r in rows if r["annotation"] != want[r["id"]]]
assert not differ, f"{len(differ)} lines differ from the CLI's, e.g. {differ[:3]}"
print("every document once; one Annotator per worker process; every line identical to the CLI's")
PY
