#!/usr/bin/env bash
# End-to-end throughput of `claimtag annotate` on a generated news corpus: MB/s, docs/s and
# peak RSS for --layers none (the read/write floor), sentences, and the full pipeline, at
# 1 and 2 threads. Prints a Markdown table to paste into benches/README.md. CPU seconds
# (user + sys) are printed too: on a shared machine wall-clock rates move with the load,
# MB per CPU-second much less.
#
# Why a script and not only criterion: the claims that matter to users (MB/s per thread,
# scaling to 2 threads, flat memory on a big input) are about the whole binary, with its
# reader, workers and writer running at once.
#
# Usage: benches/run.sh            (200 MB corpus, builds the release binary first)
#   MB=50 benches/run.sh           (a smaller corpus)
#   SKIP_BUILD=1 THREADS="1 2 4" LAYERS="none all" benches/run.sh
#   GZ=1 benches/run.sh            (also the full pipeline on the gzip-compressed corpus)
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
MB="${MB:-200}"
SEED="${SEED:-1}"
WORK="${WORK:-/tmp/claimtag-bench}"
THREADS="${THREADS:-1 2}"
LAYERS="${LAYERS:-none sentences all}"
BIN="$ROOT/target/release/claimtag"
CORPUS="$WORK/news-${MB}mb-seed${SEED}.jsonl"

mkdir -p "$WORK"
if [[ -z "${SKIP_BUILD:-}" ]]; then
  (cd "$ROOT" && cargo build --release --quiet)
fi
if [[ ! -s "$CORPUS" ]]; then
  python3 "$ROOT/benches/gen_corpus.py" --mb "$MB" --seed "$SEED" --out "$CORPUS" >&2
fi
BYTES=$(stat -c %s "$CORPUS")
DOCS=$(wc -l < "$CORPUS")

inputs=("$CORPUS")
if [[ -n "${GZ:-}" ]]; then
  [[ -s "$CORPUS.gz" ]] || gzip -1 -k "$CORPUS"
  inputs+=("$CORPUS.gz")
fi

echo "corpus: $CORPUS ($(awk "BEGIN{printf \"%.1f\", $BYTES/1e6}") MB, $DOCS documents)"
echo "binary: $BIN ($(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo unknown)), $(nproc) cores, $(date -u +%Y-%m-%d)"
echo
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| input | layers | threads | wall s | MB/s | docs/s | CPU s | MB per CPU-s | peak RSS MB |"
echo "|---|---|---|---:|---:|---:|---:|---:|---:|"
for input in "${inputs[@]}"; do
  for layers in $LAYERS; do
    # The compressed input only matters for the full pipeline (decompression overlap).
    if [[ "$input" == *.gz && "$layers" != all ]]; then continue; fi
    for threads in $THREADS; do
      timing="$WORK/time.txt"
      status=0
      /usr/bin/time -f "%e %M %U %S" -o "$timing" \
        "$BIN" annotate --quiet --threads "$threads" --layers "$layers" "$input" > /dev/null || status=$?
      if [[ $status -gt 1 ]]; then
        echo "claimtag failed with status $status" >&2
        exit "$status"
      fi
      read -r seconds rss_kb user_s sys_s < "$timing"
      awk -v s="$seconds" -v b="$BYTES" -v d="$DOCS" -v r="$rss_kb" -v u="$user_s" -v k="$sys_s" \
        -v name="$(basename "$input")" -v l="$layers" -v t="$threads" \
        'BEGIN { if (s <= 0) s = 0.01; cpu = u + k;
                 if (cpu <= 0) cpu = 0.01;
                 printf "| %s | %s | %d | %.2f | %.1f | %.0f | %.2f | %.1f | %.1f |\n",
                        name, l, t, s, b / 1e6 / s, d / s, cpu, b / 1e6 / cpu, r / 1024 }'
    done
  done
done
