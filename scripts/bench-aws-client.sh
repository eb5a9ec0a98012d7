#!/usr/bin/env bash
# Runs the AWS client benchmarks (package-benchmark, release build) and prints what issue 17 §5 promises: SigV4 signing
# of a DynamoDB GetItem request in at most 5 µs at p50, and AWSJSONClient's added time per call over a raw HTTP/1.1
# keep-alive POST of the same bytes to the same minimal local responder, both measured in the same run, at most 30 µs
# at p50. Exits 1 when a target is missed. SCRATCH_PATH is the build folder (default Benchmarks/.build).
#
# The benchmarks run twice: with their threads free to move between the machine's cores, then with every thread on
# one core (taskset), as a Lambda function of up to 1,769 MB runs on (a share of) one vCPU. On a virtual machine a
# loopback round trip between two cores costs tens of microseconds of wake-up that move from run to run with where
# the scheduler puts the client and the responder; on one core the round trip is the work of both ends, and the
# difference between the client and the raw POST is the client's own cost.
#   bash scripts/bench-aws-client.sh
set -euo pipefail
cd "$(dirname "$0")/.."
free=$(mktemp)
pinned=$(mktemp)
trap 'rm -f "$free" "$pinned"' EXIT
benchmark() {
    swift package --package-path Benchmarks --scratch-path "${SCRATCH_PATH:-Benchmarks/.build}" \
        --allow-writing-to-package-directory benchmark --target AWSClientBenchmarks --no-progress 2>/dev/null
}
benchmark | tee "$free"
status=0
echo
echo "== Summary (p50), threads free to move between cores =="
python3 scripts/bench/aws_client_summary.py < "$free" || status=1
if command -v taskset >/dev/null && [ "$(nproc)" -gt 1 ]; then
    taskset -c 0 bash -c "$(declare -f benchmark); benchmark" > "$pinned"
    echo
    echo "== Summary (p50), every thread on one core =="
    python3 scripts/bench/aws_client_summary.py < "$pinned" || status=1
fi
exit $status
