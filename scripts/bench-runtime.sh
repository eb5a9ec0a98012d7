#!/usr/bin/env bash
# Builds the release `bootstrap` as Lambda runs it (static Swift runtime, stripped, zipped), builds a minimal C runtime
# as the baseline, and measures both through the Runtime API emulator in one run: cold start, warm round trip
# p50/p99, peak RSS, and the zip's size, with ratios to the baseline.
#   bash scripts/bench-runtime.sh                      30 cold starts, 3000 warm invocations per runtime
#   COLD_STARTS=5 WARM_INVOCATIONS=200 bash scripts/bench-runtime.sh
set -euo pipefail
cd "$(dirname "$0")/.."
scratch=.build-bench
out="$scratch/lambda"
mkdir -p "$out"

command -v zip >/dev/null || { apt-get update -qq && apt-get install -y -qq zip >/dev/null; }

swift build -c release --static-swift-stdlib --scratch-path "$scratch" --product bootstrap
swift build -c release --scratch-path "$scratch" --product stratus
cp "$scratch/release/bootstrap" "$out/bootstrap"
strip --strip-all "$out/bootstrap"
rm -f "$out/bootstrap.zip"
(cd "$out" && zip -q -9 bootstrap.zip bootstrap)
cc -O2 -o "$out/baseline-runtime" scripts/bench/baseline-runtime.c

echo "bootstrap: $(stat -c %s "$out/bootstrap") bytes stripped, $(stat -c %s "$out/bootstrap.zip") bytes zipped"
"$scratch/release/stratus" bench runtime \
    --bootstrap "$out/bootstrap" \
    --baseline "$out/baseline-runtime" \
    --event Examples/events/health.json \
    --zip "$out/bootstrap.zip" \
    --cold-starts "${COLD_STARTS:-30}" \
    --warm-invocations "${WARM_INVOCATIONS:-3000}" \
    "$@"
