#!/usr/bin/env bash
# Runs the toolkit benchmarks (package-benchmark, release build) and prints what issue 3 promises: store throughput
# as a ratio of raw SQLite doing the equivalent statement in the same run, and the router's added time per request.
#   bash scripts/bench-toolkit.sh
set -euo pipefail
cd "$(dirname "$0")/.."
output=$(mktemp)
trap 'rm -f "$output"' EXIT
swift package --package-path Benchmarks --allow-writing-to-package-directory benchmark \
    --target StoreBenchmarks --target RouterBenchmarks --no-progress 2>&1 | tee "$output"
echo
echo "== Summary (p50) =="
python3 scripts/bench/summarize.py < "$output"
