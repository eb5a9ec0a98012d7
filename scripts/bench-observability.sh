#!/usr/bin/env bash
# Runs the observability benchmarks (package-benchmark, release build) and prints what issue 5 promises: the
# observability + middleware stack's added time per invocation over a bare handler (p50, ≤ 20 µs), and the
# Powertools logger's lines per second as a ratio of swift-log's StreamLogHandler in the same run (≥ 1).
# Both loggers write to standard error, which goes to /dev/null.
#   bash scripts/bench-observability.sh
set -euo pipefail
cd "$(dirname "$0")/.."
output=$(mktemp)
trap 'rm -f "$output"' EXIT
swift package --package-path Benchmarks --allow-writing-to-package-directory benchmark \
    --target ObservabilityBenchmarks --no-progress 2>/dev/null | tee "$output"
echo
echo "== Summary (p50) =="
python3 scripts/bench/observability_summary.py < "$output"
