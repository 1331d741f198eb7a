#!/usr/bin/env bash
# Builds both fuzz targets and runs each for SECONDS (default 600), starting from the
# committed seeds, then prints libFuzzer's summary lines for each: runs done, coverage
# reached, and any crash with the file it was written to.
#
#   fuzz/run.sh            # 10 minutes per target
#   fuzz/run.sh 60         # a quick shake-out
#   SANITIZER=none fuzz/run.sh   # about twice the executions (the crate has no `unsafe`)
#
# cargo fuzz needs nightly compiler flags; RUSTC_BOOTSTRAP=1 lets the stable toolchain
# accept them. Exit status is non-zero when any target crashed.
set -uo pipefail

seconds="${1:-600}"
sanitizer="${SANITIZER:-address}"
max_len="${MAX_LEN:-4096}"
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
export RUSTC_BOOTSTRAP=1

if ! command -v cargo-fuzz >/dev/null; then
    echo "cargo-fuzz is missing: cargo install cargo-fuzz --locked" >&2
    exit 2
fi

cargo fuzz build --sanitizer "$sanitizer" || exit 2

status=0
for target in annotate_bytes jsonl_input; do
    corpus="fuzz/corpus/$target"
    log="fuzz/artifacts/$target.log"
    mkdir -p "$corpus" "fuzz/artifacts/$target"
    # The working corpus grows here (git-ignored); the committed seeds stay small.
    cp -n fuzz/seeds/"$target"/* "$corpus"/ 2>/dev/null || true
    echo "== $target: ${seconds}s, max_len $max_len, sanitizer $sanitizer"
    cargo fuzz run --sanitizer "$sanitizer" "$target" "$corpus" -- \
        -max_total_time="$seconds" -max_len="$max_len" -print_final_stats=1 \
        >"$log" 2>&1
    code=$?
    # Last status line (runs, coverage, corpus), final stats, and any crash report.
    grep -E '^#[0-9]+' "$log" | tail -n 1
    grep -E '^(stat::number_of_executed_units|stat::average_exec_per_sec|stat::peak_rss_mb|stat::new_units_added)' "$log"
    grep -E "panicked at|ERROR: libFuzzer|SUMMARY:|Test unit written to|^Done [0-9]+ runs" "$log"
    if [ "$code" -ne 0 ]; then
        echo "!! $target crashed (exit $code); full log: $log"
        status=1
    else
        echo "ok $target: no crash; full log: $log"
    fi
done
exit "$status"
