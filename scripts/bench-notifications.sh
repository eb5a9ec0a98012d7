#!/usr/bin/env bash
# Order answered -> notification written, through the whole event backbone of `stratus serve` (outbox relay, bus,
# queue, poller, worker), at fixed rates (issue 16 §6): p50/p99 per rate with met/MISSED for p99 <= 50 ms at 200/s,
# and the highest rate sustained without the queue growing (the rate steps up from 200 until it grows).
# Uses the release build of scripts/build-stratus.sh (built first unless SKIP_BUILD is set) or the binary STRATUS_BIN
# names; RATES (e.g. 100,200) runs those rates only instead of the search; SECONDS_PER_RATE (default 10) is each
# step's length; SMOKE=1 only checks that every order got its notification (exit 1 if one did not).
# The CI smoke run of the same script (a few seconds, debug build) is Tests/StratusCLITests/NotificationsBenchSmokeTests.
#   bash scripts/bench-notifications.sh
#   RATES=100,200 SECONDS_PER_RATE=10 bash scripts/bench-notifications.sh
set -euo pipefail
cd "$(dirname "$0")/.."
binary=${STRATUS_BIN:-}
if [ -z "$binary" ]; then
    [ -n "${SKIP_BUILD:-}" ] || bash scripts/build-stratus.sh >/dev/null
    binary=.build-stratus/release/stratus
fi
work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$binary" serve --port "$port" --xray-port 0 --data-dir "$work/data" --insecure-fast-password-hashing \
    >"$work/serve.out" 2>/dev/null &
server=$!
# Under `set -e` a failing command in the trap would replace the measurement's exit status: the server may already
# be gone (kill fails) or end non-zero on SIGTERM (wait returns that), neither of which is the benchmark's verdict.
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do
    grep -q "Stratus local cloud on" "$work/serve.out" 2>/dev/null && break
    sleep 0.1
done
if [ -n "${RATES:-}" ]; then
    shape=(--rates "$RATES")
else
    shape=(--search)
fi
[ -z "${SMOKE:-}" ] || shape+=(--smoke)
python3 scripts/bench/notifications_latency.py --url "http://127.0.0.1:$port" "${shape[@]}" \
    --seconds "${SECONDS_PER_RATE:-10}"
