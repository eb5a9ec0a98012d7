#!/usr/bin/env bash
# Runs the AWS client benchmarks (package-benchmark, release build) and prints what issue 17 §5 promises: SigV4 signing
# of a DynamoDB GetItem request in at most 5 µs at p50, and AWSJSONClient's added time per call over a raw HTTP/1.1
# keep-alive POST of the same bytes to the same minimal local responder, both measured in the same run, at most 30 µs
# at p50. Exits 1 when a target is missed. SCRATCH_PATH is the build folder (default Benchmarks/.build).
#   bash scripts/bench-aws-client.sh
set -euo pipefail
cd "$(dirname "$0")/.."
output=$(mktemp)
trap 'rm -f "$output"' EXIT
swift package --package-path Benchmarks --scratch-path "${SCRATCH_PATH:-Benchmarks/.build}" \
    --allow-writing-to-package-directory benchmark --target AWSClientBenchmarks --no-progress 2>/dev/null \
    | tee "$output"
echo
echo "== Summary (p50) =="
python3 scripts/bench/aws_client_summary.py < "$output"
