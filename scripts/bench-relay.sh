#!/usr/bin/env bash
# Measures the outbox relay as issue 15 asks: changes, each with its outbox event in the same transaction, committed
# at a fixed 200/s for 10 s into a fresh SQLite store, and the time from each commit being asked for to its event
# reaching the relay's publisher, p50 and p99, with `met` or `MISSED` against p99 ≤ 20 ms. Release build
# (scripts/build-stratus.sh).
# The CI smoke run of the same command (one second, debug build) is Tests/LocalCloudTests/OutboxRelayBenchSmokeTests.
#   bash scripts/bench-relay.sh
#   RATE=400 SECONDS_TO_RUN=30 bash scripts/bench-relay.sh
set -euo pipefail
cd "$(dirname "$0")/.."
[ -n "${SKIP_BUILD:-}" ] || bash scripts/build-stratus.sh >/dev/null
.build-stratus/release/stratus bench relay --rate "${RATE:-200}" --seconds "${SECONDS_TO_RUN:-10}" --enforce-target
