#!/usr/bin/env bash
# End-to-end throughput of `claimtag annotate` on two corpora: the generated corpus
# (gen_corpus.py, regular template text) and a news-text corpus built at run time from the
# dev articles of ../shared/eval/dev (news_corpus.py; never committed). For each: MB/s,
# docs/s, CPU seconds and peak RSS, per layer set and thread count. On the news corpus the
# layer sets are cumulative (`none` = read and write only, then sentences, + entities,
# + attributions, + hedges = all), so the difference between two rows is one stage's cost.
#
# Why a script and not only criterion: the claims that matter to users (MB/s per thread,
# scaling to 2 threads, flat memory on a big input) are about the whole binary, with its
# reader, workers and writer running at once. On a shared machine wall-clock rates move by
# a third with the load: compare binaries with BASE=..., which runs the old binary right
# after the new one on every row and prints the ratio of their CPU seconds.
#
# Usage: benches/run.sh                 (200 MB generated + 60 MB news; builds the release binary)
#   MB=50 NEWS_MB=20 benches/run.sh     (smaller corpora)
#   BASE=/path/to/old/claimtag benches/run.sh   (each row also for BASE, with the ratio)
#   SKIP_BUILD=1 THREADS="1 2 4" LAYERS="none all" NEWS_LAYERS="all" benches/run.sh
#   GZ=1 benches/run.sh                 (also the full pipeline on the gzip-compressed corpus)
#   NEWS_MB=0 / MB=0                    (leave a corpus out)
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
MB="${MB:-200}"
NEWS_MB="${NEWS_MB:-60}"
SEED="${SEED:-1}"
WORK="${WORK:-/tmp/claimtag-bench}"
THREADS="${THREADS:-1 2}"
LAYERS="${LAYERS:-none sentences all}"
NEWS_LAYERS="${NEWS_LAYERS:-none sentences sentences,entities sentences,entities,attributions all}"
DEV="${DEV:-$ROOT/../shared/eval/dev}"
BIN="$ROOT/target/release/claimtag"
BASE="${BASE:-}"

mkdir -p "$WORK"
if [[ -z "${SKIP_BUILD:-}" ]]; then
  (cd "$ROOT" && cargo build --release --quiet)
fi

echo "binary: $BIN ($(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo unknown)), $(nproc) cores, $(date -u +%Y-%m-%d)"
[[ -n "$BASE" ]] && echo "base:   $BASE"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

# One run of `$1 annotate` on input $2 with layers $3 and threads $4: prints
# "wall_s rss_kb cpu_s".
run_once() {
  local timing="$WORK/time.txt" status=0
  /usr/bin/time -f "%e %M %U %S" -o "$timing" \
    "$1" annotate --quiet --threads "$4" --layers "$3" "$2" > /dev/null || status=$?
  if [[ $status -gt 1 ]]; then
    echo "claimtag failed with status $status" >&2
    exit "$status"
  fi
  awk '{ printf "%s %s %.2f\n", $1, $2, $3 + $4 }' "$timing"
}

# The table of one corpus: $1 the input, then the layer sets.
table() {
  local input="$1"; shift
  local bytes docs
  bytes=$(stat -c %s "$input")
  docs=$(wc -l < "$input")
  echo
  echo "corpus: $input ($(awk "BEGIN{printf \"%.1f\", $bytes/1e6}") MB, $docs documents)"
  echo
  if [[ -n "$BASE" ]]; then
    echo "| layers | threads | wall s | MB/s | docs/s | CPU s | MB per CPU-s | peak RSS MB | base CPU s | base MB per CPU-s | speed-up (CPU) |"
    echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  else
    echo "| layers | threads | wall s | MB/s | docs/s | CPU s | MB per CPU-s | peak RSS MB |"
    echo "|---|---|---:|---:|---:|---:|---:|---:|"
  fi
  for layers in "$@"; do
    for threads in $THREADS; do
      read -r wall rss cpu <<< "$(run_once "$BIN" "$input" "$layers" "$threads")"
      local base_cpu=""
      if [[ -n "$BASE" ]]; then
        read -r _ _ base_cpu <<< "$(run_once "$BASE" "$input" "$layers" "$threads")"
      fi
      awk -v s="$wall" -v b="$bytes" -v d="$docs" -v r="$rss" -v cpu="$cpu" -v bc="$base_cpu" \
        -v l="$layers" -v t="$threads" \
        'BEGIN { if (s <= 0) s = 0.01; if (cpu <= 0) cpu = 0.01;
                 printf "| %s | %d | %.2f | %.1f | %.0f | %.2f | %.1f | %.1f |",
                        l, t, s, b / 1e6 / s, d / s, cpu, b / 1e6 / cpu, r / 1024;
                 if (bc != "") { if (bc <= 0) bc = 0.01;
                   printf " %.2f | %.1f | %.2fx |", bc, b / 1e6 / bc, bc / cpu }
                 printf "\n" }'
    done
  done
}

if [[ "$MB" != 0 ]]; then
  CORPUS="$WORK/news-${MB}mb-seed${SEED}.jsonl"
  [[ -s "$CORPUS" ]] || python3 "$ROOT/benches/gen_corpus.py" --mb "$MB" --seed "$SEED" --out "$CORPUS" >&2
  echo
  echo "## generated corpus (gen_corpus.py)"
  table "$CORPUS" $LAYERS
  if [[ -n "${GZ:-}" ]]; then
    [[ -s "$CORPUS.gz" ]] || gzip -1 -k "$CORPUS"
    table "$CORPUS.gz" all
  fi
fi

if [[ "$NEWS_MB" != 0 ]]; then
  if [[ -d "$DEV" ]]; then
    NEWS="$WORK/devnews-${NEWS_MB}mb.jsonl"
    [[ -s "$NEWS" ]] || python3 "$ROOT/benches/news_corpus.py" --mb "$NEWS_MB" --dev "$DEV" --out "$NEWS" >&2
    echo
    echo "## news text (news_corpus.py: the dev articles repeated; cumulative layers)"
    table "$NEWS" $NEWS_LAYERS
  else
    echo "news corpus skipped: no dev data at $DEV (set DEV=...)" >&2
  fi
fi
echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
