#!/usr/bin/env bash
# Order answered -> notification written, through the whole event backbone of `stratus serve` (outbox relay, bus,
# queue, poller, worker), at fixed rates (issue 16 §6). Uses the release build of `stratus` unless STRATUS_BIN names
# another; RATES (default 100,200,400) and SECONDS_PER_RATE (default 10) shape the run.
#   bash scripts/bench-notifications.sh
set -euo pipefail
cd "$(dirname "$0")/.."
binary=${STRATUS_BIN:-}
if [ -z "$binary" ]; then
    swift build -c release --product stratus >/dev/null
    binary=.build/release/stratus
fi
work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$binary" serve --port "$port" --xray-port 0 --data-dir "$work/data" --insecure-fast-password-hashing \
    >"$work/serve.out" 2>/dev/null &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do
    grep -q "Stratus local cloud on" "$work/serve.out" 2>/dev/null && break
    sleep 0.1
done
python3 scripts/bench/notifications_latency.py --url "http://127.0.0.1:$port" \
    --rates "${RATES:-100,200,400}" --seconds "${SECONDS_PER_RATE:-10}"
